"""The stack's processes and ports, with real servers but without a model: nothing outlives the
stack, even killed; every server has its own port whatever the number of replicas."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from deploy.stack import REPO, Stack
from tests.conftest import free_port_block

NO_LOCAL_SERVERS = {"DATABASE_URL": "postgresql://app:pw@127.0.0.1:9/app", "REDIS_URL": "redis://127.0.0.1:9/0"}

STARTER = """
import sys, time
from pathlib import Path
from deploy.stack import Stack
stack = Stack(var=Path(sys.argv[1]), proxy_port=int(sys.argv[2]), env={"PATH": "/usr/bin:/bin"})
stack.start("postgres", timeout=60)
stack.start("redis", timeout=30)
print(stack.services["postgres"].process.pid, stack.services["redis"].process.pid, flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_servers_stop_when_the_stack_is_killed(tmp_path):
    var = REPO / "var" / f"test-stack-kill-{os.getpid()}"
    shutil.rmtree(var, ignore_errors=True)
    stack = subprocess.Popen([sys.executable, "-c", STARTER, str(var), str(free_port_block(6))], cwd=REPO,
                             stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in stack.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(pid) for pid in pids)
        stack.send_signal(signal.SIGKILL)  # no chance to clean up
        stack.wait()
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not [pid for pid in pids if _alive(pid)], "PostgreSQL or Redis outlived the stack"
    finally:
        stack.kill()
        shutil.rmtree(var, ignore_errors=True)


def test_every_server_has_its_own_port_whatever_the_replicas(tmp_path):
    for replicas in (1, 2, 3, 5):
        stack = Stack(var=tmp_path / str(replicas), proxy_port=7000, env=dict(NO_LOCAL_SERVERS, REPLICAS=str(replicas)))
        ports = [stack.proxy_port, *stack.replica_ports, stack.action_port, stack.pg_port, stack.redis_port]
        assert len(stack.replica_ports) == replicas and len(set(ports)) == len(ports) == replicas + 4
        assert max(ports) == 7000 + replicas + 3


def test_a_self_signed_certificate_is_made_when_none_is_given(tmp_path):
    stack = Stack(var=tmp_path, proxy_port=7000, env=NO_LOCAL_SERVERS)
    assert stack.url.startswith("https://")
    key = tmp_path / "tls" / "localhost.key"
    assert stack.certificate.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
    config = (tmp_path / "nginx" / "nginx.conf").read_text()
    assert "listen 127.0.0.1:7000 ssl;" in config and str(stack.certificate) in config
    given = Stack(var=tmp_path / "given", proxy_port=7000, env=dict(NO_LOCAL_SERVERS, TLS_CERT="/etc/x.crt", TLS_KEY="/etc/x.key"))
    assert "ssl_certificate /etc/x.crt;" in (tmp_path / "given" / "nginx" / "nginx.conf").read_text()
    assert not (tmp_path / "given" / "tls").exists()
