"""The toolkit action plan: how a setting will embed its local neglect toolkit.

A safeguarding lead (a school DSL, a nursery manager, a GP practice lead) answers a few
questions in their own words; `build_plan` turns the answers into a list of actions, each with
what will be done, who owns it, by when and how the setting will know it worked, plus the local
toolkit and front door from knowledge/ with their sources. Nothing local is invented: an area
the knowledge base does not hold gets "ask your local safeguarding children partnership", not a
neighbour's toolkit or number. The plan never asks for names; the owner is the role given.

The order and labels of the questions live here (their wording is in domain/plan.yml as
utter_ask_plan_*), so the form, the plan and "change my answer" agree on one list.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from bot.concern import SKIPPED, question_named
from bot.knowledge.base import KnowledgeBase
from bot.render import citation, contact_text, long_date, tool_text
from bot.routing import contact
from bot.wording import load


def _say(*keys: str, **values) -> str:
    """A piece of the plan document's wording (domain/plan.yml, utter_plan_document)."""
    return load().part("utter_plan_document", *keys, **values)


def _call_999() -> str:
    """The 999 sentence on a line of its own (domain/danger.yml); within a piece it is `{call_999}`."""
    return load().text("utter_if_danger_call_999")

# slot name -> label used in the plan and when asking which answer to change
PLAN_QUESTIONS: Dict[str, str] = {
    "plan_setting": "Kind of setting",
    "plan_place": "Area the setting is in",
    "plan_lead": "Who leads the toolkit",
    "plan_training": "How staff will be trained",
    "plan_triggers": "When the toolkit is used",
    "plan_recording": "How use is recorded and supervised",
    "plan_links": "Links to early help and the front door",
    "plan_audit": "How use is audited and the plan reviewed",
}

# Short names for the "which answer would you like to change?" buttons; each maps back to its
# slot through plan_question_named.
PLAN_BUTTONS: Dict[str, str] = {
    "plan_setting": "Setting",
    "plan_place": "Area",
    "plan_lead": "Lead",
    "plan_training": "Training",
    "plan_triggers": "Triggers",
    "plan_recording": "Recording",
    "plan_links": "Links to early help",
    "plan_audit": "Audit and review",
}

# How people name a question when they want to change an answer. The most specific words are
# tried first, so "where we record it" means recording, not the area.
_QUESTION_WORDS = {
    "plan_training": ("train", "induction", "briefing"),
    "plan_triggers": ("trigger", "when the toolkit", "when to use", "when it is used", "when it's used", "when we use"),
    "plan_recording": ("record", "supervis", "cpoms", "myconcern"),
    "plan_links": ("early help", "front door", "link", "mash", "refer"),
    "plan_audit": ("audit", "review"),
    "plan_lead": ("lead", "owner", "in charge", "champion", "responsible"),
    "plan_setting": ("setting", "kind of", "type of"),
    "plan_place": ("area", "place", "town", "council", "where", "location"),
}


# When each action is due from the day the plan is written: (weeks, months). Why: see build_plan.
# Training in a setting that works in school terms is due before next term instead (see _by_when).
DUE = {
    "lead": (0, 0),
    "toolkit": (2, 0),
    "triggers": (4, 0),
    "links": (4, 0),
    "training": (6, 0),
    "recording": (0, 3),
    "audit": (0, 6),
    "review": (0, 12),
}
_TERM_SETTING = re.compile(r"\b(school|academy|college|nursery|pre-?school|early years|sixth form|playgroup|infant|junior|primary|secondary)")
_MIN_LEAD_TIME = dt.timedelta(weeks=3)

PLAN_MAX_ANSWER = 500
_HUGE = 4000
_MARKUP = re.compile(r"<\s*/?\s*[a-z!][^>]*>|javascript:|\{\{|\{%", re.IGNORECASE)
@dataclass(frozen=True)
class PlanAction:
    title: str
    action: str
    owner: str
    due: dt.date
    by_when: str
    measure: str


@dataclass
class Plan:
    setting: str
    place: str
    area_name: Optional[str]
    actions: List[PlanAction] = field(default_factory=list)
    text: str = ""
    markdown: str = ""
    filename: str = ""


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _first_monday(year: int, month: int, day: int) -> dt.date:
    start = dt.date(year, month, day)
    return start + dt.timedelta(days=(7 - start.weekday()) % 7)


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def next_term_start(today: dt.date) -> dt.date:
    """Roughly when the next school term in England starts, at least three weeks from today.

    Term dates differ between schools and councils, so this is an estimate: autumn in the first
    week of September, spring in the first week of January, summer the week after Easter Monday.
    Three weeks' notice leaves time to book the training before the term begins.
    """
    starts = []
    for year in (today.year, today.year + 1):
        starts += [_first_monday(year, 1, 2), _easter(year) + dt.timedelta(days=8), _first_monday(year, 9, 1)]
    return min(day for day in starts if day - today >= _MIN_LEAD_TIME)


def works_in_terms(setting: Optional[str]) -> bool:
    """A setting whose year runs in school terms (a school, nursery, college…), from its own words."""
    return bool(setting and _TERM_SETTING.search(setting.lower()))


def due_date(today: dt.date, key: str, termly: bool = False) -> dt.date:
    if key == "training" and termly:
        return next_term_start(today) - dt.timedelta(days=1)
    weeks, months = DUE[key]
    return add_months(today + dt.timedelta(weeks=weeks), months)


def _by_when(today: dt.date, key: str, termly: bool) -> str:
    day = long_date(due_date(today, key, termly))
    if key == "training" and termly:
        return _say("due_before_term", date=day)
    weeks, months = DUE[key]
    if weeks:
        return _say("due_within_weeks", count=weeks, date=day)
    if months:
        return _say("due_within_months", count=months, date=day)
    return _say("due_now", date=day)


def answer_problem(text: Optional[str]) -> Optional[str]:
    """Why a typed plan answer can't be kept as it is: "empty", "markup" or "huge"; None if fine.

    Markup is refused rather than stored because the plan is downloaded as Markdown and may be
    pasted into other systems; a calm re-ask costs the user one line.
    """
    if text is None or not str(text).strip():
        return "empty"
    if _MARKUP.search(str(text)):
        return "markup"
    if len(str(text)) > _HUGE:
        return "huge"
    return None


def clean_plan_answer(text: str) -> str:
    """The answer trimmed, with runs of spaces and line breaks made single, and capped in length."""
    answer = " ".join(str(text).split())
    if len(answer) > PLAN_MAX_ANSWER:
        answer = answer[:PLAN_MAX_ANSWER].rstrip() + " […]"
    return answer


def plan_question_named(words: Optional[str]) -> Optional[str]:
    """The plan slot a user means by "change my answer about X", or None when it's unclear."""
    return question_named(words, _QUESTION_WORDS)


def _given(answers: Dict[str, Optional[str]], slot: str) -> Optional[str]:
    answer = answers.get(slot)
    if answer is None or answer == SKIPPED:
        return None
    return clean_plan_answer(answer)


ROWS = ("lead", "toolkit", "triggers", "links", "training", "recording", "audit", "review")
# The answer each row's action quotes.
_ROW_ANSWER = {"lead": "plan_lead", "triggers": "plan_triggers", "links": "plan_links", "training": "plan_training",
               "recording": "plan_recording", "audit": "plan_audit"}


def _actions(answers: Dict[str, Optional[str]], kit, today: dt.date) -> List[PlanAction]:
    termly = works_in_terms(_given(answers, "plan_setting"))
    owner = _given(answers, "plan_lead") or _say("to_be_decided")
    if kit is not None:
        where = _say("find_toolkit_link_above") if kit.url else _say("find_toolkit_no_link")
        find = _say("find_toolkit", where=where)
    else:
        find = _say("find_no_toolkit", ask_partnership=_say("ask_partnership"))
    actions = []
    for key in ROWS:
        slot = _ROW_ANSWER.get(key)
        answer = (_given(answers, slot) or _say("skipped")) if slot else ""
        actions.append(PlanAction(_say("rows", key, "title"), _say("rows", key, "action", answer=answer, find=find), owner,
                                  due_date(today, key, termly), _by_when(today, key, termly), _say("rows", key, "measure")))
    return actions


def _toolkit_lines(kb: KnowledgeBase, area, place: str) -> List[str]:
    kit = area.neglect_toolkit if area else None
    if kit is None:
        where = _say("the_area", council=area.name) if area else f"\"{place}\"" if place else _say("your_area")
        return [_say("no_toolkit", where=where, ask_partnership=_say("ask_partnership"))]
    lines = [kit.name, _say("toolkit_link", url=kit.url) if kit.url else _say("toolkit_no_link")]
    if kit.note:
        lines.append(_say("note", note=kit.note))
    lines.append(citation(kb, kit, area))
    if kit.tools:
        lines.append(_say("tools"))
        lines += [tool_text(kb, area, tool) for tool in kit.tools]
    return lines


def _front_door_lines(kb: KnowledgeBase, area, place: str) -> List[str]:
    if area is None:
        finder = kb.national.find_your_council
        where = f"\"{place}\"" if place else _say("your_area")
        return [_say("no_contacts", where=where), finder.text, citation(kb, finder), _call_999()]
    door = contact(area, "front_door")
    if door is None:
        lines = [_say("no_front_door", council=area.name,
                      homepage=area.council.homepage or _say("council_website"))]
    else:
        lines = contact_text(kb, door, owner=area).split("\n")
    if area.threshold is not None:
        doc = area.threshold
        lines.append(_say("threshold" if doc.document else "threshold_untitled", document=doc.document) + (f" {doc.url}" if doc.url else ""))
        lines.append(citation(kb, doc, area))
    lines += [_say("another_council"), _call_999()]
    return lines


def build_plan(kb: KnowledgeBase, answers: Dict[str, Optional[str]], area_id: Optional[str], today: dt.date) -> Plan:
    """The action plan from the answers (slot -> the user's words, "(skipped)" or None).

    Each action keeps the user's own words; a skipped or missing answer keeps its action with
    "to be decided", so a gap stays visible. Every action is owned by the lead's role as given.

    "By when" is counted from `today` (see DUE). Why these defaults:
    - the lead is named now: every later step needs an owner, and naming one costs nothing;
    - the toolkit and its forms are found, and the version checked, within 2 weeks, before
      anything is agreed or taught;
    - when the toolkit is used (triggers) and what happens next (early help, the front door)
      are agreed within 4 weeks, so that training teaches the setting's own agreed practice;
    - staff are trained within 6 weeks: about half a school term, long enough to book a staff
      meeting or INSET slot, short enough to keep momentum; a setting that works in terms (its
      own words name a school, nursery, college…) trains before next term starts instead, so
      the term begins with the toolkit in use;
    - recording and supervision are in place by the first review, 3 months (about a term) in,
      when there are first uses of the toolkit to look at;
    - the first audit is at 6 months, when there are enough uses to sample;
    - the plan is reviewed at 12 months, after a full year of practice (partnerships revise
      their toolkits, so the version is checked again then).
    They are suggestions: the setting should move them to fit its own calendar (terms, staff
    meetings, governors' or partners' meetings), and the plan says so.
    """
    area = kb.area(area_id) if area_id else None
    place = _given(answers, "plan_place")
    shown_place = place or _say("not_given")
    plan = Plan(_given(answers, "plan_setting") or _say("not_given"), shown_place, area.name if area else None)
    plan.actions = _actions(answers, area.neglect_toolkit if area else None, today)
    area_text = _say("area_known", place=shown_place, council=area.name) if area else _say("area_unknown", place=shown_place)
    lead = _given(answers, "plan_lead") or _say("to_be_decided")
    toolkit, door = _toolkit_lines(kb, area, place), _front_door_lines(kb, area, place)
    plan.text = _text(plan, today, area_text, lead, toolkit, door)
    plan.markdown = _markdown(plan, today, area_text, lead, toolkit, door)
    plan.filename = f"neglect-toolkit-action-plan-{today.isoformat()}.md"
    return plan


def _text(plan: Plan, today: dt.date, area_text: str, lead: str, toolkit: List[str], door: List[str]) -> str:
    lines = [_say("title"), _say("written", date=long_date(today)), _say("intro"), "",
             f"{_say('setting')}: {plan.setting}", f"{_say('area')}: {area_text}", f"{_say('lead')}: {lead}", "",
             _say("toolkit_heading"), *toolkit, "", _say("front_door_heading"), *door, "", _say("actions_heading")]
    for number, item in enumerate(plan.actions, start=1):
        lines += [f"{number}. {item.title}", f"   {_say('action')}: {item.action}", f"   {_say('owner')}: {item.owner}",
                  f"   {_say('by_when')}: {item.by_when}", f"   {_say('measure')}: {item.measure}"]
    lines += ["", _say("closing")]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _markdown(plan: Plan, today: dt.date, area_text: str, lead: str, toolkit: List[str], door: List[str]) -> str:
    lines = [f"# {_say('title_markdown')}", "", _say("written", date=long_date(today)), "", _say("intro"), "",
             "| | |", "|---|---|", f"| {_say('setting')} | {_cell(plan.setting)} |", f"| {_say('area')} | {_cell(area_text)} |",
             f"| {_say('lead')} | {_cell(lead)} |", "", f"## {_say('toolkit_heading_markdown')}", ""]
    # A tool is a sub-item ("  - …") and its own source line sits under it ("    Source: …").
    for line in "\n".join(toolkit).split("\n"):
        lines.append(f"  {line}" if line.startswith("- ") else f"    {line.strip()}" if line.startswith(" ") else f"- {line}")
    lines += ["", f"## {_say('front_door_heading_markdown')}", "", *[f"- {line}" for line in door], "",
              f"## {_say('actions_heading_markdown')}", "",
              f"| # | {_say('action')} | {_say('owner')} | {_say('by_when')} | {_say('measure')} |", "|---|---|---|---|---|"]
    for number, item in enumerate(plan.actions, start=1):
        lines.append(f"| {number} | **{_cell(item.title)}**: {_cell(item.action)} | {_cell(item.owner)} | "
                     f"{_cell(item.by_when)} | {_cell(item.measure)} |")
    lines += ["", _say("closing"), ""]
    return "\n".join(lines)
