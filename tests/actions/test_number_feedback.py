"""The wrong-number loop through the real actions: the prompt after numbers, reports, confirmations."""
import asyncio
import json

import pytest
import yaml
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.executor import CollectingDispatcher

from actions.concern_form import ActionConcernNextStep
from actions.local_answers import ActionAnswerContact, ActionAnswerOutOfHours
from actions.number_feedback import ActionNumberWasRight, ActionReportWrongNumber
from bot.knowledge.schema import normalise_phone
from bot.knowledge.store import KNOWLEDGE_DIR
from bot.number_feedback import RIGHT, WRONG
from tests.actions.conftest import TUESDAY_8PM, said, tracker

REPO = KNOWLEDGE_DIR.parent


def run(action, dispatcher, t):
    return asyncio.run(action.run(dispatcher, t, {}))


def contact(area_id, role):
    data = yaml.safe_load((KNOWLEDGE_DIR / "areas" / f"{area_id}.yml").read_text())
    return next(c for c in data["contacts"] if c["role"] == role)


def slots(events):
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def report(text, fact_ids=None, slots_now=None, entities=None):
    entities = list(entities or [])
    if fact_ids:
        entities.append({"entity": "fact_id", "value": " ".join(fact_ids)})
        text = f'/report_wrong_number{{"fact_id": "{" ".join(fact_ids)}"}}'
    return tracker(text, "report_wrong_number", entities, slots=slots_now)


def test_a_contact_answer_ends_with_one_short_question_and_two_buttons(dispatcher):
    events = run(ActionAnswerContact(), dispatcher, tracker("who do I call in Kingston upon Thames", "ask_contact",
                                                             [{"entity": "place", "value": "Kingston upon Thames"}]))
    understood, answer, offer, prompt = dispatcher.messages  # the prompt comes last, after the answer and its 999 advice
    assert understood["response"] == "utter_place_understood" and offer["response"] == "utter_offer_questions"
    assert answer["response"] == "utter_contact_answer"
    # In office hours: the front door, and the out-of-hours line for later.
    assert prompt["response"] == "utter_numbers_feedback" and prompt["facts"] == "kingston.front_door kingston.out_of_hours"
    assert slots(events)["numbers_given"] == ["kingston.front_door", "kingston.out_of_hours"]


def test_out_of_hours_gives_two_numbers_and_asks_about_both(dispatcher, wired):
    wired["now"] = TUESDAY_8PM
    run(ActionAnswerOutOfHours(), dispatcher, tracker("out of hours number for Hartlepool", "ask_out_of_hours",
                                                      [{"entity": "place", "value": "Hartlepool"}]))
    assert dispatcher.messages[-1]["response"] == "utter_numbers_feedback"
    assert dispatcher.messages[-1]["facts"] == "hartlepool.out_of_hours hartlepool.front_door"


def test_no_prompt_while_the_guided_questions_are_being_asked(dispatcher):
    events = run(ActionAnswerOutOfHours(), dispatcher, tracker("out of hours number for Hartlepool", "ask_out_of_hours",
                                                               [{"entity": "place", "value": "Hartlepool"}],
                                                               active_loop="concern_form"))
    assert [m["response"] for m in dispatcher.messages] == ["utter_place_understood", "utter_out_of_hours_answer"]
    assert "numbers_given" not in slots(events)


def test_an_unknown_place_gets_the_national_route_and_the_prompt_about_the_helpline(dispatcher):
    run(ActionAnswerContact(), dispatcher, tracker("who do I call in Llanfrothen Uchaf", "ask_contact",
                                                       [{"entity": "place", "value": "Llanfrothen Uchaf"}]))
    assert dispatcher.messages[0]["response"] == "utter_place_unknown"
    assert dispatcher.messages[-1]["facts"] == "national.helpline"


def test_the_guided_concern_asks_after_its_route_and_summary_never_about_999(dispatcher):
    answers = {"in_danger": "yes", "area": "stockton", "place": "Thornaby", "concern_level": "significant_harm"}
    run(ActionConcernNextStep(), dispatcher, tracker("", "choose_level", slots=answers))
    responses = [m["response"] for m in dispatcher.messages]
    assert responses == ["utter_concern_next_step", "utter_concern_summary", "utter_numbers_feedback"]
    assert "999" in dispatcher.messages[0]["route"]  # the 999 advice comes first, in the route
    assert set(dispatcher.messages[-1]["facts"].split()) == {"stockton.front_door", "stockton.out_of_hours"}


def test_the_button_payloads_carry_the_ids_as_json(dispatcher):
    domain = Domain.load(str(REPO / "domain"))
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    empty = DialogueStateTracker.from_events("t", [], slots=domain.slots)
    for response in ("utter_number_feedback", "utter_numbers_feedback"):
        message = asyncio.run(nlg.generate(response, empty, "rest", facts="kingston.front_door kingston.out_of_hours"))
        intents = []
        for button in message["buttons"]:
            intent, body = button["payload"][1:].split("{", 1)
            assert json.loads("{" + body) == {"fact_id": "kingston.front_door kingston.out_of_hours"}
            intents.append(intent)
        assert intents == ["number_was_right", "report_wrong_number"]


def test_reporting_one_number_stores_it_and_gives_other_ways_to_get_help(dispatcher, feedback):
    events = run(ActionReportWrongNumber(), dispatcher, report("", ["kingston.front_door"]))
    (stored,) = feedback.all()
    assert (stored.fact_id, stored.verdict, stored.comment) == ("kingston.front_door", WRONG, None)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_wrong_number_recorded"
    assert normalise_phone(str(contact("kingston", "front_door")["phone"])) in message["contact"]
    assert normalise_phone(str(contact("kingston", "out_of_hours")["phone"])) in message["others"]
    assert normalise_phone(str(contact("kingston", "front_door")["phone"])) not in message["others"]
    assert slots(events)["last_report"] == str(stored.id)


def test_what_the_user_types_next_is_added_to_the_report_redacted(dispatcher, feedback):
    run(ActionReportWrongNumber(), CollectingDispatcher(), report("", ["rutland.front_door"]))
    (first,) = feedback.all()
    events = run(ActionReportWrongNumber(), dispatcher, report("not in use, try 07700 900123", slots_now={"last_report": str(first.id)}))
    assert dispatcher.messages[0]["response"] == "utter_wrong_number_comment_added"
    (stored,) = feedback.all()
    assert stored.comment == "not in use, try [phone number]"
    assert slots(events)["last_report"] is None


def test_a_follow_up_naming_another_place_is_a_new_report_not_a_comment(dispatcher, feedback):
    run(ActionReportWrongNumber(), CollectingDispatcher(), report("", ["rutland.front_door"]))
    (first,) = feedback.all()
    run(ActionReportWrongNumber(), dispatcher, report("the Leicester one is wrong too", slots_now={"last_report": str(first.id)},
                                                     entities=[{"entity": "place", "value": "Leicester"}]))
    assert sorted(r.fact_id for r in feedback.all()) == ["leicester.front_door", "rutland.front_door"]
    assert feedback.all()[-1].comment is None  # the first report is unchanged


def test_when_several_numbers_were_shown_it_asks_which_and_stores_nothing_yet(dispatcher, feedback):
    run(ActionReportWrongNumber(), dispatcher, report("", ["hartlepool.out_of_hours", "hartlepool.front_door"]))
    message = dispatcher.messages[0]
    assert message["response"] == "utter_which_wrong_number" and feedback.all() == []
    payloads = [json.loads("{" + button["payload"].split("{", 1)[1]) for button in message["buttons"]]
    assert payloads == [{"fact_id": "hartlepool.out_of_hours"}, {"fact_id": "hartlepool.front_door"}]
    assert normalise_phone(str(contact("hartlepool", "out_of_hours")["phone"])) in message["buttons"][0]["title"]


def test_a_typed_report_naming_a_place_with_one_number_is_stored_with_the_words(dispatcher, feedback):
    run(ActionReportWrongNumber(), dispatcher, report("the number for Leicester was wrong, it's a fax",
                                                     entities=[{"entity": "place", "value": "Leicester"}]))
    (stored,) = feedback.all()
    assert stored.fact_id == "leicester.front_door" and stored.comment == "the number for Leicester was wrong, it's a fax"


def test_a_typed_report_uses_the_numbers_of_the_last_answer(dispatcher, feedback):
    run(ActionReportWrongNumber(), dispatcher, report("that number didn't work", slots_now={"numbers_given": ["nottingham.front_door"]}))
    assert [r.fact_id for r in feedback.all()] == ["nottingham.front_door"]


def test_forged_ids_are_ignored_and_with_nothing_else_known_it_asks_for_the_place(dispatcher, feedback):
    run(ActionReportWrongNumber(), dispatcher, report("", ["somewhere.front_door", "kingston.lado"]))
    assert dispatcher.messages[0]["response"] == "utter_which_wrong_number_area"
    assert feedback.all() == []


def test_it_was_right_is_counted_for_each_number_shown(dispatcher, feedback):
    t = tracker('/number_was_right{"fact_id": "kingston.out_of_hours kingston.front_door"}', "number_was_right",
                [{"entity": "fact_id", "value": "kingston.out_of_hours kingston.front_door"}])
    run(ActionNumberWasRight(), dispatcher, t)
    assert sorted((r.fact_id, r.verdict) for r in feedback.all()) == [("kingston.front_door", RIGHT), ("kingston.out_of_hours", RIGHT)]
    assert dispatcher.messages[0]["response"] == "utter_number_was_right"


@pytest.mark.parametrize("area_id", ["kingston", "nottinghamshire", "southampton"])
def test_every_number_in_a_contact_answer_can_be_reported(dispatcher, area_id, kb):
    run(ActionAnswerContact(), dispatcher, tracker(f"who do I call in {kb.area(area_id).name}", "ask_contact",
                                                   [{"entity": "place", "value": kb.area(area_id).name}]))
    route = next(m["route"] for m in dispatcher.messages if m["response"] == "utter_contact_answer")
    offered = dispatcher.messages[-1]["facts"].split()
    for fact_id in offered:
        role = fact_id.split(".")[1]
        assert normalise_phone(str(contact(area_id, role)["phone"])) in route


def pressed(payload, offered, resolver, kb):
    """What the action sees when the user presses a button: the REST channel's check of "/"
    messages (server_plugins/rest_channel.py), then Rasa's own reading of the payload."""
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.training_data.message import Message
    from bot.slash_messages import admitted
    from server_plugins.rest_channel import payload_validators
    text = admitted(payload, offered, payload_validators(resolver, kb))
    parsed = YAMLStoryReader.unpack_regex_message(Message(data={"text": text}), Domain.load(str(REPO / "domain")))
    return text, parsed.get("intent")["name"], parsed.get("entities") or []


@pytest.mark.parametrize("area_id", ["coventry", "wigan"])
def test_pressing_one_of_several_numbers_records_it_then_what_happened_is_its_comment(area_id, feedback, resolver, kb):
    """The tester's conversation: two numbers shown, "Report a wrong number", one number pressed,
    then what happened typed. The number's button used to lose its id at the REST channel, so
    every step asked "Which number was wrong?" again and nothing was ever recorded."""
    answered = CollectingDispatcher()
    run(ActionAnswerContact(), answered, tracker(area_id, "ask_contact", [{"entity": "place", "value": area_id}]))
    shown = answered.messages[-1]["facts"].split()
    assert len(shown) > 1 and shown[0].startswith(area_id)
    asked = CollectingDispatcher()
    report_button = f'/report_wrong_number{{"fact_id": "{" ".join(shown)}"}}'
    text, intent, entities = pressed(report_button, [report_button], resolver, kb)
    run(ActionReportWrongNumber(), asked, tracker(text, intent, entities, slots={"numbers_given": shown}))
    assert asked.messages[0]["response"] == "utter_which_wrong_number"
    buttons = asked.messages[0]["buttons"]

    thanked = CollectingDispatcher()
    text, intent, entities = pressed(buttons[0]["payload"], [b["payload"] for b in buttons], resolver, kb)
    events = run(ActionReportWrongNumber(), thanked, tracker(text, intent, entities, slots={"numbers_given": shown}))
    (stored,) = feedback.all()
    assert stored.fact_id == shown[0] and stored.comment is None
    assert thanked.messages[0]["response"] == "utter_wrong_number_recorded"
    assert kb.national.find_your_council.text in thanked.messages[0]["others"]
    assert stored.id == int(slots(events)["last_report"])

    added = CollectingDispatcher()
    run(ActionReportWrongNumber(), added, tracker("nobody answered for 40 mins", "report_wrong_number",
                                                  slots={"numbers_given": shown, "last_report": str(stored.id)}))
    assert added.messages[0]["response"] == "utter_wrong_number_comment_added"
    (stored,) = feedback.all()
    assert stored.comment == "nobody answered for 40 mins"


def test_an_unknown_id_in_a_number_button_is_dropped_by_the_channel_and_the_known_one_kept(resolver, kb):
    payload = '/report_wrong_number{"fact_id": "coventry.front_door somewhere.front_door"}'
    text, intent, entities = pressed(payload, [payload], resolver, kb)
    assert intent == "report_wrong_number"
    assert [(e["entity"], e["value"]) for e in entities] == [("fact_id", "coventry.front_door")]
