"""What users tell us about the phone numbers we gave: "wrong" reports and "it was right".

Why: every contact was checked only against stored copies of public pages, and a wrong number is
the worst bug this project can have; the people who dial them are the first to know.

What is kept, and nothing more: the fact's stable id (bot/phone_facts.py), its area, the number
as it was given, the verdict, the time (to the minute, UTC) and, for a wrong number, an optional
comment with phone numbers, email addresses and postcodes removed (bot/redaction.py) and cut to
MAX_COMMENT characters. No sender id, no conversation, nothing about the child.

The table lives in the knowledge database (KNOWLEDGE_DB_URL: SQLite by default, PostgreSQL in
production) under its own metadata, so `make knowledge`, which replaces the knowledge tables,
never deletes a report.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.phone_facts import PhoneFact
from bot.redaction import redact

WRONG = "wrong"
RIGHT = "right"
MAX_COMMENT = 500

metadata = sa.MetaData()
reports = sa.Table(
    "number_feedback", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("fact_id", sa.String(96), nullable=False, index=True),
    sa.Column("area", sa.String(64), nullable=False),
    sa.Column("phone", sa.String(32), nullable=False),
    sa.Column("verdict", sa.String(8), nullable=False),
    sa.Column("comment", sa.Text),
    sa.Column("reported_at", sa.DateTime, nullable=False),
)


@dataclass(frozen=True)
class Report:
    id: int
    fact_id: str
    area: str
    phone: str
    verdict: str
    comment: Optional[str]
    reported_at: dt.datetime  # UTC


def clean_comment(text: Optional[str]) -> Optional[str]:
    """A comment fit to keep: redacted, on one line, at most MAX_COMMENT characters; None if empty."""
    if not text:
        return None
    words = " ".join(redact(text).split())
    if len(words) > MAX_COMMENT:
        words = words[:MAX_COMMENT - 1].rstrip() + "…"
    return words or None


def _minute(when: Optional[dt.datetime]) -> dt.datetime:
    when = when or dt.datetime.now(dt.timezone.utc)
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when.replace(second=0, microsecond=0)


class FeedbackStore:
    def __init__(self, engine: Engine):
        self.engine = engine
        metadata.create_all(engine)

    def record(self, fact: PhoneFact, verdict: str, comment: Optional[str] = None, when: Optional[dt.datetime] = None) -> int:
        """Store one verdict on one number; returns the report's id."""
        if verdict not in (WRONG, RIGHT):
            raise ValueError(f"verdict must be {WRONG!r} or {RIGHT!r}, not {verdict!r}")
        row = dict(fact_id=fact.id, area=fact.owner, phone=fact.contact.phone, verdict=verdict,
                   comment=clean_comment(comment) if verdict == WRONG else None, reported_at=_minute(when))
        with self.engine.begin() as connection:
            return connection.execute(reports.insert().values(**row)).inserted_primary_key[0]

    def add_comment(self, report_id: int, comment: Optional[str]) -> bool:
        """Add what happened to a wrong-number report made earlier; False when there is nothing to add to."""
        words = clean_comment(comment)
        if words is None:
            return False
        with self.engine.begin() as connection:
            row = connection.execute(sa.select(reports.c.comment).where(reports.c.id == report_id, reports.c.verdict == WRONG)).first()
            if row is None:
                return False
            combined = clean_comment(f"{row.comment} / {words}" if row.comment else words)
            connection.execute(reports.update().where(reports.c.id == report_id).values(comment=combined))
        return True

    def all(self) -> List[Report]:
        """Every report, newest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(reports).order_by(reports.c.reported_at.desc(), reports.c.id.desc())).all()
        return [Report(**row._mapping) for row in rows]
