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
from typing import Dict, List, Optional

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.schema import Area, Contact, Nation
from bot.office_hours import bank_holiday, describe, is_open, local_time, usual_office_hours
from bot.roles import Audience


class Situation(str, Enum):
    IMMEDIATE_DANGER = "immediate_danger"
    SIGNIFICANT_HARM = "significant_harm"
    EARLY_HELP = "early_help"
    ADVICE = "advice"
    DISAGREEMENT = "disagreement"


@dataclass
class Step:
    """One thing to do. `contact` is set when the step is a call; otherwise `text` says what.

    `kind` says what the step is, so decisions are made on it, never on its wording. Steps whose
    `reason` is None are worded in the domain (`utter_route_<kind>` in domain/routes.yml, filled
    with `values`) when bot/render.py writes the route.
    """

    reason: Optional[str]
    contact: Optional[Contact] = None
    text: Optional[str] = None
    kind: str = ""
    values: Dict[str, str] = field(default_factory=dict)
    items: List[str] = field(default_factory=list)
    cite: Optional[object] = None  # a sourced fact (procedure, guide) whose source is shown with the step


@dataclass
class Route:
    situation: Situation
    area: Optional[Area]
    when: dt.datetime
    steps: List[Step] = field(default_factory=list)
    open_now: Optional[bool] = None
    notes: List[str] = field(default_factory=list)
    nation: Optional[Nation] = None  # the child lives in Wales, Scotland or Northern Ireland

    audience: Audience = Audience.PROFESSIONAL
    said_out_of_hours: bool = False

    @property
    def national(self) -> bool:
        return self.area is None


def contact(area: Area, role: str) -> Optional[Contact]:
    return next((item for item in area.contacts if item.role == role), None)


# Audiences with no safeguarding lead of their own to talk to first.
NO_OWN_LEAD = (Audience.DSL, Audience.PARENT, Audience.PUBLIC, Audience.CHILD)


def route_for(kb: KnowledgeBase, area_id: Optional[str], situation: Situation, now: dt.datetime,
              audience: Audience = Audience.PROFESSIONAL, out_of_hours: bool = False) -> Route:
    """The route for this area, situation and time, shaped for who is asking.

    `audience`: a safeguarding lead is not told to talk to their safeguarding lead; paramedics and
    out-of-hours clinicians are pointed to their own organisation's safeguarding team too; the
    public get the area's public line where it has one. `out_of_hours`: the person said it is out
    of hours, which counts where the front door's hours are unknown.
    """
    area = kb.area(area_id) if area_id else None
    route = Route(Situation(situation), area, local_time(now), audience=Audience(audience), said_out_of_hours=out_of_hours,
                  nation=kb.nation(area_id) if area_id and not area else None)
    if route.situation is Situation.IMMEDIATE_DANGER:
        route.steps.append(Step("A child in immediate danger needs the police or an ambulance now.", kb.national_contact("emergency"),
                                kind="emergency"))
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
        Situation.ADVICE: lambda a, r: _advice(kb, a, r),
        Situation.DISAGREEMENT: lambda a, r: _disagreement(kb, a, r),
    }[route.situation](area, route)
    _for_the_audience(kb, area, route)
    _helpline_where_doubtful(kb, area, route)
    return route


def _for_the_audience(kb: KnowledgeBase, area: Optional[Area], route: Route) -> None:
    """Drop the "talk to your safeguarding lead" step for those who have none (or are one), add the
    own-organisation step for emergency clinicians, and give the public their own line."""
    public = route.audience in (Audience.PARENT, Audience.PUBLIC, Audience.CHILD)
    public_line = contact(area, "front_door_public") if area else None
    steps = []
    for step in route.steps:
        if step.kind == "dsl" and route.audience in NO_OWN_LEAD:
            continue
        if step.kind == "dsl" and route.audience is Audience.EMERGENCY_CLINICIAN:
            step = Step(None, kind="own_organisation")
        if public and step.kind == "consultation" and contact(area, "front_door"):  # a line for professionals
            step = Step("The front door can discuss a concern with you and help decide whether to refer.", contact(area, "front_door"),
                        kind="front_door")
        if public and public_line and step.contact is not None and step.contact.role == "front_door":
            step = Step(step.reason, public_line, kind=step.kind, values=step.values)
        steps.append(step)
    if route.audience is Audience.EMERGENCY_CLINICIAN and not any(step.kind == "own_organisation" for step in steps):
        steps.append(Step(None, kind="own_organisation"))
    if public and route.situation is Situation.EARLY_HELP and not any(step.kind == "helpline" for step in steps):
        steps.append(Step("The NSPCC helpline gives advice to adults worried about a child.", kb.national_contact("helpline"),
                          kind="helpline"))
    route.steps = steps


def _front_door_now(area: Area, route: Route, reason: str = "A concern that a child may be suffering, or likely to suffer, significant harm goes to the front door today.") -> None:
    """The front door in its hours; the out-of-hours team when it is closed. Where the hours are not
    recorded, the out-of-hours line comes first when the person says it is out of hours or it is a
    weekday evening, night, weekend or bank holiday, and second (for later) in usual office hours."""
    door, edt = contact(area, "front_door"), contact(area, "out_of_hours")
    if door is None:
        _no_front_door(area, route, edt)
        return
    route.open_now = is_open(door.hours, route.when)
    holiday = bank_holiday(route.when.date())
    if route.open_now is None and route.said_out_of_hours and edt:
        route.steps.append(Step(None, edt, kind="out_of_hours_said"))
        route.steps.append(Step(None, door, kind="front_door_when_open"))
        return
    if route.open_now is False and edt:
        why = f"today is a bank holiday ({holiday})" if holiday and door.hours.bank_holidays == "closed" else "it is outside the front door's hours"
        route.steps.append(Step(f"The front door is closed now ({why}), so out of hours call the Emergency Duty Team.", edt,
                                kind="out_of_hours"))
        route.steps.append(Step(f"When it reopens ({describe(door.hours)}), the front door.", door, kind="front_door"))
        return
    if route.open_now is None and edt and not usual_office_hours(route.when):
        when = f"today is a bank holiday ({holiday})" if holiday else "it is outside usual office hours"
        route.steps.append(Step(f"I don't have the front door's exact hours, and {when}: call the out-of-hours line first.", edt,
                                kind="out_of_hours"))
        route.steps.append(Step("In office hours, the front door.", door, kind="front_door"))
        return
    route.steps.append(Step(reason, door, kind="front_door"))
    if route.open_now is None and edt:
        route.steps.append(Step("I don't have checked opening hours for the front door: outside office hours, call the out-of-hours line.", edt,
                                kind="out_of_hours"))
    elif route.open_now is False or (route.open_now is None and not usual_office_hours(route.when)):
        route.notes.append("The front door may be closed now and I don't have a checked out-of-hours number for this area. If the child is in danger, call 999.")


def _no_front_door(area: Area, route: Route, edt: Optional[Contact]) -> None:
    """No checked front-door number: say so, point to the council's own website, never guess."""
    where = area.council.homepage or "the council's website"
    route.steps.append(Step(f"I don't have a checked front-door number for {area.name}: find it on {where}.", text=where,
                            kind="no_front_door"))
    if edt:
        route.steps.append(Step("Out of office hours, the out-of-hours line.", edt, kind="out_of_hours"))


def _helpline_where_doubtful(kb: KnowledgeBase, area: Area, route: Route) -> None:
    """A low-confidence number, or no front-door number at all: the NSPCC helpline goes beside it,
    so there is always a line that is known to work."""
    doubtful = any(step.contact is not None and step.contact.confidence == "low" for step in route.steps) or contact(area, "front_door") is None
    if doubtful and not any(step.contact is not None and step.contact.role == "helpline" for step in route.steps):
        route.steps.append(Step("The NSPCC helpline gives advice to adults worried about a child, professionals included.",
                                kb.national_contact("helpline"), kind="helpline"))


def _after_999(area: Area, route: Route) -> None:
    _front_door_now(area, route, reason="Once the child is safe, tell the front door what happened.")


def _early_help(area: Area, route: Route) -> None:
    route.steps.append(Step("Talk it through with your designated safeguarding lead (DSL) first.", kind="dsl"))
    early = contact(area, "early_help")
    if early:
        route.steps.append(Step("Needs below the threshold for social care are met through early help.", early, kind="early_help"))
    elif contact(area, "front_door") is None:
        _no_front_door(area, route, None)
    else:
        route.steps.append(Step("The front door also advises on early help and will tell you if the concern meets the threshold for social care.",
                                contact(area, "front_door"), kind="front_door"))
    _threshold_note(area, route)


def people_to_talk_to(kb: KnowledgeBase, area: Optional[Area], route: Route) -> None:
    """Who can talk a concern through: the safeguarding lead, the area's consultation line (else
    the front door, whose "who it is for" is shown), the NSPCC helpline. Never the out-of-hours
    team: that line is for emergencies."""
    route.steps.append(Step("Your designated safeguarding lead (DSL) is the first person to talk it through with.", kind="dsl"))
    if area is not None:
        line = contact(area, "consultation")
        door = contact(area, "front_door")
        route.open_now = is_open(door.hours, route.when) if door else None
        if line:
            route.steps.append(Step(None, line, kind="consultation"))
        elif door is None:
            _no_front_door(area, route, None)
        elif route.open_now is False:
            route.steps.append(Step(None, door, kind="front_door_advice_closed", values={"hours": describe(door.hours)}))
        else:
            route.steps.append(Step("The front door can discuss a concern with you and help decide whether to refer.", door, kind="front_door"))
    route.steps.append(Step(None, kb.national_contact("helpline"), kind="helpline_talk"))


def talk_route(kb: KnowledgeBase, area_id: Optional[str], now: dt.datetime, audience: Audience = Audience.PROFESSIONAL) -> Route:
    """People to talk a concern through with, for "can I talk it through with someone?"."""
    area = kb.area(area_id) if area_id else None
    route = Route(Situation.ADVICE, area, local_time(now), audience=Audience(audience))
    people_to_talk_to(kb, area, route)
    _for_the_audience(kb, area, route)
    return route


def family_route(kb: KnowledgeBase, area_id: Optional[str], now: dt.datetime) -> Route:
    """A parent or carer asking for help for their own family: the council's early help or family
    hub route (its own line where recorded, else how to find it, and the front door), their health
    visitor, GP or school, the NSPCC, and 999 if a child is in danger."""
    area = kb.area(area_id) if area_id else None
    route = Route(Situation.EARLY_HELP, area, local_time(now), audience=Audience.PARENT)
    if area is not None:
        early = contact(area, "early_help")
        if early:
            route.steps.append(Step(None, early, kind="family_early_help"))
        else:
            route.steps.append(Step(None, kind="family_early_help_council", values={"council": area.name}))
            door = contact(area, "front_door_public") or contact(area, "front_door")
            if door:
                route.steps.append(Step(None, door, kind="family_front_door"))
    else:
        route.steps.append(Step(None, kind="family_early_help_anywhere"))
    route.steps.append(Step(None, kind="family_professionals"))
    route.steps.append(Step(None, kb.national_contact("helpline"), kind="helpline_parent"))
    route.steps.append(Step(None, kind="family_999"))
    return route


def _advice(kb: KnowledgeBase, area: Area, route: Route) -> None:
    people_to_talk_to(kb, area, route)
    _threshold_note(area, route)
    route.notes.append("If the child is in danger, call 999.")


def _disagreement(kb: KnowledgeBase, area: Area, route: Route) -> None:
    """Escalation in every area: the local procedure where held; otherwise the partnership's
    procedures manual and the general stages; always the front door and a short checklist."""
    route.steps.append(Step("Involve your designated safeguarding lead (DSL): escalation normally goes through them and your manager.",
                            kind="dsl"))
    if area.escalation:
        route.steps.append(Step(f"Follow the local escalation procedure: {area.escalation.procedure}.", text=area.escalation.url,
                                kind="escalation_procedure", items=list(area.escalation.stages), cite=area.escalation))
    else:
        if area.procedures:
            route.steps.append(Step(None, text=area.procedures.url, kind="procedures_manual", values={"manual": area.procedures.name},
                                    cite=area.procedures))
        else:
            route.notes.append("I don't have a checked escalation procedure for this area: ask your safeguarding lead or the local safeguarding children partnership for it.")
        guide = kb.escalation_guide()
        if guide:
            route.steps.append(Step(None, kind="general_stages", items=list(guide.stages), cite=guide))
    if contact(area, "front_door"):
        route.steps.append(Step("If you are still worried the child is at risk while you escalate, you can make a new referral.",
                                contact(area, "front_door"), kind="front_door"))
    guide = kb.escalation_guide()
    if guide:
        route.steps.append(Step(None, kind="checklist", items=list(guide.checklist), cite=guide))


def _threshold_note(area: Area, route: Route) -> None:
    if area.threshold:
        route.notes.append(f"The local threshold document is: {area.threshold.document}.")


def _other_nation(kb: KnowledgeBase, route: Route) -> None:
    """Wales, Scotland, Northern Ireland: their own system; no English council's number, ever."""
    route.steps.append(Step(route.nation.route, cite=route.nation))
    route.steps.append(Step("The NSPCC helpline gives advice to adults worried about a child anywhere in the UK.", kb.national_contact("helpline"),
                            kind="helpline"))
    if route.situation is not Situation.IMMEDIATE_DANGER:
        route.notes.append("If a child is in immediate danger, call 999.")


def _national(kb: KnowledgeBase, route: Route) -> None:
    finder = kb.national.find_your_council
    route.steps.append(Step("Children's services at the council where the child lives take referrals; I don't hold checked contacts for that area.",
                            text=finder.text, kind="council_finder"))
    route.steps.append(Step("The NSPCC helpline gives advice to adults worried about a child, professionals included.", kb.national_contact("helpline"),
                            kind="helpline"))
    guide = kb.escalation_guide()
    if route.situation is Situation.DISAGREEMENT and guide:
        route.steps.append(Step(None, kind="general_stages", items=list(guide.stages), cite=guide))
        route.steps.append(Step(None, kind="checklist", items=list(guide.checklist), cite=guide))
    if route.situation is not Situation.IMMEDIATE_DANGER:
        route.notes.append("If a child is in immediate danger, call 999.")
