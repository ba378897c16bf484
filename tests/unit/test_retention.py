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
