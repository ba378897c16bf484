"""The guided concern: the questions case reviews say get missed, and what the answers lead to.

The questions, their order, their labels and the words people use to name them live here as data
(the question wording lives in domain/concern.yml as utter_ask_<slot>), so the form, the summary
and "change my answer" all agree on one list. To add a question: add a `Question` here, its slot,
its `utter_ask_<slot>` and its place in the form's required_slots in domain/concern.yml
(tests/unit/test_concern.py checks the two orders agree).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Tuple

from bot.danger import Danger
from bot.routing import Situation
from bot.wording import load

SKIPPED = "(skipped)"
MAX_ANSWER = 1500


@dataclass(frozen=True)
class Question:
    """One question of the guided concern.

    `kind`: "detail" (a short fact, also taken from any message), "key" (answered in the person's
    own words; in the summary) or "choice" (the next step they choose). `names`: the words people
    use for it in "change my answer about …"; the longest one found wins.
    """

    slot: str
    label: str
    button: str
    names: Tuple[str, ...]
    kind: str = "key"


QUESTIONS: Tuple[Question, ...] = (
    Question("in_danger", "Immediate danger at the time", "Danger now",
             ("danger", "immediate danger", "safe", "999", "emergency"), "detail"),
    Question("reporter_role", "Practitioner's role", "My role", ("role", "job", "who i am", "my role"), "detail"),
    Question("place", "Where the child lives", "Where the child lives",
             ("area", "place", "town", "council", "where", "lives", "live"), "detail"),
    Question("child_age", "Child's age", "Child's age", ("age", "old", "how old", "years"), "detail"),
    Question("q_significant_harm", "Significant harm: what has happened or could happen", "Significant harm",
             ("significant harm", "sig harm", "harm", "what happened", "what has happened", "what could happen", "risk")),
    Question("q_daily_life", "Daily life: a day in the child's life", "Daily life",
             ("daily life", "day in the life", "typical day", "daily", "a day in", "lived experience")),
    Question("q_child_voice", "What the child has said or shown", "The child's words",
             ("child's words", "childs words", "the child said", "child said", "what the child said", "voice", "voice of the child",
              "child's voice", "said or shown", "words")),
    Question("q_impact", "Impact on the child (health, development, education, emotional)", "Impact",
             ("impact", "effect", "impact on the child", "development", "health")),
    Question("q_history", "Build-up over time: missed appointments, injuries, many small concerns, drift", "Build-up over time",
             ("history", "over time", "build up", "build-up", "built up", "missed appointment", "was not brought", "injur",
              "accident", "cumulative", "cumulative harm", "drift", "small concerns")),
    Question("q_family_context", "The family's circumstances (context, not blame)", "Family circumstances",
             ("circumstances", "family circumstances", "context", "drinking", "alcohol", "drugs", "substance", "domestic abuse",
              "domestic violence", "mental health", "mental ill-health", "learning disability", "poverty", "housing", "money")),
    Question("q_strengths", "Strengths and protective factors", "Strengths",
             ("strength", "strengths", "protective", "protective factors", "what is going well", "going well", "support network")),
    Question("q_siblings", "Siblings and other children in the home", "Siblings",
             ("sibling", "siblings", "brother", "sister", "other children", "children in the home")),
    Question("q_concerns_raised", "How concerns have been raised with the family, and their response", "Raised with the family",
             ("concerns raised", "raised", "raising concerns", "family", "parents", "response", "what the family said",
              "how the family responded", "raised with the family")),
    Question("q_information_shared", "How information has been shared between professionals", "Information sharing",
             ("information", "info", "shared", "sharing", "information sharing", "info sharing", "sharing information")),
    Question("q_plan", "The plan, and what difference it is making", "The plan",
             ("plan", "difference", "the plan", "difference it's making", "difference it is making")),
    Question("q_disguised_compliance", "Signs of disguised compliance (agreeing without change)", "Disguised compliance",
             ("disguised", "compliance", "disguised compliance", "agreeing without change")),
    Question("concern_level", "Next step chosen", "Next step", ("next step", "level", "threshold", "which fits", "route"), "choice"),
)
BY_SLOT: Dict[str, Question] = {question.slot: question for question in QUESTIONS}
ORDER: Tuple[str, ...] = tuple(question.slot for question in QUESTIONS)
DETAILS: Tuple[str, ...] = tuple(question.slot for question in QUESTIONS if question.kind == "detail")
# slot name -> label used in the summary, for the questions answered in the person's own words
KEY_QUESTIONS: Dict[str, str] = {question.slot: question.label for question in QUESTIONS if question.kind == "key"}
NAMES: Dict[str, Tuple[str, ...]] = {question.slot: question.names for question in QUESTIONS}

LEVEL_TO_SITUATION = {
    "significant_harm": Situation.SIGNIFICANT_HARM,
    "unsure": Situation.ADVICE,
    "early_help": Situation.EARLY_HELP,
    "disagreement": Situation.DISAGREEMENT,
}


def question_named(words: Optional[str], table: Dict[str, Iterable[str]] = NAMES) -> Optional[str]:
    """The slot a user means by "change my answer about X", or None when it's unclear.

    `table` maps each slot to the words that name it; the toolkit plan passes its own. The longest
    name found wins, so "cumulative harm" means the build-up over time, not significant harm; on
    a tie the earlier slot wins.
    """
    if not words:
        return None
    lowered = words.lower()
    best, best_length = None, 0
    for slot, names in table.items():
        for name in names:
            if len(name) > best_length and re.search(rf"(?<![a-z]){re.escape(name)}", lowered):
                best, best_length = slot, len(name)
    return best


def level_from(text: Optional[str]) -> Optional[str]:
    """Which next step the professional chose, from a button payload or their own words."""
    if not text:
        return None
    lowered = text.lower()
    if lowered in LEVEL_TO_SITUATION:
        return lowered
    for level, words in (
        ("disagreement", ("disagree", "escalat", "closed", "no further action", "nfa")),
        ("early_help", ("early help", "below", "lower", "support", "not significant")),
        ("unsure", ("unsure", "not sure", "don't know", "dont know", "advice", "maybe")),
        ("significant_harm", ("significant", "harm", "refer", "serious", "yes")),
    ):
        if any(re.search(rf"\b{re.escape(word)}", lowered) for word in words):
            return level
    return None


def child_group(age: Optional[int]) -> Optional[str]:
    """The group whose prompts apply: unborn, baby (under 2), under_5, school_age, teenager."""
    if age is None:
        return None
    if age < 0:
        return "unborn"
    if age < 2:
        return "baby"
    if age < 5:
        return "under_5"
    if age < 13:
        return "school_age"
    return "teenager"


def clean_answer(text: Optional[str]) -> Optional[str]:
    """The answer as typed, trimmed; over-long answers are cut with a marker, never dropped."""
    if text is None:
        return None
    answer = " ".join(text.split())
    if not answer:
        return None
    if len(answer) > MAX_ANSWER:
        answer = answer[:MAX_ANSWER].rstrip() + " […cut: the rest was too long to keep]"
    return answer


def danger_in_summary(value: Optional[str]) -> str:
    """How the answer to the danger question reads in the summary (domain/concern.yml,
    utter_referral_draft's `danger_answers`); unsure never reads as no."""
    answered = value in {danger.value for danger in Danger}
    return load().part("utter_referral_draft", "danger_answers", value if answered else "not_asked")
