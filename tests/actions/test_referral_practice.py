""""Can I share without consent?" and "what happens after I refer?" through the real actions."""
import asyncio

import yaml

from actions.referral_practice import ActionAnswerAfterReferral, ActionAnswerConsentSharing
from bot.knowledge.schema import normalise_phone
from bot.knowledge.store import KNOWLEDGE_DIR
from tests.actions.conftest import said, tracker

PRACTICE = yaml.safe_load((KNOWLEDGE_DIR / "guidance" / "referral_practice.yml").read_text())
POINTS = {answer["id"]: [" ".join(point["text"].split()) for point in answer["points"]] for answer in PRACTICE["answers"]}


def run(action, dispatcher, t):
    return asyncio.run(action.run(dispatcher, t, {}))


def front_door(area_id):
    data = yaml.safe_load((KNOWLEDGE_DIR / "areas" / f"{area_id}.yml").read_text())
    return next(c for c in data["contacts"] if c["role"] == "front_door")


def every_area_phone():
    phones = set()
    for path in (KNOWLEDGE_DIR / "areas").glob("*.yml"):
        phones |= {normalise_phone(str(c["phone"])) for c in yaml.safe_load(path.read_text())["contacts"]
                   if c["role"] != "police_non_emergency"}
    return phones


def test_consent_is_answered_point_by_point_with_a_citation_and_no_number(dispatcher):
    events = run(ActionAnswerConsentSharing(), dispatcher, tracker("can I refer without the parents' consent", "ask_consent_sharing"))
    (message,) = dispatcher.messages
    assert message["response"] == "utter_consent_sharing_answer"
    assert all(point in message["points"] for point in POINTS["consent_sharing"])
    assert "Source:" in message["source"] and "Checked" in message["source"]
    assert events == []


def test_after_a_referral_in_a_named_town_the_areas_front_door_follows(dispatcher):
    events = run(ActionAnswerAfterReferral(), dispatcher, tracker("I've referred a child in Mansfield, what now", "ask_after_referral",
                                                                  [{"entity": "place", "value": "Mansfield"}]))
    general, local, prompt = dispatcher.messages
    assert general["response"] == "utter_after_referral_answer"
    assert all(point in general["points"] for point in POINTS["after_referral"])
    door = front_door("nottinghamshire")
    assert local["response"] == "utter_after_referral_local"
    assert normalise_phone(str(door["phone"])) in local["door"] and "Who it is for: " in local["door"]
    assert prompt["facts"] == "nottinghamshire.front_door"
    assert {"event": "slot", "timestamp": None, "name": "area", "value": "nottinghamshire"} in events


def test_a_local_decision_time_is_stated_only_from_the_areas_own_record(dispatcher):
    run(ActionAnswerAfterReferral(), dispatcher, tracker("what happens after I refer", "ask_after_referral", slots={"area": "kingston"}))
    local = dispatcher.messages[1]["door"]
    assert " ".join(front_door("kingston")["who"].split()) in local  # its "decides within 24 hours" is sourced there


def test_without_an_area_it_offers_to_add_one_and_gives_no_local_number(dispatcher):
    events = run(ActionAnswerAfterReferral(), dispatcher, tracker("what happens after I refer", "ask_after_referral"))
    assert [m["response"] for m in dispatcher.messages] == ["utter_after_referral_answer", "utter_after_referral_which_area"]
    assert not any(phone in said(dispatcher) for phone in every_area_phone())
    assert events == []


def test_a_place_we_do_not_hold_gets_no_neighbours_number(dispatcher):
    run(ActionAnswerAfterReferral(), dispatcher, tracker("I referred a child in Truro, what happens now", "ask_after_referral",
                                                         [{"entity": "place", "value": "Truro"}]))
    assert not any(phone in said(dispatcher) for phone in every_area_phone())
