"""Delete conversations older than the retention period (default 30 days), and the logs with them.

The conversation store (Rasa's SQL tracker store, SQLite or PostgreSQL) keeps every event of
every conversation in one table, `events`, with a `sender_id` and a Unix `timestamp`. A
conversation is deleted whole once its latest event is older than the cut-off, so one still in
use is never cut in half. After deleting, the database is vacuumed: SQLite (which also runs with
`secure_delete`, bot/store_engine.py) rewrites its file without the free pages, PostgreSQL marks
the dead rows' space for reuse. Log files not written to within the period are deleted too.

    python -m bot.retention [--days N] [--url SQLALCHEMY_URL] [--logs DIR ...] [--dry-run] [--every HOURS]

`--every` keeps running and purges at start and then every HOURS (scripts/serve, scripts/shell
and deploy/stack.py run it so). It prints counts only, never sender ids or text.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path
from typing import Iterable, Optional, Tuple

import sqlalchemy as sa

from bot.store_engine import private_engine

DEFAULT_DAYS = 30.0

_OLD = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"


def retention_days(value: Optional[str]) -> float:
    """RETENTION_DAYS as a number of days: positive and finite, or a ValueError that says so."""
    if value is None or not str(value).strip():
        return DEFAULT_DAYS
    try:
        days = float(value)
    except ValueError:
        days = math.nan
    if not math.isfinite(days) or days <= 0:
        raise ValueError(f"RETENTION_DAYS must be a positive number of days (such as 30), not {str(value)[:40]!r}")
    return days


def default_url() -> str:
    """`TRACKER_DB_URL`, or the embedded SQLite file `TRACKER_DB` (default var/tracker.db)."""
    return os.environ.get("TRACKER_DB_URL") or "sqlite:///" + os.environ.get("TRACKER_DB", "var/tracker.db")


def vacuum(engine: sa.engine.Engine) -> None:
    """Give deleted rows' space back (VACUUM cannot run inside a transaction)."""
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(
            sa.text("VACUUM events" if engine.dialect.name == "postgresql" else "VACUUM"))


def purge(engine: sa.engine.Engine, days: float, now: Optional[float] = None, dry_run: bool = False) -> Tuple[int, int]:
    """Delete conversations whose latest event is more than `days` old; (conversations, events)."""
    if not days > 0 or not math.isfinite(days):
        raise ValueError(f"the retention period must be a positive number of days, not {days!r}")
    if not sa.inspect(engine).has_table("events"):
        return 0, 0
    cutoff = (time.time() if now is None else now) - days * 86400
    with engine.begin() as connection:
        conversations = connection.execute(sa.text(f"SELECT COUNT(*) FROM ({_OLD}) AS old"), {"cutoff": cutoff}).scalar()
        events = connection.execute(sa.text(f"SELECT COUNT(*) FROM events WHERE sender_id IN ({_OLD})"), {"cutoff": cutoff}).scalar()
        if not dry_run:
            connection.execute(sa.text(f"DELETE FROM events WHERE sender_id IN ({_OLD})"), {"cutoff": cutoff})
    if events and not dry_run:
        vacuum(engine)
    return conversations, events


def purge_all(url: str, days: float, log_folders: Iterable[Path], dry_run: bool = False) -> str:
    from bot.private_logs import purge_log_files

    engine = private_engine(url)
    try:
        conversations, events = purge(engine, days, dry_run=dry_run)
    finally:
        engine.dispose()
    logs = 0 if dry_run else sum(purge_log_files(folder, days) for folder in log_folders)
    verb = "Would delete" if dry_run else "Deleted"
    return (f"{verb} {conversations} conversation(s), {events} event(s) and {logs} log file(s) "
            f"with no activity in the last {days:g} days.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.retention", description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", default=os.environ.get("RETENTION_DAYS"),
                        help="keep conversations active within this many days (RETENTION_DAYS, default 30)")
    parser.add_argument("--url", default=default_url(), help="SQLAlchemy URL of the tracker store (TRACKER_DB_URL)")
    parser.add_argument("--logs", action="append", type=Path, default=[], help="a folder of log files to purge too")
    parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    parser.add_argument("--every", type=float, help="keep running: purge now and then every this many hours")
    args = parser.parse_args(argv)
    try:
        days = retention_days(args.days)
    except ValueError as error:
        parser.error(str(error))
    if args.every is not None and not (math.isfinite(args.every) and args.every > 0):
        parser.error("--every must be a positive number of hours")
    while True:
        print(purge_all(args.url, days, args.logs, args.dry_run), flush=True)
        if args.every is None:
            return 0
        time.sleep(args.every * 3600)


if __name__ == "__main__":
    sys.exit(main())
