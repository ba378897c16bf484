"""Remove what identifies a person from what is stored: names, dates of birth, NHS and National
Insurance numbers, street addresses, school names, phone numbers, email addresses, postcodes.

The assistant asks people not to type personal details, but some will. Understanding still sees
the original text; only the copy written to the conversation store (which is encrypted as well)
goes through `redact`. What the assistant needs stays: a postcode district ("NG5") covers
thousands of addresses and is how a place is matched, so only full postcodes go; ages ("7",
"aged 7", "Y3"), years and counts stay.

Rules, not a statistical model: each kind is found by its form (checksums for NHS numbers,
the postcode areas that exist, UK phone numbering via `phonenumbers`) or, for names and schools,
by the words around it ("called Jayden", "mum Kelly Smith", "Jayden (7", "at St Mary's"). Their
recall and precision on a labelled corpus are printed by `make privacy-eval` (tests/privacy/).
A date is taken as a date of birth when the words around it say so, or when it is a full date
in the past; future dates (a plan's review date) stay.

`redact_event` knows the shape of a stored conversation event (a JSON object with `text`,
`parse_data`, slot `value`, `metadata`, a bot message's `data`) but nothing of Rasa itself.

Cost: redaction was the largest single part of a turn's CPU in the Rasa server (profiled: about
a fifth), most of it spent on the assistant's own replies and on event metadata (the model id
on every event; a reply's template variables, a whole route among them), which are the same for
everyone asking about a place. So their redacted form is remembered (`_redact_remembered`), keyed
by a digest of the text and the date, never by the text itself: the cache holds only what is
written to the store anyway. What the person typed (their messages, entity values, slots) is
not remembered. Finders whose identifiers all contain a digit are skipped on text without one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional

import phonenumbers

from bot import postcodes

PLACEHOLDERS = {
    "email": "[email address]", "nhs": "[NHS number]", "ni": "[NI number]", "postcode": "[postcode]",
    "dob": "[date of birth]", "phone": "[phone number]", "address": "[address]", "school": "[school]",
    "name": "[name]",
}
PHONE, EMAIL, POSTCODE = PLACEHOLDERS["phone"], PLACEHOLDERS["email"], PLACEHOLDERS["postcode"]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str


# --- forms ------------------------------------------------------------------------------
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_NHS = re.compile(r"(?<![\w/.-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w/-])")
# Capitals with or without spaces ("QQ 12 34 56 C"), or typed in lower case as one word ("qq123456c"):
# "is 20 14 11" is not one.
_NI = re.compile(r"\b(?:[A-Z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}(?:[ -]?[A-D])?|(?i:[a-z]{2}\d{6}[a-d]?))\b")
# The postcode areas of the UK: "Y7 2ND" is a school year, not a postcode.
_AREAS = ("AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN "
          "EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK "
          "ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA "
          "TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE").split()
_POSTCODE = re.compile(r"\b(?:%s)%s\s*%s\b" % ("|".join(sorted(_AREAS, key=len, reverse=True)), postcodes.DISTRICT_TAIL, postcodes.INWARD),
                       re.IGNORECASE)
# Digit runs phonenumbers does not take as a UK number but that still look like one.
_LONG_DIGITS = re.compile(r"(?<!\w)\+?\d[\d ()-]{7,}\d(?!\w)")

_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH_NUMBER = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DATES = [  # (pattern, which groups hold day, month, year)
    (re.compile(r"(?<![\w/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\w/-])"), (1, 2, 3)),
    (re.compile(r"(?<![\w/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w/-])"), (3, 2, 1)),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\.?,?\s+(\d{{4}}|'\d{{2}})\b", re.IGNORECASE), (1, 2, 3)),
    (re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE), (2, 1, 3)),
]
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTHS})\.?,?\s+(?:\d{{4}}|'\d{{2}})\b", re.IGNORECASE)
_BIRTH_CUE = re.compile(r"\b(?:born|birth|birthday|dob|d\.o\.b\.?|b\.)\W{0,3}(?:\w+\W+){0,3}$", re.IGNORECASE)

_STREET_TYPES = ("road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|court|ct|crescent|cres|grove|gardens|gdns|"
                 "place|pl|terrace|walk|row|hill|park|square|sq|mews|view|rise|green|parade|boulevard|vale|gate|mount|"
                 "fields|meadows?|croft|wharf|yard|chase|path|end|bank|brow|house|towers|heights|estate")
_ADDRESS = re.compile(
    rf"\b(?:(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?(?:no\.?\s*)?\d{{1,4}}[a-z]?,?\s+"
    rf"((?:[A-Za-z][A-Za-z'’-]*\s+){{0,3}})({_STREET_TYPES})\b\.?", re.IGNORECASE)

# Streets named in one word: "61 Kingsway", "4 Southgate".
_ADDRESS_ONE_WORD = re.compile(r"\b\d{1,4}[a-z]?,?\s+[A-Z][a-z]+(?:way|gate)\b")

_SCHOOL_TYPES = (r"primary(?:\s+school)?|academy|infants?(?:\s+school)?|juniors?(?:\s+school)?|nursery(?:\s+school)?|"
                 r"college|high(?:\s+school)?|school|secondary(?:\s+school)?|c\s?of\s?e(?:\s+\w+)?|cofe(?:\s+\w+)?|"
                 r"r\.?c\.?(?:\s+\w+)?|catholic(?:\s+\w+)?|grammar(?:\s+school)?|free\s+school")
_SCHOOL = re.compile(rf"((?:\b[A-Za-z][A-Za-z'’.-]*\s+){{1,3}}?)(?:{_SCHOOL_TYPES})\b", re.IGNORECASE)
_SCHOOL_AFTER_SAINT = re.compile(rf"\s+(?:{_SCHOOL_TYPES})\b", re.IGNORECASE)
_SAINT = re.compile(r"\bS(?:ain)?t\.?\s+[A-Z][a-z]+(?:['’]s)?(?:\s+(?:and|&)\s+S(?:ain)?t\.?\s+[A-Z][a-z]+(?:['’]s)?)?")
_SCHOOL_CUE = re.compile(r"\b(?:at|attends|attending|attended|goes\s+to|go\s+to|went\s+to|from|pupil\s+at|student\s+at|"
                         r"on\s+roll\s+at|in\s+(?:y(?:ea)?r?\s*\d+|reception)\s+at)\s*$", re.IGNORECASE)

# --- names ------------------------------------------------------------------------------
_NAME_TOKEN = r"[A-Z][A-Za-z]*[a-z](?:['’-](?!s\b)[A-Za-z]+)*"
_RELATIONS = ("mum|mom|mummy|mother|dad|daddy|father|step-?dad|step-?mum|step-?father|step-?mother|brother|sister|"
              "half-?brother|half-?sister|sibling|twin|son|daughter|nan|nana|nanna|nanny|gran|granny|grandma|grandad|"
              "grandmother|grandfather|aunt|auntie|aunty|uncle|cousin|partner|boyfriend|girlfriend|husband|wife|"
              "carer|baby|child|boy|girl|toddler|pupil|student|kid|lad|teenager|neighbour|friend|mr|mrs|ms|miss|mx|dr|"
              "stepson|stepdaughter|niece|nephew|lodger|ex|twins|siblings|sons|daughters|brothers|sisters")
_LEFT_CUE = re.compile(rf"\b(?:(?P<strong>called|named|name\s+is|name's|names\s+are|known\s+as|goes\s+by|i'?m|i\s+am|this\s+is|"
                       rf"my\s+name's)\b|(?P<relation>{_RELATIONS})\b(?:['’]s)?(?:\s+(?:is|was))?)\.?\s*[,:(–-]?\s*", re.IGNORECASE)
_VERB_CALLED = re.compile(r"\b(?:i|we|they|he|she|you|i've|we've|have|has|had|just|then|already|also|and|then|was|who)\s+$",
                          re.IGNORECASE)
_NOUN_CALLED = re.compile(r"\b(?:is|was|are|'s|boy|girl|child|baby|son|daughter|kid|brother|sister|mum|dad|partner|"
                          r"boyfriend|girlfriend|one|he's|she's|they're)\s+$", re.IGNORECASE)
_RIGHT_CUE = re.compile(r"^(?:\s*\(\s*(?:aged?\s*)?\d{1,2}\b|\s*\(\s*(?:y(?:ea)?r?\s*\d{1,2}|reception)\b|\s*,\s*(?:aged?\s*)?\d{1,2}\b"
                        r"|\s+aged?\s+\d{1,2}\b|\s+(?:is|was)\s+(?:only\s+|just\s+)?\d{1,2}\b(?!\s*(?:pm|am|:))"
                        r"|['’]s\s+(?:%s)\b|\s*,?\s*\(?(?:dob|d\.o\.b|born)\b"
                        # reported speech, which the question on the child's words invites: "Jayden told me …"
                        r"|\s+(?:has\s+|had\s+)?(?:said|says|told|tells|disclosed|discloses)\b)" % _RELATIONS, re.IGNORECASE)
_CAPITAL_RUN = re.compile(rf"\b{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}")
# "a nurse in Carlisle, 8 month old": after "in", "at", "near"… a capitalised word is where, not who.
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|nr|from|around|outside)\s+$", re.IGNORECASE)
# Capitalised words that are not names: sentence openers, days, months, services, places' words.
NOT_NAMES = frozenset("""
i im i'm a an the he she they his her hers their them we us our my me you your it its this that these those there
here who what when where why how which if so but and or then also just yes no not ok okay please thanks hi hello
mum dad mother father nan gran baby child boy girl brother sister son daughter aunt uncle partner boyfriend girlfriend
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december today tomorrow yesterday christmas easter
mash spa edt dsl ddsl gp nhs camhs police social services care team hub council school primary academy year reception
nursery college childline nspcc early help front door health visitor midwife hospital ambulance paramedic a&e
emergency duty lado safeguarding lead teacher head headteacher sendco senco designated children's childrens family
families hub services practitioner worker officer manager nurse doctor staff street road avenue lane close drive
has had is was will would could should can can't won't doesn't didn't isn't wasn't does did do done been being
always never often sometimes usually still now later again already really very quite worried concerned unsure sure
with without from at in on of to for by about after before over under since until
""".split())
_SERVICE_AFTER = re.compile(r"^\s+(?:MASH|SPA|EDT|Council|City|County|Borough|Hub|Team|Services|Police|Hospital|"
                            r"Safeguarding|Children's|Childrens|Social|Early|Primary|Academy|School|Nursery|College|Road|"
                            r"Street|Avenue|Lane|Close|Drive|Way)\b")


def _is_name_word(word: str) -> bool:
    return word.lower().strip("'’") not in NOT_NAMES and not word.isupper()


def _names(text: str, today: dt.date) -> Iterator[Found]:
    for cue in _LEFT_CUE.finditer(text):
        rest = text[cue.end():]
        strong = cue.group("strong")
        if strong and strong.lower() == "called":
            before = text[:cue.start()]
            if _VERB_CALLED.search(before) and not _NOUN_CALLED.search(before):
                strong = None  # "I called the MASH": a verb; only a capitalised name after it counts
        run = re.match(rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}", rest)
        words = run.group(0).split() if run else []
        kept = []
        for word in words:
            if not _is_name_word(word):
                break
            kept.append(word)
        if kept and not (cue.group("relation") or "").lower() in ("mr", "mrs", "ms", "miss", "mx", "dr") \
                and _SERVICE_AFTER.match(rest[len(" ".join(kept)):]):
            continue
        if not kept and strong and strong.lower() not in ("i'm", "im", "i am", "this is"):
            low = re.match(r"[a-z][a-z'’-]+(?:\s+[a-z][a-z'’-]+)?", rest)
            if low:
                kept = [word for word in low.group(0).split()[:1] if word not in NOT_NAMES and len(word) > 1]
        if kept:
            start = cue.end()
            end = start + len(" ".join(kept))
            yield Found(start, end, "name")
            also = re.match(rf"\s+(?:and|&)\s+({_NAME_TOKEN})", text[end:])  # "twins Ruby and Rose"
            if also and _is_name_word(also.group(1)):
                yield Found(end + also.start(1), end + also.end(1), "name")
    for run in _CAPITAL_RUN.finditer(text):
        words = run.group(0).split()
        while words and not _is_name_word(words[0]):
            words = words[1:]
        if not words or not all(_is_name_word(word) for word in words):
            continue
        end = run.end()
        start = end - len(" ".join(words))
        if _RIGHT_CUE.match(text[end:]) and not _PLACE_BEFORE.search(text[:start]):
            yield Found(start, end, "name")


# --- finders, in order of precedence ------------------------------------------------------
def _emails(text: str, today: dt.date) -> Iterator[Found]:
    for match in _EMAIL.finditer(text):
        yield Found(match.start(), match.end(), "email")


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(digit) * weight for digit, weight in zip(digits, range(10, 1, -1))) % 11
    return (0 if check == 11 else check) == int(digits[9]) and check != 10


def _nhs(text: str, today: dt.date) -> Iterator[Found]:
    for match in _NHS.finditer(text):
        if nhs_number_valid("".join(match.groups())):
            yield Found(match.start(), match.end(), "nhs")


def _ni(text: str, today: dt.date) -> Iterator[Found]:
    for match in _NI.finditer(text):
        yield Found(match.start(), match.end(), "ni")


def _postcodes(text: str, today: dt.date) -> Iterator[Found]:
    for match in _POSTCODE.finditer(text):
        yield Found(match.start(), match.end(), "postcode")


def _date(day: str, month: str, year: str, today: dt.date) -> Optional[dt.date]:
    number = int(month) if month.isdigit() else _MONTH_NUMBER[month[:3].lower()]
    year = year.lstrip("'")
    full = int(year) if len(year) == 4 else (2000 + int(year) if 2000 + int(year) <= today.year else 1900 + int(year))
    try:
        return dt.date(full, number, int(day))
    except ValueError:
        return None


def _dates_of_birth(text: str, today: dt.date) -> Iterator[Found]:
    for pattern, (day, month, year) in _DATES:
        for match in pattern.finditer(text):
            when = _date(match.group(day), match.group(month), match.group(year), today)
            if when and (when < today or _BIRTH_CUE.search(text[:match.start()])):
                yield Found(match.start(), match.end(), "dob")
    for match in _MONTH_YEAR.finditer(text):
        if _BIRTH_CUE.search(text[:match.start()]):
            yield Found(match.start(), match.end(), "dob")


def _phones(text: str, today: dt.date) -> Iterator[Found]:
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        if match.raw_string.lstrip("( ").startswith(("0", "+")):  # "2015 - 2016" is not a number to call
            yield Found(match.start, match.end, "phone")
    for match in _LONG_DIGITS.finditer(text):
        if sum(char.isdigit() for char in match.group(0)) >= 9:
            yield Found(match.start(), match.end(), "phone")


_NOT_STREET_WORDS = NOT_NAMES - {"street", "road", "avenue", "lane", "close", "drive"} | {
    "year", "years", "yr", "yrs", "old", "times", "kids", "children", "days", "weeks", "months", "minutes", "mins",
    "hours", "miles", "doors", "houses", "nights", "people", "other", "same", "different", "more", "less", "new"}


def _addresses(text: str, today: dt.date) -> Iterator[Found]:
    for match in _ADDRESS.finditer(text):
        words = match.group(1).split()
        if any(word.lower() in _NOT_STREET_WORDS and not (index == 0 and word == "The") for index, word in enumerate(words)):
            continue
        if not words and match.group(2).lower() in ("st", "house", "end", "park", "green", "hill", "view", "way", "bank"):
            continue  # "3 st", "2 house": too short to be an address
        yield Found(match.start(), match.end(), "address")
    for match in _ADDRESS_ONE_WORD.finditer(text):
        yield Found(match.start(), match.end(), "address")


def _trailing(words: List[str], keep: Callable[[str], bool]) -> List[str]:
    """The last words of `words` for which `keep` holds."""
    kept: List[str] = []
    for word in reversed(words):
        if not keep(word):
            break
        kept.insert(0, word)
    return kept


def _ordinary(word: str) -> bool:
    return word.lower() in NOT_NAMES or word.lower() in _NOT_STREET_WORDS


def _schools(text: str, today: dt.date) -> Iterator[Found]:
    for match in _SCHOOL.finditer(text):
        words = match.group(1).split()
        named = _trailing(words, lambda word: word[:1].isupper() and not _ordinary(word))
        plain = _trailing(words, lambda word: not _ordinary(word))[-2:]
        chosen = named or plain
        if not chosen:
            continue
        start = match.end(1) - len(" ".join(chosen)) - (len(match.group(1)) - len(match.group(1).rstrip()))
        if named or _SCHOOL_CUE.search(text[:start]):
            yield Found(start, match.end(), "school")
    for match in _SAINT.finditer(text):  # "St Mary's": a school after "at", "goes to", or before "Primary"
        kind = _SCHOOL_AFTER_SAINT.match(text, match.end())
        if kind or _SCHOOL_CUE.search(text[:match.start()]):
            yield Found(match.start(), kind.end() if kind else match.end(), "school")


FINDERS: List[Callable[[str, dt.date], Iterator[Found]]] = [
    _emails, _nhs, _ni, _postcodes, _dates_of_birth, _phones, _addresses, _schools, _names]
# Every pattern of these needs a digit (any Unicode digit, as `\d` and `phonenumbers` read them).
NEED_A_DIGIT = frozenset({_nhs, _ni, _postcodes, _dates_of_birth, _phones, _addresses})
_DIGIT = re.compile(r"\d")


def find(text: str, today: Optional[dt.date] = None) -> List[Found]:
    """Every identifier in `text`, without overlaps (an earlier finder wins), in order."""
    today = today or dt.date.today()
    taken: List[Found] = []
    digits = _DIGIT.search(text) is not None
    for finder in FINDERS:
        if not digits and finder in NEED_A_DIGIT:
            continue
        for found in sorted(finder(text, today), key=lambda f: (f.start, -f.end)):
            if found.end > found.start and not any(found.start < other.end and other.start < found.end for other in taken):
                taken.append(found)
    return sorted(taken, key=lambda f: f.start)


_GENERIC_WORDS = re.compile(rf"(?:{_STREET_TYPES}|{_SCHOOL_TYPES}|flat|apartment|saint)$", re.IGNORECASE)


def identifiers_in(text: str, today: Optional[dt.date] = None) -> Dict[str, str]:
    """What `find` takes for an identifier in `text`, by kind: {"Jayden": "name", …}, and the
    distinctive words of names, addresses and schools on their own ("Kelly", "Acacia"), as
    understanding may pick out a single word of one."""
    known: Dict[str, str] = {}
    for found in find(text or "", today):
        value = text[found.start:found.end]
        known[value] = found.kind
        if found.kind in ("name", "address", "school"):
            for word in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", value):
                if word.lower() not in NOT_NAMES and not _GENERIC_WORDS.match(word):
                    known.setdefault(word, found.kind)
    return known


def _known(text: str, known: Mapping[str, str]) -> Iterator[Found]:
    for value, kind in known.items():
        if len(value) >= 3:
            for match in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
                yield Found(match.start(), match.end(), kind)


def redact(text: str, today: Optional[dt.date] = None, known: Optional[Mapping[str, str]] = None) -> str:
    """`text` with every identifier replaced by a placeholder naming its kind.

    `known`: identifiers already found elsewhere in the same turn (the user's message), removed
    wherever they turn up again, even without the words that gave them away ("Jayden" alone as
    an entity value, a slot, or in the assistant's reply).
    """
    if not text:
        return text
    spans = find(text, today)
    for found in _known(text, known or {}):
        if not any(found.start < other.end and other.start < found.end for other in spans):
            spans.append(found)
    for found in sorted(spans, key=lambda f: f.start, reverse=True):
        text = text[:found.start] + PLACEHOLDERS[found.kind] + text[found.end:]
    return text


REMEMBERED = 1024
_remembered: "OrderedDict[bytes, str]" = OrderedDict()


def _redact_remembered(text: str, known: Mapping[str, str]) -> str:
    """`redact` for the assistant's replies and event metadata, remembered for the
    REMEMBERED latest texts when the turn's message gave nothing away (`known` empty). The key is
    a digest of the text and today's date (a date of birth depends on the date), so the raw text
    is not kept."""
    if known or not text:
        return redact(text, known=known)
    today = dt.date.today()
    key = hashlib.blake2b(f"{today.isoformat()}\0{text}".encode(), digest_size=16).digest()
    redacted = _remembered.get(key)
    if redacted is None:
        redacted = _remembered[key] = redact(text, today)
        if len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)
    else:
        _remembered.move_to_end(key)
    return redacted


def _redact_any(value: Any, known: Mapping[str, str], redact_text: Callable[..., str] = redact) -> Any:
    if isinstance(value, str):
        return redact_text(value, known=known)
    if isinstance(value, list):
        return [_redact_any(item, known, redact_text) for item in value]
    if isinstance(value, dict):
        return {key: _redact_any(item, known, redact_text) for key, item in value.items()}
    return value


def redact_event(event: dict, known: Optional[Mapping[str, str]] = None) -> dict:
    """A copy of a stored conversation event with what a person typed or was told redacted.

    `known`: identifiers found in the user's message of the same turn (`identifiers_in`), also
    removed from entity values, slots and replies. Structural fields (event type, intent and
    action names, timestamps, ids) and the buttons the assistant offered (built from the
    knowledge base; the REST channel checks payloads against them) are left alone.
    """
    known = known or {}
    event = dict(event)
    bot = event.get("event") == "bot"
    if isinstance(event.get("text"), str):
        event["text"] = (_redact_remembered if bot else redact)(event["text"], known=known)
    if isinstance(event.get("parse_data"), dict):
        parse_data = dict(event["parse_data"])
        if isinstance(parse_data.get("text"), str):
            parse_data["text"] = redact(parse_data["text"], known=known)
        if isinstance(parse_data.get("entities"), list):
            parse_data["entities"] = [{**entity, "value": _redact_any(entity.get("value"), known)} if isinstance(entity, dict)
                                      else entity for entity in parse_data["entities"]]
        event["parse_data"] = parse_data
    if event.get("event") == "slot":
        event["value"] = _redact_any(event.get("value"), known)
    if bot and isinstance(event.get("data"), dict):
        event["data"] = {key: value if key == "buttons" else _redact_any(value, known, _redact_remembered)
                         for key, value in event["data"].items()}
    if "metadata" in event:
        event["metadata"] = _redact_any(event["metadata"], known, _redact_remembered)
    return event
