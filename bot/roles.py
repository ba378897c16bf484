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


class Audience(str, Enum):
    PROFESSIONAL = "professional"
    DSL = "dsl"                                  # the safeguarding lead themselves
    EMERGENCY_CLINICIAN = "emergency_clinician"  # paramedics, ambulance crews, out-of-hours and 111 clinicians
    PARENT = "parent"                            # a parent or carer asking about their own family
    PUBLIC = "public"                            # a neighbour, relative or other member of the public
    CHILD = "child"                              # a child or young person writing about themselves


P, D, E, F, U = Audience.PROFESSIONAL, Audience.DSL, Audience.EMERGENCY_CLINICIAN, Audience.PARENT, Audience.PUBLIC

# (label as it reads in the summary, pattern, audience); the most specific first.
ROLES: List[Tuple[str, str, Audience]] = [
    ("deputy designated safeguarding lead", r"deputy (dsl|designated safeguarding lead|safeguarding lead)|\bddsl\b", D),
    ("designated safeguarding lead (DSL)", r"\bdsl\b|designated safeguarding (lead|officer|person)|safeguarding lead|"
     r"designated (teacher|person) for safeguarding|named (nurse|doctor|professional) for safeguarding|safeguarding officer", D),
    ("paramedic", r"paramedics?|ambulance (crew|technician|clinician|staff|service)|\bemt\b|emergency medical technician|"
                  r"(ambulance )?crew (on scene|here|at the)|on scene", E),
    ("out-of-hours doctor", r"(out[- ]of[- ]hours|ooh|on[- ]call|night) (gp|doctor|clinician|nurse)", E),
    ("NHS 111 clinician", r"\b111\b", E),
    ("emergency department clinician", r"\b(a&e|a and e|emergency department|\bed\b) (nurse|doctor|consultant|clinician|staff)|"
                                       r"urgent (care|treatment) (nurse|doctor|clinician)", E),
    ("early years practitioner", r"early years (practitioner|worker|educator|teacher)|nursery (nurse|worker|practitioner|teacher|manager|staff)", P),
    ("health visitor", r"health ?visitor|\bhv\b", P),
    ("school nurse", r"school nurse", P),
    ("midwife", r"midwi(fe|ves)", P),
    ("GP", r"\bgps?\b|general practitioner|family doctor", P),
    ("nurse", r"\bnurses?\b", P),
    ("doctor", r"\bdoctors?\b|paediatrician|consultant", P),
    ("head teacher", r"head ?teacher|headteacher|head of (school|year)|principal|deputy head", P),
    ("teaching assistant", r"teaching assistant|\bta\b|learning support assistant", P),
    ("SENCO", r"\bsenco\b|senco", P),
    ("teacher", r"teachers?\b|class teacher|form tutor|tutor", P),
    ("childminder", r"child ?minder", P),
    ("social worker", r"social workers?", P),
    ("family support worker", r"family support (worker|practitioner)|early help (worker|practitioner|officer)|"
                              r"parent support (advisor|adviser|worker)", P),
    ("youth worker", r"youth (worker|leader|club worker|justice)", P),
    ("housing officer", r"housing (officer|worker|support)", P),
    ("police officer", r"police (officer|constable|sergeant)|\bpc\b|\bpcso\b|\bcop\b|detective", P),
    ("probation officer", r"probation", P),
    ("dentist", r"dentists?|dental nurse", P),
    ("pharmacist", r"pharmacist", P),
    ("sports coach", r"(sports |football |swimming )?coach", P),
    ("foster carer", r"foster (carer|parent|mum|dad)", P),
    ("support worker", r"support worker|key ?worker|outreach worker|drug (and alcohol )?worker|substance misuse worker", P),
    ("pastoral lead", r"pastoral (lead|manager|worker|support)|attendance officer|education welfare officer|\bewo\b|learning mentor", P),
    ("volunteer", r"volunteers?", P),
    ("faith leader", r"vicar|priest|imam|rabbi|faith leader|youth pastor|pastor", P),
    ("young carer", r"young carer", Audience.CHILD),
    ("parent", r"parent|\bmum\b|\bmom\b|\bmother\b|\bdad\b|\bfather\b|step ?(mum|dad|parent)|guardian|kinship carer|"
               r"special guardian|carer of|\bcarer\b", F),
    ("grandparent", r"grand ?(parent|mother|father|ma|pa)|\bnan\b|\bnana\b|\bgran\b|granny|grandad", U),
    ("relative", r"relative|\baunt(ie|y)?\b|\buncle\b|cousin|family member|sister|brother", U),
    ("neighbour", r"neighbou?r", U),
    ("member of the public", r"member of (the )?public|concerned citizen|passer-?by|just a (person|member)", U),
]
_COMPILED = [(label, re.compile(pattern, re.IGNORECASE), audience) for label, pattern, audience in ROLES]

# How people say what they do: "I'm a teacher", "as a GP", "health visitor here", "I work as…".
_FIRST_PERSON = re.compile(
    r"\b(i'?m|i am|im|i work as|i'?m working as|i work in|i'?m one of the|as|speaking as|my role is|my job is|i'?m the|we'?re|we are)\s+"
    r"(an? |the |one of the |the school'?s |our |a trainee |a student |a newly qualified |a senior |a lead |a duty )?"
    r"(?P<what>[a-z&' -]{2,60})", re.IGNORECASE)
_HERE = re.compile(r"(?P<what>[a-z&' -]{2,40})\s+(here|speaking)\b", re.IGNORECASE)
# Said without "I'm": a crew on scene is an ambulance crew.
_SELF_EVIDENT = re.compile(r"\b(paramedic|ambulance) crew\b|\bcrew (are |is )?on scene\b|\bwe'?re on scene\b|\bon scene\b", re.IGNORECASE)
_NOT_A_ROLE = re.compile(r"\b(worried|concerned|not sure|unsure|calling|ringing|writing|asking|looking|trying|in|at|from|about|"
                         r"with|\d)\b", re.IGNORECASE)


def _match(text: str) -> Optional[Tuple[str, Audience]]:
    for label, pattern, audience in _COMPILED:
        if pattern.search(text):
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


def audience_of(role: Optional[str]) -> Audience:
    """The audience a role (as stored, e.g. "teacher" or "designated safeguarding lead (DSL)") puts
    the writer in; an unrecognised role is taken as a professional's."""
    found = role_in(role)
    return found[1] if found else Audience.PROFESSIONAL
