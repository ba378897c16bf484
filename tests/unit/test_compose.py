"""docker-compose.yml hands each allowed origin to Rasa's --cors as its own argument."""
import os
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _replica_arguments(tmp_path, origins: str):
    """Run a replica's command as compose would (`$$` is compose's escape for `$`), with a fake
    `python` that prints the arguments it was given, one per line."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    replica = compose["services"]["rasa1"]
    assert compose["services"]["rasa2"] == replica
    command = [part.replace("$$", "$") for part in replica["command"]]
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o755)
    env = {"PATH": f"{tmp_path}:{os.environ['PATH']}", "ALLOWED_ORIGINS": origins}
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "x").touch()  # a glob would match this if "*" were expanded
    output = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    return output.splitlines(), replica["environment"]


def test_every_allowed_origin_is_its_own_argument_after_one_cors(tmp_path):
    arguments, environment = _replica_arguments(tmp_path, "https://intranet.example.org https://staff.example.nhs.uk")
    assert arguments.count("--cors") == 1
    start = arguments.index("--cors") + 1
    assert arguments[start:] == ["https://intranet.example.org", "https://staff.example.nhs.uk"]
    assert environment["ALLOWED_ORIGINS"] == "${ALLOWED_ORIGINS:-http://localhost:8000}"


def test_a_star_origin_reaches_rasa_as_a_star(tmp_path):
    arguments, _ = _replica_arguments(tmp_path, "*")
    assert arguments[arguments.index("--cors") + 1:] == ["*"]


def test_the_replicas_keep_the_shared_environment():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert "TRACKER_DB_URL" in compose["services"]["rasa1"]["environment"]
    assert compose["services"]["rasa1"]["environment"]["ACTION_SERVER_URL"] == "http://actions:5055/webhook"
