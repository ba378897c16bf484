"""The phone numbers the assistant gives, each with a stable id, so a report of a wrong one names it.

An id is "<owner>.<role>" ("kingston.front_door", "national.helpline"), where the owner is the
area's id or "national". It survives a re-check that changes the number or reorders the file,
which a position ("contacts[0]") would not, so reports made before and after an update still
line up. A second contact with the same role in one file gets ".2", ".3", in file order.

999 and 101 are the same short codes everywhere, not facts a keeper of knowledge/ can get wrong,
so they are never offered for reports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.schema import Contact

NATIONAL = "national"
NOT_REPORTED = ("emergency", "police_non_emergency")


@dataclass(frozen=True)
class PhoneFact:
    id: str
    owner: str  # an area id, or "national"
    file: str  # where the keeper edits it, relative to the repository
    contact: Contact


def phone_facts(kb: KnowledgeBase) -> Dict[str, PhoneFact]:
    """Every reportable phone contact in the knowledge base, by id."""
    owners = [(area_id, f"knowledge/areas/{area_id}.yml", area.contacts) for area_id, area in sorted(kb.areas.items())]
    owners.append((NATIONAL, "knowledge/national.yml", kb.national.contacts))
    facts: Dict[str, PhoneFact] = {}
    for owner, file, contacts in owners:
        seen: Dict[str, int] = {}
        for item in contacts:
            seen[item.role] = seen.get(item.role, 0) + 1
            if item.role in NOT_REPORTED:
                continue
            fact_id = f"{owner}.{item.role}" + (f".{seen[item.role]}" if seen[item.role] > 1 else "")
            facts[fact_id] = PhoneFact(fact_id, owner, file, item)
    return facts


def facts_for(kb: KnowledgeBase, contacts: Iterable[Optional[Contact]]) -> List[PhoneFact]:
    """The reportable facts among `contacts` (as the knowledge base holds them), once each, in order."""
    by_object = {id(fact.contact): fact for fact in phone_facts(kb).values()}
    found: List[PhoneFact] = []
    for item in contacts:
        fact = by_object.get(id(item))
        if fact is not None and fact not in found:
            found.append(fact)
    return found


def known(kb: KnowledgeBase, fact_ids: Iterable[str]) -> List[PhoneFact]:
    """The facts named by `fact_ids` that exist; anything else (a stale or made-up id) is dropped."""
    facts = phone_facts(kb)
    return [facts[fact_id] for fact_id in dict.fromkeys(fact_ids) if fact_id in facts]


def checked_ids(kb: KnowledgeBase, value: str) -> Optional[str]:
    """A button's `fact_id` value (ids separated by spaces) cut down to the ids of reportable
    numbers, or None when none is left. Without this check the REST channel dropped the entity,
    so pressing one number after "Which number was wrong?" only asked the question again."""
    ids = " ".join(fact.id for fact in known(kb, value.split()))
    return ids or None


def of_area(kb: KnowledgeBase, area_id: str) -> List[PhoneFact]:
    return [fact for fact in phone_facts(kb).values() if fact.owner == area_id]


def other_routes(kb: KnowledgeBase, wrong: PhoneFact) -> List[PhoneFact]:
    """Numbers to try instead of one reported wrong: the same area's other lines, then the NSPCC
    helpline; never another copy of the number reported."""
    candidates = [fact for fact in phone_facts(kb).values() if fact.owner == wrong.owner]
    candidates += [fact for fact in phone_facts(kb).values() if fact.owner == NATIONAL and fact.contact.role == "helpline"]
    routes: List[PhoneFact] = []
    for fact in candidates:
        if fact.contact.phone != wrong.contact.phone and fact.contact.role != "childline" and fact not in routes:
            routes.append(fact)
    return routes
