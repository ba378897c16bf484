"""Fixtures for the chat widget's browser tests (pytest + Playwright + Debian's Chromium).

By default the widget talks to a scripted FAKE Rasa REST server started here (on a free
loopback port, with CORS headers, like `rasa run --cors`). Set BOT_URL to use a real,
already running bot instead (e.g. BOT_URL=http://localhost:5005): then only the tests
that make sense against a real bot run, the others are skipped.

In real-bot mode the widget page must be served from an origin that the bot's --cors
allows, so it is served on http://localhost:$WIDGET_PORT (default 8000). Set WIDGET_URL
to use a widget server that is already running instead of starting one.

Environment:
    CHROMIUM_PATH   browser binary (default /usr/bin/chromium)
    BOT_URL         real bot base URL; unset means the fake bot
    WIDGET_PORT     port for the widget server in real-bot mode (default 8000)
    WIDGET_URL      use this running widget server instead of starting one

Playwright is imported lazily so a missing package skips these tests instead of
breaking collection of the rest of the suite.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.fake_rasa_bot import FakeRasa  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
WIDGET_DIR = REPO / "widget"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REAL_BOT_URL = os.environ.get("BOT_URL", "").strip().rstrip("/")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]



def browser_tools():
    """Playwright's sync API, or a skip (a failure under `make test`, which sets REQUIRE_BROWSER=1)
    when Chromium or Playwright is missing, so a missing install never passes silently there."""
    problem = None
    if not os.path.exists(CHROMIUM):
        problem = f"Chromium not found at {CHROMIUM}: run `make chromium` (Debian's chromium) or set CHROMIUM_PATH"
    else:
        try:
            import playwright.sync_api as sync_api
            return sync_api
        except ImportError:
            problem = "playwright is not installed: run `make install`"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem, allow_module_level=True)


# -------------------------------------------------------------------- fixtures


def pytest_configure(config):
    config.addinivalue_line("markers", "real_bot: also runs against a real bot when BOT_URL is set")


@pytest.fixture(scope="session")
def _fake_rasa():
    if REAL_BOT_URL:
        yield None
        return
    fake = FakeRasa().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def bot_url(_fake_rasa) -> str:
    return REAL_BOT_URL or _fake_rasa.url


@pytest.fixture()
def fake_bot(_fake_rasa) -> FakeRasa:
    """The scripted fake bot (cleared for each test); skips the test in real-bot mode."""
    if _fake_rasa is None:
        pytest.skip("needs the scripted fake bot (BOT_URL points at a real bot)")
    _fake_rasa.reset()
    return _fake_rasa


def _wait_for_http(url: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 (loopback)
                if resp.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="session")
def widget_url(bot_url) -> str:
    """Base URL of widget/server.py, started as a real process with its env vars."""
    preset = os.environ.get("WIDGET_URL", "").strip().rstrip("/")
    if preset:
        _wait_for_http(preset + "/")
        yield preset
        return
    if REAL_BOT_URL:
        # The bot's --cors list (ALLOWED_ORIGINS) defaults to http://localhost:8000.
        host, page_host, port = "127.0.0.1", "localhost", os.environ.get("WIDGET_PORT", "8000")
    else:
        host, page_host, port = "127.0.0.1", "127.0.0.1", "0"
    env = dict(os.environ, WIDGET_HOST=host, WIDGET_PORT=port, BOT_URL=bot_url, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, str(WIDGET_DIR / "server.py")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        first = proc.stdout.readline()  # "Widget demo on http://HOST:PORT/ (bot: ...)"
        if not first.startswith("Widget demo on http://"):
            raise RuntimeError(f"widget server did not start: {first!r}")
        actual_port = first.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1]
        url = f"http://{page_host}:{actual_port}"
        threading.Thread(target=proc.stdout.read, daemon=True).start()  # drain
        _wait_for_http(url + "/")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="package")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


# Collects CSP violations reported by the page itself (runs via the DevTools protocol,
# so it is not subject to the page's CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


class PageWatch:
    """Console messages, page errors and JS dialogs seen during a test."""

    def __init__(self, page) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def csp_messages(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


@pytest.fixture()
def new_page(browser, widget_url):
    """Factory: a fresh context + page (own sessionStorage), watched for CSP errors and dialogs."""
    made = []

    def make(viewport=None, reduced_motion="no-preference", clipboard=True, init_script=None):
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 800},
            reduced_motion=reduced_motion,
            locale="en-GB",
        )
        if clipboard:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=widget_url)
        context.add_init_script(CSP_LISTENER)
        if init_script:
            context.add_init_script(init_script)
        context.set_default_timeout(30_000 if REAL_BOT_URL else 10_000)
        page = context.new_page()
        watch = PageWatch(page)
        made.append((context, page, watch))
        return page, watch

    yield make

    problems = []
    for context, page, watch in made:
        try:
            violations = page.evaluate("window.__cspViolations || []")
        except Exception:  # page already closed
            violations = []
        problems += [f"CSP console error: {m}" for m in watch.csp_messages()]
        problems += [f"CSP violation event: {v}" for v in violations]
        problems += [f"JS dialog opened: {d}" for d in watch.dialogs]
        problems += [f"page error: {e}" for e in watch.errors]
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture()
def page_and_watch(new_page):
    return new_page()


@pytest.fixture()
def page(page_and_watch):
    return page_and_watch[0]
