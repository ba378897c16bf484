"""widget/server.py over real HTTP (stdlib only, no browser needed)."""
from __future__ import annotations

import http.client
import importlib.util
import threading
from pathlib import Path

import pytest

SERVER_PY = Path(__file__).resolve().parents[2] / "widget" / "server.py"
BOT = "https://bot.example.org:5005"


def _load_server_module():
    spec = importlib.util.spec_from_file_location("neglect_widget_server", SERVER_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def server():
    mod = _load_server_module()
    srv = mod.make_server("127.0.0.1", 0, BOT, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def fetch(port, path, method="GET"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request(method, path)  # http.client sends the path as given (no normalising)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp, body


def test_demo_page_has_endpoint_and_strict_headers(server):
    resp, body = fetch(server, "/")
    assert resp.status == 200
    assert resp.getheader("Content-Type") == "text/html; charset=utf-8"
    csp = resp.getheader("Content-Security-Policy")
    for part in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                 f"connect-src 'self' {BOT}", "img-src 'self' data:"):
        assert part in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert resp.getheader("X-Content-Type-Options") == "nosniff"
    assert resp.getheader("Referrer-Policy") == "no-referrer"
    html = body.decode()
    assert f'data-endpoint="{BOT}/webhooks/rest/webhook"' in html
    assert '<script src="/widget/neglect-chat.js"' in html
    assert "<script>" not in html and "style=" not in html  # nothing inline


@pytest.mark.parametrize("path, mime", [
    ("/widget/neglect-chat.js", "text/javascript; charset=utf-8"),
    ("/widget/neglect-chat.css", "text/css; charset=utf-8"),
    ("/widget/demo/index.html", "text/html; charset=utf-8"),
])
def test_static_files_with_mime_types(server, path, mime):
    resp, body = fetch(server, path)
    assert resp.status == 200 and body
    assert resp.getheader("Content-Type") == mime
    assert resp.getheader("X-Content-Type-Options") == "nosniff"
    assert resp.getheader("Content-Security-Policy")


@pytest.mark.parametrize("path", [
    "/widget/server.py",
    "/widget/../widget/server.py",
    "/widget/../.git/config",
    "/widget/%2e%2e/.git/config",
    "/widget/..%2f..%2fetc%2fpasswd",
    "/widget/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/widget/demo/../../tests/browser/conftest.py",
    "/widget//etc/passwd",
    "/widget/..\\..\\etc\\passwd",
    "/widget/%00neglect-chat.js",
    "/widget/",
    "/widget/demo",
    "/etc/passwd",
    "/../etc/passwd",
    "/tests/browser/conftest.py",
    "/widget/.hidden.js",
])
def test_nothing_outside_the_widget_folder(server, path):
    resp, body = fetch(server, path)
    assert resp.status == 404, (path, resp.status)
    assert b"root:" not in body and b"import" not in body


def test_only_get_and_head(server):
    resp, body = fetch(server, "/widget/neglect-chat.js", method="HEAD")
    assert resp.status == 200 and body == b""
    resp, _ = fetch(server, "/", method="POST")
    assert resp.status == 405
    assert resp.getheader("Allow") == "GET, HEAD"


def test_bot_url_must_be_http():
    mod = _load_server_module()
    with pytest.raises(ValueError):
        mod.make_server("127.0.0.1", 0, "javascript:alert(1)")
    assert mod.bot_endpoint("http://localhost:5005/") == "http://localhost:5005/webhooks/rest/webhook"


def test_widget_source_is_csp_and_privacy_safe():
    """No inline styles, no HTML parsing of strings, no persistent storage, no eval."""
    widget = SERVER_PY.parent
    js = (widget / "neglect-chat.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in js.splitlines() if not line.lstrip().startswith(("*", "/*", "//")))
    code = code.replace("'http://www.w3.org/2000/svg'", "")  # an XML namespace, not a request
    for banned in (".style", "cssText", "innerHTML", "outerHTML", "insertAdjacentHTML",
                   "document.write", "localStorage", "document.cookie", "eval(", "new Function",
                   "setTimeout('", 'setTimeout("', "http://", "https://"):
        assert banned not in code, banned
    assert "sessionStorage" in code and "textContent" in code
    html = (widget / "demo" / "index.html").read_text(encoding="utf-8")
    assert html.count("<script") == 1 and "style=" not in html
