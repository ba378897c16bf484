"""One way to open the conversation store (SQLite or PostgreSQL) that keeps its data private.

- SQL errors never quote parameters (`hide_parameters`): they would hold stored data.
- SQLite runs with `secure_delete`, so deleted events are overwritten with zeros instead of
  lingering in the file's free pages; the SQLite file is mode 600.
"""
from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa


def private_engine(url: Any, **kwargs: Any) -> sa.engine.Engine:
    engine = sa.create_engine(url, hide_parameters=True, **kwargs)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(database)), mode=0o700, exist_ok=True)
            os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(database, 0o600)  # also a file made before (Rasa creates its tables first)

        @sa.event.listens_for(engine, "connect")
        def _secure_delete(dbapi_connection, _record) -> None:
            dbapi_connection.execute("PRAGMA secure_delete = ON")

    return engine
