"""Which children's services authority does a place or postcode belong to, anywhere in England?

Built once from the knowledge base into in-memory indexes (names, postcode tables); answers in
microseconds. The rules, because a wrong council's number is the worst answer we can give:

- A full postcode gives its council exactly (its sector's majority council, unless the postcode
  is one of the recorded exceptions). A sector or outward code decides only when one council holds
  all of it; otherwise the councils holding it are the choices, and the full postcode settles it.
- Names match whole: "Weston-super-Mare" is one name and never "Weston"; in a sentence the
  longest name wins. Typos are forgiven only on a whole name, one or two letters at most.
- A name held by several councils (Richmond, Kingston, Shirley…) is ambiguous until a qualifier
  next to it ("Richmond, North Yorkshire", "Shirley in Croydon", "Richmond DL10") narrows it.
  A county next to a town it does not hold ("Newport, Shropshire", "Brighton, East Sussex", as in
  a postal address) means the town of that name among the county's postcode areas (Telford and
  Wrekin's Newport, TF10), never the county's own number; two such towns are asked about.
- Choices come in a likely order: council names, then towns and short names listed by hand
  (knowledge/places/aliases.yml: the gazetteer holds no population), then the gazetteer's places,
  Wales, Scotland and Northern Ireland last.
- Wales, Scotland and Northern Ireland (every BT postcode) lead to that nation, never to an
  English council.
- In a sentence, a name that is also an everyday word ("Street", "Hook", "Bath", "The Bar") counts
  only when written as a name (Capitalised, not in capitals like "SEND", not opening the message);
  an outward code on its own ("NG5", but also "S47", a section of the Children Act) only in capitals
  after "in", "for", "postcode"… or as the whole message; a typo only in a Capitalised word after
  "in", "at", "near"… ("she lives in Lougborough"), and never an ordinary word ("Working" is not
  Woking, knowledge/places/everyday_words.yml `not_typos`). An everyday-word name next to a
  county that holds it, or held by a town the county narrows to, is a place however typed ("hull,
  yorkshire", "ashford surrey", "stoke staffordshire"); so is a council's name before ", uk".

`resolve(text)` reads an answer to "which town?" ("Penzance", "NG5 5AB", "Richmond, North
Yorkshire", "bath"); `mentioned_in(text)` finds every place in a whole message, in order;
`find(text)` is the one place a message is about (the first mentioned, or a short message read as
an answer), or None.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot import postcodes, redaction
from bot.plain_text import simplify
from bot.knowledge.base import PlaceEntry, PostcodeEntry, from_files

NATIONS = ("wales", "scotland", "northern_ireland")
MAX_BUTTONS = 6
SHORT_ANSWER = 6  # words: up to this, a message may be an answer to "which town?" (everyday words count)
# Characters of a message read for places: a place named at the end of a long first message counts
# ("… not in danger, child lives in carlisle" was cut at 200 and the town asked for again).
MAX_TEXT = 2000
# Names people use for a council or an area as a whole: they come first among choices, and a
# qualifier of this kind ("…, Peterborough") decides even where the gazetteer has no such pairing.
COUNCIL_LEVEL = frozenset({"council_name", "alias", "lower_tier_district", "council", "city"})
_GAZETTEER_KINDS = frozenset({"gazetteer", "nation_place"})
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|&")
_QUALIFIER_GAP = re.compile(r"^\s*(?:,|\(|-|/)?\s*(?:in|near|nr|by|of|area of)?\s*(?:,|\()?\s*$", re.IGNORECASE)
_ADDRESS_GAP = re.compile(r"^\s*,?\s*$")  # between a town and its county, as an address is written
_FILLER = frozenset("erm um uh it its s is in at near the area town village city they live lives she he family "
                    "from of a just outside ok yes please thanks i think maybe called uk england britain gb".split())
# The rest of a sentence after a name that closes it: nothing, or the country ("in derby, uk").
_CLOSING = re.compile(r"\s*(?:,?\s*(?:in\s+)?(?:the\s+)?(?:uk|u\.k\.|england|great britain|britain|united kingdom|gb)\b)?\s*([.,;!?]|$)",
                      re.IGNORECASE)
# Council names that close "in …" or "for …" as often as not about a lesson or a sport ("behind in
# reading.", "stays late for rugby"): lower case, they count only after "live in".
_ACTIVITIES = frozenset({"reading", "rugby", "beds"})
_RESIDENCE = frozenset({"live", "lives", "living", "lived", "based", "reside", "resides", "stay", "stays", "staying"})
_PLACE_CUES = frozenset({"in", "at", "near", "from", "for", "around", "to", "nr", "postcode", "area", "is"})
# Words that join the parts of one place's name ("Hay-on-Wye", "Chester-le-Street"): a name found
# next to one, hyphenated, is only a fragment of a longer name ("Wye" in Kent).
_JOINERS = frozenset({"on", "upon", "under", "in", "le", "la", "by", "super", "next", "the", "cum", "sub", "over", "en", "de", "sur"})
# Words that end a longer place's name ("Lake District", "Stamford Bridge"): a name just before one
# is only the start of a name the knowledge base does not hold, never that place.
_NAME_TAILS = frozenset({"district", "valley", "vale", "forest", "bay", "hills", "heath", "moor", "moors", "dales",
                         "bridge", "marsh", "island", "isle", "peninsula", "estuary"})
# Where someone lives, said just before the place ("the child lives in", "family live just outside",
# "she's from"): the child's home, unless the writer says it of themselves ("I live in").
_HOME = re.compile(r"(?:\b(?P<writer>i|we|im|i'm|am|we're)\s+)?\b(?:lives?|living|lived|resides?|residing|stays?|staying|"
                   r"home\s+is|is\s+from|are\s+from|'s\s+from|comes?\s+from|moved\s+to)\b(?:\s+[\w']+){0,4}\s*$",
                   re.IGNORECASE)
_NOT_THIS = re.compile(r"\b(?:not|rather than|instead of)\s*$", re.IGNORECASE)  # "its rochdale not oldham"
_CLAUSE_END = re.compile(r"[.,;:!?\n]")


@dataclass(frozen=True)
class Resolution:
    """What a place or postcode leads to.

    status: found (area_id is an English area) | nation (area_id is wales / scotland /
    northern_ireland) | ambiguous (choose among `choices`) | unknown.
    reason (for ambiguous): "name" (several places share it), "many" (more than MAX_BUTTONS),
    "postcode" (a split sector or outward code: the full postcode decides).
    """

    status: str
    query: str
    area_id: Optional[str] = None
    matched: Optional[str] = None
    choices: Tuple[str, ...] = ()
    reason: Optional[str] = None
    fuzzy: bool = False
    span: Optional[Tuple[int, int]] = None  # where in the message it was found
    postcode: bool = False  # read from a postcode, sector or outward code rather than a name
    others: Tuple[str, ...] = ()  # found: other areas with a place of the same name (or known by it)
    postal: Tuple[str, ...] = ()  # found: neighbouring areas holding addresses under the same name (Bristol's BS31)


@dataclass(frozen=True)
class _Name:
    target: str
    kind: str
    name: str
    note: Optional[str] = None  # the gazetteer's outward code; a short name's full name


@dataclass(frozen=True)
class _Mention:
    """A place found in a message, before qualifiers are applied. `tentative`: an everyday word not
    written as a name ("hull"), kept only if the name next to it confirms it ("hull, yorkshire")."""

    resolution: Resolution
    key: str
    tentative: bool = False


@dataclass(frozen=True)
class _Token:
    key: str
    start: int
    end: int
    text: str


class PlaceResolver:
    def __init__(self, places: Sequence[PlaceEntry], postcodes: Sequence[PostcodeEntry] = ()):
        self._names: Dict[str, List[_Name]] = defaultdict(list)
        self._everyday = set()
        self._not_typos = set()
        for entry in places:
            key = simplify(entry.name)
            if not key:
                continue
            if entry.kind == "everyday":
                self._everyday.add(key)
            elif entry.kind == "not_typo":
                self._not_typos.add(key)
            elif entry.area_id:
                self._names[key].append(_Name(entry.area_id, entry.kind, entry.name, entry.note))
        for key, names in self._names.items():
            # A border postcode district lists places on both sides of the border. For a town listed
            # by hand as England's ("Berwick-upon-Tweed" TD15, "Chester" CH1) that is one place, the
            # English council's; a village listed twice (Bronington, SY13) stays a question.
            if any(n.kind not in _GAZETTEER_KINDS and n.target not in NATIONS for n in names):
                english = {n.note for n in names if n.kind == "gazetteer" and n.note and n.target not in NATIONS}
                names[:] = [n for n in names if not (n.kind == "gazetteer" and n.target in NATIONS and n.note in english)]
        self._longest = max((len(key.split()) for key in self._names), default=1)
        self._by_letter: Dict[str, List[str]] = defaultdict(list)
        for key in self._names:
            self._by_letter[key[0]].append(key)
        self._districts: Dict[str, PostcodeEntry] = {}
        self._sectors: Dict[str, PostcodeEntry] = {}
        self._exceptions: Dict[str, str] = {}
        self._beyond: Dict[str, dict] = {}
        self._split_sectors: Dict[str, set] = defaultdict(set)
        # The postcode areas ("BN", "SS") each council's districts lie in: which councils are neighbours.
        self._postcode_areas: Dict[str, set] = defaultdict(set)
        for row in postcodes:
            if row.kind == "district":
                self._districts[row.code] = row
                for holder in (row.shares or {row.area_id: 1}):
                    self._postcode_areas[holder].add(re.match(r"[A-Z]+", row.code).group())
            elif row.kind == "sector":
                self._sectors[row.code] = row
            elif row.kind == "exception":
                self._exceptions[row.code] = row.area_id
                self._split_sectors[row.code[:-2]].add(row.area_id)
            else:
                self._beyond[row.code] = row.shares

    # Whole answers -------------------------------------------------------------------------

    def resolve(self, text: Optional[str]) -> Resolution:
        """A short answer: a postcode, a name, a qualified name, or a name with a small typo."""
        query = " ".join((text or "").split())[:MAX_TEXT]
        if not simplify(query):
            return Resolution("unknown", query)
        postcode = self._postcode(query.upper(), query)
        if postcode:
            return postcode
        key = simplify(query)
        if key in self._names:
            return self._decide(query, key)
        mentions = self._mentions(query, strict=len(key.split()) > SHORT_ANSWER)
        if mentions:
            return replace(mentions[0], query=query) if len(mentions) == 1 else self.the_childs(query, mentions)
        return self._fuzzy(query, key) or Resolution("unknown", query)

    def whole_message(self, text: Optional[str]) -> Optional[Resolution]:
        """The place a message is, when the message is nothing but a place's name or a postcode
        ("Stockport", "LS6 2AB"): spelt right and not an everyday word. None otherwise."""
        key = simplify(text)
        if not key or key in self._everyday or len(key.split()) > self._longest:
            return None
        result = self.resolve(text)
        whole = key in self._names or result.postcode
        return result if whole and result.status != "unknown" and not result.fuzzy else None

    def find(self, text: Optional[str]) -> Optional[Resolution]:
        """The place a message is about: where the child lives among those mentioned in it
        (`the_childs`), else the whole message read as an answer (a typo or an everyday-word name
        typed alone). None if there is none."""
        mentions = self.mentioned_in(text)
        if mentions:
            return self.the_childs(text or "", mentions)
        if len(simplify(text).split()) > SHORT_ANSWER:
            return None
        result = self.resolve(text)
        return result if result.status != "unknown" else None

    def mentioned_in(self, text: Optional[str]) -> List[Resolution]:
        """Every place or postcode named in a message, in the order written."""
        return self._mentions((text or "")[:MAX_TEXT], strict=True)

    @staticmethod
    def the_childs(text: str, mentions: Sequence[Resolution]) -> Resolution:
        """Which of the places a message mentions is where the child lives. Schools, surgeries and
        health visitors serve families over the boundary, so the first place named is often the
        writer's workplace ("I teach in Manchester, the kid lives in Salford"): the place said to be
        where the child or family lives wins; failing that, two councils named are asked about
        (reason "two"), never guessed; one council, however often named, is that council.
        A place right after another, as in an address ("Telford, Shropshire"), goes with it; a
        place denied ("rochdale not oldham") is not asked about."""
        denied = [m for m, before in _with_clauses(text, mentions) if _NOT_THIS.search(before)]
        homes = [m for m, before in _with_clauses(text, mentions) if _home_of_child(before) and m not in denied]
        if homes:
            return homes[0]
        own = [m for m, _ in _with_clauses(text, mentions, qualifiers=False) if m not in denied]
        areas = {}
        for mention in own:
            if mention.status in ("found", "nation"):
                areas.setdefault(mention.area_id, mention.query)
        if len(areas) < 2:
            return next((m for m in mentions if m not in denied), mentions[0])
        named = " or ".join(areas.values())
        return Resolution("ambiguous", named, None, named, tuple(areas), "two", span=mentions[0].span)

    # Names -----------------------------------------------------------------------------------

    def _decide(self, query: str, key: str, fuzzy: bool = False, span=None) -> Resolution:
        names = self._names[key]
        targets = tuple(dict.fromkeys(n.target for n in sorted(names, key=_rank)))
        matched = names[0].name
        if len(targets) == 1:
            status = "nation" if targets[0] in NATIONS else "found"
            return Resolution(status, query, targets[0], matched, fuzzy=fuzzy, span=span)
        council_level = [t for t in targets if any(n.target == t and n.kind in COUNCIL_LEVEL for n in names)]
        if len(council_level) == 1:
            # "Leeds" is Leeds City Council, not the village of Leeds in Kent: a name that is one
            # council's own (or its city's) and elsewhere only a gazetteer's village is that council;
            # the line before any number names the council and the others, so it can be changed.
            others = tuple(t for t in targets if t != council_level[0])
            postal = self._postal(key, council_level[0], others)
            return Resolution("found", query, council_level[0], matched, fuzzy=fuzzy, span=span,
                              others=tuple(t for t in others if t not in postal), postal=postal)
        reason = "many" if len(targets) > MAX_BUTTONS else "name"
        if reason == "many" and len(council_level) == len(targets):
            reason = "area"  # "Yorkshire": one name for many councils, not many places
        return Resolution("ambiguous", query, None, matched, targets, reason, fuzzy=fuzzy, span=span)

    def _postal(self, key: str, target: str, others: Sequence[str]) -> Tuple[str, ...]:
        """The other areas whose only places of this name share the postcode area of the council's
        own ("Bristol" in BS31 is Keynsham's postal address, in Bath and North East Somerset): the
        same town's addresses over the boundary, not another place of that name."""
        own = self._outcode_areas(key, target)
        theirs = {other: self._outcode_areas(key, other, every=True) for other in others}
        return tuple(other for other in others if own and theirs[other] and theirs[other] <= own)

    def _outcode_areas(self, key: str, target: str, every: bool = False) -> set:
        """The postcode areas ("BS") of the gazetteer's places of this name in `target`; with
        `every`, a name there without an outward code (a nation's town, a hand-listed name) makes it
        unknowable, so the set is empty."""
        names = [n for n in self._names.get(key, ()) if n.target == target]
        if every and any(n.kind != "gazetteer" or not n.note for n in names):
            return set()
        return {_postcode_area(n.note) for n in names if n.kind == "gazetteer" and n.note}

    def _areas_of(self, key: str, target: str) -> set:
        """Where a place of this name in `target` lies, by postcode area: all the council's for a
        council's own name, else its gazetteer places' own; the council's where neither is known."""
        names = [n for n in self._names.get(key, ()) if n.target == target]
        if not any(n.kind in COUNCIL_LEVEL for n in names):
            own = self._outcode_areas(key, target)
            if own:
                return own
        return self._postcode_areas.get(target, set())

    def known_as(self, name: Optional[str], target: str) -> Optional[str]:
        """The full name of the town `name` is short for in `target` ("Newcastle" in Staffordshire:
        Newcastle-under-Lyme), if one is listed."""
        return next((n.note for n in self._names.get(simplify(name), ()) if n.target == target and n.kind == "short_name"), None)

    def _council_level(self, key: str) -> bool:
        return any(name.kind in COUNCIL_LEVEL for name in self._names.get(key, ()))

    def _curated(self, key: str) -> bool:
        """Named by a list other than the gazetteer: a council, county, district, listed town."""
        return any(name.kind not in _GAZETTEER_KINDS for name in self._names.get(key, ()))

    def _fuzzy(self, query: str, key: str, span=None) -> Optional[Resolution]:
        """A whole name with one wrong letter (two in a long name); ties between names ask."""
        if len(key) < 5:
            return None
        limit = 1 if len(key) < 9 else 2
        bucket = self._by_letter.get(key[0], ())
        hits = process.extract(key, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=10)
        if not hits:
            return None
        best = min(score for _, score, _ in hits)
        keys = [name for name, score, _ in hits if score == best]
        curated = [k for k in keys if self._curated(k)]
        if len(curated) == 1:  # "Lougborough": Loughborough (a listed town), not Longborough
            keys = curated
        if len(keys) == 1:
            return self._decide(query, keys[0], fuzzy=True, span=span)
        targets = tuple(dict.fromkeys(n.target for k in keys for n in self._names[k]))
        if len(targets) == 1:
            return self._decide(query, keys[0], fuzzy=True, span=span)
        return Resolution("ambiguous", query, None, self._names[keys[0]][0].name, targets,
                          "many" if len(targets) > MAX_BUTTONS else "name", fuzzy=True, span=span)

    # Sentences -------------------------------------------------------------------------------

    def _mentions(self, text: str, strict: bool) -> List[Resolution]:
        people = not_places(text)
        tokens = [_Token(simplify(m.group()) or "and", m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)
                  if not overlaps(m.span(), people)]
        found: List[_Mention] = []
        index = 0
        while index < len(tokens):
            hit = self._postcode_at(text, tokens, index, strict) or self._name_at(text, tokens, index, strict)
            if hit:
                mention, size = hit
                found.append(mention)
                index += size
            else:
                index += 1
        return self._apply_qualifiers(text, found)

    def _name_at(self, text: str, tokens: List[_Token], index: int, strict: bool):
        tentative = None
        for size in range(min(self._longest, len(tokens) - index), 0, -1):
            words = tokens[index:index + size]
            key = " ".join(token.key for token in words)
            if key not in self._names:
                continue
            if _fragment(text, tokens, index, size, self._names):
                continue
            span = (words[0].start, words[-1].end)
            written = self._written_as_name(key, words, index, text, tokens, strict)
            if written or tentative is None:
                hit = (_Mention(self._decide(text[span[0]:span[1]], key, span=span), key, tentative=not written), size)
                if written:
                    return hit
                tentative = hit
        token = tokens[index]
        if strict and self._may_be_typo(tokens, index):
            result = self._fuzzy(token.text, token.key, span=(token.start, token.end))
            if result:
                return _Mention(result, token.key), 1
        return tentative

    def _written_as_name(self, key: str, words: List[_Token], index: int, text: str, tokens: List[_Token], strict: bool) -> bool:
        if key not in self._everyday:
            return True
        # An answer to "which town?" may be the word alone with filler ("bath", "erm Street I think",
        # but not "how do I escalate"); a short message is read as a sentence too ("worried about a
        # child in Stoke" is six words, and its Stoke was lost).
        if not strict and all(token.key in _FILLER for token in tokens[:index] + tokens[index + len(words):]):
            return True
        if not all(word.text[:1].isupper() and not (len(word.text) > 2 and word.text.isupper())
                   for word in words if word.key not in ("and", "of", "on", "upon", "in")):
            # "we live in hull", "lives in bath": where someone lives is a place, however typed; so is
            # a council's own name closing a sentence after "in" or "for" ("who do i call in derby?",
            # "number for hackney"), where "doing well in reading and maths" is not.
            if index >= 2 and tokens[index - 1].key == "in" and tokens[index - 2].key in _RESIDENCE:
                return True
            closing = _CLOSING.match(text[words[-1].end:]) is not None
            return (index >= 1 and tokens[index - 1].key in ("in", "for") and closing and self._council_level(key)
                    and key not in _ACTIVITIES)
        return self._council_level(key) or not _sentence_start(text, words[0].start)

    def _may_be_typo(self, tokens: List[_Token], index: int) -> bool:
        """Only a long Capitalised word after "in", "at", "near"… is tried as a typo."""
        token = tokens[index]
        if len(token.key) < 7 or not token.key.isalpha() or token.key in self._everyday or token.key in self._not_typos:
            return False
        return index > 0 and tokens[index - 1].key in _PLACE_CUES and token.text[:1].isupper() and not token.text.isupper()

    def _apply_qualifiers(self, text: str, found: List[_Mention]) -> List[Resolution]:
        """"Shirley in Croydon", "Richmond, North Yorkshire", "Hampton, Peterborough", "Richmond
        DL10": a place next to another name or postcode is narrowed by it into one mention. An
        everyday word ("hull", "surrey") stays only where such a pair confirms it."""
        results: List[Resolution] = []
        index = 0
        while index < len(found):
            first = found[index]
            place = first.resolution
            if index + 1 < len(found):
                second = found[index + 1]
                gap = text[place.span[1]:second.resolution.span[0]]
                pairs = _QUALIFIER_GAP.match(gap) and self._may_pair(first, second, gap)
                tentative = first.tentative or second.tentative
                # "knighton, powys": a Welsh or Scottish county or town next to a name is that nation.
                beyond = second.resolution.status == "nation" and not second.resolution.postcode
                if pairs and (tentative or beyond or place.status == "ambiguous" or place.others or place.postal):
                    narrowed = self._narrow(first, second, confirmed_only=tentative)
                    if narrowed:
                        span = (place.span[0], second.resolution.span[1])
                        results.append(replace(narrowed, query=text[span[0]:span[1]], span=span))
                        index += 2
                        continue
            if not first.tentative:
                results.append(place)
            index += 1
        return results

    def _may_pair(self, first: _Mention, second: _Mention, gap: str) -> bool:
        """Two everyday words confirm nothing ("a ham sandwich": Ham and Sandwich are both in Kent);
        one confirms only as an address is written ("bath, somerset"), or when it is a council's or
        a listed town's name ("hull in yorkshire"), never a village that is a word ("over in Great Yarmouth")."""
        if first.tentative and second.tentative:
            return False
        word = first if first.tentative else second if second.tentative else None
        return word is None or self._curated(word.key) or _ADDRESS_GAP.match(gap) is not None

    def _narrow(self, first: _Mention, second: _Mention, confirmed_only: bool = False) -> Optional[Resolution]:
        """The place narrowed by its qualifier, or None. `confirmed_only`: only where the qualifier
        holds the place or one of the place's towns lies among its postcode areas."""
        place, qualifier = first.resolution, second.resolution
        allowed = set(qualifier.choices) or ({qualifier.area_id} if qualifier.area_id else set())
        candidates = place.choices or (place.area_id, *place.others, *place.postal)
        matched = f"{place.matched}, {qualifier.matched}"
        common = tuple(target for target in candidates if target in allowed)
        if len(common) == 1:
            return Resolution("nation" if common[0] in NATIONS else "found", "", common[0], matched)
        if common:
            return Resolution("ambiguous", "", None, place.matched, common, "name")
        # "Brighton, East Sussex", "Newport, Shropshire": a town with its own council (or in a
        # unitary carved out of the county), named with the county around it, as in a postal
        # address. The county does not hold it; the town lies among the county's postcode areas.
        around = self._postcode_areas.get(qualifier.area_id, set()) if qualifier.area_id else set()
        near = tuple(target for target in candidates if self._areas_of(first.key, target) & around)
        if place.area_id in near or len(near) == 1:
            target = place.area_id if place.area_id in near else near[0]
            return Resolution("nation" if target in NATIONS else "found", "", target, matched)
        if near:  # two towns of that name around the county: ask, never the county's own number
            return Resolution("ambiguous", "", None, place.matched, near, "name")
        if confirmed_only:
            return None
        if qualifier.status in ("found", "nation") and (qualifier.postcode or self._council_level(second.key)
                                                        or qualifier.status == "nation"):
            return qualifier
        return None

    def within(self, name: Optional[str], answer: Resolution) -> Optional[Resolution]:
        """`name`, a place the user was asked to choose among ("Newport"), narrowed by their answer
        naming its county or council ("shropshire": Telford and Wrekin's Newport); None when the
        answer does not narrow it (another place altogether: the answer stands on its own)."""
        key = simplify(name)
        if key not in self._names or answer.status == "unknown":
            return None
        place = self._decide(name, key)
        if not (place.status == "ambiguous" or place.others or place.postal):
            return None
        narrowed = self._narrow(_Mention(place, key), _Mention(answer, simplify(answer.matched or answer.query)), confirmed_only=True)
        return replace(narrowed, query=f"{name}, {answer.query}") if narrowed else None

    # Postcodes -------------------------------------------------------------------------------

    def _postcode_at(self, text: str, tokens: List[_Token], index: int, strict: bool):
        """A full postcode ("NG5 5AB", "ng55ab"), a sector ("NG5 5") or an outward code ("NG5")."""
        token = tokens[index]
        if not any(ch.isdigit() for ch in token.text) or not token.text[:1].isalpha():
            return None
        upper = token.text.upper()
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        candidates = []
        if following and following.start - token.end <= 2 and text[token.end:following.start].strip() == "":
            candidates.append((f"{upper} {following.text.upper()}", 2, following.end))
        candidates.append((upper, 1, token.end))
        for code, size, end in candidates:
            if strict and size == 1 and not self._bare_code_allowed(tokens, index, token, upper):
                continue
            result = self._postcode(code, text[token.start:end])
            if result:
                return _Mention(replace(result, span=(token.start, end)), code), size
        return None

    @staticmethod
    def _bare_code_allowed(tokens: List[_Token], index: int, token: _Token, upper: str) -> bool:
        """An outward code alone ("NG5", "S47", "M6") is an everyday token too: it counts in capitals,
        after a place word or as (nearly) the whole message. A full postcode needs no such care."""
        if postcodes.FULL.match(upper):
            return True
        if token.text != upper:
            return False
        return len(tokens) <= 3 or (index > 0 and tokens[index - 1].key in _PLACE_CUES)

    def _postcode(self, code: str, query: str) -> Optional[Resolution]:
        code = " ".join(code.split())
        compact = code.replace(" ", "")
        full = postcodes.FULL.match(compact)
        if full:
            outward, digit, unit = full.groups()
            return self._full(outward, digit, unit, query)
        sector = postcodes.SECTOR.match(code)
        if sector:
            return self._sector(sector.group(1), sector.group(2), query)
        if postcodes.DISTRICT.match(compact):
            return self._district(compact, query)
        return None

    def _full(self, outward: str, digit: str, unit: str, query: str) -> Optional[Resolution]:
        postcode = f"{outward} {digit}{unit}"
        if outward.startswith("BT") and outward[2:3].isdigit():
            return Resolution("nation", query, "northern_ireland", postcode, postcode=True)
        target = self._exceptions.get(postcode)
        if target is None and f"{outward} {digit}" in self._sectors:
            target = self._sectors[f"{outward} {digit}"].area_id
        if target is None and outward in self._beyond and outward not in self._districts:
            return self._district(outward, query)
        if target is None and outward in self._beyond:
            # A sector missing from England's table in a border district lies over the border.
            nations = {n: s for n, s in self._beyond[outward].items() if n != "england"}
            target = max(nations, key=nations.get) if nations else None
        if target is None:
            return self._district(outward, query) if outward in self._districts else None
        return Resolution("nation" if target in NATIONS else "found", query, target, postcode, postcode=True)

    def _sector(self, outward: str, digit: str, query: str) -> Optional[Resolution]:
        sector = f"{outward} {digit}"
        if outward.startswith("BT") and outward[2:3].isdigit():
            return Resolution("nation", query, "northern_ireland", sector, postcode=True)
        row = self._sectors.get(sector)
        if row is None:
            return self._district(outward, query) if outward in self._districts or outward in self._beyond else None
        holders = list((row.shares or {row.area_id: 1.0}))
        holders += sorted(self._split_sectors.get(sector, set()) - set(holders))
        return self._holders(query, sector, holders)

    def _district(self, outward: str, query: str) -> Optional[Resolution]:
        if outward.startswith("BT") and outward[2:3].isdigit():
            return Resolution("nation", query, "northern_ireland", outward, postcode=True)
        row = self._districts.get(outward)
        beyond = self._beyond.get(outward, {})
        if row is None and not beyond:
            return None
        holders = list((row.shares or {row.area_id: 1.0})) if row else []
        holders += [nation for nation, share in sorted(beyond.items(), key=lambda item: -item[1]) if nation != "england"]
        return self._holders(query, outward, holders)

    @staticmethod
    def _holders(query: str, code: str, holders: Iterable[str]) -> Resolution:
        holders = tuple(dict.fromkeys(holders))
        if len(holders) == 1:
            return Resolution("nation" if holders[0] in NATIONS else "found", query, holders[0], code, postcode=True)
        return Resolution("ambiguous", query, None, code, holders, "postcode", postcode=True)


def not_places(text: str) -> List[Tuple[int, int]]:
    """Spans of `text` that are never the place the child lives, even when a town has that name: a
    person's name ("mum Kelly", "Mrs Ashby"), an email address, a street ("12 Leicester Road").
    The words that tell are the redaction's (bot/redaction.py), so both read a message the same way."""
    return [(found.start, found.end) for found in redaction.find(text) if found.kind in ("name", "email", "address")]


def overlaps(span: Tuple[int, int], spans: Iterable[Tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _rank(name: _Name) -> Tuple[bool, int]:
    """Choices in order: council names and their short forms, then names listed by hand (towns, a
    town's short name, the area files' places), then the gazetteer's; other nations last."""
    return name.target in NATIONS, 0 if name.kind in COUNCIL_LEVEL else 2 if name.kind in _GAZETTEER_KINDS else 1


def _fragment(text: str, tokens: List[_Token], index: int, size: int, names: Dict[str, list]) -> bool:
    """Whether tokens[index:index + size] are only part of a longer place's name: hyphenated to a
    joining word ("Hay-on-Wye" holds "Wye"; "Leeds-based" is still Leeds), followed by a word that
    ends a name ("Lake District", "Stamford Bridge"), or that word after a name ("Bridge" there)."""
    def hyphened(left: int) -> bool:  # tokens[left] and tokens[left + 1] written as one word
        return 0 <= left and left + 1 < len(tokens) and text[tokens[left].end:tokens[left + 1].start] == "-"

    before, after = index - 1, index + size
    if before >= 0 and tokens[before].key in _JOINERS and (hyphened(before) or hyphened(before - 1)):
        return True
    if after < len(tokens) and tokens[after].key in _JOINERS and (hyphened(after - 1) or hyphened(after)):
        return True
    if size == 1 and tokens[index].key in _NAME_TAILS and before >= 0 and tokens[before].key in names:
        return text[tokens[before].end:tokens[index].start] in (" ", "-")
    return (after < len(tokens) and tokens[after].key in _NAME_TAILS
            and text[tokens[after - 1].end:tokens[after].start] in (" ", "-"))


def _with_clauses(text: str, mentions: Sequence[Resolution], qualifiers: bool = True):
    """Each mention with the words of its clause before it (from the last punctuation or the
    mention before). Without `qualifiers`, a mention right after another with nothing but a
    qualifier's words between ("Telford, Shropshire", "Shirley in Croydon") is left out."""
    previous = 0
    for mention in mentions:
        start = mention.span[0] if mention.span else 0
        gap = text[previous:start]
        if qualifiers or not previous or not _QUALIFIER_GAP.match(gap):
            ends = [m.end() for m in _CLAUSE_END.finditer(gap)]
            yield mention, gap[ends[-1]:] if ends else gap
        previous = mention.span[1] if mention.span else start


def _home_of_child(before: str) -> bool:
    """Whether the words just before a place say it is where someone other than the writer lives."""
    said = _HOME.search(before)
    return bool(said) and not said.group("writer")


def _postcode_area(outcode: str) -> str:
    """"BS31" -> "BS"."""
    return re.match(r"[A-Z]*", outcode).group()


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?\n"


@lru_cache(maxsize=1)
def resolver_from_files() -> PlaceResolver:
    """The resolver over knowledge/ as read into memory, once per process (the Rasa server's)."""
    kb = from_files()
    return PlaceResolver(kb.places, kb.postcodes)
