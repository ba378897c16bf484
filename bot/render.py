"""Plain-text rendering of contacts and routes, with the source and checked date of each fact.

Plain text because the same words go to a terminal, the web widget and a professional's
records; the widget turns phone numbers into tel: links itself.
"""
from __future__ import annotations

from typing import List

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.schema import GENERAL_KNOWLEDGE, Contact
from bot.office_hours import describe
from bot.routing import Route


def long_date(day) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def citation(kb: KnowledgeBase, fact, owner=None) -> str:
    sources = kb.sources_of(fact, owner)
    named = [f"{s.title} ({s.url})" if s.url != GENERAL_KNOWLEDGE else "general knowledge, not a published source" for s in sources]
    archived = any(s.read_from == "archived copy" for s in sources)
    caveat = " from an archived copy of the page" if archived else ""
    return f"Source: {'; '.join(named)}. Checked {long_date(fact.checked)}{caveat}."


def contact_text(kb: KnowledgeBase, item: Contact, with_source: bool = True, owner=None) -> str:
    lines = [f"{item.name}: {item.phone}"]
    if item.hours is not None or item.hours_text:
        lines[0] += f" ({item.hours_text or describe(item.hours)})"
    if item.email:
        lines.append(f"Email: {item.email}")
    if item.online_form:
        lines.append(f"Online: {item.online_form}")
    if item.note:
        lines.append(f"Note: {item.note}")
    if with_source:
        lines.append(citation(kb, item, owner))
    return "\n".join(lines)


def route_text(kb: KnowledgeBase, route: Route) -> str:
    lines: List[str] = []
    for number, step in enumerate(route.steps, start=1):
        lines.append(f"{number}. {step.reason}")
        if step.contact is not None:
            lines.append("   " + contact_text(kb, step.contact).replace("\n", "\n   "))
        elif step.text and step.text not in step.reason:
            lines.append(f"   {step.text}")
    lines.extend(route.notes)
    return "\n".join(lines)
