"""Plain-text rendering of contacts and routes, with the source and checked date of each fact.

Plain text because the same words go to a terminal, the web widget and a professional's
records; the widget turns phone numbers into tel: links itself.
"""
from __future__ import annotations

from typing import List
from urllib.parse import urlparse

import phonenumbers

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.schema import GENERAL_KNOWLEDGE, Contact, EscalationGuide, is_web_address
from bot.office_hours import describe
from bot.roles import PLAIN_AUDIENCES
from bot.routing import CALL_999, Route
from bot.wording import load as wording


def long_date(day) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _say(*keys: str, **values) -> str:
    """A fixed piece of a rendered fact: `utter_render_parts` in domain/routes.yml."""
    return wording().part("utter_render_parts", *keys, **values)


def citation(kb: KnowledgeBase, fact, owner=None) -> str:
    """The first source a fact names (the one relied on most), how many more agree, and the date."""
    sources = kb.sources_of(fact, owner)
    first = sources[0]
    if first.url == GENERAL_KNOWLEDGE:
        named = _say("general_knowledge")
    elif is_web_address(first.url):
        named = _say("source_named", title=first.title, url=first.url)
    else:  # a seed document or reference file: its title, never the project's own file name
        named = _say("source_title", title=first.title)
    others = len(sources) - 1
    caveat = _say("archived") if first.read_from == "archived copy" else ""
    if isinstance(fact, EscalationGuide) and others:
        # Paraphrased from several areas' procedures: one area's title alone would read as the
        # procedure of the area asked about.
        return _say("source_general", count=len(sources), named=named, checked=long_date(fact.checked), caveat=caveat)
    more = "" if not others else _say("one_more_source") if others == 1 else _say("more_sources", count=others)
    return _say("source", named=named, more=more, checked=long_date(fact.checked), caveat=caveat)


def contact_text(kb: KnowledgeBase, item: Contact, with_source: bool = True, owner=None, plain: bool = False) -> str:
    """A line, its hours and who it is for, with a plain warning where the number is doubtful: a
    low-confidence number is never shown as certain, and a third-party one says so.

    `plain`, for a parent, a member of the public or a child: the knowledge base's notes on who a
    line is for ("practitioners with Level 3/4 concerns") and its other notes are written for
    professionals, so they are left out; except a "who" that gives another number, which is
    where some councils keep the public's own line."""
    lines = _number_lines(kb, item, owner)
    if item.who and (not plain or _names_another_line(item)):
        lines.insert(1, _say("who", who=item.who))
    if item.email:
        lines.append(_say("email", email=item.email))
    if item.online_form:
        lines.append(_say("online", url=item.online_form))
    if item.note and not plain:
        lines.append(_say("note", note=item.note))
    if with_source:
        lines.append(citation(kb, item, owner))
    return "\n".join(lines)


def _number_lines(kb: KnowledgeBase, item: Contact, owner) -> List[str]:
    """The line with its hours, and the warning a doubtful number always carries."""
    homepage = _homepage(owner)
    line = "low_confidence" if item.confidence == "low" else "line"
    lines = [_say(line, service=item.name, phone=item.phone, homepage=homepage)]
    if item.hours is not None or item.hours_text:
        lines[0] += f" ({item.hours_text or describe(item.hours)})"
    if item.confidence == "medium":
        lines.append(_say("medium_confidence_own_site" if on_own_site(kb, item, owner) else "medium_confidence", homepage=homepage))
    return lines


def number_text(kb: KnowledgeBase, item: Contact, owner=None) -> str:
    """Just the number: the line, its hours, any warning it carries and its source; not who it is
    for, emails or forms (asked for "just the number", or given again in a short answer)."""
    return "\n".join([*_number_lines(kb, item, owner), citation(kb, item, owner)])


# Steps that say a line is missing and where to find it: kept in the shortest answer.
MISSING_LINES = ("no_front_door",)


def distinct_numbers(route: Route) -> List[Contact]:
    """The route's lines in its order (what to call now first), a number given twice only once."""
    lines: List[Contact] = []
    for step in route.steps:
        if step.contact is not None and all(step.contact.phone != line.phone for line in lines):
            lines.append(step.contact)
    return lines


def numbers_text(kb: KnowledgeBase, route: Route) -> str:
    """Just the route's numbers (as `distinct_numbers`), each with its warning and source, in the
    route's order; with the sentence of a line the route lacks (no checked front-door number:
    where to find it), the NSPCC's line introduced as the NSPCC's, and the notes on what is missing
    (no out-of-hours number when the front door may be closed). Without these a hurried reader
    takes the only number under "For a child who lives in the X area" for the council's."""
    owned = route.area.contacts if route.area else ()
    parts: List[str] = []
    given = set()
    for step in route.steps:
        if step.contact is None and step.kind in MISSING_LINES:
            parts.append(step_text(step))
        elif step.contact is not None and step.contact.phone not in given:
            given.add(step.contact.phone)
            number = number_text(kb, step.contact, route.area if step.contact in owned else None)
            parts.append(f"{step_text(step)}\n{number}" if step.contact.role == "helpline" else number)
    parts += [wording().text(note.response, **note.values) for note in route.notes if note != CALL_999]
    return "\n\n".join(parts)


def front_door_in_short(kb: KnowledgeBase, area) -> str:
    """The area's front-door number with its source, or that none is held and where to look."""
    door = next((item for item in area.contacts if item.role == "front_door"), None)
    if door is not None:
        return number_text(kb, door, area)
    return wording().text("utter_route_no_front_door", area=area.name, where=_homepage(area))


def escalation_in_short(kb: KnowledgeBase, area) -> str:
    """The area's escalation procedure in a line or two, with its source: its title where one is
    held, plainly no title where none is, or that it isn't held at all."""
    esc, manual = area.escalation, area.procedures
    if esc is not None and esc.procedure:
        lines = [_say("escalation_named", council=area.name, procedure=esc.procedure, url=esc.url or "")]
    elif esc is not None:
        lines = [_say("escalation_untitled", council=area.name, url=esc.url)]
    elif manual is not None:
        lines = [_say("escalation_in_manual", council=area.name, manual=manual.name, url=manual.url or "")]
    else:
        return _say("escalation_none", council=area.name, partnership=area.partnership or _say("any_partnership"))
    return "\n".join([*lines, citation(kb, esc or manual, area)])


def _host(url: str) -> str:
    return urlparse(url).netloc.lower().removeprefix("www.")


def on_own_site(kb: KnowledgeBase, item: Contact, owner) -> bool:
    """Whether a source of the line is a page of the council's own website (its homepage's host, or
    a part of it such as news.<host>): then "read on other pages than the council's" is not true,
    whatever else made the line less certain."""
    council = getattr(owner, "council", None)
    if council is None or not council.homepage:
        return False
    home = _host(council.homepage)
    hosts = [_host(source.url) for source in kb.sources_of(item, owner) if is_web_address(source.url)]
    return any(host == home or host.endswith("." + home) for host in hosts)


def _names_another_line(item: Contact) -> bool:
    """The note on who a line is for gives another number ("members of the public use 0113 222 4403")."""
    return any(phonenumbers.national_significant_number(found.number) != phonenumbers.national_significant_number(
        phonenumbers.parse(item.phone, "GB")) for found in phonenumbers.PhoneNumberMatcher(item.who or "", "GB"))


def route_text(kb: KnowledgeBase, route: Route, with_999: bool = True) -> str:
    """The route as numbered steps, each worded by its domain response (domain/routes.yml), then
    the notes; in plain words for those who are not professionals. `with_999=False` where the
    response around the route says the 999 sentence itself: once in an answer is enough."""
    plain = route.audience in PLAIN_AUDIENCES
    lines: List[str] = []
    for number, step in enumerate(route.steps, start=1):
        reason = step_text(step)
        lines.append(f"{number}. {reason}")
        lines += [f"   - {item}" for item in step.items]
        if step.contact is not None:
            owner = route.area if step.contact in (route.area.contacts if route.area else ()) else None
            lines.append("   " + contact_text(kb, step.contact, owner=owner, plain=plain).replace("\n", "\n   "))
        elif step.text and step.text not in reason:
            lines.append(f"   {step.text}")
        if step.cite is not None and step.cite is route.nation:
            if step.cite.url:
                lines.append("   " + _say("more", url=step.cite.url))
            lines.append("   " + citation(kb, step.cite, kb.national))
        elif step.cite is not None:
            lines.append("   " + citation(kb, step.cite))
    lines += [wording().text(note.response, **note.values) for note in route.notes if with_999 or note != CALL_999]
    return "\n".join(lines)


def step_text(step) -> str:
    """The sentence of one route step, as the domain words it."""
    return wording().text(step.response, **step.values)


def _homepage(owner) -> str:
    council = getattr(owner, "council", None)
    return council.homepage if council is not None and council.homepage else "the council's website"


def threshold_text(kb: KnowledgeBase, area) -> str:
    doc = area.threshold
    lines = [doc.document or _say("untitled_threshold", council=area.name)]
    if doc.levels:
        lines.append(_say("levels"))
        lines += [f"- {level.name}" + (f": {level.meaning}" if level.meaning else "") for level in doc.levels]
    else:
        lines.append(_say("no_levels"))
    if doc.url:
        lines.append(_say("where", url=doc.url))
    if doc.note:
        lines.append(_say("note", note=doc.note))
    lines.append(citation(kb, doc, area))
    return "\n".join(lines)


def tool_text(kb: KnowledgeBase, area, tool) -> str:
    """One tool; its citation only where it rests on more than the toolkit's own source."""
    ages = _ages(kb, tool)
    line = f"- {tool.name}{f' ({ages})' if ages else ''}: {tool.purpose}"
    if tool.url:
        line += f" {tool.url}"
    if tool.sources != area.neglect_toolkit.sources:
        line += f"\n  {citation(kb, tool, area)}"
    return line


def toolkit_text(kb: KnowledgeBase, area, tools=None, others=()) -> str:
    """The toolkit with the tools given in full (all by default) and `others` by name only."""
    kit = area.neglect_toolkit
    lines = [kit.name + (f": {kit.url}" if kit.url else "")]
    if kit.note:
        lines.append(_say("note", note=kit.note))
    lines.append(citation(kb, kit, area))
    shown = kit.tools if tools is None else tools
    if shown:
        lines.append(_say("tools"))
        lines += [tool_text(kb, area, tool) for tool in shown]
    if others:
        lines.append(_say("no_age_stated", tools="; ".join(tool.name for tool in others)))
    return "\n".join(lines)


def _stage(kb: KnowledgeBase, tool):
    return next((stage for stage in kb.stages() if stage.id == tool.stage), None) if tool.stage else None


def _ages(kb: KnowledgeBase, tool) -> str:
    stage = _stage(kb, tool)
    if stage is not None:
        return stage.name
    if tool.min_age is None and tool.max_age is None:
        return ""
    low = "unborn" if tool.min_age == -1 else f"{tool.min_age}" if tool.min_age is not None else "0"
    if tool.max_age is None:
        return f"from {low}"
    return f"ages {low} to {tool.max_age}" if low != "unborn" else f"unborn to {tool.max_age}"


def _age_range(kb: KnowledgeBase, tool):
    """(youngest, oldest) a tool is for: its stage's ages, or the ages its source gives; None if neither."""
    stage = _stage(kb, tool)
    if stage is not None:
        return stage.min_age, stage.max_age
    if tool.min_age is None and tool.max_age is None:
        return None
    return (-1 if tool.min_age is None else tool.min_age), (99 if tool.max_age is None else tool.max_age)


def tools_for_age(kb: KnowledgeBase, area, age: int):
    """(tools for this age, tools with no age or stage, between): tools with no stated age are not
    guessed at. A child between two stages (12: past primary school, not yet a teenager) gets the
    tools of both neighbouring stages, and `between` says so, so no age falls through a gap."""
    kit = area.neglect_toolkit
    if kit is None:
        return [], [], False
    ranged = [(tool, _age_range(kb, tool)) for tool in kit.tools]
    general = [tool for tool, span in ranged if span is None]
    fits = [tool for tool, span in ranged if span and span[0] <= age <= span[1]]
    if fits or not any(span for _, span in ranged):
        return fits, general, False
    below = max((span[1] for _, span in ranged if span and span[1] < age), default=None)
    above = min((span[0] for _, span in ranged if span and span[0] > age), default=None)
    if below is None or above is None:
        return [], general, False
    nearest = [tool for tool, span in ranged if span and (span[1] == below or span[0] == above)]
    return nearest, general, True


def tools_hearing_the_child(area) -> list:
    """The area's own tools for hearing the child (A Day in the Life, All About Me, …), as its
    knowledge file marks them; none where the area or its toolkit is not held."""
    kit = area.neglect_toolkit if area else None
    return [tool for tool in kit.tools if tool.hears_the_child] if kit else []


def points_text(answer) -> str:
    """A practice answer's points as a bulleted list; its citation goes once, after the list."""
    return "\n".join(f"- {point.text}" for point in answer.points)
