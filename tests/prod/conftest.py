"""Production mode with real servers: PostgreSQL, Redis, the action server, two replicas, nginx.

`prod` starts the whole stack once per session on six free consecutive ports (`deploy.stack.Stack`, the
code `make run-prod` runs), with fresh private databases under var/test-prod/ (not the pytest
temp directory: PostgreSQL runs as the `postgres` user when the tests run as root, and pytest's
temp directories are private to the current user). Everything is stopped at the end, and the
tests that stop a service start it again before they finish.
"""
from __future__ import annotations

import json
import os
import shutil
import urllib.request

import pytest
import sqlalchemy as sa

from bot import keys
from bot.encryption import EventCipher
from bot.sender_ids import SenderIds
from deploy.stack import REPO, Stack
from tests.conftest import MODEL, free_port_block, new_sender


@pytest.fixture(scope="session")
def prod():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    var = REPO / "var" / "test-prod"
    shutil.rmtree(var, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "RASA_API_TOKEN_FILE", "TLS_CERT", "TLS_KEY")}
    stack = Stack(var=var, proxy_port=free_port_block(6), env=dict(env, RATE_LIMIT="50r/s", RATE_BURST="100", ENABLE_API="1"))
    # The proxy speaks HTTPS with the certificate the stack made: trust it for this session's requests.
    urllib.request.install_opener(urllib.request.build_opener(urllib.request.HTTPSHandler(context=stack.tls_context())))
    stack.start_all(timeout=900)  # two replicas loading a model on a shared 2-core machine
    try:
        yield stack
    finally:
        stack.stop_all()


@pytest.fixture
def sender():
    return new_sender()


@pytest.fixture(scope="session")
def events_db(prod):
    engine = sa.create_engine(prod.db_url, pool_pre_ping=True)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def stored(prod):
    """The stored form of a conversation: its hashed id, and its events decrypted."""
    env = {"SECRETS_DIR": str(prod.key_dir)}
    return StoredConversations(SenderIds(keys.sender_id_key(env)), EventCipher.from_environment(env))


class StoredConversations:
    def __init__(self, ids: SenderIds, cipher: EventCipher):
        self.ids, self.cipher = ids, cipher

    def id(self, sender: str) -> str:
        return self.ids.hashed(sender)

    def events(self, events_db, sender: str, type_name: str = None) -> list:
        query = "SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"
        with events_db.connect() as connection:
            rows = connection.execute(sa.text(query), {"s": self.id(sender)}).all()
        return [json.loads(self.cipher.decrypt(data)) for kind, data in rows if type_name in (None, kind)]
