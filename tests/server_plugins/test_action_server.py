"""The action server as the stack and scripts/serve start it: a failing action is logged without
what the user wrote, and the error reply to Rasa holds no tracker."""
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import REPO, free_port_block

pytestmark = pytest.mark.servers  # starts the action server as a process of its own

SECRET = "mum Kelly Smith on 07700 900123"


def test_a_failing_action_is_logged_by_type_and_place_only(tmp_path):
    port = free_port_block(1)
    log = tmp_path / "actions.log"
    with open(log, "w") as out:
        server = subprocess.Popen([str(REPO / ".venv" / "bin" / "python"), "-m", "server_plugins.action_server", "--port", str(port),
                                   "--actions", "tests.server_plugins.failing_actions"], cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, SANIC_HOST="127.0.0.1"), start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)  # noqa: S310 (loopback)
                break
            except (urllib.error.URLError, OSError):
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
        call = {"next_action": "action_that_fails", "sender_id": "a" * 64, "domain": {},
                "tracker": {"sender_id": "a" * 64, "slots": {"q_plan": SECRET}, "latest_message": {"text": SECRET}, "events": []}}
        request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook", json.dumps(call).encode(),
                                         {"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310 (loopback)
            raise AssertionError("the action did not fail")
        except urllib.error.HTTPError as error:
            assert error.code == 500
            body = error.read().decode()
        time.sleep(0.5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    logged = log.read_text()
    assert "Action action_that_fails failed: ValueError at" in logged
    for text in (body, logged):
        assert "Kelly" not in text and "900123" not in text and "q_plan" not in text
