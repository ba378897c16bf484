"""Who is asking: a role from the words people use for their job, and the audience it puts them in.

The audience decides what the answer looks like: a safeguarding lead is never told to talk to
their safeguarding lead; a paramedic or an out-of-hours clinician is pointed to their own
organisation's safeguarding team as well as the council; a parent asking for help for their own
family gets family support rather than the professionals' questions; a child gets Childline.
"""
from __future__ import annotations

import re
from enum import Enum
from typing import List, Optional, Tuple

from bot.wording import load


class Audience(str, Enum):
    PROFESSIONAL = "professional"
    DSL = "dsl"                                  # the safeguarding lead themselves
    EMERGENCY_CLINICIAN = "emergency_clinician"  # paramedics, ambulance crews, out-of-hours and 111 clinicians
    PARENT = "parent"                            # a parent or carer asking about their own family
    PUBLIC = "public"                            # a neighbour, relative or other member of the public
    CHILD = "child"                              # a child or young person writing about themselves


# (label as it reads in the summary, the words as a pattern, audience); the most specific first.
# The table is domain/audience.yml's utter_roles: the labels are words the user reads.
ROLES: List[Tuple[str, str, Audience]] = [(row["label"], row["words"], Audience(row["audience"]))
                                          for row in load().table("utter_roles", "roles")]
_WORK_AUDIENCES = (Audience.PROFESSIONAL, Audience.DSL, Audience.EMERGENCY_CLINICIAN)
_COMPILED = [(label, re.compile(pattern, re.IGNORECASE), audience) for label, pattern, audience in ROLES]

# How people say what they do: "I'm a teacher", "as a GP", "health visitor here", "I work as…".
_FIRST_PERSON = re.compile(
    r"\b(i'?m|i am|im|i work as|i'?m working as|i work in|i'?m one of the|as|speaking as|my role is|my job is|i'?m the|we'?re|we are)\s+"
    r"(an? |the |one of the |the school'?s |our |a trainee |a student |a newly qualified |a senior |a lead |a duty )?"
    r"(?P<what>[a-z&' -]{2,60})", re.IGNORECASE)
_HERE = re.compile(r"(?P<what>[a-z&' -]{2,40})\s+(here|speaking)\b", re.IGNORECASE)
# Said without "I'm": a crew on scene is an ambulance crew.
_SELF_EVIDENT = re.compile(r"\b(paramedic|ambulance) crew\b|\bcrew (are |is )?on scene\b|\bwe'?re on scene\b|\bon scene\b", re.IGNORECASE)
# "I'm not the DSL", "a TA, not a teacher": a role said not to be theirs.
_NEGATED_BEFORE = re.compile(r"\b(not|never|no longer|isn'?t|aren'?t|wasn'?t|nor)\s+(an?\s+|the\s+|our\s+|my\s+|their\s+)?$",
                             re.IGNORECASE)
_NOT_A_ROLE = re.compile(r"\b(worried|concerned|not sure|unsure|calling|ringing|writing|asking|looking|trying|in|at|from|about|"
                         r"with|\d)\b", re.IGNORECASE)


def _match(text: str) -> Optional[Tuple[str, Audience]]:
    for label, pattern, audience in _COMPILED:
        if any(not _NEGATED_BEFORE.search(text[:found.start()]) for found in pattern.finditer(text)):
            return label, audience
    return None


def role_in(text: Optional[str]) -> Optional[Tuple[str, Audience]]:
    """(role, audience) when the words name a role anywhere: for an answer to "what is your role?"."""
    return _match(text) if text else None


def role_mentioned(text: Optional[str]) -> Optional[Tuple[str, Audience]]:
    """(role, audience) only where the writer says it is theirs ("I'm a teacher", "GP here").

    "The teacher said…" or "mum's partner" name someone else and give nothing.
    """
    if not text:
        return None
    text = text.replace("\u2019", "'")
    for match in list(_FIRST_PERSON.finditer(text)) + list(_HERE.finditer(text)):
        words = match.group("what")
        cut = _NOT_A_ROLE.search(words)
        found = _match(words[:cut.start()] if cut else words)
        if found:
            return found
    return _match("paramedic") if _SELF_EVIDENT.search(text) else None


def job_title_alone(text: Optional[str]) -> Optional[Tuple[str, Audience]]:
    """A job title typed on its own ("teacher", "a school nurse", "HV"): typed at a question about
    a detail, it can only be the writer's role. A family word on its own ("mum") is not one: it
    names someone else as often as the writer."""
    title = re.sub(r"^\W*(an?\s+)?|\W*$", "", text or "", flags=re.IGNORECASE)
    for label, pattern, audience in _COMPILED:
        if audience in _WORK_AUDIENCES and pattern.fullmatch(title):
            return label, audience
    return None


def audience_of(role: Optional[str]) -> Audience:
    """The audience a role (as stored, e.g. "teacher" or "designated safeguarding lead (DSL)") puts
    the writer in; an unrecognised role is taken as a professional's."""
    found = role_in(role)
    return found[1] if found else Audience.PROFESSIONAL
