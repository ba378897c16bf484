"""Does this text answer the question that was asked, or a different one?

"Southampton" typed at "what is your role?" is a place: it fills the place and the role is asked
again. "I'm a teacher" typed at "which town?" is a role, never a town. Questions and requests
("who do I call?") typed at a question are not answers to it.
"""
from __future__ import annotations

import re
from typing import Dict, Optional

from bot.ages import age_from
from bot.concern import DETAILS, clean_answer, level_from
from bot.danger import danger_answer
from bot.details import Heard
from bot.roles import role_in, role_mentioned

_QUESTION = re.compile(
    r"\?\s*$|^\W*(who|what|where|when|why|how|which|can|could|should|would|is|are|do|does|give|tell|just|please)\b|"
    r"^\W*(i|we)('d| would)? (need|want|like)\b|\b(give|tell|send|show) me\b|\b(the|a|your|their|phone|contact) number\b(?! of)|"
    r"\bsummary\b|\bsum (it )?up\b|\brecap\b|\b(talk|speak|chat) (it through )?(to|with) (someone|somebody|a person|a human|an adviser)\b",
    re.IGNORECASE)


ROLE_ANSWER_WORDS = 8


def looks_like_a_request(text: str) -> bool:
    """A question or a request ("who do I call?", "just give me the number"), not a statement."""
    return bool(_QUESTION.search(text or ""))


# Words that make a message about someone else: "she said she wants it all to stop" is an answer.
_ABOUT_SOMEONE = re.compile(r"\b(he|she|they|him|her|them|his|their|hes|shes|theyre|mum|mums|dad|dads|mother|father|parents?|"
                            r"child|children|kids?|baby|boy|girl|family|school|teacher|nan|gran|brother|sister|partner)\b|"
                            r"\b(he|she|they)'", re.IGNORECASE)
COMMAND_WORDS = 5
_COMMAND_VERB = re.compile(r"^\W*(please |ok |okay |can we |can you |let'?s )?(change|stop|start|delete|remove|skip|erase|wipe|"
                           r"forget|cancel|end|quit|restart|summari[sz]e|go back|clear)\b", re.IGNORECASE)


def says_a_command(text: str) -> bool:
    """"Stop", "start again", "delete my conversation", "summary please" said to the assistant,
    not words in an answer about the family ("mum deleted the messages", "they start again with
    every new worker"): a request, or a few words about nobody else."""
    return looks_like_a_request(text) or bool(_COMMAND_VERB.search(text or "")) or \
        (_short(text, COMMAND_WORDS) and not _ABOUT_SOMEONE.search(text or ""))


def _short(text: str, words: int) -> bool:
    return len(text.split()) <= words


# A family member named and then described: the answer is about them, not the writer's role.
_ABOUT_FAMILY = re.compile(r"\b(mum|mom|mam|mother|dad|father|parents?|nan|nana|gran|grandma|grandad|grandparents?|"
                           r"aunt(ie|y)?|uncle|partner|step ?(mum|dad)|neighbours?|(boy|girl)friend)'?s?\s+"
                           r"(is|was|has|had|does|doesn'?t|did|didn'?t|drinks|uses|hits|shouts|leaves|left|keeps|can'?t|won'?t|never|always)\b",
                           re.IGNORECASE)


def answer_to(requested: Optional[str], text: Optional[str], heard: Heard) -> Dict[str, str]:
    """{slot: value} for the question asked, when `text` answers it; {} when it answers another.

    `heard` is what the same text says (`bot.details.hear`); the caller fills the other details
    it gives (only where still empty), so nothing said is lost either way.
    """
    answer = clean_answer(text)
    if not requested or not answer or answer.startswith("/"):
        return {}  # a button's payload ("/choose_level{...}") is read by the slot mappings
    other_detail = bool(heard.place or heard.age is not None or heard.role)
    if requested == "in_danger":
        value = danger_answer(answer)
        return {requested: value.value} if value else {}
    if requested == "reporter_role":
        # A role named anywhere in a short answer ("school nurse at the primary"); in a longer one
        # only the writer's own ("I'm her youth worker…", read into `heard`): "she looks after her
        # little brother" is about the child, and never makes the writer a relative.
        # "mum is depressed and partner drinks" tells of the family, not who the writer is.
        about_family = bool(_ABOUT_FAMILY.search(answer)) and not role_mentioned(answer)
        role = role_in(answer) if _short(answer, ROLE_ANSWER_WORDS) and not about_family else None
        if role:
            return {requested: role[0]}
        if about_family or heard.place or heard.age is not None or looks_like_a_request(answer) or danger_answer(answer) or not _short(answer, 6):
            return {}
        return {requested: answer}
    if requested == "place":
        if heard.place:
            return {requested: heard.place}
        if role_in(answer) or heard.age is not None or looks_like_a_request(answer) or not _short(answer, 5):
            return {}
        return {requested: answer}
    if requested == "child_age":
        if age_from(answer) is not None:
            return {requested: answer}
        if heard.place or role_in(answer) or looks_like_a_request(answer) or not _short(answer, 6):
            return {}
        return {requested: answer}
    if requested == "concern_level":
        level = level_from(answer)
        return {requested: level} if level else {}
    if requested not in DETAILS and other_detail and heard.concern is None and _short(answer, 4):
        return {}  # only a detail ("Leicester", "she's 9"): not an answer in the person's own words
    return {requested: answer}
