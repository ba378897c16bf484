"""The purge deletes whole conversations whose latest event is older than the retention period."""
import sqlalchemy as sa

from bot import retention

DAY = 86400.0
NOW = 1_800_000_000.0


def _store(tmp_path, events):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp FLOAT, data TEXT)"))
        for sender, age_days in events:
            connection.execute(sa.text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, '{}')"),
                               {"s": sender, "t": NOW - age_days * DAY})
    return engine


def _senders(engine):
    with engine.connect() as connection:
        return sorted(row[0] for row in connection.execute(sa.text("SELECT DISTINCT sender_id FROM events")))


def test_old_conversations_go_and_recent_ones_stay_whole(tmp_path):
    engine = _store(tmp_path, [("old", 45), ("old", 40), ("recent", 2), ("spanning", 50), ("spanning", 1)])
    assert retention.purge(engine, 30, now=NOW) == (1, 2)
    assert _senders(engine) == ["recent", "spanning"]


def test_dry_run_deletes_nothing(tmp_path):
    engine = _store(tmp_path, [("old", 45)])
    assert retention.purge(engine, 30, now=NOW, dry_run=True) == (1, 1)
    assert _senders(engine) == ["old"]


def test_an_empty_store_without_the_table_is_fine(tmp_path):
    assert retention.purge(sa.create_engine(f"sqlite:///{tmp_path / 'none.db'}"), 30) == (0, 0)


def test_the_command_prints_counts_only(tmp_path, capsys):
    _store(tmp_path, [("someone-secret", 400)])
    assert retention.main(["--days", "30", "--url", f"sqlite:///{tmp_path / 'tracker.db'}"]) == 0
    out = capsys.readouterr().out
    assert "Deleted 1 conversation(s), 1 event(s)" in out and "someone-secret" not in out


import math  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

from bot.private_logs import purge_log_files  # noqa: E402
from bot.store_engine import private_engine  # noqa: E402
from tests.conftest import REPO  # noqa: E402


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-3", "thirty", "1e999", " "])
def test_a_retention_period_that_is_not_a_positive_finite_number_is_refused(value):
    if not value.strip():
        assert retention.retention_days(value) == retention.DEFAULT_DAYS  # unset means the default
        return
    with pytest.raises(ValueError, match="RETENTION_DAYS must be a positive number"):
        retention.retention_days(value)


@pytest.mark.parametrize("days", [math.nan, math.inf, 0, -1])
def test_purge_itself_refuses_a_bad_period_rather_than_deleting_everything(tmp_path, days):
    engine = _store(tmp_path, [("recent", 1)])
    with pytest.raises(ValueError):
        retention.purge(engine, days, now=NOW)
    assert _senders(engine) == ["recent"]


def test_the_command_says_what_is_wrong_with_the_period(tmp_path):
    result = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m", "bot.retention", "--url", f"sqlite:///{tmp_path}/t.db"],
                            env=dict(os.environ, RETENTION_DAYS="nan"), capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2 and "RETENTION_DAYS must be a positive number of days" in result.stderr


def test_after_a_purge_nothing_deleted_is_left_in_the_sqlite_file(tmp_path):
    path = tmp_path / "tracker.db"
    engine = private_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp FLOAT, data TEXT)"))
        for index in range(200):
            connection.execute(sa.text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, :d)"),
                               {"s": f"old{index}", "t": NOW - 40 * DAY, "d": f"secret-marker-{index:04d}" * 20})
    assert b"secret-marker-0150" in path.read_bytes()
    assert retention.purge(engine, 30, now=NOW) == (200, 200)
    assert b"secret-marker" not in path.read_bytes()


def test_old_log_files_go_with_the_conversations(tmp_path):
    old, recent = tmp_path / "replica1.log.2026-01-01", tmp_path / "replica1.log"
    old.write_text("x")
    recent.write_text("y")
    os.utime(old, (time.time() - 40 * DAY, time.time() - 40 * DAY))
    assert purge_log_files(tmp_path, 30) == 1
    assert not old.exists() and recent.exists()
