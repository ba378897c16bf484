"""Which local area does a place someone typed belong to?

Case-, punctuation- and typo-tolerant (rapidfuzz). A look-alike that belongs to another council
is redirected with the reason; a postcode district shared between councils, or a place split
between them, gives choices instead of a guess; anything else is reported as unknown so the
caller can give the national route, never a neighbour's number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from rapidfuzz import fuzz, process

from bot.knowledge.base import PlaceEntry

FUZZY_CUTOFF = 86
# The choice offered beside the councils of an ambiguous place: none of these, so no area.
ANOTHER_COUNCIL = "another council"
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d{1,2}[A-Z]?)(\s*\d[A-Z]{2})?$")


@dataclass
class Resolution:
    """`status`: found | ambiguous | elsewhere | unknown."""

    status: str
    query: str
    area_id: Optional[str] = None
    matched: Optional[str] = None
    choices: List[str] = field(default_factory=list)  # area ids
    note: Optional[str] = None
    fuzzy: bool = False


def simplify(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("-", " ")
    text = re.sub(r"[^a-z0-9 ]", "", text)
    text = re.sub(r"\b(the|city of|borough of|royal|london|council|county|city council|county council)\b", " ", text)
    return " ".join(text.split())


class PlaceResolver:
    def __init__(self, entries: Sequence[PlaceEntry]):
        self.entries = list(entries)
        self._by_name = {}
        for entry in self.entries:
            self._by_name.setdefault(simplify(entry.name), []).append(entry)
        self._names = [name for name in self._by_name if name]

    def resolve(self, text: str) -> Resolution:
        query = (text or "").strip()
        if not query:
            return Resolution("unknown", query)
        postcode = _POSTCODE.match(query.upper().replace("  ", " "))
        if postcode:
            return self._postcode(query, postcode.group(1))
        key = simplify(query)
        if not key:
            return Resolution("unknown", query)
        if key in self._by_name:
            return self._decide(query, self._by_name[key], fuzzy=False)
        matches = process.extract(key, self._names, scorer=fuzz.ratio, limit=3, score_cutoff=FUZZY_CUTOFF)
        if not matches:
            return Resolution("unknown", query)
        best_score = matches[0][1]
        close = [name for name, score, _ in matches if best_score - score < 3]
        entries = [entry for name in close for entry in self._by_name[name]]
        return self._decide(query, entries, fuzzy=True)

    def _decide(self, query: str, entries: List[PlaceEntry], fuzzy: bool) -> Resolution:
        own = [entry for entry in entries if entry.kind not in ("elsewhere", "elsewhere_ask")]
        areas = sorted({entry.area_id for entry in own})
        if len(areas) == 1:
            return Resolution("found", query, areas[0], own[0].name, fuzzy=fuzzy)
        if len(areas) > 1:
            return Resolution("ambiguous", query, choices=areas, matched=own[0].name, fuzzy=fuzzy)
        other = entries[0]
        if other.kind == "elsewhere_ask":
            choices = sorted({e.listed_by for e in entries} | {e.area_id for e in entries if e.area_id})
            return Resolution("ambiguous", query, choices=choices, matched=other.name, note=other.note, fuzzy=fuzzy)
        return Resolution("elsewhere", query, other.area_id, other.name, note=other.note, fuzzy=fuzzy)

    def _postcode(self, query: str, district: str) -> Resolution:
        entries = self._by_name.get(simplify(district), [])
        mainly = sorted({e.area_id for e in entries if e.kind == "postcode"})
        shared = sorted({e.area_id for e in entries if e.kind == "postcode_shared"})
        note = "Postcode districts cross council boundaries, so please confirm the council."
        if len(mainly) == 1 and not shared:
            return Resolution("found", query, mainly[0], district, note=note)
        if mainly or shared:
            return Resolution("ambiguous", query, choices=sorted(set(mainly) | set(shared)), matched=district, note=note)
        return Resolution("unknown", query)

    def mentioned_in(self, text: str) -> List[Resolution]:
        """Places named anywhere in a sentence (for what NLU missed): longest names first.

        A single short lower-case word ("ham", "hook", "bridge") is an everyday word far more
        often than a place, so on its own it only counts when written with a capital.
        """
        capitalised = {simplify(word) for word in text.split() if word[:1].isupper()}
        words = simplify(text).split()
        found, used = [], set()
        for size in (4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                if used.intersection(span):
                    continue
                phrase = " ".join(words[start:start + size])
                if size == 1 and len(phrase) < 6 and phrase not in capitalised:
                    continue
                if phrase in self._by_name or (len(phrase) >= 6 and process.extractOne(phrase, self._names, scorer=fuzz.ratio, score_cutoff=90)):
                    result = self.resolve(phrase)
                    if result.status != "unknown":
                        found.append((start, result))
                        used.update(span)
        return [result for _, result in sorted(found, key=lambda pair: pair[0])]
