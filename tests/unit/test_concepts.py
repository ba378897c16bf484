"""Which defined term a message asks about (bot/concepts.py), against knowledge/guidance."""
from __future__ import annotations

import pytest

from bot.concepts import find_concept


@pytest.fixture(scope="module")
def concepts(kb):
    return kb.concepts()


@pytest.mark.parametrize("text, concept_id", [
    ("the child was WNB again", "was_not_brought"),
    ("is this an s47?", "section_47"),
    ("what does s.47 mean", "section_47"),
    ("I think mum is showing disguised compliance", "disguised_compliance"),
    ("what is cumulative harm", "cumulative_harm"),
    ("What is a DSL?", "dsl"),
    ("what are protective factors?", "protective_factors"),
    ("what counts as a risk factor", "risk_factors"),
])
def test_concept_found_in_a_sentence(concepts, text, concept_id):
    assert find_concept(concepts, [], text).id == concept_id


def test_longest_name_wins_cumulative_harm_not_harm(concepts):
    assert find_concept(concepts, [], "what is cumulative harm").id == "cumulative_harm"
    assert find_concept(concepts, [], "what is harm").id == "significant_harm"


def test_small_typo_still_finds_the_concept(concepts):
    assert find_concept(concepts, [], "what is disguised complience").id == "disguised_compliance"


def test_entity_value_comes_before_the_words_of_the_message(concepts):
    assert find_concept(concepts, ["section 47"], "what is cumulative harm").id == "section_47"


def test_unknown_entity_value_falls_back_to_the_message(concepts):
    assert find_concept(concepts, ["nonsense"], "what is cumulative harm").id == "cumulative_harm"


@pytest.mark.parametrize("text", ["what time is it", "hello there", "can you tell me about the weather", ""])
def test_no_concept_in_unrelated_text(concepts, text):
    assert find_concept(concepts, [], text) is None


def test_knowledge_base_concept_lookup_ignores_case_and_punctuation(kb):
    assert kb.concept("S47").id == "section_47"
    assert kb.concept("Disguised-Compliance").id == "disguised_compliance"
    assert kb.concept("no such thing") is None
