"""The written summary at the end of the guided concern: a referral draft.

Front doors ask for a referral in a set shape (what the concern is and why now, the child's daily
life and words, the impact, the history, what has been tried, consent, other agencies, siblings,
the level of need, what is asked for); the Nottinghamshire learning (seed 002) is about referral
quality. So the professional's own words are placed under those headings, and what nobody has
answered shows as a gap to fill rather than disappearing. The area's own threshold level names
come from knowledge/, the consent rule from knowledge/guidance/referral_practice.yml; every
heading and fixed sentence is in domain/concern.yml (utter_referral_draft). It holds no names:
the assistant never asks for them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from bot.concern import KEY_QUESTIONS, LEVEL_TO_SITUATION, SKIPPED, danger_in_summary
from bot.knowledge.base import KnowledgeBase
from bot.render import citation, route_text
from bot.routing import Route
from bot.wording import load

# Each section of the draft and the questions whose answers it holds, in the front doors' order.
# "consent", "level" and "asking" are built from other data as well (see _section_lines).
SECTIONS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("concern", ("q_significant_harm",)),
    ("daily_life", ("q_daily_life", "q_child_voice")),
    ("impact", ("q_impact",)),
    ("history", ("q_history",)),
    ("circumstances", ("q_family_context",)),
    ("strengths", ("q_strengths",)),
    ("tried", ("q_concerns_raised", "q_plan", "q_disguised_compliance")),
    ("consent", ()),
    ("agencies", ("q_information_shared",)),
    ("siblings", ("q_siblings",)),
    ("level", ()),
    ("asking", ()),
)


def _say(*keys: str, **values) -> str:
    """A piece of the draft's wording (domain/concern.yml, utter_referral_draft)."""
    return load().part("utter_referral_draft", *keys, **values)


@dataclass
class Concern:
    """What the guided concern gathered: the answers in the person's own words and the details."""

    answers: Dict[str, Optional[str]]
    role: Optional[str] = None
    place: Optional[str] = None
    child_age: Optional[str] = None
    in_danger: Optional[str] = None
    level: Optional[str] = None  # the next step chosen (bot.concern.LEVEL_TO_SITUATION's keys)


def _answered(value: Optional[str]) -> bool:
    return bool(value) and value != SKIPPED


def _answer_lines(concern: Concern, slots: Tuple[str, ...], missing: str) -> List[str]:
    lines: List[str] = []
    for slot in slots:
        answer = concern.answers.get(slot)
        lines += [f"- {KEY_QUESTIONS[slot]}:", f"  {answer if _answered(answer) else missing}"]
    return lines


def _consent_lines(kb: KnowledgeBase) -> List[str]:
    """The gap to fill, then the sourced rule (consent is not needed where asking would put the
    child at risk), stated once in knowledge/ and marked there for the draft."""
    lines = [_say("family_knows")]
    answer = kb.practice_answer("consent_sharing")
    points = [point for point in answer.points if point.in_referral_draft] if answer else []
    if points:
        lines.append(_say("consent_rule"))
        lines += [f"- {point.text}" for point in points]
        lines.append(citation(kb, answer))
    return lines


def _level_lines(concern: Concern, route: Route, missing: str) -> List[str]:
    """The step chosen, then the area's own level names where knowledge/ records them."""
    chosen = _say("levels", concern.level) if concern.level in LEVEL_TO_SITUATION else missing
    lines = [_say("level_chosen", value=chosen)]
    threshold = route.area.threshold if route.area else None
    titled = "" if threshold is None or threshold.document else "_untitled"  # no title held: its address instead
    if threshold and threshold.levels:
        lines.append(_say(f"area_levels{titled}", council=route.area.name, document=threshold.document, url=threshold.url))
        lines += [f"- {level.name}" for level in threshold.levels]
    elif threshold:
        lines.append(_say(f"area_no_levels{titled}", council=route.area.name, document=threshold.document, url=threshold.url))
    else:
        lines.append(_say("no_threshold"))
    return lines


def _section_lines(kb: KnowledgeBase, key: str, slots: Tuple[str, ...], concern: Concern, route: Route,
                   missing: str) -> List[str]:
    lines = _answer_lines(concern, slots, missing)
    if key == "consent":
        lines += _consent_lines(kb)
    elif key == "level":
        lines += _level_lines(concern, route, missing)
    elif key == "asking":
        lines.append(_say("asking_gap"))
    return lines


def _heading(text: str, markdown: bool) -> str:
    return f"## {text}" if markdown else text.upper()


def build_summary(kb: KnowledgeBase, answers: Dict[str, Optional[str]], route: Route, role: Optional[str],
                  place: Optional[str], child_age: Optional[str], in_danger: Optional[str], when: dt.datetime,
                  complete: bool = True, level: Optional[str] = None, markdown: bool = False) -> str:
    """`in_danger`: the answer to the danger question (yes / unsure / no, or None if not asked).
    `complete`: False for a summary asked for part-way ("summary now"): unanswered questions
    read "Not answered yet." `level`: the next step chosen. `markdown`: headings for the
    Markdown download instead of capitals for plain text."""
    concern = Concern(answers, role, place, child_age, in_danger, level)
    missing = _say("missing" if complete else "missing_yet")
    area = route.area.name if route.area else route.nation.name if route.nation else _say("no_area")
    not_given = _say("not_given")
    lines = [
        f"# {_say('title_markdown')}" if markdown else _say("title"),
        _say("written", date=when.strftime("%d %B %Y, %H:%M")),
        _say("intro"),
        "",
        _heading(_say("details_heading"), markdown),
        _say("role", value=role or not_given),
        _say("place", value=place or not_given, area=area),
        _say("age", value=child_age or not_given),
        _say("danger", value=danger_in_summary(in_danger)),
    ]
    for key, slots in SECTIONS:
        lines += ["", _heading(_say("sections", key), markdown), *_section_lines(kb, key, slots, concern, route, missing)]
    lines += ["", _heading(_say("sections", "next_step"), markdown), route_text(kb, route), "", _say("closing")]
    return "\n".join(lines)
