"""Stable ids for the numbers the assistant gives, checked against the knowledge files as written."""
from __future__ import annotations

import pytest

from bot.knowledge.schema import normalise_phone
from bot.phone_facts import NOT_REPORTED, facts_for, known, of_area, other_routes, phone_facts
from bot.routing import Situation, route_for
from tests.unit.kb_helpers import london, raw_areas, raw_national

AREAS = raw_areas()


@pytest.mark.parametrize("area_id", sorted(AREAS))
def test_every_number_an_area_gives_has_an_id_naming_the_area_and_role(kb, area_id):
    facts = phone_facts(kb)
    for contact in AREAS[area_id]["contacts"]:
        fact_id = f"{area_id}.{contact['role']}"
        if contact["role"] in NOT_REPORTED:
            assert fact_id not in facts
            continue
        assert normalise_phone(str(contact["phone"])) == facts[fact_id].contact.phone
        assert facts[fact_id].file == f"knowledge/areas/{area_id}.yml" and facts[fact_id].owner == area_id


def test_999_and_101_are_never_offered_for_reports(kb):
    phones = {fact.contact.phone for fact in phone_facts(kb).values()}
    assert not phones & {"999", "101"}
    helpline = next(c for c in raw_national()["contacts"] if c["role"] == "helpline")
    assert phone_facts(kb)["national.helpline"].contact.phone == normalise_phone(str(helpline["phone"]))


def test_a_second_contact_with_the_same_role_gets_its_own_id(kb, monkeypatch):
    area = kb.area("rutland")
    twin = area.contacts[0].copy(update={"name": "A second line"})
    monkeypatch.setattr(area, "contacts", [*area.contacts, twin])
    role = area.contacts[0].role
    facts = phone_facts(kb)
    assert facts[f"rutland.{role}"].contact is area.contacts[0] and facts[f"rutland.{role}.2"].contact is twin


def test_the_facts_of_a_route_are_its_reportable_numbers_in_order(kb):
    route = route_for(kb, "richmond", Situation.IMMEDIATE_DANGER, london(2026, 11, 24, 20, 0))
    ids = [fact.id for fact in facts_for(kb, [step.contact for step in route.steps])]
    assert ids == ["richmond.out_of_hours", "richmond.front_door"]  # 999 first in the route, never offered


def test_made_up_or_stale_ids_are_dropped(kb):
    assert [fact.id for fact in known(kb, ["kingston.front_door", "kingston.lado", "'; drop table", "kingston.front_door"])] == ["kingston.front_door"]


def test_other_routes_never_repeat_the_number_reported(kb):
    facts = phone_facts(kb)
    for fact in facts.values():
        routes = other_routes(kb, fact)
        assert all(route.contact.phone != fact.contact.phone for route in routes)
        assert all(route.owner in (fact.owner, "national") for route in routes)
    edt = facts["kingston.out_of_hours"]
    assert [route.id for route in other_routes(kb, edt)] == ["kingston.front_door", "national.helpline"]
    # Leicester's front door is also its out-of-hours line: the helpline is what is left.
    assert [route.id for route in other_routes(kb, facts["leicester.front_door"])] == ["national.helpline"]


def test_an_areas_numbers(kb):
    reportable = [c for c in AREAS["nottinghamshire"]["contacts"] if c["role"] not in NOT_REPORTED]
    assert [fact.contact.name for fact in of_area(kb, "nottinghamshire")] == [c["name"] for c in reportable]
