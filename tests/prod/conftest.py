"""Production mode with real servers: PostgreSQL, Redis, the action server, two replicas, nginx.

`prod` starts the whole stack once per session on six free consecutive ports (`deploy.stack.Stack`, the
code `make run-prod` runs), with fresh private databases under var/test-prod/ (not the pytest
temp directory: PostgreSQL runs as the `postgres` user when the tests run as root, and pytest's
temp directories are private to the current user). Everything is stopped at the end, and the
tests that stop a service start it again before they finish.
"""
from __future__ import annotations

import os
import shutil
import uuid

import pytest
import sqlalchemy as sa

from deploy.stack import REPO, Stack
from tests.conftest import MODEL, free_port_block


@pytest.fixture(scope="session")
def prod():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    var = REPO / "var" / "test-prod"
    shutil.rmtree(var, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "ENABLE_API")}
    stack = Stack(var=var, proxy_port=free_port_block(6), env=dict(env, RATE_LIMIT="50r/s", RATE_BURST="100"))
    stack.start_all()
    try:
        yield stack
    finally:
        stack.stop_all()


@pytest.fixture
def sender():
    return f"prod-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def events_db(prod):
    engine = sa.create_engine(prod.db_url, pool_pre_ping=True)
    yield engine
    engine.dispose()
