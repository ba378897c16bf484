"""A private PostgreSQL for the tests that need a real one (started as `make run-prod` starts it)."""
from __future__ import annotations

import shutil

import pytest

from deploy.stack import REPO, Stack
from tests.conftest import free_port_block


@pytest.fixture(scope="session")
def postgres():
    """The stack's PostgreSQL alone, on free ports, with fresh data under var/test-postgres."""
    var = REPO / "var" / "test-postgres"
    shutil.rmtree(var, ignore_errors=True)
    stack = Stack(var=var, proxy_port=free_port_block(6), env={"PATH": "/usr/bin:/bin"})
    stack.start("postgres", timeout=60)
    try:
        yield stack
    finally:
        stack.stop("postgres")
        shutil.rmtree(var, ignore_errors=True)
