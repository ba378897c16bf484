"""Delete conversations older than the retention period (default 30 days) from the tracker store.

The conversation store (Rasa's SQL tracker store, SQLite or PostgreSQL) keeps every event of
every conversation in one table, `events`, with a `sender_id` and a Unix `timestamp`. A
conversation is deleted whole once its latest event is older than the cut-off, so one still in
use is never cut in half. Run it daily (`make purge`); `make run-prod` also runs it at start.

    python -m bot.retention [--days N] [--url SQLALCHEMY_URL] [--dry-run]

It prints counts only, never sender ids or text.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Optional, Tuple

import sqlalchemy as sa

DEFAULT_DAYS = 30

_OLD = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"


def default_url() -> str:
    """`TRACKER_DB_URL`, or the embedded SQLite file `TRACKER_DB` (default var/tracker.db)."""
    return os.environ.get("TRACKER_DB_URL") or "sqlite:///" + os.environ.get("TRACKER_DB", "var/tracker.db")


def purge(engine: sa.engine.Engine, days: float, now: Optional[float] = None, dry_run: bool = False) -> Tuple[int, int]:
    """Delete conversations whose latest event is more than `days` old; (conversations, events)."""
    if not sa.inspect(engine).has_table("events"):
        return 0, 0
    cutoff = (time.time() if now is None else now) - days * 86400
    with engine.begin() as connection:
        conversations = connection.execute(sa.text(f"SELECT COUNT(*) FROM ({_OLD}) AS old"), {"cutoff": cutoff}).scalar()
        events = connection.execute(sa.text(f"SELECT COUNT(*) FROM events WHERE sender_id IN ({_OLD})"), {"cutoff": cutoff}).scalar()
        if not dry_run:
            connection.execute(sa.text(f"DELETE FROM events WHERE sender_id IN ({_OLD})"), {"cutoff": cutoff})
    return conversations, events


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.retention", description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=float(os.environ.get("RETENTION_DAYS", DEFAULT_DAYS)),
                        help="keep conversations active within this many days (RETENTION_DAYS, default 30)")
    parser.add_argument("--url", default=default_url(), help="SQLAlchemy URL of the tracker store (TRACKER_DB_URL)")
    parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    args = parser.parse_args(argv)
    if args.days < 0:
        parser.error("--days must be 0 or more")
    engine = sa.create_engine(args.url, hide_parameters=True)
    try:
        conversations, events = purge(engine, args.days, dry_run=args.dry_run)
    finally:
        engine.dispose()
    verb = "Would delete" if args.dry_run else "Deleted"
    print(f"{verb} {conversations} conversation(s), {events} event(s), with no activity in the last {args.days:g} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
