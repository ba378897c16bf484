"""The tracker store Rasa loads, on real SQLite and PostgreSQL: events stored encrypted and
redacted, the live conversation intact, a restart deleting what came before, nothing identifying
anywhere in the database's files."""
import asyncio
import json
import os
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.encryption import EventCipher
from server_plugins.tracker_store import RedactingSQLTrackerStore, storage_failed
from tests.privacy.evaluate import CORPUS, load

# Shorter ones ("Roy") turn up by chance in any few kilobytes of encrypted text.
IDENTIFIERS = sorted({m.text[s:e] for path in CORPUS.values() for m in load(path) for s, e, _ in m.identifiers
                      if e - s >= 5}, key=len)
KEY = Fernet.generate_key().decode()


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setenv("TRACKER_ENCRYPTION_KEYS", KEY)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.servers)])
def database(request, tmp_path, keys):
    """(url, the folder of the SQLite file or the PostgreSQL stack) for each database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path
        return
    stack = request.getfixturevalue("postgres")
    engine = sa.create_engine(stack.db_url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE IF EXISTS events"))
    engine.dispose()
    yield stack.db_url, stack


def _admin_url(stack):
    return f"postgresql+psycopg2://postgres:{stack.pg_admin_password}@127.0.0.1:{stack.pg_port}/neglect"


def _store(url):
    return RedactingSQLTrackerStore(domain=Domain.empty(), host=url)


def _rows(url, sender):
    with sa.create_engine(url).connect() as connection:
        return connection.execute(sa.text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}).all()


def _bytes_on_disk(url, where) -> bytes:
    """Every byte of the database's files, after PostgreSQL has written its buffers out."""
    folder = where
    if url.startswith("postgresql"):
        with sa.create_engine(_admin_url(where)).connect() as connection:  # the application's role may not
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("CHECKPOINT"))
        folder = where.var / "postgres"
    return b"".join(path.read_bytes() for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def _uttered(text):
    return UserUttered(text, {"name": "ask_contact", "confidence": 1.0},
                       parse_data={"text": text, "intent": {"name": "ask_contact"}, "entities": []})


def test_events_are_stored_encrypted_and_redacted_and_read_back(database):
    url, _folder = database
    store = _store(url)
    tracker = DialogueStateTracker.from_events("s1", [
        ActionExecuted("action_listen"),
        _uttered("who do I call in NG5? I'm on 07700 900123"),
        SlotSet("q_plan", "email me at jo@example.org"),
        BotUttered("Noted", {"custom": {"kind": "plan", "markdown": "Lead: mum Kelly Smith, 07700 900123"}}),
    ])
    asyncio.run(store.save(tracker))
    rows = _rows(url, "s1")
    assert [type_name for type_name, _ in rows] == ["action", "user", "slot", "bot"]
    assert all(not data.startswith("{") for _, data in rows)  # not JSON: encrypted
    stored = [json.loads(EventCipher([KEY.encode()]).decrypt(data)) for _, data in rows]
    assert stored[1]["text"] == "who do I call in NG5? I'm on [phone number]"
    assert "Kelly" not in json.dumps(stored) and "900123" not in json.dumps(stored) and "jo@example" not in json.dumps(stored)
    assert "900123" in tracker.latest_message.text  # the live conversation is unchanged
    again = asyncio.run(store.retrieve("s1"))
    assert again.latest_message.intent["name"] == "ask_contact" and len(again.events) == 4


def test_a_conversation_read_back_and_saved_stores_each_new_event_once(database):
    """Turn after turn (read, add, save), one tracker saved twice, then a new session: every event
    is stored once, in order, and reading back gives the latest session."""
    url, _folder = database
    store = _store(url)
    asyncio.run(store.save(DialogueStateTracker.from_events("s3", [ActionExecuted("action_listen"), _uttered("one")])))
    tracker = asyncio.run(store.retrieve("s3"))
    tracker.update(_uttered("two"))
    asyncio.run(store.save(tracker))
    tracker.update(_uttered("three"))
    asyncio.run(store.save(tracker))  # the same tracker saved again: only what is new
    tracker = asyncio.run(store.retrieve("s3"))
    for event in [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"), _uttered("four")]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    cipher = EventCipher([KEY.encode()])
    texts = [json.loads(cipher.decrypt(data)).get("text") for _, data in _rows(url, "s3")]
    assert [text for text in texts if text] == ["one", "two", "three", "four"]
    assert [event.text for event in asyncio.run(store.retrieve("s3")).events if isinstance(event, UserUttered)] == ["four"]


def test_a_restart_deletes_everything_stored_before_it(database):
    url, _folder = database
    store = _store(url)
    events = [ActionExecuted("action_listen"), _uttered("my first message"), ActionExecuted("action_listen")]
    asyncio.run(store.save(DialogueStateTracker.from_events("s2", events)))
    tracker = asyncio.run(store.retrieve("s2"))
    for event in [_uttered("delete my conversation"), Restarted(), ActionExecuted("action_session_start"),
                  SessionStarted(), ActionExecuted("action_listen")]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))  # saving again changes nothing
    assert [type_name for type_name, _ in _rows(url, "s2")] == ["action", "session_started", "action"]
    tracker = asyncio.run(store.retrieve("s2"))
    tracker.update(_uttered("a new start"))
    asyncio.run(store.save(tracker))
    assert [type_name for type_name, _ in _rows(url, "s2")] == ["action", "session_started", "action", "user"]


def test_no_identifier_of_the_corpus_is_in_the_database_files(database):
    url, folder = database
    store = _store(url)
    before = _bytes_on_disk(url, folder)  # PostgreSQL's catalogue has "Arabic (Jordan)" in it from the start
    messages = [m.text for path in CORPUS.values() for m in load(path)]
    tracker = DialogueStateTracker.from_events("s3", [_uttered(text) for text in messages])
    asyncio.run(store.save(tracker))
    store.engine.dispose()
    raw = _bytes_on_disk(url, folder)
    found = [identifier for identifier in IDENTIFIERS if identifier.encode() not in before
             and (identifier.encode() in raw or json.dumps(identifier)[1:-1].encode() in raw)]
    assert found == [] and len(IDENTIFIERS) > 200
    assert not [text for text in messages if text.encode() in raw]
    assert len(asyncio.run(store.retrieve("s3")).events) == len(messages)


def test_rows_written_before_encryption_are_still_read(tmp_path, keys):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = _store(url)
    with store.engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('old', 'user', 1, :d)"),
                           {"d": json.dumps(_uttered("hello").as_dict())})
    assert asyncio.run(store.retrieve("old")).latest_message.text == "hello"


def test_the_sqlite_file_is_private_and_overwrites_what_it_deletes(tmp_path, keys):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = _store(url)
    assert oct(os.stat(tmp_path / "tracker.db").st_mode & 0o777) == "0o600"
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA secure_delete")).scalar() == 1


def test_a_database_failure_is_recorded_for_the_channel(tmp_path, keys):
    store = _store(f"sqlite:///{tmp_path / 'tracker.db'}")
    store.engine = sa.create_engine(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    store.sessionmaker = sa.orm.sessionmaker(bind=store.engine)

    async def turn() -> bool:  # as the REST channel sees it: the same task, after the store failed
        storage_failed.set(False)
        try:
            await store.retrieve("s1")
        except Exception:  # noqa: BLE001 (Rasa's FailSafeTrackerStore catches it in the server)
            pass
        return storage_failed.get()

    assert asyncio.run(turn())


def test_rotating_the_key_keeps_every_conversation(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_ENCRYPTION_KEYS", raising=False)
    monkeypatch.setenv("SECRETS_DIR", str(tmp_path / "secrets"))
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    asyncio.run(_store(url).save(DialogueStateTracker.from_events("s4", [_uttered("hello")])))
    old_key = (tmp_path / "secrets" / "tracker-keys").read_text()
    result = subprocess.run([".venv/bin/python", "-m", "bot.encryption", "rotate", "--url", url], capture_output=True, text=True,
                            env=dict(os.environ), check=True)
    assert "1 event(s) re-encrypted" in result.stdout
    assert (tmp_path / "secrets" / "tracker-keys").read_text() != old_key
    assert asyncio.run(_store(url).retrieve("s4")).latest_message.text == "hello"
