#!/usr/bin/env python3
"""Tiny static server for the chat widget and its demo intranet page (stdlib only).

    WIDGET_HOST  address to bind                (default 127.0.0.1)
    WIDGET_PORT  port                           (default 8000)
    BOT_URL      Rasa server base URL           (default http://localhost:5005)

Serves:
    /           the demo page (widget/demo/index.html) with data-endpoint set to
                BOT_URL + /webhooks/rest/webhook
    /widget/*   static files from this folder (js, css, html, txt, md, svg, png, ico);
                never anything outside it, never .py files

Every response carries a strict Content-Security-Policy (connect-src allows the
bot's origin), X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer.

Run:  python widget/server.py      (Ctrl+C to stop)
"""
from __future__ import annotations

import html
import os
import posixpath
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

WIDGET_DIR = Path(__file__).resolve().parent
DEMO_PAGE = WIDGET_DIR / "demo" / "index.html"
DEFAULT_ENDPOINT = "http://localhost:5005/webhooks/rest/webhook"
REST_PATH = "/webhooks/rest/webhook"

MIME_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


def bot_origin(bot_url: str) -> str:
    parts = urlsplit(bot_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"BOT_URL must be an http(s) URL, got {bot_url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def bot_endpoint(bot_url: str) -> str:
    return bot_url.rstrip("/") + REST_PATH


def content_security_policy(bot_url: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"connect-src 'self' {bot_origin(bot_url)}",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def render_demo_page(bot_url: str) -> bytes:
    page = DEMO_PAGE.read_text(encoding="utf-8")
    marker = f'data-endpoint="{DEFAULT_ENDPOINT}"'
    if marker not in page:
        raise RuntimeError("demo page is missing the data-endpoint placeholder")
    endpoint = html.escape(bot_endpoint(bot_url), quote=True)
    return page.replace(marker, f'data-endpoint="{endpoint}"').encode("utf-8")


def resolve_static(url_path: str) -> Path | None:
    """Map /widget/<rel> to a file inside WIDGET_DIR, or None (404)."""
    if not url_path.startswith("/widget/"):
        return None
    rel = unquote(url_path[len("/widget/"):])
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/"):
        return None
    norm = posixpath.normpath(rel)
    if norm.startswith("..") or any(part in ("..", "") for part in norm.split("/")):
        return None
    if any(part.startswith(".") for part in norm.split("/")):  # no dotfiles
        return None
    candidate = (WIDGET_DIR / norm).resolve()
    try:
        candidate.relative_to(WIDGET_DIR)
    except ValueError:
        return None
    if candidate.suffix.lower() not in MIME_TYPES or not candidate.is_file():
        return None
    return candidate


class WidgetHandler(BaseHTTPRequestHandler):
    server_version = "neglect-chat-widget"
    sys_version = ""
    bot_url = "http://localhost:5005"
    quiet = False

    def _common_headers(self) -> None:
        self.send_header("Content-Security-Policy", content_security_policy(self.bot_url))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "SAMEORIGIN")

    def _send(self, status: int, body: bytes, content_type: str, cache: str) -> None:
        self.send_response(status)
        self._common_headers()
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8", "no-store")

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        path = urlsplit(self.path).path
        if path == "/":
            self._send(HTTPStatus.OK, render_demo_page(self.bot_url), MIME_TYPES[".html"], "no-store")
            return
        target = resolve_static(path)
        if target is None:
            self._not_found()
            return
        self._send(HTTPStatus.OK, target.read_bytes(), MIME_TYPES[target.suffix.lower()], "no-cache")

    do_HEAD = do_GET

    def _method_not_allowed(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self._common_headers()
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _method_not_allowed

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if not self.quiet:
            super().log_message(format, *args)


def make_server(host: str = "127.0.0.1", port: int = 8000,
                bot_url: str = "http://localhost:5005", quiet: bool = False) -> ThreadingHTTPServer:
    bot_origin(bot_url)  # validate early
    handler = type("ConfiguredWidgetHandler", (WidgetHandler,), {"bot_url": bot_url, "quiet": quiet})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main() -> int:
    host = os.environ.get("WIDGET_HOST", "127.0.0.1")
    port = int(os.environ.get("WIDGET_PORT", "8000"))
    bot_url = os.environ.get("BOT_URL", "http://localhost:5005")
    server = make_server(host, port, bot_url)
    print(f"Widget demo on http://{host}:{server.server_address[1]}/ (bot: {bot_endpoint(bot_url)})",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
