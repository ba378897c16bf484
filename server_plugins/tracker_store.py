"""Rasa's SQL tracker store (SQLite or PostgreSQL), storing events redacted and surviving restarts.

- Every event is written through `bot.redaction.redact_event`, so phone numbers, emails and full
  postcodes never reach the database; the live conversation (and NLU) keep the original text.
- The engine checks a pooled connection before use (`pool_pre_ping`), so after PostgreSQL
  restarts the next message reconnects instead of failing on a dead connection.
- SQL errors never quote parameters (`hide_parameters`): they would hold what the user typed.
- SQLite keeps one pooled connection open (SQLAlchemy's default for a file opens the file twice
  a turn) in write-ahead-log mode with `synchronous=NORMAL`: a turn's commit appends to the log
  instead of waiting for the disk. A crash of the machine can lose the last turns, never corrupt
  the file.
- Rasa wraps every tracker store in `FailSafeTrackerStore`, which on a database error carries on
  with an empty in-memory conversation. `storage_failed` records that for this turn, so the
  REST channel can answer calmly instead of sending replies made without the conversation.
"""
from __future__ import annotations

import contextvars
from typing import Any, Iterator, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

from bot.redaction import redact_event

storage_failed: contextvars.ContextVar[bool] = contextvars.ContextVar("storage_failed", default=False)


class _StoredEvent:
    """What `SQLTrackerStore.save` needs of an event: its type and its (redacted) JSON."""

    def __init__(self, event: Any) -> None:
        self.type_name = event.type_name
        self._data = redact_event(event.as_dict())

    def as_dict(self) -> dict:
        return self._data


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
        self.engine = sa.create_engine(url, pool_pre_ping=True, hide_parameters=True, **create_engine_kwargs(url),
                                       **(_SQLITE_POOL if sqlite_file else {}))
        if sqlite_file:
            sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        return (_StoredEvent(event) for event in super()._additional_events(session, tracker))

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        try:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        except Exception:
            storage_failed.set(True)
            raise

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except Exception:
            storage_failed.set(True)
            raise


_SQLITE_POOL = {"poolclass": sa.pool.QueuePool, "connect_args": {"check_same_thread": False}}


def _write_ahead_log(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA journal_mode = WAL")
    dbapi_connection.execute("PRAGMA synchronous = NORMAL")
