"""A real running assistant for the end-to-end and live browser tests.

`live_bot` starts `scripts/serve` (the same script `make run` uses) on its own ports with a
throwaway tracker database and a throwaway copy of the knowledge database (so reports about
numbers made in tests never reach var/knowledge.db), waits until the REST webhook answers, and
stops it afterwards. It needs a trained model (`make test` trains first).

`knowledge_db`, `kb` and `resolver`: knowledge/ validated and loaded once per session, shared by the
unit and action tests (a load takes seconds; no test changes them).

`postgres` (and its `postgres_url`) is a private PostgreSQL server for tests that need the production
database, started the way `make run-prod` starts it (deploy/stack.py).
"""
from __future__ import annotations

import contextlib
import gc
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import connect, load
from bot.places import PlaceResolver

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "models" / "assistant.tar.gz"


def pytest_configure(config):
    """Fewer garbage collections. A test session keeps big things alive throughout (Rasa and
    TensorFlow's modules, the knowledge base's 20,000 place names and 50,000 postcodes), and with
    the default thresholds the collector walks them all again every few hundred allocations:
    loading the knowledge took twice as long inside the session as outside it."""
    gc.set_threshold(50_000, 20, 20)


def pytest_collection_finish(session):
    """What exists once the tests are collected (modules, parameters) lives to the end: the
    collector need not look at it again."""
    gc.freeze()


def new_sender() -> str:
    """A conversation id as the widget draws one: 128 random bits."""
    return secrets.token_urlsafe(16)


def say(url: str, sender: str, message, timeout: float = 60) -> list:
    """POST one message to the REST webhook at `url`; the bot's messages."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback)
        return json.load(response)


def text_of(messages: list) -> str:
    return "\n".join(m.get("text") or json.dumps(m.get("custom", "")) for m in messages)


@dataclass
class LiveBot:
    url: str
    widget_url: str
    tracker_db: Path
    log: Path
    var: Path  # every file the running assistant writes: database, keys, logs
    knowledge_db_url: str

    def stored_events(self, sender: str) -> list:
        """The conversation's events as stored, decrypted (with the bot's own keys)."""
        from bot import keys
        from bot.encryption import EventCipher
        from bot.sender_ids import SenderIds

        env = {"SECRETS_DIR": str(self.var / "secrets")}
        hashed = SenderIds(keys.sender_id_key(env)).hashed(sender)
        cipher = EventCipher.from_environment(env)
        with sa.create_engine(f"sqlite:///{self.tracker_db}").connect() as connection:
            rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": hashed}).all()
        return [json.loads(cipher.decrypt(data)) for (data,) in rows]

    def say(self, sender: str, message, timeout: float = 60) -> list:
        return say(self.url, sender, message, timeout)

    def text(self, sender: str, message) -> str:
        return text_of(self.say(sender, message))


def _start(tmp: Path, ports: dict, extra_env: dict = None) -> subprocess.Popen:
    env = dict(os.environ, TRACKER_DB=str(tmp / "var" / "tracker.db"), SECRETS_DIR=str(tmp / "var" / "secrets"),
               LOG_DIR=str(tmp / "var" / "log"), BOT_PORT=str(ports["bot"]),
               ACTION_PORT=str(ports["action"]), WIDGET_PORT=str(ports["widget"]),
               ALLOWED_ORIGINS=f"http://localhost:{ports['widget']} http://127.0.0.1:{ports['widget']}",
               BOT_URL=f"http://localhost:{ports['bot']}", **(extra_env or {}))
    env.pop("ENABLE_API", None) if "ENABLE_API" not in (extra_env or {}) else None
    log = open(tmp / "serve.log", "w")
    return subprocess.Popen([str(REPO / "scripts" / "serve")], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def _wait_ready(bot: LiveBot, process: subprocess.Popen, timeout: float = None) -> None:
    """Wait for the first answer; LIVE_BOT_READY_SECONDS (default 600) allows for a loaded machine."""
    timeout = timeout or float(os.environ.get("LIVE_BOT_READY_SECONDS", "600"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scripts/serve exited early:\n{bot.log.read_text()[-3000:]}")
        try:
            if bot.say(new_sender(), "hello", timeout=10):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(2)
    raise RuntimeError(f"the assistant did not answer within {timeout}s:\n{bot.log.read_text()[-3000:]}")


def free_port_block(count: int, start: int = 20000, end: int = 60000) -> int:
    """The first port of `count` consecutive loopback ports nobody listens on, so that test runs in
    several checkouts at once (or a developer's `make run`) don't collide."""
    base = start + (os.getpid() * 7) % (end - start - count)
    for offset in range(0, end - start, count):
        first = start + (base - start + offset) % (end - start - count)
        if all(_port_free(first + i) for i in range(count)):
            return first
    raise RuntimeError("no free block of loopback ports")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        return process.wait()


@contextlib.contextmanager
def running_bot(tmp_path_factory, name: str, extra_env: dict = None):
    """`scripts/serve` in a temporary folder of its own (conversations, keys, logs, a knowledge
    database loaded from knowledge/), on free ports; stopped on leaving."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    tmp = tmp_path_factory.mktemp(name)
    first = free_port_block(3)
    ports = {"bot": first, "action": first + 1, "widget": first + 2}
    knowledge_db_url = f"sqlite:///{tmp / 'knowledge.db'}"
    load(connect(knowledge_db_url))
    process = _start(tmp, ports, {"KNOWLEDGE_DB_URL": knowledge_db_url, **(extra_env or {})})
    widget = "" if (extra_env or {}).get("WIDGET") == "0" else f"http://localhost:{ports['widget']}"
    bot = LiveBot(f"http://localhost:{ports['bot']}", widget, tmp / "var" / "tracker.db", tmp / "serve.log", tmp / "var",
                  knowledge_db_url)
    try:
        _wait_ready(bot, process)
        yield bot
    finally:
        stop(process)


@pytest.fixture(scope="session")
def knowledge_db(tmp_path_factory) -> Path:
    """A SQLite file of the session's own holding knowledge/, validated and loaded as `make knowledge`
    loads it; a test that writes to a knowledge database works on a copy of it."""
    path = tmp_path_factory.mktemp("knowledge") / "knowledge.db"
    load(connect(f"sqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def kb(knowledge_db) -> KnowledgeBase:
    """The knowledge base read back from it, as the bot reads it."""
    return KnowledgeBase(connect(f"sqlite:///{knowledge_db}"))


@pytest.fixture(scope="session")
def resolver(kb) -> PlaceResolver:
    return PlaceResolver(kb.places, kb.postcodes)


@pytest.fixture(scope="session")
def live_bot(tmp_path_factory):
    with running_bot(tmp_path_factory, "live") as bot:
        yield bot


@pytest.fixture(scope="session")
def postgres():
    """A private PostgreSQL (Debian's package, `make servers`), fresh for the session: a
    deploy.stack.Stack, as in production mode, with only its PostgreSQL service started, its data
    under var/test-postgres. Tests that use it are marked `servers` (not run by `make test-fast`).
    """
    from deploy.stack import PG_BIN, Stack

    if not (PG_BIN / "postgres").exists():
        message = f"PostgreSQL is not installed ({PG_BIN}/postgres): run `make servers`"
        if os.environ.get("REQUIRE_SERVERS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    var = REPO / "var" / "test-postgres"
    shutil.rmtree(var, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    stack = Stack(var=var, proxy_port=free_port_block(6), env=env)
    stack.start("postgres", timeout=90)
    try:
        yield stack
    finally:
        stack.stop_all()
        shutil.rmtree(var, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres) -> str:
    """The SQLAlchemy URL of that PostgreSQL's application database."""
    return postgres.db_url
