"""`make shell` on a fresh clone: it makes its own log folder, so the action server starts, and its
servers' output goes to a private log file rather than the terminal."""
import os
import pty
import signal
import subprocess
import time
import urllib.error
import urllib.request

from tests.conftest import REPO, free_port_block


def test_the_shell_starts_its_servers_without_a_log_folder_made_beforehand(tmp_path):
    first = free_port_block(2)
    logs = tmp_path / "fresh" / "log"  # does not exist yet, as on a fresh clone
    env = dict(os.environ, LOG_DIR=str(logs), BOT_PORT=str(first), ACTION_PORT=str(first + 1),
               TRACKER_DB=str(tmp_path / "fresh" / "tracker.db"), SECRETS_DIR=str(tmp_path / "fresh" / "secrets"))
    env.pop("ENABLE_API", None)
    controller, terminal = pty.openpty()
    shell = subprocess.Popen([str(REPO / "scripts" / "shell")], cwd=REPO, env=env, stdin=terminal, stdout=terminal,
                             stderr=terminal, start_new_session=True)
    try:
        deadline, up = time.monotonic() + 240, False
        while not up and time.monotonic() < deadline and shell.poll() is None:
            try:
                up = urllib.request.urlopen(f"http://127.0.0.1:{first + 1}/health", timeout=2).status == 200  # noqa: S310
            except (urllib.error.URLError, OSError):
                time.sleep(1)
        assert up, "the action server did not start"
        log = logs / "serve.log"
        assert log.exists() and oct(log.stat().st_mode & 0o777) == "0o600"
        assert oct(logs.stat().st_mode & 0o777) == "0o700"
    finally:
        os.killpg(shell.pid, signal.SIGTERM)
        try:
            shell.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(shell.pid, signal.SIGKILL)
        os.close(controller)
        os.close(terminal)
