"""Who is asking: a role from the words people use for their job, and the audience it puts them in.

The audience decides what the answer looks like: a safeguarding lead is never told to talk to
their safeguarding lead; a paramedic or an out-of-hours clinician is pointed to their own
organisation's safeguarding team as well as the council; a parent asking for help for their own
family gets family support rather than the professionals' questions; a child gets Childline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Dict, List, Optional, Pattern, Tuple

from bot.wording import load


class Audience(str, Enum):
    PROFESSIONAL = "professional"
    DSL = "dsl"                                  # the safeguarding lead themselves
    EMERGENCY_CLINICIAN = "emergency_clinician"  # paramedics, ambulance crews, out-of-hours and 111 clinicians
    PARENT = "parent"                            # a parent or carer asking about their own family
    PUBLIC = "public"                            # a neighbour, relative or other member of the public
    CHILD = "child"                              # a child or young person writing about themselves


@dataclass(frozen=True)
class Role:
    """One row of domain/audience.yml's utter_roles: the label as it reads in the summary, the
    words as a pattern, the audience, the group whose safeguarding lead the writer goes to (work
    roles only) and, for a few, the setting the message must name too."""

    label: str
    words: Pattern[str]
    audience: Audience
    group: Optional[str] = None
    setting: Optional[Pattern[str]] = None


def _role(row: dict) -> Role:
    setting = row.get("setting")
    return Role(row["label"], re.compile(row["words"], re.IGNORECASE), Audience(row["audience"]), row.get("group"),
                re.compile(setting, re.IGNORECASE) if setting else None)


# The most specific first; the table is domain/audience.yml's (its labels are words the user reads).
ROLES: List[Role] = [_role(row) for row in load().table("utter_roles", "roles")]
LEADS: Dict[str, str] = load().table("utter_roles", "leads")
# No role said: the wording most of the assistant's users (schools) know. A role the table does
# not know: their organisation's lead. The police are the police: never told to call them.
DEFAULT_GROUP = "school"
OTHER_GROUP = "other"
POLICE_GROUP = "police"
_WORK_AUDIENCES = (Audience.PROFESSIONAL, Audience.DSL, Audience.EMERGENCY_CLINICIAN)
# Audiences that read plain words: no professionals' notes on who a line is for.
PLAIN_AUDIENCES = (Audience.PARENT, Audience.PUBLIC, Audience.CHILD)

# How people say what they do: "I'm a teacher", "as a GP", "health visitor here", "I work as…".
_FIRST_PERSON = re.compile(
    r"\b(i'?m|i am|im|i work as|i'?m working as|i work in|i'?m one of the|as|speaking as|my role is|my job is|i'?m the|we'?re|we are)\s+"
    r"(an? |the |one of the |the school'?s |our |a trainee |a student |a newly qualified |a senior |a lead |a duty )?"
    r"(?P<what>[a-z&' -]{2,60})", re.IGNORECASE)
_HERE = re.compile(r"(?P<what>[a-z&' -]{2,40})\s+(here|speaking)\b", re.IGNORECASE)
# A job title opening the message before a comma or stop: "police officer, two kids alone…".
_OPENING_TITLE = re.compile(r"^\W*(?P<what>[a-z&' -]{2,40}?)\s*[,.;:]", re.IGNORECASE)
# Said without "I'm": a crew on scene is an ambulance crew.
_SELF_EVIDENT = re.compile(r"\b(paramedic|ambulance) crew\b|\bcrew (are |is )?on scene\b|\bwe'?re on scene\b|\bon scene\b", re.IGNORECASE)
# "I'm not the DSL", "a TA, not a teacher": a role said not to be theirs.
_NEGATED_BEFORE = re.compile(r"\b(not|never|no longer|isn'?t|aren'?t|wasn'?t|nor)\s+(an?\s+|the\s+|our\s+|my\s+|their\s+)?$",
                             re.IGNORECASE)
_NOT_A_ROLE = re.compile(r"\b(worried|concerned|not sure|unsure|calling|ringing|writing|asking|looking|trying|in|at|from|about|"
                         r"with|\d)\b", re.IGNORECASE)


def _match(text: str, context: str) -> Optional[Tuple[str, Audience]]:
    """The first role whose words are in `text` (not said to be someone else's) and whose setting,
    if it has one, is named in `context` (the whole message)."""
    for role in ROLES:
        if role.setting is not None and not role.setting.search(context):
            continue
        if any(not _NEGATED_BEFORE.search(text[:found.start()]) for found in role.words.finditer(text)):
            return role.label, role.audience
    return None


def role_in(text: Optional[str]) -> Optional[Tuple[str, Audience]]:
    """(role, audience) when the words name a role anywhere: for an answer to "what is your role?"."""
    return _match(text, text) if text else None


def role_mentioned(text: Optional[str]) -> Optional[Tuple[str, Audience]]:
    """(role, audience) only where the writer says it is theirs ("I'm a teacher", "GP here", a job
    title opening the message: "police officer, …").

    "The teacher said…" or "mum's partner" name someone else and give nothing.
    """
    if not text:
        return None
    text = text.replace("\u2019", "'")
    for match in list(_FIRST_PERSON.finditer(text)) + list(_HERE.finditer(text)):
        words = match.group("what")
        cut = _NOT_A_ROLE.search(words)
        found = _match(words[:cut.start()] if cut else words, text)
        if found:
            return found
    opening = _OPENING_TITLE.match(text)
    found = job_title_alone(opening.group("what")) if opening else None
    if found:
        return found
    return _match("paramedic", text) if _SELF_EVIDENT.search(text) else None


def job_title_alone(text: Optional[str]) -> Optional[Tuple[str, Audience]]:
    """A job title typed on its own ("teacher", "a school nurse", "HV"): typed at a question about
    a detail, it can only be the writer's role. A family word on its own ("mum") is not one: it
    names someone else as often as the writer."""
    title = re.sub(r"^\W*(an?\s+)?|\W*$", "", text or "", flags=re.IGNORECASE)
    for role in ROLES:
        if role.audience in _WORK_AUDIENCES and role.setting is None and role.words.fullmatch(title):
            return role.label, role.audience
    return None


def audience_of(role: Optional[str]) -> Audience:
    """The audience a role (as stored, e.g. "teacher" or "designated safeguarding lead (DSL)") puts
    the writer in; an unrecognised role is taken as a professional's."""
    found = role_in(role)
    return found[1] if found else Audience.PROFESSIONAL


def group_of(role: Optional[str]) -> str:
    """The group whose safeguarding lead a writer with this stored role goes to: "gp", "health",
    "police"… ; DEFAULT_GROUP when no role was said, OTHER_GROUP for a role the table does not know."""
    if not role:
        return DEFAULT_GROUP
    label = role_in(role)
    return next((row.group for row in ROLES if label and row.label == label[0] and row.group), OTHER_GROUP)


def lead_words(group: str) -> str:
    """How a route names the writer's own safeguarding lead ("your practice safeguarding lead or
    the named GP for safeguarding")."""
    return LEADS.get(group, LEADS[OTHER_GROUP])
