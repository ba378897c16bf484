"""Rasa's SQL tracker store (SQLite or PostgreSQL), keeping events encrypted and redacted.

- Every event is redacted (`bot.redaction.redact_event`: names, dates of birth, NHS and NI
  numbers, addresses, schools, phone numbers, emails, postcodes; what the turn's message gave
  away is also removed from entity values, slots and replies) and then encrypted with the
  tracker key (`bot.encryption`) before it is written; the live conversation (and NLU) keep the
  original text. Structural columns (event type, intent and action names, timestamp) stay
  readable for the purge; sender ids arrive already hashed from the REST channel.
- A conversation that restarts (Rasa's `restart` event: /restart, "start again", "delete my
  conversation") has its stored events deleted; only what follows the restart is kept.
- The engine checks a pooled connection before use (`pool_pre_ping`), so after PostgreSQL
  restarts the next message reconnects instead of failing; SQL errors never quote parameters and
  SQLite overwrites what it deletes (`bot.store_engine`).
  SQLite keeps one pooled connection open (SQLAlchemy's default for a file opens the file twice
  a turn) in write-ahead-log mode with `synchronous=NORMAL`: a turn's commit appends to the log
  instead of waiting for the disk. A crash of the machine can lose the last turns, never corrupt
  the file; what the log holds is encrypted like the rest.
- Saving writes only the events added since the conversation was read. Rasa counts the stored
  events with a query on every save; a tracker read from here carries that number already
  (`STORED`: the events of its latest session, what the count would return, as the turn holds
  the conversation's lock), so the query runs only for a tracker made elsewhere or saved twice.
- Rasa wraps every tracker store in `FailSafeTrackerStore`, which on a database error carries on
  with an empty in-memory conversation. `storage_failed` records that for this turn, so the
  REST channel can answer calmly instead of sending replies made without the conversation.
"""
from __future__ import annotations

import contextvars
import json
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.encryption import EventCipher
from bot.redaction import identifiers_in, redact_event
from bot.store_engine import private_engine

storage_failed: contextvars.ContextVar[bool] = contextvars.ContextVar("storage_failed", default=False)
STORED = "_events_stored_in_its_session"  # on a tracker read from the store: how many of its events are stored


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
        self.engine = private_engine(url, pool_pre_ping=True, **create_engine_kwargs(url), **(_SQLITE_POOL if sqlite_file else {}))
        if sqlite_file:
            sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.cipher = EventCipher.from_environment()

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        try:
            with self.session_scope() as session:
                rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions).all()
                events = [json.loads(self.cipher.decrypt(row.data)) for row in rows]
        except Exception:
            storage_failed.set(True)
            raise
        if self.domain and events:
            tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
            if not fetch_events_from_all_sessions and len(tracker.events) == len(events):
                setattr(tracker, STORED, len(events))
            return tracker
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            self._save(tracker)
        except Exception:
            storage_failed.set(True)
            raise

    def _save(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        restart = tracker.idx_after_latest_restart()
        stored = tracker.__dict__.pop(STORED, None)
        with self.session_scope() as session:
            if restart:  # everything before the restart goes; saving twice gives the same rows
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
                new = events[restart:]
            elif stored is not None:
                new = events[stored:]
            else:
                new = events[self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count():]
            known = {}  # what this turn's messages gave away, removed from its entities, slots and replies too
            for event in new:
                if isinstance(event, UserUttered):
                    known.update(identifiers_in(event.text or ""))
            for event in new:
                data = redact_event(event.as_dict(), known)
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"), action_name=data.get("name"),
                    data=self.cipher.encrypt(json.dumps(data))))
            session.commit()


_SQLITE_POOL = {"poolclass": sa.pool.QueuePool, "connect_args": {"check_same_thread": False}}


def _write_ahead_log(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA journal_mode = WAL")
    dbapi_connection.execute("PRAGMA synchronous = NORMAL")
