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
from bot.office_hours import bank_holiday, describe, is_open, local_time, open_around_the_clock, usual_office_hours
from bot.roles import DEFAULT_GROUP, PLAIN_AUDIENCES, POLICE_GROUP, Audience, lead_words


class Situation(str, Enum):
    IMMEDIATE_DANGER = "immediate_danger"
    SIGNIFICANT_HARM = "significant_harm"
    EARLY_HELP = "early_help"
    ADVICE = "advice"
    DISAGREEMENT = "disagreement"


@dataclass
class Step:
    """One thing to do. `contact` is set when the step is a call; `text` is a page to look at.

    `kind` says what the step is, so decisions are made on it, never on its wording. Its sentence
    is the domain's `utter_route_<says>` response (domain/routes.yml; `says` defaults to the kind),
    filled with `values` when bot/render.py writes the route: routing holds no prose.
    """

    kind: str
    contact: Optional[Contact] = None
    text: Optional[str] = None
    says: str = ""
    values: Dict[str, str] = field(default_factory=dict)
    items: List[str] = field(default_factory=list)
    cite: Optional[object] = None  # a sourced fact (procedure, guide) whose source is shown with the step

    @property
    def response(self) -> str:
        """A response named in full (the 999 sentence of domain/danger.yml) or utter_route_<…>."""
        said = self.says or self.kind
        return said if said.startswith("utter_") else f"utter_route_{said}"


@dataclass
class Note:
    """A line after the steps: the domain response that words it and its blanks."""

    response: str
    values: Dict[str, str] = field(default_factory=dict)


# The one 999 sentence (domain/danger.yml), the same wherever a route ends with it.
CALL_999 = Note("utter_if_danger_call_999")


@dataclass
class Route:
    situation: Situation
    area: Optional[Area]
    when: dt.datetime
    steps: List[Step] = field(default_factory=list)
    open_now: Optional[bool] = None
    notes: List[Note] = field(default_factory=list)
    nation: Optional[Nation] = None  # the child lives in Wales, Scotland or Northern Ireland

    audience: Audience = Audience.PROFESSIONAL
    said_out_of_hours: bool = False
    group: str = DEFAULT_GROUP  # whose safeguarding lead the writer goes to (bot/roles.py)

    @property
    def national(self) -> bool:
        return self.area is None


def contact(area: Area, role: str) -> Optional[Contact]:
    return next((item for item in area.contacts if item.role == role), None)


# Audiences with no safeguarding lead of their own to talk to first.
NO_OWN_LEAD = (Audience.DSL, *PLAIN_AUDIENCES)


def route_for(kb: KnowledgeBase, area_id: Optional[str], situation: Situation, now: dt.datetime,
              audience: Audience = Audience.PROFESSIONAL, out_of_hours: bool = False, group: str = DEFAULT_GROUP) -> Route:
    """The route for this area, situation and time, shaped for who is asking.

    `audience`: a safeguarding lead is not told to talk to their safeguarding lead; paramedics and
    out-of-hours clinicians are pointed to their own organisation's safeguarding team too; the
    public get the area's public line where it has one, in plain words, and the NSPCC helpline.
    `out_of_hours`: the person said it is out of hours, which counts where the front door's hours
    are unknown. `group`: whose safeguarding lead a professional goes to (a GP's is the practice
    lead, not a school's DSL); a police officer is not told to ask 999 for the police.
    """
    area = kb.area(area_id) if area_id else None
    route = Route(Situation(situation), area, local_time(now), audience=Audience(audience), said_out_of_hours=out_of_hours,
                  nation=kb.nation(area_id) if area_id and not area else None, group=group)
    if route.situation is Situation.IMMEDIATE_DANGER:
        route.steps.append(Step("emergency", kb.national_contact("emergency"), says="emergency_police" if group == POLICE_GROUP else ""))
    if route.nation is not None:
        _other_nation(kb, route)
        return route
    if area is None:
        _national(kb, route)
        return route
    {
        Situation.IMMEDIATE_DANGER: _after_999,
        Situation.SIGNIFICANT_HARM: _significant_harm,
        Situation.EARLY_HELP: _early_help,
        Situation.ADVICE: lambda a, r: _advice(kb, a, r),
        Situation.DISAGREEMENT: lambda a, r: _disagreement(kb, a, r),
    }[route.situation](area, route)
    _for_the_audience(kb, area, route)
    _helpline_where_doubtful(kb, area, route)
    return route


def _for_the_audience(kb: KnowledgeBase, area: Optional[Area], route: Route) -> None:
    """Drop the "talk to your safeguarding lead" step for those who have none (or are one), add the
    own-organisation step for emergency clinicians, and give the public their own line and the
    NSPCC helpline."""
    public = route.audience in PLAIN_AUDIENCES
    public_line = contact(area, "front_door_public") if area else None
    steps = []
    for step in route.steps:
        if step.kind == "dsl" and route.audience in NO_OWN_LEAD:
            continue
        if step.kind == "dsl" and route.audience is Audience.EMERGENCY_CLINICIAN:
            step = Step("own_organisation")
        if public and step.kind == "consultation" and contact(area, "front_door"):  # a line for professionals
            step = Step("front_door", contact(area, "front_door"), says="front_door_discuss")
        if public and public_line and step.contact is not None and step.contact.role == "front_door":
            step = Step(step.kind, public_line, says=step.says, values=step.values)
        steps.append(step)
    if route.audience is Audience.EMERGENCY_CLINICIAN and not any(step.kind == "own_organisation" for step in steps):
        steps.append(Step("own_organisation"))
    wants_helpline = route.audience is Audience.PUBLIC or (public and route.situation is Situation.EARLY_HELP)
    if wants_helpline and not any(step.contact is not None and step.contact.role == "helpline" for step in steps):
        steps.append(Step("helpline", kb.national_contact("helpline"), says="helpline_adults"))
    route.steps = steps


def _own_lead(route: Route, says: str) -> Step:
    """Talk to your own safeguarding lead, named for the writer's group (a GP's practice lead, a
    police officer's force team, a school's DSL)."""
    return Step("dsl", says=says, values={"lead": lead_words(route.group)})


def _front_door_now(area: Area, route: Route, says: str = "front_door_today") -> None:
    """The front door in its hours; the out-of-hours team when it is closed. The out-of-hours line
    comes first when the front door is closed by its hours, when the person says it is out of hours
    (what they say counts over the clock, whatever hours are recorded: they may read at 4:50pm
    about tonight), and, where the hours are not recorded, on a weekday evening, night, weekend or
    bank holiday. Otherwise it comes second, for later: a front door open now closes at 5pm."""
    door, edt = contact(area, "front_door"), contact(area, "out_of_hours")
    if door is None:
        _no_front_door(area, route, edt)
        return
    route.open_now = is_open(door.hours, route.when)
    holiday = bank_holiday(route.when.date())
    if route.open_now is False and edt:
        closed_for_holiday = bool(holiday) and door.hours.bank_holidays == "closed"
        route.steps.append(Step("out_of_hours", edt, says="out_of_hours_bank_holiday" if closed_for_holiday else "out_of_hours_closed",
                                values={"holiday": holiday} if closed_for_holiday else {}))
        route.steps.append(Step("front_door", door, says="front_door_reopens", values={"hours": describe(door.hours)}))
        return
    all_hours = open_around_the_clock(door.hours)
    if route.said_out_of_hours and edt and not all_hours:
        route.steps.append(Step("out_of_hours_said", edt))
        route.steps.append(Step("front_door_when_open", door))
        return
    if route.open_now is None and edt and not usual_office_hours(route.when):
        route.steps.append(Step("out_of_hours", edt, says="out_of_hours_first_bank_holiday" if holiday else "out_of_hours_first",
                                values={"holiday": holiday} if holiday else {}))
        route.steps.append(Step("front_door", door, says="front_door_when_open"))
        return
    route.steps.append(Step("front_door", door, says=says))
    if edt and not all_hours:
        route.steps.append(Step("out_of_hours", edt, says="out_of_hours_later"))
    elif edt is None and (route.open_now is False or route.said_out_of_hours
                          or (route.open_now is None and not usual_office_hours(route.when))):
        route.notes += [Note("utter_route_note_no_out_of_hours"), CALL_999]


def _no_front_door(area: Area, route: Route, edt: Optional[Contact]) -> None:
    """No checked front-door number: say so, point to the council's own website, never guess."""
    where = area.council.homepage or "the council's website"
    route.steps.append(Step("no_front_door", text=where, values={"area": area.name, "where": where}))
    if edt:
        route.steps.append(Step("out_of_hours", edt, says="out_of_hours_office_closed"))


def _helpline_where_doubtful(kb: KnowledgeBase, area: Area, route: Route) -> None:
    """A low-confidence number, or no front-door number at all: the NSPCC helpline goes beside it,
    so there is always a line that is known to work."""
    doubtful = any(step.contact is not None and step.contact.confidence == "low" for step in route.steps) or contact(area, "front_door") is None
    if doubtful and not any(step.contact is not None and step.contact.role == "helpline" for step in route.steps):
        route.steps.append(Step("helpline", kb.national_contact("helpline")))


def _significant_harm(area: Area, route: Route) -> None:
    """The front door now, said in plain words to those who are not professionals."""
    _front_door_now(area, route, says="front_door_public" if route.audience in PLAIN_AUDIENCES else "front_door_today")


def _after_999(area: Area, route: Route) -> None:
    _front_door_now(area, route, says="front_door_after_999")


def _early_help(area: Area, route: Route) -> None:
    route.steps.append(_own_lead(route, "dsl_first"))
    early = contact(area, "early_help")
    if early:
        route.steps.append(Step("early_help", early))
    elif contact(area, "front_door") is None:
        _no_front_door(area, route, None)
    else:
        route.steps.append(Step("front_door", contact(area, "front_door"), says="front_door_early_help"))
    _threshold_note(area, route)


def people_to_talk_to(kb: KnowledgeBase, area: Optional[Area], route: Route) -> None:
    """Who can talk a concern through: the safeguarding lead, the area's consultation line (else
    the front door, whose "who it is for" is shown), the NSPCC helpline. Never the out-of-hours
    team: that line is for emergencies."""
    route.steps.append(_own_lead(route, "dsl_talk"))
    if area is not None:
        line = contact(area, "consultation")
        door = contact(area, "front_door")
        route.open_now = is_open(door.hours, route.when) if door else None
        if line:
            route.steps.append(Step("consultation", line))
        elif door is None:
            _no_front_door(area, route, None)
        elif route.open_now is False:
            route.steps.append(Step("front_door_advice_closed", door, values={"hours": describe(door.hours)}))
        else:
            route.steps.append(Step("front_door", door, says="front_door_discuss"))
    route.steps.append(Step("helpline_talk", kb.national_contact("helpline")))


def talk_route(kb: KnowledgeBase, area_id: Optional[str], now: dt.datetime, audience: Audience = Audience.PROFESSIONAL,
               group: str = DEFAULT_GROUP) -> Route:
    """People to talk a concern through with, for "can I talk it through with someone?"."""
    area = kb.area(area_id) if area_id else None
    route = Route(Situation.ADVICE, area, local_time(now), audience=Audience(audience), group=group)
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
            route.steps.append(Step("family_early_help", early))
        else:
            route.steps.append(Step("family_early_help_council", values={"council": area.name}))
            door = contact(area, "front_door_public") or contact(area, "front_door")
            if door:
                route.steps.append(Step("family_front_door", door))
    else:
        route.steps.append(Step("family_early_help_anywhere"))
    route.steps.append(Step("family_professionals"))
    route.steps.append(Step("helpline_parent", kb.national_contact("helpline")))
    route.steps.append(Step("call_999", says=CALL_999.response))
    return route


def _advice(kb: KnowledgeBase, area: Area, route: Route) -> None:
    people_to_talk_to(kb, area, route)
    _threshold_note(area, route)
    route.notes.append(CALL_999)


def _disagreement(kb: KnowledgeBase, area: Area, route: Route) -> None:
    """Escalation in every area: the local procedure where held; otherwise the partnership's
    procedures manual and the general stages; always the front door and a short checklist."""
    route.steps.append(_own_lead(route, "dsl_escalation"))
    if area.escalation:
        titled = area.escalation.procedure is not None
        route.steps.append(Step("escalation_procedure", text=area.escalation.url, says="" if titled else "escalation_procedure_untitled",
                                values={"procedure": area.escalation.procedure} if titled else {},
                                items=list(area.escalation.stages), cite=area.escalation))
    else:
        if area.procedures:
            route.steps.append(Step("procedures_manual", text=area.procedures.url, values={"manual": area.procedures.name},
                                    cite=area.procedures))
        else:
            route.notes.append(Note("utter_route_note_no_escalation_procedure"))
        guide = kb.escalation_guide()
        if guide:
            route.steps.append(Step("general_stages", items=list(guide.stages), cite=guide))
    if contact(area, "front_door"):
        route.steps.append(Step("front_door", contact(area, "front_door"), says="front_door_new_referral"))
    guide = kb.escalation_guide()
    if guide:
        route.steps.append(Step("checklist", items=list(guide.checklist), cite=guide))


def _threshold_note(area: Area, route: Route) -> None:
    if area.threshold and area.threshold.document:
        route.notes.append(Note("utter_route_note_threshold", {"document": area.threshold.document}))
    elif area.threshold:
        route.notes.append(Note("utter_route_note_threshold_untitled", {"url": area.threshold.url}))


def _other_nation(kb: KnowledgeBase, route: Route) -> None:
    """Wales, Scotland, Northern Ireland: their own system; no English council's number, ever."""
    route.steps.append(Step("nation", values={"route": route.nation.route}, cite=route.nation))
    route.steps.append(Step("helpline", kb.national_contact("helpline"), says="helpline_uk"))
    if route.situation is not Situation.IMMEDIATE_DANGER:
        route.notes.append(CALL_999)


def _national(kb: KnowledgeBase, route: Route) -> None:
    finder = kb.national.find_your_council
    route.steps.append(Step("council_finder", text=finder.text))
    route.steps.append(Step("helpline", kb.national_contact("helpline")))
    guide = kb.escalation_guide()
    if route.situation is Situation.DISAGREEMENT and guide:
        route.steps.append(Step("general_stages", items=list(guide.stages), cite=guide))
        route.steps.append(Step("checklist", items=list(guide.checklist), cite=guide))
    if route.situation is not Situation.IMMEDIATE_DANGER:
        route.notes.append(CALL_999)
