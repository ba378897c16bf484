"""The practice answers (knowledge/guidance/referral_practice.yml): sourced point by point, loaded
through the database, rendered as the assistant states them, and refused when a source is missing."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot import render
from bot.knowledge.store import KNOWLEDGE_DIR, KnowledgeError, _facts, parse_file
from tests.unit.kb_helpers import raw_yaml

FILE = KNOWLEDGE_DIR / "guidance" / "referral_practice.yml"
RAW = raw_yaml(FILE)
ANSWERS = {answer["id"]: answer for answer in RAW["answers"]}


def test_the_two_questions_are_answered():
    assert set(ANSWERS) == {"consent_sharing", "after_referral"}


@pytest.mark.parametrize("answer_id", sorted(ANSWERS))
def test_every_point_names_sources_in_the_file_and_a_checked_date(answer_id):
    for point in ANSWERS[answer_id]["points"]:
        assert point["sources"] and all(key in RAW["sources"] for key in point["sources"])
        assert point["checked"]


@pytest.mark.parametrize("answer_id", sorted(ANSWERS))
def test_what_the_reference_leaves_uncertain_is_recorded_as_left_out(answer_id):
    assert ANSWERS[answer_id]["left_out"]


@pytest.mark.parametrize("answer_id", sorted(ANSWERS))
def test_the_answer_is_stated_point_by_point_with_its_citation(kb, answer_id):
    answer = kb.practice_answer(answer_id)
    text = render.points_text(answer)
    assert text.splitlines() == [f"- {' '.join(point['text'].split())}" for point in ANSWERS[answer_id]["points"]]
    first = RAW["sources"][ANSWERS[answer_id]["sources"][0]]
    citation = render.citation(kb, answer)
    assert first["title"] in citation and first["url"] in citation and "Checked" in citation


def test_the_answers_are_counted_as_facts_by_the_check():
    paths = [path for path, _ in _facts(parse_file(FILE))]
    assert "answers.consent_sharing" in paths and "answers.after_referral.points[0]" in paths


def test_an_unknown_answer_is_none(kb):
    assert kb.practice_answer("nothing_like_this") is None


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "guidance"
    folder.mkdir(exist_ok=True)
    path = folder / "practice.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_point_citing_a_source_the_file_does_not_list_fails_loudly(tmp_path):
    path = write(tmp_path, """
sources:
  a: {url: "https://example.org/a", title: A, read_from: archived copy}
answers:
  - id: x
    question: Q?
    sources: [a]
    checked: 2026-12-02
    points:
      - {text: "Fine.", sources: [a], checked: 2026-12-02}
      - {text: "Not fine.", sources: [b], checked: 2026-12-02}
""")
    with pytest.raises(KnowledgeError, match=r"answers\[0\]\.points\[1\]: source 'b'"):
        parse_file(path)


def test_a_guidance_file_with_nothing_in_it_fails(tmp_path):
    path = write(tmp_path, "sources:\n  a: {url: 'https://example.org/a', title: A, read_from: archived copy}\n")
    with pytest.raises(KnowledgeError, match="concepts, answers, escalation or stages"):
        parse_file(path)
