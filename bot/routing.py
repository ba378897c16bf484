"""Who should this professional contact, in what order, and why — for an area, a situation and a time.

Guide, don't decide: the route is advice for the professional and their safeguarding lead; the
decision stays with them and the front door. An area the knowledge base does not hold gets the
national route, never another area's number; a child in Wales, Scotland or Northern Ireland gets
that nation's route. Where a front door's hours are not recorded, usual office hours (weekdays
09:00-17:00, not bank holidays) decide which line comes first: outside them, the out-of-hours line.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import List, Optional

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.schema import Area, Contact, Nation
from bot.office_hours import bank_holiday, describe, is_open, local_time, usual_office_hours


class Situation(str, Enum):
    IMMEDIATE_DANGER = "immediate_danger"
    SIGNIFICANT_HARM = "significant_harm"
    EARLY_HELP = "early_help"
    ADVICE = "advice"
    DISAGREEMENT = "disagreement"


@dataclass
class Step:
    """One thing to do. `contact` is set when the step is a call; otherwise `text` says what."""

    reason: str
    contact: Optional[Contact] = None
    text: Optional[str] = None
    cite: Optional[object] = None  # a fact whose source is shown under the step (a nation's route)


@dataclass
class Route:
    situation: Situation
    area: Optional[Area]
    when: dt.datetime
    steps: List[Step] = field(default_factory=list)
    open_now: Optional[bool] = None
    notes: List[str] = field(default_factory=list)
    nation: Optional[Nation] = None  # the child lives in Wales, Scotland or Northern Ireland

    @property
    def national(self) -> bool:
        return self.area is None


def contact(area: Area, role: str) -> Optional[Contact]:
    return next((item for item in area.contacts if item.role == role), None)


def route_for(kb: KnowledgeBase, area_id: Optional[str], situation: Situation, now: dt.datetime,
              public: bool = False) -> Route:
    """`public`: the person is a member of the public, not a professional (no safeguarding lead;
    the area's public line where it has its own)."""
    area = kb.area(area_id) if area_id else None
    route = Route(Situation(situation), area, local_time(now), nation=kb.nation(area_id) if area_id and not area else None)
    if route.situation is Situation.IMMEDIATE_DANGER:
        route.steps.append(Step("A child in immediate danger needs the police now.", kb.national_contact("emergency")))
    if route.nation is not None:
        _other_nation(kb, route)
        return route
    if area is None:
        _national(kb, route)
        return route
    {
        Situation.IMMEDIATE_DANGER: _after_999,
        Situation.SIGNIFICANT_HARM: _front_door_now,
        Situation.EARLY_HELP: _early_help,
        Situation.ADVICE: _advice,
        Situation.DISAGREEMENT: _disagreement,
    }[route.situation](area, route)
    if public:
        _for_the_public(kb, area, route)
    doubtful = any(step.contact is not None and step.contact.confidence == "low" for step in route.steps) or contact(area, "front_door") is None
    if doubtful and not any(step.contact is not None and step.contact.role == "helpline" for step in route.steps):
        route.steps.append(Step("The NSPCC helpline gives advice to adults worried about a child, professionals included.", kb.national_contact("helpline")))
    return route


def _for_the_public(kb: KnowledgeBase, area: Area, route: Route) -> None:
    public_line = contact(area, "front_door_public")
    steps = []
    for step in route.steps:
        if step.contact is None and step.text is None and "safeguarding lead" in step.reason:
            continue  # only professionals have one
        if public_line and step.contact is not None and step.contact.role == "front_door":
            step = Step(step.reason, public_line)
        steps.append(step)
    if route.situation in (Situation.ADVICE, Situation.EARLY_HELP):
        steps.append(Step("The NSPCC helpline gives advice to adults worried about a child.", kb.national_contact("helpline")))
    route.steps = steps


def _front_door_now(area: Area, route: Route, reason: str = "A concern that a child may be suffering, or likely to suffer, significant harm goes to the front door today.") -> None:
    """The front door in its hours; the out-of-hours team when it is closed. Where the hours are not
    recorded, the out-of-hours line comes first on weekday evenings, nights, weekends and bank
    holidays, and second (for later) in usual office hours."""
    door, edt = contact(area, "front_door"), contact(area, "out_of_hours")
    if door is None:
        _no_front_door(area, route, edt)
        return
    route.open_now = is_open(door.hours, route.when)
    holiday = bank_holiday(route.when.date())
    if route.open_now is False and edt:
        why = f"today is a bank holiday ({holiday})" if holiday and door.hours.bank_holidays == "closed" else "it is outside the front door's hours"
        route.steps.append(Step(f"The front door is closed now ({why}), so out of hours call the Emergency Duty Team.", edt))
        route.steps.append(Step(f"When it reopens ({describe(door.hours)}), the front door.", door))
        return
    if route.open_now is None and edt and not usual_office_hours(route.when):
        when = f"today is a bank holiday ({holiday})" if holiday else "it is outside usual office hours"
        route.steps.append(Step(f"I don't have the front door's exact hours, and {when}: call the out-of-hours line first.", edt))
        route.steps.append(Step("In office hours, the front door.", door))
        return
    route.steps.append(Step(reason, door))
    if route.open_now is None and edt:
        route.steps.append(Step("I don't have checked opening hours for the front door: outside office hours, call the out-of-hours line.", edt))
    elif route.open_now is False or (route.open_now is None and not usual_office_hours(route.when)):
        route.notes.append("The front door may be closed now and I don't have a checked out-of-hours number for this area. If the child is in danger, call 999.")


def _no_front_door(area: Area, route: Route, edt: Optional[Contact]) -> None:
    """No checked front-door number: say so, point to the council's own website, never guess."""
    where = area.council.homepage or "the council's website"
    route.steps.append(Step(f"I don't have a checked front-door number for {area.name}: find it on {where}.", text=where))
    if edt:
        route.steps.append(Step("Out of office hours, the out-of-hours line.", edt))


def _after_999(area: Area, route: Route) -> None:
    _front_door_now(area, route, reason="Once the child is safe, tell the front door what happened.")


def _early_help(area: Area, route: Route) -> None:
    route.steps.append(Step("Talk it through with your designated safeguarding lead (DSL) first."))
    early = contact(area, "early_help")
    if early:
        route.steps.append(Step("Needs below the threshold for social care are met through early help.", early))
    elif contact(area, "front_door") is None:
        _no_front_door(area, route, None)
    else:
        route.steps.append(Step("The front door also advises on early help and will tell you if the concern meets the threshold for social care.", contact(area, "front_door")))
    _threshold_note(area, route)


def _advice(area: Area, route: Route) -> None:
    route.steps.append(Step("Your designated safeguarding lead (DSL) is the first person to talk it through with."))
    _front_door_now(area, route, reason="The front door can discuss a concern with you and help decide whether to refer.")
    _threshold_note(area, route)


def _disagreement(area: Area, route: Route) -> None:
    route.steps.append(Step("Involve your designated safeguarding lead (DSL): escalation normally goes through them and your manager."))
    if area.escalation:
        route.steps.append(Step(f"Follow the local escalation procedure: {area.escalation.procedure}.", text=area.escalation.procedure))
    else:
        route.notes.append("I don't have a checked escalation procedure for this area: ask your safeguarding lead or the local safeguarding children partnership for it.")
    if contact(area, "front_door"):
        route.steps.append(Step("If you are still worried the child is at risk while you escalate, you can make a new referral.", contact(area, "front_door")))


def _threshold_note(area: Area, route: Route) -> None:
    if area.threshold:
        route.notes.append(f"The local threshold document is: {area.threshold.document}.")


def _other_nation(kb: KnowledgeBase, route: Route) -> None:
    """Wales, Scotland, Northern Ireland: their own system; no English council's number, ever."""
    route.steps.append(Step(route.nation.route, cite=route.nation))
    route.steps.append(Step("The NSPCC helpline gives advice to adults worried about a child anywhere in the UK.", kb.national_contact("helpline")))
    if route.situation is not Situation.IMMEDIATE_DANGER:
        route.notes.append("If a child is in immediate danger, call 999.")


def _national(kb: KnowledgeBase, route: Route) -> None:
    finder = kb.national.find_your_council
    route.steps.append(Step("Children's services at the council where the child lives take referrals; I don't hold checked contacts for that area.", text=finder.text))
    route.steps.append(Step("The NSPCC helpline gives advice to adults worried about a child, professionals included.", kb.national_contact("helpline")))
    if route.situation is not Situation.IMMEDIATE_DANGER:
        route.notes.append("If a child is in immediate danger, call 999.")
