"""The England-wide knowledge: made from the shared reference, every number traceable to it, its
licences carried with it, and all 153 councils answerable through the same routing and rendering."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bot import render
from bot.knowledge.store import KNOWLEDGE_DIR, parse_yaml
from bot.routing import Situation, contact, route_for
from tests.unit import national_reference as ref
from tests.unit.kb_helpers import london, national_phone

REPO = KNOWLEDGE_DIR.parent
sys.path.insert(0, str(REPO / "scripts"))
from national_knowledge import WHERE_READ, SUPERSEDED, parse_hours  # noqa: E402

# A UK phone number as written in prose: 0 then 9 or 10 more digits, spaces or hyphens between.
_NUMBER = re.compile(r"(?<![\d])0\d(?:[ \-]?\d){8,9}(?![\d])")


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d)[\s\-()]+(?=\d)", "", text)


def _all_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_strings(item)
    elif isinstance(value, str):
        yield value


@ref.needs_reference
def test_every_phone_number_in_knowledge_is_one_the_shared_reference_holds():
    reference = _digits("\n".join(path.read_text(encoding="utf-8") for path in ref.reference_dir().rglob("*")
                                  if path.is_file() and path.suffix in (".yml", ".md", ".csv")))
    missing = set()
    for path in KNOWLEDGE_DIR.rglob("*.yml"):
        if path.parent.name == "postcodes":
            continue  # codes and shares, no phone numbers
        body = parse_yaml(path.read_text(encoding="utf-8"))
        for text in _all_strings(body):
            for number in _NUMBER.findall(text):
                if _digits(number).replace(" ", "") not in reference:
                    missing.add((path.name, number))
    assert missing == set()


@ref.needs_reference
def test_the_generated_knowledge_is_what_the_reference_gives():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "national_knowledge.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_attribution_travels_with_the_data():
    national = parse_yaml((KNOWLEDGE_DIR / "national.yml").read_text(encoding="utf-8"))
    wanted = ["Contains OS data © Crown copyright", "Royal Mail", "National Statistics", "Open Government Licence",
              "mySociety", "CC BY 4.0", "GeoNames"]
    joined = " ".join(national["attribution"])
    assert all(words in joined for words in wanted)
    for path in [*(KNOWLEDGE_DIR / "postcodes").glob("*.yml"), KNOWLEDGE_DIR / "places" / "gazetteer.yml"]:
        assert "Crown copyright" in parse_yaml(path.read_text(encoding="utf-8"))["attribution"], path
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(words in readme for words in wanted)


@ref.needs_reference
def test_all_153_councils_are_held_with_their_homepage(kb):
    councils = ref.rows("councils.csv")
    assert len(councils) == 153 and len(kb.areas) == 153
    for row in councils:
        area = kb.area(ref.target(row["gss"]))
        assert area.council.gss == row["gss"] and area.council.homepage == (row["homepage_url"] or None)


@ref.needs_reference
def test_every_reference_number_and_its_confidence_is_kept_unless_the_reference_says_it_is_superseded(kb):
    for entry in parse_yaml((ref.reference_dir() / "national" / "contacts.yml").read_text(encoding="utf-8")):
        area = kb.area(ref.target(entry["gss"]))
        for role in ("front_door", "out_of_hours"):
            line, held = entry[role], contact(area, role)
            if (entry["gss"], role) in SUPERSEDED:  # the reference: "likely superseded"; listed as unknown instead
                assert held is None and role in area.missing_lines
                assert any(str(line["phone"]) in gap for gap in area.unknown)
            elif line["phone"] is None:
                assert held is None and role in area.missing_lines
            else:
                assert _digits(held.phone).replace(" ", "") in _digits(str(line["phone"])).replace(" ", "")
                assert held.confidence == entry["confidence"]
                assert held.who == (WHERE_READ.sub("", " ".join(line["who"].split())) if line.get("who") else None)


@pytest.mark.parametrize("text, monday, friday", [
    ("Mon-Thu 8.30am-5pm, Fri 8.30am-4.30pm", ["08:30-17:00"], ["08:30-16:30"]),
    ("9am to 5pm, Monday to Friday", ["09:00-17:00"], ["09:00-17:00"]),
    ("Monday to Thursday - 8.30am to 5pm; Friday - 8.30am to 4.30pm", ["08:30-17:00"], ["08:30-16:30"]),
    ("08:45-17:00 Monday to Friday", ["08:45-17:00"], ["08:45-17:00"]),
])
def test_hours_in_plain_wording_are_read(text, monday, friday):
    hours = parse_hours(text)
    assert hours["mon"] == monday and hours["fri"] == friday and "sat" not in hours


@pytest.mark.parametrize("text", [
    "9.00am to 5.00pm Monday to Thursday and 9:00am – 4:30am [sic, presumably pm] Friday",
    "Mon-Fri 9am-5pm (stated only on a school page)", "office hours", "24 hours (per Suffolk SCB procedures page)",
    "Mon-Fri 9am-5pm (council page, 2020); NHS pages say 8am-5pm", "during the day", "8.30am-4.45pm (days not stated)",
])
def test_hedged_or_odd_hours_are_left_unread(text):
    assert parse_hours(text) is None


# All councils through the same routing and rendering ------------------------------------------

TUESDAY_11AM, TUESDAY_9PM, SATURDAY_NOON = london(2026, 11, 24, 11, 0), london(2026, 11, 24, 21, 0), london(2026, 11, 28, 12, 0)
BOXING_DAY = london(2026, 12, 28, 11, 0)  # the substitute Boxing Day bank holiday, a Monday


@pytest.mark.parametrize("area_id", [pytest.param(a, id=a) for a in sorted(ref.area_ids().values()) if a not in ("wales", "scotland")])
def test_every_council_gets_a_route_that_renders(kb, area_id):
    for when in (TUESDAY_11AM, TUESDAY_9PM):
        text = render.route_text(kb, route_for(kb, area_id, Situation.SIGNIFICANT_HARM, when))
        area = kb.area(area_id)
        door = contact(area, "front_door")
        assert (door.phone in text) if door else (area.council.homepage or "council") in text


def test_cornwall_in_office_hours_gives_its_front_door_first_with_its_source(kb):
    text = render.route_text(kb, route_for(kb, "cornwall", Situation.SIGNIFICANT_HARM, TUESDAY_11AM))
    door, edt = contact(kb.area("cornwall"), "front_door"), contact(kb.area("cornwall"), "out_of_hours")
    assert text.index(door.phone) < text.index(edt.phone)
    assert "Source: Page on cornwall.gov.uk (https://www.cornwall.gov.uk/" in text and "Checked 2 December 2026" in text


@pytest.mark.parametrize("when", [TUESDAY_9PM, SATURDAY_NOON, BOXING_DAY])
def test_where_hours_are_not_recorded_the_out_of_hours_line_comes_first_outside_office_hours(kb, when):
    area = kb.area("cornwall")
    assert contact(area, "front_door").hours is None
    text = render.route_text(kb, route_for(kb, "cornwall", Situation.SIGNIFICANT_HARM, when))
    assert text.index(contact(area, "out_of_hours").phone) < text.index(contact(area, "front_door").phone)


def test_recorded_hours_decide_which_line_comes_first(kb):
    area = next(a for a in kb.areas.values() if a.council and contact(a, "front_door") and contact(a, "front_door").hours
                and contact(a, "out_of_hours") and contact(a, "front_door").hours.mon == ["09:00-17:00"])
    door, edt = contact(area, "front_door"), contact(area, "out_of_hours")
    at_ten = render.route_text(kb, route_for(kb, area.id, Situation.SIGNIFICANT_HARM, london(2026, 11, 23, 10, 0)))
    at_six = render.route_text(kb, route_for(kb, area.id, Situation.SIGNIFICANT_HARM, london(2026, 11, 23, 18, 0)))
    assert at_ten.index(door.phone) < at_ten.index(edt.phone)  # open: the front door today, the out-of-hours line for later
    assert at_six.index(edt.phone) < at_six.index(door.phone)


def test_who_a_line_is_for_is_shown(kb):
    text = render.route_text(kb, route_for(kb, "cornwall", Situation.SIGNIFICANT_HARM, TUESDAY_11AM))
    assert f"Who it is for: {contact(kb.area('cornwall'), 'front_door').who}" in text


def test_a_low_confidence_number_is_said_plainly_with_the_homepage_and_the_national_routes(kb):
    area = next(a for a in kb.areas.values() if contact(a, "front_door") and contact(a, "front_door").confidence == "low")
    text = render.route_text(kb, route_for(kb, area.id, Situation.SIGNIFICANT_HARM, TUESDAY_11AM))
    assert f"The number I have is from an older or uncertain page: {contact(area, 'front_door').name}: {contact(area, 'front_door').phone}" in text
    assert f"confirm it on {area.council.homepage}" in text
    assert national_phone("helpline") in text


def test_a_council_without_a_front_door_number_points_to_its_homepage_and_never_guesses(kb):
    area = kb.area("redcar_and_cleveland")
    assert contact(area, "front_door") is None
    text = render.route_text(kb, route_for(kb, area.id, Situation.SIGNIFICANT_HARM, TUESDAY_11AM))
    assert area.council.homepage in text and national_phone("helpline") in text
    assert not re.search(r"01642", text)  # no Tees neighbour's number


@pytest.mark.parametrize("nation", ["wales", "scotland", "northern_ireland"])
def test_another_nation_gets_its_route_and_no_english_council_number(kb, nation):
    text = render.route_text(kb, route_for(kb, nation, Situation.SIGNIFICANT_HARM, TUESDAY_11AM))
    assert kb.nation(nation).route in text and national_phone("helpline") in text and "Source:" in text
    english = {c.phone for a in kb.areas.values() for c in a.contacts if c.role in ("front_door", "out_of_hours")}
    assert not [number for number in english if number in text]
