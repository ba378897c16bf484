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
from typing import Dict, List, Literal, Optional, Union

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, Extra, Field, root_validator, validator

from bot import postcodes

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_SEED = re.compile(r"^seed:[0-9a-z_]+\.txt$")
_REFERENCE = re.compile(r"^reference:[0-9a-z_/]+\.(?:csv|yml)$")

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


def is_web_address(value: str) -> bool:
    """An http(s) URL a reader can open, as opposed to 'seed:…', 'reference:…' or general knowledge."""
    return bool(_URL.match(value))


def check_url(value: str) -> str:
    if not is_web_address(value):
        raise ValueError(f"'{value}' is not an http(s) URL")
    return value


def optional_urls(*fields: str):
    """The one validator for a model's optional http(s) link fields: empty is allowed, anything
    else must be an http(s) URL."""
    return validator(*fields, allow_reuse=True)(lambda v: v and check_url(v))


class Source(Strict):
    """One page or document that facts were read from."""

    url: str = Field(description="http(s) URL, 'seed:<file>.txt', 'reference:<file>' or 'general knowledge'")
    title: str
    page_date: Optional[str] = Field(None, description="the date the page itself shows, if any")
    read_from: Literal["archived copy", "live page", "seed document", "reference file", "none"]
    quote: Optional[str] = Field(None, description="the words of the page a phone number was read from")

    @validator("url")
    def _url(cls, value: str) -> str:
        if value == GENERAL_KNOWLEDGE or _SEED.match(value) or _REFERENCE.match(value):
            return value
        return check_url(value)


class Fact(Strict):
    """Anything the assistant may state: it says where it came from and when it was checked.

    `note` is shown to the user with the fact, so it says only what helps them act on it;
    `curator_note` is for maintainers (how it was read, what to re-check) and is never shown."""

    sources: List[str] = Field(..., min_items=1)
    checked: dt.date
    note: Optional[str] = Field(None, description="shown to the user with the fact")
    curator_note: Optional[str] = Field(None, description="for maintainers only: how the fact was read, what to re-check")


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
    confidence: Literal["high", "medium", "low"] = Field(
        "high", description="high: the council's own pages agree; medium: third-party pages only; low: "
        "conflicting, thin or older than a reorganisation (said plainly, never shown as certain)")

    _phone = validator("phone", allow_reuse=True)(normalise_phone)

    @validator("email")
    def _email(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _EMAIL.match(value):
            raise ValueError(f"'{value}' is not an email address")
        return value


class Level(Strict):
    name: str
    meaning: Optional[str] = Field(None, description="what the level means in practice")


class Linked(Fact):
    """A fact with an optional link to its page or document, checked by the one URL validator."""

    url: Optional[str] = None

    _url = optional_urls("url")


def _titled_or_linked(title_field: str):
    """A document whose title no source gave is left untitled (the answer says so, never a made-up
    title); it then needs its link, or there is nothing to point to."""
    def check(cls, values: dict) -> dict:
        if not values.get(title_field) and not values.get("url"):
            raise ValueError(f"{title_field}: give the title, or the url where no source gave a title")
        return values
    return root_validator(skip_on_failure=True, allow_reuse=True)(check)


class Threshold(Linked):
    document: Optional[str] = Field(None, description="its title; left out where no source gave it")
    levels: List[Level] = []

    _titled = _titled_or_linked("document")


class Escalation(Linked):
    procedure: Optional[str] = Field(None, description="its title; left out where no source gave it")
    stages: List[str] = []

    _titled = _titled_or_linked("procedure")


class Tool(Linked):
    """One tool of a neglect toolkit, with who it is for where the source says: the source's own
    stage ("early years", "teenager": an id from knowledge/guidance/stages.yml) or, only where a
    source gives numbers, an age range. Never an age band the source doesn't give."""

    name: str
    purpose: str
    stage: Optional[str] = Field(None, description="id of a stage in knowledge/guidance/stages.yml")
    min_age: Optional[int] = Field(None, ge=-1, description="-1 = unborn; only where a source gives ages")
    max_age: Optional[int] = Field(None, le=25)
    hears_the_child: bool = Field(False, description="its sourced purpose is hearing the child's voice or lived "
                                                     "experience: offered with the question about the child's words")


class Toolkit(Linked):
    name: str
    tools: List[Tool] = []


class Procedures(Linked):
    """The safeguarding partnership's procedures manual, where its escalation chapter lives."""

    name: str


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
        if not postcodes.DISTRICT.match(value):
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
            for nested in ("tools", "points"):
                for position, part in enumerate(getattr(item, nested, [])):
                    yield f"{label}.{nested}[{position}]", part.sources


class Council(Fact):
    """Who the council is in the national list: its ONS code, kind and homepage."""

    gss: str = Field(regex=r"^E\d{8}$")
    type: str
    homepage: Optional[str] = None

    _url = optional_urls("homepage")


class Links(Fact):
    """Pages worth pointing to where no fuller fact is held (partnership, procedures, reporting)."""

    partnership_url: Optional[str] = None
    procedures_url: Optional[str] = None
    report_concern_url: Optional[str] = None

    _urls = optional_urls("partnership_url", "procedures_url", "report_concern_url")


class Area(_Sourced):
    """One children's services authority: `knowledge/areas/<id>.yml` (the ten seed areas, checked in
    depth by hand) or `knowledge/councils/<id>.yml` (generated for the other 143)."""

    id: str = Field(regex=r"^[a-z_]+$")
    name: str
    council: Council
    partnership: Optional[str] = None
    provider: Optional[str] = Field(None, description="who runs children's services, if not the council")
    places: List[Place] = []
    not_this_council: List[Elsewhere] = []
    postcodes: Optional[Postcodes] = Field(None, description="the seed files' own notes; routing uses knowledge/postcodes/")
    links: Optional[Links] = None
    contacts: List[Contact] = []
    threshold: Optional[Threshold] = None
    escalation: Optional[Escalation] = None
    procedures: Optional[Procedures] = Field(None, description="the partnership's procedures manual")
    neglect_toolkit: Optional[Toolkit] = None
    unknown: List[str] = Field([], description="facts no source gave: said plainly, never guessed")
    missing_lines: List[Literal["front_door", "out_of_hours"]] = Field(
        [], description="lines no checked source gave a number for: the council's homepage is given instead")
    conflicts: List[Conflict] = []
    confidence: Optional[Literal["high", "medium", "low"]] = Field(None, description="the reference's overall confidence")
    notes: Optional[str] = Field(None, description="the curator's notes, for maintainers")

    @root_validator(skip_on_failure=True)
    def _front_door_or_gap(cls, values: dict) -> dict:
        """A missing front door must be a recorded gap (said plainly), never a silent one."""
        if not any(contact.role == "front_door" for contact in values["contacts"]) and "front_door" not in values["missing_lines"]:
            raise ValueError("contacts: an area needs a contact with role front_door, or front_door listed under missing_lines")
        return values


class CouncilFinder(Linked):
    """How to find the children's services of a council this knowledge base does not hold."""

    text: str


class Nation(Linked):
    """Where a concern goes when the child lives in Wales, Scotland or Northern Ireland."""

    id: Literal["wales", "scotland", "northern_ireland"]
    name: str
    route: str = Field(description="who takes the referral there, in plain words")


class National(_Sourced):
    """Routes that hold anywhere in England, and the other nations' routes: `knowledge/national.yml`."""

    contacts: List[Contact] = Field(..., min_items=1)
    find_your_council: CouncilFinder
    nations: List[Nation] = []
    attribution: List[str] = Field([], description="licences of the data this knowledge base carries")
    conflicts: List[Conflict] = []


class Concept(Fact):
    """A term professionals meet (neglect, disguised compliance, s47…), in plain words."""

    id: str = Field(regex=r"^[a-z0-9_]+$")
    name: str
    aliases: List[str] = []
    short: str = Field(description="two or three plain sentences")
    more: str = Field(description="the 'tell me more' answer")


class Point(Fact):
    """One sourced statement of a practice answer, in plain words. `in_referral_draft`: also
    printed in the referral draft (bot/summary.py), so the rule is stated once, here."""

    text: str
    in_referral_draft: bool = False


class PracticeAnswer(Fact):
    """A direct answer to a practice question ("can I share without consent?"), point by point.

    `sources` are the ones relied on most, for the answer's one citation line; each point names
    its own. What the sources leave uncertain is kept out of `points` and listed in `left_out`,
    so a reviewer sees what was deliberately not said.
    """

    id: str = Field(regex=r"^[a-z0-9_]+$")
    question: str = Field(description="the question it answers, for maintainers")
    points: List[Point] = Field(..., min_items=1)
    left_out: List[str] = Field([], description="what the sources leave uncertain, so not said")


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
    """Definitions, practice answers, the general escalation route and the stages of childhood:
    `knowledge/guidance/*.yml`."""

    concepts: List[Concept] = []
    answers: List[PracticeAnswer] = []
    escalation: Optional[EscalationGuide] = None
    stages: List[Stage] = []

    @root_validator(skip_on_failure=True)
    def _not_empty(cls, values: dict) -> dict:
        if not any(values.get(part) for part in ("concepts", "answers", "escalation", "stages")):
            raise ValueError("a guidance file needs concepts, answers, escalation or stages")
        return values


_POSTCODE_KEY = {  # each section's codes, written the one way the tables and bot/places.py use
    "districts": postcodes.DISTRICT.match,
    "sectors": postcodes.SECTOR.match,
    "exceptions": lambda code: code == postcodes.written(code),
    "beyond_england": postcodes.DISTRICT.match,
}


class NameList(Strict):
    """Names that lead to an area or a nation: `knowledge/places/*.yml`.

    Each section maps an area id (or wales / scotland / northern_ireland) to names; the section
    says what kind of name it is. `places` entries are [name, outward code] from the gazetteer.
    `everyday_words` are names that are also ordinary words ("Street", "Hook", "Bath"): in a
    sentence they count only when written as a name (see bot/places.py). `not_typos` are ordinary
    words a letter or two from a name ("Working", "Banking"): never read as a misspelt place.
    `towns` are towns whose name villages elsewhere share ("Newport" on the Isle of Wight): the
    gazetteer holds no population, so they are listed to come first among the choices. `short_names`
    are what people call a town for short, mapped to its full name ("Newcastle": Newcastle-under-Lyme),
    offered as a choice where the short name means a bigger place first.
    """

    attribution: Optional[str] = None
    sources: Dict[str, Source]
    checked: dt.date
    places: Dict[str, List[List[str]]] = {}
    council_names: Dict[str, List[str]] = {}
    districts: Dict[str, List[str]] = {}
    aliases: Dict[str, List[str]] = {}
    nation_places: Dict[str, List[str]] = {}
    towns: Dict[str, List[str]] = {}
    short_names: Dict[str, Dict[str, str]] = {}
    everyday_words: List[str] = []
    not_typos: List[str] = Field([], description="ordinary words a letter or two from a name: never a misspelt place")
    left_out: List[List[str]] = Field([], description="gazetteer rows not used: [name, outward code, why]")

    @validator("places", each_item=True)
    def _pairs(cls, rows: List[List[str]]) -> List[List[str]]:
        for row in rows:
            if len(row) != 2 or not _POSTCODE_KEY["districts"](row[1]):
                raise ValueError(f"{row!r} is not [place name, outward code]")
        return rows

    def targets(self) -> set:
        return {*self.places, *self.council_names, *self.districts, *self.aliases, *self.nation_places, *self.towns, *self.short_names}


class PostcodeTable(Strict):
    """One table of `knowledge/postcodes/`: a code mapped to the area (or nation) holding all of it,
    or to each holder's share where it is split."""

    attribution: str
    sources: Dict[str, Source]
    checked: dt.date
    districts: Dict[str, Union[str, Dict[str, float]]] = {}
    sectors: Dict[str, Union[str, Dict[str, float]]] = {}
    exceptions: Dict[str, str] = {}
    beyond_england: Dict[str, Dict[str, float]] = {}

    @root_validator(skip_on_failure=True)
    def _codes(cls, values: dict) -> dict:
        for section, valid in _POSTCODE_KEY.items():
            bad = next((code for code in values[section] if not valid(code)), None)
            if bad:
                raise ValueError(f"{section}: {bad!r} is not a valid code for this table")
        return values

    def rows(self):
        """(code, kind, majority target, shares or None) for every entry."""
        for section in ("districts", "sectors", "exceptions"):
            for code, value in getattr(self, section).items():
                if isinstance(value, str):
                    yield code, section[:-1], value, None
                else:
                    yield code, section[:-1], max(value, key=value.get), value
        for code, shares in self.beyond_england.items():
            yield code, "beyond_england", max(shares, key=shares.get), shares

    def targets(self) -> set:
        found = set()
        for _, _, _, shares in self.rows():
            found.update(shares or ())
        found.update(value for value in (*self.districts.values(), *self.sectors.values(), *self.exceptions.values()) if isinstance(value, str))
        return found - {"england"}
