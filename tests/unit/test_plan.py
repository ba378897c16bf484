"""The toolkit action plan (bot/plan.py), against the real knowledge/."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bot.concern import SKIPPED
from bot.plan import (ASK_PARTNERSHIP, MISREAD_INTENTS, PLAN_BUTTONS, PLAN_QUESTIONS, TO_BE_DECIDED, add_months, build_plan,
                      due_date, is_plan_answer, plan_question_named)
from bot.render import citation, long_date
from bot.routing import contact
from tests.unit.kb_helpers import compact, raw_areas

TODAY = dt.date(2026, 11, 24)
NLU_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"
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


def test_dates_are_counted_from_today(kb, plan):
    dues = [item.due for item in plan.actions]
    assert min(dues) == TODAY
    assert dues == sorted(dues)
    assert TODAY + dt.timedelta(weeks=6) in dues  # training
    assert dt.date(2027, 5, 24) in dues and dt.date(2027, 11, 24) in dues  # audit at 6, review at 12 months
    for item in plan.actions:
        assert long_date(item.due) in item.by_when and long_date(item.due) in plan.text
    later = build_plan(kb, ANSWERS, "leicestershire", dt.date(2027, 3, 1))
    assert [item.due - dt.date(2027, 3, 1) for item in later.actions][:5] == [d - TODAY for d in dues][:5]


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
        assert kb.sources_of(kit, area)[0].url in text
        assert citation(kb, kit, area) in text
        if kit.url:
            assert kit.url in text
    others = {other.neglect_toolkit.name for other in kb.areas.values()} - {kit.name}
    assert not any(name in plan.text for name in others)


@pytest.mark.parametrize("area_id", AREAS)
def test_each_area_gets_its_own_front_door(kb, area_id):
    area = kb.area(area_id)
    door = contact(area, "front_door")
    plan = build_plan(kb, ANSWERS, area_id, TODAY)
    assert door.name in plan.text and compact(door.phone) in compact(plan.text)
    assert compact(door.phone) in compact(plan.markdown)


def test_unknown_area_says_no_toolkit_is_recorded_and_invents_none(kb):
    plan = build_plan(kb, dict(ANSWERS, plan_place="Truro"), None, TODAY)
    assert "Truro" in plan.text
    assert "don't hold a checked neglect toolkit" in plan.text
    assert ASK_PARTNERSHIP in plan.text
    for area in kb.areas.values():
        assert area.neglect_toolkit.name not in plan.text
        assert compact(contact(area, "front_door").phone) not in compact(plan.text)
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


ANSWERS_OFTEN_MISREAD = [
    "Designated safeguarding lead, with the deputy DSL", "practice safeguarding lead", "DSL", "early help",
    "audit 10 records in the summer term, governors review the plan each November",
    "scores and next steps on CPOMS, the DSL reviews each case in supervision",
    "the DSL decides within a week whether to offer early help or call the front door, or EDT out of hours",
]


@pytest.mark.parametrize("text", ANSWERS_OFTEN_MISREAD)
def test_answers_the_nlu_misreads_are_answers(text):
    assert is_plan_answer(text, "ask_definition")
    assert is_plan_answer(text, "change_answer")


def _examples(intent):
    """The NLU training examples of an intent, entity markup removed."""
    texts = []
    for path in NLU_DIR.glob("*.yml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if item.get("intent") == intent:
                texts += [re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:].strip())
                          for line in item["examples"].splitlines() if line.strip()]
    return texts


@pytest.mark.parametrize("intent", [i for i in MISREAD_INTENTS if i != "ask_definition"])
def test_real_digressions_stay_digressions(intent):
    examples = _examples(intent)
    assert examples
    assert [text for text in examples if is_plan_answer(text, intent)] == []


def test_definition_questions_stay_questions_and_bare_terms_are_answers():
    questions = [text for text in _examples("ask_definition") if len(text.split()) > 3]
    assert questions and not any(is_plan_answer(text, "ask_definition") for text in questions)


@pytest.mark.parametrize("intent", ["skip", "stop", "explain_question", "immediate_danger", "restart", None])
def test_controls_and_danger_are_never_taken_as_answers(intent):
    assert not is_plan_answer("Designated safeguarding lead", intent)
