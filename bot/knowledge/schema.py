"""Schema of the YAML files under `knowledge/`.

Why a schema library: a wrong phone number is the worst defect this project can have, so a
file that does not say where each fact came from, or carries a number that is not a real UK
number, must fail loudly at load time with the file, the entry and the field named.

Every fact names its sources (keys into the file's `sources` table, each with its URL) and
the date it was checked. A fact that is unknown is left out and listed under `unknown`;
where sources disagree, the rival values go under `conflicts` with the one stated and why.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Dict, List, Literal, Optional

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, Extra, Field, root_validator, validator

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_SEED = re.compile(r"^seed:[0-9a-z_]+\.txt$")

# A source of this kind names no page: it marks facts (mostly place names) that nobody read in
# a published source. `make check-knowledge` counts the facts resting on it.
GENERAL_KNOWLEDGE = "general knowledge"


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


def normalise_phone(value: str) -> str:
    """UK national format ("0116 454 1004"), or the short code itself ("999", "101")."""
    digits = value.replace(" ", "")
    try:
        parsed = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"'{value}' is not a phone number ({error})") from None
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    if shortnumberinfo.is_valid_short_number(parsed):
        return digits
    raise ValueError(f"'{value}' is not a valid UK phone number")


def check_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"'{value}' is not an http(s) URL")
    return value


class Source(Strict):
    """One page or document that facts were read from."""

    url: str = Field(description="http(s) URL, 'seed:<file>.txt' or 'general knowledge'")
    title: str
    page_date: Optional[str] = Field(None, description="the date the page itself shows, if any")
    read_from: Literal["archived copy", "live page", "seed document", "none"]

    @validator("url")
    def _url(cls, value: str) -> str:
        if value == GENERAL_KNOWLEDGE or _SEED.match(value):
            return value
        return check_url(value)


class Fact(Strict):
    """Anything the assistant may state: it says where it came from and when it was checked."""

    sources: List[str] = Field(..., min_items=1)
    checked: dt.date
    note: Optional[str] = None


class Hours(Strict):
    """Opening hours per weekday: a list of "HH:MM-HH:MM" spans ("00:00-24:00" = all day)."""

    mon: List[str] = []
    tue: List[str] = []
    wed: List[str] = []
    thu: List[str] = []
    fri: List[str] = []
    sat: List[str] = []
    sun: List[str] = []
    bank_holidays: Literal["closed", "open", "as_weekday"] = "closed"

    @validator(*WEEKDAYS, each_item=True)
    def _span(cls, value: str) -> str:
        match = _SPAN.match(value)
        if not match:
            raise ValueError(f"'{value}' is not a span like 08:30-17:00")
        start, end = value.split("-")
        if end != "24:00" and end <= start:
            raise ValueError(f"'{value}' ends before it starts")
        return value


class Contact(Fact):
    """A phone line (with email or form where known) someone can use."""

    role: Literal[
        "front_door", "front_door_public", "out_of_hours", "police_non_emergency",
        "emergency", "helpline", "childline", "early_help", "consultation", "lado",
    ]
    name: str
    phone: str
    email: Optional[str] = None
    online_form: Optional[str] = Field(None, description="URL of the form, or where to find it")
    who: Optional[str] = Field(None, description="who the line is for")
    hours: Optional[Hours] = Field(None, description="omitted when no source states them")
    hours_text: Optional[str] = Field(None, description="hours as the source words them")

    _phone = validator("phone", allow_reuse=True)(normalise_phone)

    @validator("email")
    def _email(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _EMAIL.match(value):
            raise ValueError(f"'{value}' is not an email address")
        return value


class Level(Strict):
    name: str
    meaning: Optional[str] = Field(None, description="what the level means in practice")


class Threshold(Fact):
    document: str
    url: Optional[str] = None
    levels: List[Level] = []

    _url = validator("url", allow_reuse=True)(lambda v: v and check_url(v))


class Escalation(Fact):
    procedure: str
    url: Optional[str] = None
    stages: List[str] = []

    _url = validator("url", allow_reuse=True)(lambda v: v and check_url(v))


class Tool(Fact):
    """One tool of a neglect toolkit, with who it is for where the source says: the source's own
    stage ("early years", "teenager": an id from knowledge/guidance/stages.yml) or, only where a
    source gives numbers, an age range. Never an age band the source doesn't give."""

    name: str
    purpose: str
    stage: Optional[str] = Field(None, description="id of a stage in knowledge/guidance/stages.yml")
    min_age: Optional[int] = Field(None, ge=-1, description="-1 = unborn; only where a source gives ages")
    max_age: Optional[int] = Field(None, le=25)
    url: Optional[str] = None

    _url = validator("url", allow_reuse=True)(lambda v: v and check_url(v))


class Toolkit(Fact):
    name: str
    url: Optional[str] = None
    tools: List[Tool] = []

    _url = validator("url", allow_reuse=True)(lambda v: v and check_url(v))


class Procedures(Fact):
    """The safeguarding partnership's procedures manual, where its escalation chapter lives."""

    name: str
    url: Optional[str] = None

    _url = validator("url", allow_reuse=True)(lambda v: v and check_url(v))


class Place(Strict):
    """A name people use for somewhere in the area: a town, district, ward or misspelling."""

    name: str
    kind: Literal["council", "city", "town", "district", "village", "ward", "alias", "misspelling"]
    sources: List[str] = Field(..., min_items=1)


class Elsewhere(Strict):
    """A look-alike place a user may type that belongs to another council."""

    name: str
    actually: str = Field(description="the council it belongs to, in words")
    area: Optional[str] = Field(None, description="id of that area, when it is one of ours")
    ask: bool = Field(False, description="true where the place is split and the user must say")
    sources: List[str] = Field(..., min_items=1)


class Postcodes(Strict):
    mainly_in_area: List[str] = []
    shared_with_neighbours: List[str] = []
    sources: List[str] = Field(..., min_items=1)

    @validator("mainly_in_area", "shared_with_neighbours", each_item=True)
    def _district(cls, value: str) -> str:
        if not re.match(r"^[A-Z]{1,2}\d{1,2}[A-Z]?$", value):
            raise ValueError(f"'{value}' is not a postcode district like LE1 or SO14")
        return value


class Conflict(Strict):
    """Sources that disagree: what each says, which value the assistant states, and why."""

    about: str
    values: List[str] = Field(..., min_items=1)
    stated: Optional[str] = Field(None, description="the value stated, or none when unresolved")
    why: str
    sources: List[str] = Field(..., min_items=1)


class _Sourced(Strict):
    sources: Dict[str, Source]

    @root_validator(skip_on_failure=True)
    def _keys_resolve(cls, values: dict) -> dict:
        known = set(values["sources"])
        for path, keys in _source_refs(values):
            missing = [key for key in keys if key not in known]
            if missing:
                raise ValueError(f"{path}: source {missing[0]!r} is not in this file's sources")
        return values


def _source_refs(values: dict):
    """Yield (field path, source keys) for every sourced thing in a parsed file."""
    for field, value in values.items():
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if not isinstance(item, BaseModel) or isinstance(item, (Source, Hours)):
                continue
            label = f"{field}[{index}]" if isinstance(value, list) else field
            if hasattr(item, "sources"):
                yield label, item.sources
            for tool_index, tool in enumerate(getattr(item, "tools", [])):
                yield f"{label}.tools[{tool_index}]", tool.sources


class Area(_Sourced):
    """One local authority's children's services: `knowledge/areas/<id>.yml`."""

    id: str = Field(regex=r"^[a-z_]+$")
    name: str
    partnership: Optional[str] = None
    provider: Optional[str] = Field(None, description="who runs children's services, if not the council")
    places: List[Place] = Field(..., min_items=1)
    not_this_council: List[Elsewhere] = []
    postcodes: Optional[Postcodes] = None
    contacts: List[Contact] = Field(..., min_items=1)
    threshold: Optional[Threshold] = None
    escalation: Optional[Escalation] = None
    procedures: Optional[Procedures] = Field(None, description="the partnership's procedures manual")
    neglect_toolkit: Optional[Toolkit] = None
    unknown: List[str] = Field([], description="facts no source gave: said plainly, never guessed")
    conflicts: List[Conflict] = []

    @validator("contacts")
    def _has_front_door(cls, contacts: List[Contact]) -> List[Contact]:
        if not any(contact.role == "front_door" for contact in contacts):
            raise ValueError("an area needs a contact with role front_door")
        return contacts


class CouncilFinder(Fact):
    """How to find the children's services of a council this knowledge base does not hold."""

    text: str
    url: Optional[str] = None

    _url = validator("url", allow_reuse=True)(lambda v: v and check_url(v))


class National(_Sourced):
    """Routes that hold anywhere in England: `knowledge/national.yml`."""

    contacts: List[Contact] = Field(..., min_items=1)
    find_your_council: CouncilFinder
    conflicts: List[Conflict] = []


class Concept(Fact):
    """A term professionals meet (neglect, disguised compliance, s47…), in plain words."""

    id: str = Field(regex=r"^[a-z0-9_]+$")
    name: str
    aliases: List[str] = []
    short: str = Field(description="two or three plain sentences")
    more: str = Field(description="the 'tell me more' answer")


class EscalationGuide(Fact):
    """How escalation generally works where no local procedure is held: stages and a checklist."""

    stages: List[str] = Field(..., min_items=1)
    checklist: List[str] = Field(..., min_items=1)


class Stage(Fact):
    """A stage of childhood as toolkits name it ("early years", "teenager"), with the ages the
    words mean. Tools name a stage; the ages come from here, once."""

    id: str = Field(regex=r"^[a-z_]+$")
    name: str
    min_age: int = Field(..., ge=-1)
    max_age: int = Field(..., le=25)


class Guidance(_Sourced):
    """Definitions and practice notes: `knowledge/guidance/*.yml`."""

    concepts: List[Concept] = []
    escalation: Optional[EscalationGuide] = None
    stages: List[Stage] = []

    @root_validator(skip_on_failure=True)
    def _not_empty(cls, values: dict) -> dict:
        if not (values.get("concepts") or values.get("escalation") or values.get("stages")):
            raise ValueError("a guidance file needs concepts, escalation or stages")
        return values
