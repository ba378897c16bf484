"""The fuller local records: what each area holds, or says plainly it does not, about early help and
the LADO, read from the knowledge files as written."""
from __future__ import annotations

import pytest

from bot.knowledge.schema import Contact
from tests.unit.kb_helpers import raw_areas

AREAS = raw_areas()


@pytest.mark.parametrize("area_id", sorted(AREAS))
def test_every_area_has_a_lado_contact_or_says_it_has_none(area_id):
    area = AREAS[area_id]
    has_contact = any(contact["role"] == "lado" for contact in area["contacts"])
    says_unknown = any("LADO" in gap for gap in area.get("unknown", []))
    assert has_contact != says_unknown  # one or the other, never both


@pytest.mark.parametrize("area_id", sorted(AREAS))
def test_every_area_has_an_early_help_route_or_says_what_is_missing(area_id):
    area = AREAS[area_id]
    if any(contact["role"] == "early_help" for contact in area["contacts"]):
        return
    door = next(contact for contact in area["contacts"] if contact["role"] == "front_door")
    through_front_door = "early help" in " ".join(str(door.get(key) or "") for key in ("who", "online_form")).lower()
    assert through_front_door or any("early help" in gap.lower() or "family service" in gap.lower() for gap in area["unknown"])


def test_a_lado_contact_is_a_role_the_schema_accepts():
    any_number = str(AREAS["leicester"]["contacts"][0]["phone"])
    lado = Contact(role="lado", name="Local Authority Designated Officer", phone=any_number, sources=["a"], checked="2026-12-02")
    assert lado.role == "lado"


@pytest.mark.parametrize("area_id", ["leicester", "leicestershire", "rutland"])
def test_the_llr_toolkit_is_described_from_a_partnership_page(kb, area_id):
    kit = kb.area(area_id).neglect_toolkit
    sources = [kb.area(area_id).sources[key] for key in kit.sources]
    assert any(source.read_from == "archived copy" and "lcitylscb.org" in source.url for source in sources)
    assert "adolescent neglect" in kit.note
