"""Places anywhere in England over the REST webhook, with the real Rasa and action servers.

A council outside the ten seed areas, in and out of hours: the action server's clock is fixed by
ASSISTANT_CLOCK (see README), one running assistant per time, started like `make run` starts it.
"""

import pytest
import yaml

from bot.knowledge.store import KNOWLEDGE_DIR
from tests.conftest import new_sender as sender, running_bot
from tests.unit.kb_helpers import area_phone, national_phone

TUESDAY_11AM = "2026-11-24T11:00"
TUESDAY_9PM = "2026-11-24T21:00"


def council(area_id: str) -> dict:
    return yaml.safe_load((KNOWLEDGE_DIR / "councils" / f"{area_id}.yml").read_text(encoding="utf-8"))


def line(area_id: str, role: str) -> str:
    from bot.knowledge.schema import normalise_phone
    return normalise_phone(next(c["phone"] for c in council(area_id)["contacts"] if c["role"] == role))



@pytest.fixture(scope="module", params=[TUESDAY_11AM, TUESDAY_9PM], ids=["in-hours", "out-of-hours"])
def bot_at(request, tmp_path_factory):
    with running_bot(tmp_path_factory, "places", {"ASSISTANT_CLOCK": request.param, "WIDGET": "0"}) as bot:
        yield request.param, bot


def test_a_school_nurse_in_penzance_gets_cornwalls_lines_in_the_right_order(bot_at):
    when, bot = bot_at
    reply = bot.text(sender(), "I'm a school nurse in Penzance, who do I call?")
    door, edt = line("cornwall", "front_door"), line("cornwall", "out_of_hours")
    assert reply.index("Cornwall Council") < reply.index(door)  # the council understood comes first
    assert "Source: Page on cornwall.gov.uk" in reply
    if when == TUESDAY_11AM:
        assert reply.index(door) < reply.index(edt)
    else:  # hours not recorded: on a weekday evening the out-of-hours line comes first
        assert reply.index(edt) < reply.index(door)


def test_out_of_hours_question_for_kendal_gives_westmorland_and_furness(bot_at):
    _, bot = bot_at
    reply = bot.text(sender(), "out of hours number for Kendal")
    assert "Westmorland and Furness Council" in reply
    assert line("westmorland_and_furness", "out_of_hours") in reply


def test_weston_super_mare_never_gets_a_southampton_number(bot_at):
    _, bot = bot_at
    reply = bot.text(sender(), "worried about a kid in weston super mare, who do I call?")
    assert "North Somerset Council" in reply
    southampton = yaml.safe_load((KNOWLEDGE_DIR / "areas" / "southampton.yml").read_text(encoding="utf-8"))
    assert "Southampton" not in reply
    assert not [c["phone"] for c in southampton["contacts"] if c["role"] != "police_non_emergency" and c["phone"] in reply]


def test_front_door_for_ng5_names_both_councils_as_buttons_and_a_choice_answers(bot_at):
    _, bot = bot_at
    who = sender()
    messages = bot.say(who, "front door for NG5")
    buttons = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert buttons == ["Nottingham City Council", "Nottinghamshire County Council"]
    reply = bot.text(who, '/inform_place{"place": "Nottinghamshire County Council"}')
    assert "Nottinghamshire County Council" in reply and area_phone("nottinghamshire", "front_door") in reply


def test_cardiff_gets_the_welsh_route_and_no_english_number(bot_at):
    _, bot = bot_at
    reply = bot.text(sender(), "who do I call about a child in Cardiff")
    assert "Wales" in reply and "Wales Safeguarding Procedures" in reply and national_phone("helpline") in reply
    assert "0300" not in reply and "0116" not in reply


def test_not_right_then_another_place_answers_again(bot_at):
    _, bot = bot_at
    who = sender()
    first = bot.text(who, "who do I call in Richmond, North Yorkshire")
    assert "North Yorkshire Council" in first
    assert "Which town, postcode or council area" in bot.text(who, "that's the wrong council")
    again = bot.text(who, "Richmond upon Thames")
    assert "London Borough of Richmond upon Thames" in again and "020 8547 5008" in again


def test_which_newport_answered_with_the_county_gets_telford_and_wrekin_never_shropshire(bot_at):
    """The probe of 3 December: Wales was listed among "places in England", the two biggest English
    Newports were cut off, and "shropshire" in reply gave Shropshire Council's number."""
    _, bot = bot_at
    who = sender()
    messages = bot.say(who, "who do i call in newport")
    buttons = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert buttons[:2] == ["Isle of Wight Council", "Telford & Wrekin Council"] and "Wales" not in buttons
    assert "Newport in Wales" in "\n".join(m.get("text") or "" for m in messages)
    reply = bot.text(who, "shropshire")
    assert "Telford & Wrekin Council" in reply and line("telford_and_wrekin", "front_door") in reply
    assert line("shropshire", "front_door") not in reply


def test_the_threshold_asked_about_for_a_county_is_that_countys(bot_at):
    _, bot = bot_at
    reply = bot.text(sender(), "what's the threshold for neglect in devon")
    assert "Devon County Council" in reply and "devonscp.org.uk" in reply
