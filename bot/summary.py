"""The written summary at the end of the guided concern, for the professional's records or referral.

Plain text with the professional's own words for each question, the route given and the
contacts with their sources. It holds no names: the assistant never asks for them.
"""
from __future__ import annotations

import datetime as dt
from typing import Dict, Optional

from bot.concern import KEY_QUESTIONS, SKIPPED, danger_in_summary
from bot.knowledge.base import KnowledgeBase
from bot.render import route_text
from bot.routing import Route

GOOD_REFERRAL = (
    "A good referral says clearly: what you are worried about and why you think the child needs "
    "more help now; what daily life is like for the child and the impact on them; your involvement "
    "with the family and what support has been offered; whether the family accepted it and whether "
    "anything changed; what the family knows about the referral (unless telling them would put the "
    "child at risk); and what you think should happen next."
)


def build_summary(kb: KnowledgeBase, answers: Dict[str, Optional[str]], route: Route, role: Optional[str],
                  place: Optional[str], child_age: Optional[str], in_danger: Optional[str], when: dt.datetime,
                  complete: bool = True) -> str:
    """`in_danger`: the answer to the danger question (yes / unsure / no, or None if not asked).
    `complete`: False for a summary asked for part-way ("summary now"): unanswered questions
    read "Not answered yet." """
    missing = "Not answered." if complete else "Not answered yet."
    area_name = route.area.name if route.area else route.nation.name if route.nation else "an area I don't hold checked contacts for"
    lines = [
        "SUMMARY OF A CONCERN ABOUT A CHILD (neglect)",
        f"Written: {when.strftime('%d %B %Y, %H:%M')} (UK time)",
        "Prepared with a guidance assistant. It records the practitioner's own words; it is not an",
        "assessment or a decision. No names are included: add identifying details only in your",
        "organisation's secure record or referral form.",
        "",
        f"Practitioner's role: {role or 'not given'}",
        f"Where the child lives: {place or 'not given'} ({area_name})",
        f"Child's age: {child_age or 'not given'}",
        f"Immediate danger at the time: {danger_in_summary(in_danger)}",
        "",
        "KEY QUESTIONS (practitioner's own words)",
    ]
    for slot, label in KEY_QUESTIONS.items():
        answer = answers.get(slot)
        lines.append(f"- {label}:")
        lines.append(f"  {answer if answer and answer != SKIPPED else missing}")
    lines += ["", "NEXT STEP SUGGESTED", route_text(kb, route), "",
              "The decision stays with the practitioner, their safeguarding lead and the front door.",
              "", "FOR A REFERRAL", GOOD_REFERRAL]
    return "\n".join(lines)
