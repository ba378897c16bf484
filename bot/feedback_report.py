"""`make feedback-report`: wrong-number reports per fact, with the fact's file and sources, for
whoever keeps knowledge/ current.

A report is open while it is newer than the fact's last check: once the keeper re-checks a number
against its live page and updates `checked:` (and the number, if it changed), the reports before
that date count as dealt with. Nothing is deleted, so a number reported again after a re-check
shows up again.

    python -m bot.feedback_report [--url SQLALCHEMY_URL]   (default KNOWLEDGE_DB_URL or var/knowledge.db)
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

import sqlalchemy as sa

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import Document, connect, database_url
from bot.number_feedback import RIGHT, WRONG, FeedbackStore, Report
from bot.phone_facts import PhoneFact, phone_facts


def _when(report: Report) -> str:
    return report.reported_at.strftime("%Y-%m-%d %H:%M UTC")


def is_open(report: Report, fact: PhoneFact) -> bool:
    """Made on or after the day the fact was last checked (a same-day report is never hidden)."""
    return report.reported_at.date() >= fact.contact.checked


def build_report(kb: KnowledgeBase, reports: List[Report]) -> str:
    facts = phone_facts(kb)
    by_fact: Dict[str, List[Report]] = defaultdict(list)
    for report in reports:
        by_fact[report.fact_id].append(report)
    open_wrong = {fact_id: [r for r in items if r.verdict == WRONG and is_open(r, facts[fact_id])]
                  for fact_id, items in by_fact.items() if fact_id in facts}
    reported = sorted((fact_id for fact_id, items in open_wrong.items() if items),
                      key=lambda fact_id: (-len(open_wrong[fact_id]), fact_id))
    lines = [f"Facts with open wrong-number reports: {len(reported)}"]
    for fact_id in reported:
        lines += [""] + _fact_block(kb, facts[fact_id], by_fact[fact_id])
    dealt = [r for fact_id, items in by_fact.items() if fact_id in facts for r in items
             if r.verdict == WRONG and not is_open(r, facts[fact_id])]
    confirmed = [r for fact_id, items in by_fact.items() if fact_id in facts and fact_id not in reported
                 for r in items if r.verdict == RIGHT and is_open(r, facts[fact_id])]
    gone = sorted(fact_id for fact_id in by_fact if fact_id not in facts)
    lines.append("")
    lines.append(f"Wrong-number reports made before their fact's last check (dealt with): {len(dealt)}")
    lines.append(f"'It was right' since the last check, for numbers with no open report: {len(confirmed)}"
                 + (f" ({', '.join(sorted({r.fact_id for r in confirmed}))})" if confirmed else ""))
    if gone:
        lines.append("Reports for facts no longer in knowledge/ (renamed or removed): "
                     + ", ".join(f"{fact_id} ({len(by_fact[fact_id])})" for fact_id in gone))
    return "\n".join(lines)


def _fact_block(kb: KnowledgeBase, fact: PhoneFact, reports: List[Report]) -> List[str]:
    item = fact.contact
    owner = kb.national if fact.owner == "national" else kb.area(fact.owner)
    wrong = [r for r in reports if r.verdict == WRONG and is_open(r, fact)]
    right = [r for r in reports if r.verdict == RIGHT and is_open(r, fact)]
    lines = [f"{fact.id}: {item.name}, {item.phone}",
             f"  Edit: {fact.file} (the contact with role {item.role}); last checked {item.checked.isoformat()}",
             "  Sources:"]
    lines += [f"    - {source.title}: {source.url} ({source.read_from})" for source in kb.sources_of(item, owner)]
    lines.append(f"  Since that check: {len(wrong)} wrong, {len(right)} 'it was right'")
    for report in wrong:
        earlier = "" if report.phone == item.phone else f" [given as {report.phone}, before the number changed]"
        lines.append(f"    - {_when(report)}{earlier}: " + (f'"{report.comment}"' if report.comment else "(no comment)"))
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.feedback_report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=database_url(), help="SQLAlchemy URL of the knowledge database (KNOWLEDGE_DB_URL)")
    args = parser.parse_args(argv)
    # Checked before connecting: SQLite would create an empty file, and `make knowledge` would then
    # take that file for an up-to-date knowledge base.
    missing_file = args.url.startswith("sqlite:///") and not Path(args.url[len("sqlite:///"):]).exists()
    engine = None if missing_file else connect(args.url)
    try:
        if engine is None or not sa.inspect(engine).has_table(Document.__tablename__):
            print(f"No knowledge database at {args.url.split('@')[-1]}: run `make knowledge` (or load it there) first.", file=sys.stderr)
            return 1
        print(f"Wrong-number reports in {engine.url!r}")  # repr hides the password
        print(build_report(KnowledgeBase(engine), FeedbackStore(engine).all()))
    finally:
        if engine is not None:
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
