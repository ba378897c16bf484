"""The written summary at the end of the guided concern (bot/summary.py)."""
from __future__ import annotations

import pytest

from bot.concern import KEY_QUESTIONS, SKIPPED
from bot.routing import Situation, route_for
from bot.summary import build_summary
from tests.unit.kb_helpers import compact, london


def section(text: str, number: str) -> str:
    """The lines of one numbered section of the draft, up to the next blank line."""
    start = text.index(f"\n{number} ")
    return text[start:text.index("\n\n", start)]

WHEN = london(2026, 11, 24, 20, 0)  # Tuesday evening: Kingston's SPA is closed


@pytest.fixture(scope="module")
def answers():
    slots = list(KEY_QUESTIONS)
    given = {slot: f"Answer {i} for {slot}: she said \"it's fine\" & left {{early}}" for i, slot in enumerate(slots)}
    given[slots[2]] = SKIPPED
    given[slots[5]] = None
    return given


@pytest.fixture(scope="module")
def route(kb):
    return route_for(kb, "kingston", Situation.SIGNIFICANT_HARM, WHEN)


@pytest.fixture(scope="module")
def summary(kb, answers, route):
    return build_summary(kb, answers, route, "School nurse", "Surbiton", "3 year old", "no", WHEN, level="significant_harm")


def test_each_answer_appears_verbatim(summary, answers):
    for answer in answers.values():
        if answer and answer != SKIPPED:
            assert answer in summary


def test_skipped_and_missing_answers_say_not_answered(summary):
    assert summary.count("Not answered.") == 2
    assert SKIPPED not in summary


def test_every_key_question_is_labelled(summary):
    for label in KEY_QUESTIONS.values():
        assert label in summary


def test_summary_gives_the_routes_phone_numbers(summary, route):
    for step in route.steps:
        if step.contact:
            assert compact(step.contact.phone) in compact(summary)


def test_the_consent_section_asks_whether_the_family_knows_and_gives_the_sourced_rule(summary, kb):
    consent = section(summary, "8.")
    assert "does the family know about this referral" in consent
    rules = [point.text for point in kb.practice_answer("consent_sharing").points if point.in_referral_draft]
    assert any("does not depend on the family's consent" in rule for rule in rules)
    assert any("greater risk of harm" in rule for rule in rules)  # consent is not sought where asking puts the child at risk
    for rule in rules:
        assert rule in consent
    assert "Source: Making a referral (RCGP" in consent


def test_summary_records_role_place_area_and_age(summary, kb):
    assert "School nurse" in summary
    assert "Surbiton" in summary and kb.area("kingston").name in summary
    assert "3 year old" in summary


def test_summary_has_no_unfilled_placeholders(kb, route):
    answers = {slot: "plain answer" for slot in KEY_QUESTIONS}
    text = build_summary(kb, answers, route, None, None, None, None, WHEN)
    assert "{" not in text and "}" not in text
    assert "None" not in text
    assert "not given" in text


def test_immediate_danger_is_recorded_with_999(kb, answers):
    route = route_for(kb, "kingston", Situation.IMMEDIATE_DANGER, WHEN)
    text = build_summary(kb, answers, route, None, "Surbiton", None, "yes", WHEN)
    assert "999" in text
    assert "Immediate danger at the time: yes: 999 advised first" in text


def test_an_unsure_answer_about_danger_reads_unsure_with_999_advised_never_no(kb, answers):
    route = route_for(kb, "kingston", Situation.IMMEDIATE_DANGER, WHEN)
    text = build_summary(kb, answers, route, None, "Surbiton", None, "unsure", WHEN)
    assert "Immediate danger at the time: unsure: 999 advised" in text
    assert route.steps[0].contact.phone == "999"


def test_a_summary_asked_for_part_way_says_what_is_not_answered_yet(kb, route):
    text = build_summary(kb, {"q_significant_harm": "always hungry"}, route, "teacher", None, None, None, WHEN, complete=False)
    assert "always hungry" in text
    assert text.count("Not answered yet.") == len(KEY_QUESTIONS) - 1 + 1  # and the next step, not chosen yet


def test_national_route_summary_says_the_area_is_not_held(kb, answers):
    route = route_for(kb, None, Situation.SIGNIFICANT_HARM, WHEN)
    text = build_summary(kb, answers, route, None, "Truro", None, "no", WHEN)
    assert "Truro" in text
    assert "don't hold checked contacts" in text
    assert compact(kb.national_contact("helpline").phone) in compact(text)


def test_summary_is_dated_in_uk_time(summary):
    assert "24 November 2026, 20:00" in summary
