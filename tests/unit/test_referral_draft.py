"""The summary as a referral draft (bot/summary.py): each answer in the section front doors ask
for, the area's own threshold level names, gaps shown, and golden copies of a full and a sparse
draft (tests/unit/golden/). The route part is left out of the golden copies: it follows the
knowledge base and is checked in test_summary.py.

To refresh a golden copy after a deliberate change of wording: delete it and run
`GOLDEN_WRITE=1 pytest tests/unit/test_referral_draft.py`, then read the diff before committing.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.concern import KEY_QUESTIONS
from bot.routing import Situation, route_for
from bot.summary import SECTIONS, build_summary
from tests.unit.kb_helpers import london
from tests.unit.test_summary import section

WHEN = london(2026, 11, 24, 20, 0)
GOLDEN = Path(__file__).parent / "golden"
FULL = {
    "q_significant_harm": "Comes in hungry most days this term and has lost weight; the school nurse is worried about his growth.",
    "q_daily_life": "Gets himself up and to school, no breakfast, same clothes all week.",
    "q_child_voice": "Says \"there's never food on a Friday\"; hides bread in his bag.",
    "q_impact": "Tired, falling behind in reading, tooth pain.",
    "q_history": "Missed 3 dental appointments (was not brought); two A&E visits for minor burns this year.",
    "q_family_context": "Dad drinks most evenings and is asleep when the children get home; temporary housing.",
    "q_strengths": "Nan has him most weekends; he loves football club.",
    "q_siblings": "A younger sister aged 4.",
    "q_concerns_raised": "Spoke to mum in October; she agreed to help but nothing changed.",
    "q_information_shared": "Told the school nurse; the GP has not been told yet.",
    "q_plan": "No plan at the moment.",
    "q_disguised_compliance": "Mum always agrees to appointments, but they're missed.",
}


def draft(kb, answers, area="kingston", level=None, complete=True, markdown=False, **details):
    route = route_for(kb, area, Situation.SIGNIFICANT_HARM, WHEN)
    given = dict(role="Teacher", place="Surbiton", child_age="8", in_danger="no")
    given.update(details)
    return build_summary(kb, answers, route, given["role"], given["place"], given["child_age"], given["in_danger"], WHEN,
                         complete=complete, level=level, markdown=markdown)


def without_route(text: str) -> str:
    return text[:text.index("\nNEXT STEP SUGGESTED")]


@pytest.mark.parametrize("name, answers, complete, level", [
    ("referral_draft_full.txt", FULL, True, "significant_harm"),
    ("referral_draft_sparse.txt", {"q_significant_harm": "Always hungry", "q_strengths": "(skipped)"}, False, None),
])
def test_the_draft_matches_its_golden_copy(kb, name, answers, complete, level):
    text = without_route(draft(kb, answers, level=level, complete=complete)) + "\n"
    path = GOLDEN / name
    if os.environ.get("GOLDEN_WRITE") and not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_childs_words_a_parents_drinking_and_a_strength_each_go_in_their_own_section(kb):
    text = draft(kb, {"q_child_voice": "She said nobody makes her tea", "q_family_context": "Mum drinks every night",
                      "q_strengths": "Grandad takes her to school"}, level="unsure")
    assert "She said nobody makes her tea" in section(text, "2.")
    assert "Mum drinks every night" in section(text, "5.")
    assert "Grandad takes her to school" in section(text, "6.")
    for words in ("She said nobody makes her tea", "Mum drinks every night", "Grandad takes her to school"):
        assert text.count(words) == 1


def test_the_area_s_own_threshold_level_names_are_listed_where_knowledge_holds_them(kb):
    levels = [level.name for level in kb.area("kingston").threshold.levels]
    assert levels  # Kingston's record names its levels
    level_section = section(draft(kb, FULL, level="early_help"), "11.")
    for name in levels:
        assert name in level_section
    assert "below the threshold" in level_section


def test_an_area_whose_level_names_are_not_held_gets_its_document_and_no_invented_levels(kb):
    southampton = kb.area("southampton")
    assert southampton.threshold and not southampton.threshold.levels
    level_section = section(draft(kb, FULL, area="southampton", place="Southampton"), "11.")
    assert southampton.threshold.document.split()[0] in level_section
    assert "Level 1" not in level_section and "Tier" not in level_section


def test_an_area_whose_threshold_title_is_not_held_gets_its_address_and_no_made_up_title(kb):
    area = kb.area("milton_keynes")
    assert area.threshold.document is None and not area.threshold.levels
    level_section = section(draft(kb, FULL, area="milton_keynes", place="Bletchley"), "11.")
    assert area.threshold.url in level_section
    assert "None" not in level_section and "title not recorded" not in level_section


def test_without_an_area_the_draft_points_to_the_local_threshold_document(kb):
    level_section = section(draft(kb, FULL, area=None, place="Truro"), "11.")
    assert "threshold document of the council where the child lives" in level_section


def test_every_question_answered_in_own_words_has_one_section():
    placed = [slot for _, slots in SECTIONS for slot in slots]
    assert sorted(placed) == sorted(KEY_QUESTIONS)


def test_the_markdown_draft_has_the_same_words_under_markdown_headings(kb):
    markdown = draft(kb, FULL, level="significant_harm", markdown=True)
    assert markdown.startswith("# Referral draft")
    assert "\n## 2. The child's daily life, and their words\n" in markdown
    for answer in FULL.values():
        assert answer in markdown


def test_a_sparse_draft_shows_every_gap_and_no_names_asked(kb):
    text = draft(kb, {}, complete=False, role=None, place=None, child_age=None, in_danger=None)
    assert text.count("Not answered yet.") == len(KEY_QUESTIONS) + 1  # every question, and the level
    assert "To fill in: what you think should happen next" in text
    assert "{" not in text and "None" not in text
