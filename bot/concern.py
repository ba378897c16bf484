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
    use for it in "change my answer about …"; the longest one found wins. `public`: asked of a
    member of the public too, who get a short route after these few.
    """

    slot: str
    label: str
    button: str
    names: Tuple[str, ...]
    kind: str = "key"
    public: bool = False


# In their order, from domain/concern.yml (utter_concern_questions): their labels and buttons are
# words the user reads, their names words the user types.
QUESTIONS: Tuple[Question, ...] = tuple(Question(**{**row, "names": tuple(row["names"])})
                                        for row in load().table("utter_concern_questions", "questions"))
BY_SLOT: Dict[str, Question] = {question.slot: question for question in QUESTIONS}
ORDER: Tuple[str, ...] = tuple(question.slot for question in QUESTIONS)
DETAILS: Tuple[str, ...] = tuple(question.slot for question in QUESTIONS if question.kind == "detail")
# slot name -> label used in the summary, for the questions answered in the person's own words
KEY_QUESTIONS: Dict[str, str] = {question.slot: question.label for question in QUESTIONS if question.kind == "key"}
PUBLIC_QUESTIONS: Tuple[str, ...] = tuple(question.slot for question in QUESTIONS if question.public)
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


_NO_ANSWER = re.compile(
    r"(none|n/?a|not given|not known|unknown|no idea|dunno|idk|(i )?(don'?t|do not) know|not sure|unsure|"
    r"no|nope|nowhere|can'?t say|(i'?d )?rather not say|prefer not to say)[.!]*", re.IGNORECASE)


def no_answer(text: Optional[str]) -> bool:
    """The whole answer says there is none to give ("none", "n/a", "not known"): a skipped
    question, never a place, role or age called "none"."""
    return bool(text) and bool(_NO_ANSWER.fullmatch(text.strip()))


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
