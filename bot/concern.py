"""The guided concern: the questions case reviews say get missed, and what the answers lead to.

The order and the labels live here (the question wording lives in domain/concern.yml as utter_ask_*),
so the form, the summary and the "change my answer" handling all agree on one list.
"""
from __future__ import annotations

import re
from typing import Dict, Optional, Tuple

from bot.routing import Situation

SKIPPED = "(skipped)"
MAX_ANSWER = 1500

# slot name -> label used in the summary and when asking which answer to change
KEY_QUESTIONS: Dict[str, str] = {
    "q_significant_harm": "Significant harm: what has happened or could happen",
    "q_daily_life": "Daily life: a day in the child's life",
    "q_impact": "Impact on the child (health, development, education, emotional)",
    "q_history": "Build-up over time: missed appointments, injuries, many small concerns, drift",
    "q_concerns_raised": "How concerns have been raised with the family, and their response",
    "q_information_shared": "How information has been shared between professionals",
    "q_plan": "The plan, and what difference it is making",
    "q_disguised_compliance": "Signs of disguised compliance (agreeing without change)",
}

# How people name a question when they want to change an answer.
_QUESTION_WORDS = {
    "q_significant_harm": ("significant harm", "harm", "what happened"),
    "q_daily_life": ("daily life", "day in the life", "typical day", "daily"),
    "q_impact": ("impact", "effect"),
    "q_history": ("history", "over time", "missed appointment", "was not brought", "injur", "accident", "cumulative", "drift"),
    "q_concerns_raised": ("concerns raised", "raised", "family", "parents", "response"),
    "q_information_shared": ("information", "info", "shared", "sharing"),
    "q_plan": ("plan", "difference"),
    "q_disguised_compliance": ("disguised", "compliance"),
    "reporter_role": ("role", "job", "who i am"),
    "place": ("area", "place", "town", "council", "where"),
    "child_age": ("age", "old"),
}

LEVEL_TO_SITUATION = {
    "significant_harm": Situation.SIGNIFICANT_HARM,
    "unsure": Situation.ADVICE,
    "early_help": Situation.EARLY_HELP,
    "disagreement": Situation.DISAGREEMENT,
}


def question_named(words: Optional[str], table: Dict[str, Tuple[str, ...]] = _QUESTION_WORDS) -> Optional[str]:
    """The slot a user means by "change my answer about X", or None when it's unclear.

    `table` maps each slot to the words that name it, tried in order; the toolkit plan passes its own.
    """
    if not words:
        return None
    lowered = words.lower()
    for slot, names in table.items():
        if any(name in lowered for name in names):
            return slot
    return None


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


def yes_or_no(text: str) -> Optional[bool]:
    """A typed yes or no ("yes he is", "nope"); None when it's neither."""
    words = set(re.sub(r"[^\w\s]", " ", text.lower()).split())
    yes, no = words & {"yes", "yeah", "yep", "y", "danger", "now"}, words & {"no", "nope", "n", "not", "safe"}
    if yes and not no:
        return True
    if no and not yes:
        return False
    return None


_PUBLIC_WORDS = ("public", "parent", "neighbour", "relative", "grandparent", "family", "friend", "aunt", "uncle", "nan")
# "Parent support advisor" and "family support worker" are jobs: a job word wins.
_JOB_WORDS = ("worker", "advis", "officer", "practitioner", "teacher", "nurse", "visitor", "manager", "lead",
              "school", "gp", "doctor", "paramedic", "police", "social", "staff", "coach", "midwife", "nursery")


# Role entities come through the NLU synonyms, which map "DSL" and "safeguarding lead" to the
# concept id used for definitions; the summary should read as the person said it.
_ROLE_LABELS = {"dsl": "designated safeguarding lead (DSL)"}


def role_label(role: Optional[str]) -> Optional[str]:
    """The role as it should read in the summary."""
    return _ROLE_LABELS.get(role, role) if isinstance(role, str) else role


def is_member_of_public(role: Optional[str]) -> bool:
    """A role given as a member of the public rather than a professional."""
    lowered = (role or "").lower()
    if any(re.search(rf"\b{word}", lowered) for word in _JOB_WORDS):
        return False
    return any(re.search(rf"\b{word}", lowered) for word in _PUBLIC_WORDS)
