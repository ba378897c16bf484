"""Definitions with their source, and "tell me more" about the last one."""
import asyncio

from actions.definitions import ActionExplainConcept, ActionTellMeMore
from tests.actions.conftest import said, tracker


def test_a_term_is_defined_with_its_source_and_offers_more(dispatcher, kb):
    events = asyncio.run(ActionExplainConcept().run(dispatcher, tracker("what does WNB mean", "ask_definition",
                                                                        [{"entity": "concept", "value": "WNB"}]), {}))
    message = dispatcher.messages[0]
    concept = kb.concept("was_not_brought")
    assert message["response"] == "utter_concept" and message["short"] == concept.short
    assert "Source:" in message["source"]
    assert message["buttons"][0]["payload"] == "/tell_me_more"
    assert events[0]["value"] == "was_not_brought"


def test_a_term_found_in_the_words_when_nlu_tagged_nothing(dispatcher):
    asyncio.run(ActionExplainConcept().run(dispatcher, tracker("sorry what is start again syndrome?", "ask_definition"), {}))
    assert dispatcher.messages[0]["name"].lower().startswith("start")


def test_an_unknown_term_lists_what_it_can_explain(dispatcher):
    asyncio.run(ActionExplainConcept().run(dispatcher, tracker("what is quantum chromodynamics", "ask_definition"), {}))
    assert dispatcher.messages[0]["response"] == "utter_concept_unknown"
    assert "Disguised compliance" in said(dispatcher) or "disguised compliance" in said(dispatcher)


def test_tell_me_more_about_the_last_term(dispatcher, kb):
    asyncio.run(ActionTellMeMore().run(dispatcher, tracker("tell me more", "tell_me_more", slots={"last_concept": "drift"}), {}))
    assert dispatcher.messages[0]["more"] == kb.concept("drift").more


def test_tell_me_more_with_nothing_before_asks_what_about(dispatcher):
    asyncio.run(ActionTellMeMore().run(dispatcher, tracker("tell me more", "tell_me_more"), {}))
    assert dispatcher.messages[0]["response"] == "utter_more_about_what"
