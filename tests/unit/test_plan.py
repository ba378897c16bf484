"""The toolkit action plan (bot/plan.py), against the real knowledge/."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.concern import SKIPPED
from bot.knowledge.schema import is_web_address
from bot.plan import (PLAN_BUTTONS, PLAN_MAX_ANSWER, PLAN_QUESTIONS, add_months, answer_problem,
                      build_plan, clean_plan_answer, due_date, next_term_start, plan_question_named, works_in_terms)
from bot.render import citation, long_date
from bot.routing import contact
from bot.wording import load
from tests.unit.kb_helpers import compact, raw_areas

TO_BE_DECIDED = load().part("utter_plan_document", "to_be_decided")
ASK_PARTNERSHIP = load().part("utter_plan_document", "ask_partnership")

TODAY = dt.date(2026, 11, 24)
AREAS = sorted(raw_areas())

ANSWERS = {
    "plan_setting": "Primary school, Reception to Year 6 (about 400 pupils)",
    "plan_place": "Loughborough",
    "plan_lead": "Designated safeguarding lead, with the deputy DSL",
    "plan_training": "Whole-staff INSET in January, then a 20-minute refresher each term; new staff at induction",
    "plan_triggers": "Two or more logged concerns about hunger, hygiene or attendance in half a term",
    "plan_recording": "Scores and next steps on CPOMS; the DSL reviews each case in fortnightly supervision",
    "plan_links": "DSL decides within a week: early help assessment or a call to the front door",
    "plan_audit": "Audit 10 records in the summer term; governors review the plan each November",
}


@pytest.fixture(scope="module")
def plan(kb):
    return build_plan(kb, ANSWERS, "leicestershire", TODAY)


def test_the_questions_cover_the_plan_in_order():
    assert list(PLAN_QUESTIONS) == ["plan_setting", "plan_place", "plan_lead", "plan_training", "plan_triggers",
                                    "plan_recording", "plan_links", "plan_audit"]


def test_each_answer_appears_verbatim(plan):
    for answer in ANSWERS.values():
        assert answer in plan.text
        assert answer in plan.markdown


def test_every_action_has_an_action_owner_by_when_and_measure(plan):
    assert len(plan.actions) >= 6
    for item in plan.actions:
        assert item.action and item.owner and item.by_when and item.measure
    for label in ("Action:", "Owner:", "By when:", "How we'll know it worked:"):
        assert plan.text.count(label) == len(plan.actions)


def test_the_owner_is_the_role_given(plan):
    assert {item.owner for item in plan.actions} == {ANSWERS["plan_lead"]}


def test_dates_are_counted_from_today(kb):
    plan = build_plan(kb, dict(ANSWERS, plan_setting="GP practice, 6 partners"), "leicestershire", TODAY)
    dues = [item.due for item in plan.actions]
    assert min(dues) == TODAY
    assert dues == sorted(dues)
    assert TODAY + dt.timedelta(weeks=4) in dues  # triggers and links
    assert TODAY + dt.timedelta(weeks=6) in dues  # training
    assert dt.date(2027, 5, 24) in dues and dt.date(2027, 11, 24) in dues  # audit at 6, review at 12 months
    for item in plan.actions:
        assert long_date(item.due) in item.by_when and long_date(item.due) in plan.text
    assert "within 4 weeks (by 22 December 2026)" in plan.text
    later = build_plan(kb, dict(ANSWERS, plan_setting="GP practice"), "leicestershire", dt.date(2027, 3, 1))
    assert [item.due - dt.date(2027, 3, 1) for item in later.actions][:5] == [d - TODAY for d in dues][:5]


def test_a_school_trains_staff_before_next_term(plan):
    training = next(item for item in plan.actions if item.title == "Train staff")
    assert training.due == dt.date(2027, 1, 3)  # the day before the spring term's first Monday
    assert training.by_when.startswith("before next term starts (by 3 January 2027")


@pytest.mark.parametrize("today, start", [
    (dt.date(2026, 11, 24), dt.date(2027, 1, 4)),   # spring term, first Monday of January
    (dt.date(2026, 12, 20), dt.date(2027, 4, 5)),   # too close to January: the summer term (Easter 2027 is 28 March)
    (dt.date(2027, 6, 1), dt.date(2027, 9, 6)),     # autumn term, first Monday of September
    (dt.date(2026, 2, 1), dt.date(2026, 4, 13)),    # Easter 2026 is 5 April
])
def test_next_term_is_at_least_three_weeks_away(today, start):
    assert next_term_start(today) == start


@pytest.mark.parametrize("setting, termly", [
    ("Primary school", True), ("our nursery", True), ("Sixth form college", True), ("pre-school playgroup", True),
    ("GP practice", False), ("health visiting team", False), ("ambulance station", False), (None, False),
])
def test_which_settings_work_in_terms(setting, termly):
    assert works_in_terms(setting) is termly


def test_the_plan_says_the_dates_are_defaults_to_adjust(plan):
    assert "move them to fit your setting's calendar" in plan.text


def test_month_arithmetic_keeps_to_real_days():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 24), 12) == dt.date(2027, 11, 24)
    assert due_date(dt.date(2026, 1, 1), "audit") == dt.date(2026, 7, 1)


def test_skipped_answers_keep_their_action_as_to_be_decided(kb):
    answers = dict(ANSWERS, plan_training=SKIPPED, plan_lead=SKIPPED)
    full, skipped = build_plan(kb, ANSWERS, "leicestershire", TODAY), build_plan(kb, answers, "leicestershire", TODAY)
    assert len(skipped.actions) == len(full.actions)
    training = next(item for item in skipped.actions if item.title == "Train staff")
    assert TO_BE_DECIDED in training.action and training.owner == TO_BE_DECIDED
    assert SKIPPED not in skipped.text and SKIPPED not in skipped.markdown


def test_missing_answers_do_not_break_the_plan(kb):
    plan = build_plan(kb, {}, None, TODAY)
    assert "None" not in plan.text and "not given" in plan.text
    assert all(item.owner == TO_BE_DECIDED for item in plan.actions)


@pytest.mark.parametrize("area_id", AREAS)
def test_each_area_gets_its_own_toolkit_and_its_source(kb, area_id):
    area = kb.area(area_id)
    kit = area.neglect_toolkit
    plan = build_plan(kb, ANSWERS, area_id, TODAY)
    for text in (plan.text, plan.markdown):
        assert kit.name in text
        source = kb.sources_of(kit, area)[0]
        assert source.title in text
        assert (source.url in text) == is_web_address(source.url)  # never a seed's file name
        assert citation(kb, kit, area) in text
        if kit.url:
            assert kit.url in text
    others = {other.neglect_toolkit.name for other in kb.areas.values() if other.neglect_toolkit} - {kit.name}
    assert not any(name in plan.text for name in others)


@pytest.mark.parametrize("area_id", AREAS)
def test_each_area_gets_its_own_front_door(kb, area_id):
    area = kb.area(area_id)
    door = contact(area, "front_door")
    plan = build_plan(kb, ANSWERS, area_id, TODAY)
    assert door.name in plan.text and compact(door.phone) in compact(plan.text)
    assert compact(door.phone) in compact(plan.markdown)


def test_a_threshold_document_whose_title_is_not_held_is_given_by_its_address(kb):
    area = kb.area("milton_keynes")
    assert area.threshold.document is None
    plan = build_plan(kb, ANSWERS, "milton_keynes", TODAY)
    assert area.threshold.url in plan.text and "None" not in plan.text


def test_unknown_area_says_no_toolkit_is_recorded_and_invents_none(kb):
    plan = build_plan(kb, dict(ANSWERS, plan_place="Truro"), None, TODAY)
    assert "Truro" in plan.text
    assert "don't hold a checked neglect toolkit" in plan.text
    assert ASK_PARTNERSHIP in plan.text
    for area in kb.areas.values():
        assert area.neglect_toolkit is None or area.neglect_toolkit.name not in plan.text
        assert contact(area, "front_door") is None or compact(contact(area, "front_door").phone) not in compact(plan.text)
    assert kb.national.find_your_council.text in plan.text
    assert len(plan.actions) == len(build_plan(kb, ANSWERS, "leicestershire", TODAY).actions)


def test_markdown_has_headings_and_an_action_table(plan):
    lines = plan.markdown.splitlines()
    assert lines[0].startswith("# ")
    assert sum(line.startswith("## ") for line in lines) >= 3
    rows = [line for line in lines if line.startswith("| ") and line[2:3].isdigit()]
    assert len(rows) == len(plan.actions)
    header = lines.index("| # | Action | Owner | By when | How we'll know it worked |")
    assert re.match(r"^\|(---\|)+$", lines[header + 1])
    assert all(row.count(" | ") == 4 for row in rows)


def test_a_pipe_in_an_answer_does_not_break_the_table(kb):
    plan = build_plan(kb, dict(ANSWERS, plan_training="INSET | then termly"), "leicestershire", TODAY)
    assert "INSET \\| then termly" in plan.markdown and "INSET | then termly" in plan.text


def test_no_unfilled_placeholders(kb):
    for area_id in (*AREAS, None):
        plan = build_plan(kb, {slot: "plain answer" for slot in PLAN_QUESTIONS}, area_id, TODAY)
        for text in (plan.text, plan.markdown):
            assert "{" not in text and "}" not in text and "None" not in text


def test_the_plan_asks_for_no_names_and_says_so(plan):
    assert "No names are included" in plan.text


@pytest.mark.parametrize("words, slot", [
    ("the training bit", "plan_training"), ("who leads it", "plan_lead"), ("when it's used: the triggers", "plan_triggers"),
    ("recording", "plan_recording"), ("early help", "plan_links"), ("the audit", "plan_audit"),
    ("the area", "plan_place"), ("kind of setting", "plan_setting"), ("where we record it", "plan_recording"),
    ("purple", None), (None, None),
])
def test_which_answer_a_user_means(words, slot):
    assert plan_question_named(words) == slot


def test_each_change_button_names_its_own_question():
    assert list(PLAN_BUTTONS) == list(PLAN_QUESTIONS)
    for slot, title in PLAN_BUTTONS.items():
        assert plan_question_named(title.lower()) == slot


@pytest.mark.parametrize("text, problem", [
    ("", "empty"), ("   \n ", "empty"), (None, "empty"),
    ("<script>alert(1)</script>", "markup"), ("the DSL <b>leads</b>", "markup"), ("javascript:alert(1)", "markup"),
    ("{{ lead }}", "markup"), ("word " * 1000, "huge"),
    ("DSL, with the deputy", None), ("fewer than 3 concerns -> no; 3 or more -> yes", None), ("A&E liaison", None),
])
def test_answers_that_are_asked_again(text, problem):
    assert answer_problem(text) == problem


def test_answers_are_trimmed_and_capped():
    assert clean_plan_answer("  the   DSL\n leads  ") == "the DSL leads"
    long = clean_plan_answer("word " * 200)
    assert len(long) <= PLAN_MAX_ANSWER + 4 and long.endswith(" […]")


def test_a_long_answer_is_capped_in_the_plan(kb):
    plan = build_plan(kb, dict(ANSWERS, plan_training="train " * 300), "leicestershire", TODAY)
    assert "train " * 300 not in plan.text and "[…]" in plan.text


def test_the_download_is_named_for_the_day(plan):
    assert plan.filename == "neglect-toolkit-action-plan-2026-11-24.md"


def test_a_tools_own_source_stays_under_it_in_the_markdown(kb):
    plan = build_plan(kb, ANSWERS, "stockton", TODAY)
    lines = plan.markdown.splitlines()
    sources = [i for i, line in enumerate(lines) if line.strip().startswith("Source:") and lines[i - 1].startswith("  - ")]
    assert sources and all(lines[i].startswith("    Source: ") for i in sources)
