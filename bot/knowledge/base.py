"""Read side of the knowledge base: what actions and routing ask for.

The whole knowledge base (153 areas, about 20,000 names and 50,000 postcode rows) is read from
the database once into validated objects and plain tuples and answered from memory; `reload()`
picks up a new load without a restart.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.knowledge.schema import Area, Concept, Contact, EscalationGuide, Guidance, Nation, National, PracticeAnswer, Source, Stage
from bot.knowledge.store import Document, PlaceName, PostcodeRow, connect, in_memory_engine, load_stamp
from bot.plain_text import simplify


class PlaceEntry(NamedTuple):
    """A name and where it leads (`area_id`: an area id, or wales / scotland / northern_ireland)."""

    name: str
    kind: str
    area_id: Optional[str]
    listed_by: str
    note: Optional[str]  # the gazetteer's outward code for the place; a short name's full name


class PostcodeEntry(NamedTuple):
    code: str
    kind: str  # district | sector | exception | beyond_england
    area_id: str  # the majority holder
    shares: Optional[dict]  # every holder's share when the code is split; None when one holds it all


class KnowledgeBase:
    def __init__(self, engine: Engine = None):
        self.engine = engine or connect()
        self.reload()

    def reload(self) -> None:
        with self.engine.connect() as connection:
            self.stamp = load_stamp(connection)
            documents = connection.execute(select(Document.kind, Document.key, Document.body)).all()
            places = connection.execute(select(PlaceName.name, PlaceName.kind, PlaceName.area_id, PlaceName.listed_by, PlaceName.note)).all()
            postcodes = connection.execute(select(PostcodeRow.code, PostcodeRow.kind, PostcodeRow.area_id, PostcodeRow.shares)).all()
        self.areas: Dict[str, Area] = {}
        self.national: Optional[National] = None
        self._guidance: List[Guidance] = []
        for kind, key, body in documents:
            if kind == "area":
                self.areas[key] = Area.parse_obj(body)
            elif kind == "national":
                self.national = National.parse_obj(body)
            elif kind == "guidance":
                self._guidance.append(Guidance.parse_obj(body))
        if self.national is None:
            raise LookupError("the knowledge database holds no national route: run `make knowledge`")
        self.places = [PlaceEntry(*row) for row in places]
        self.postcodes = [PostcodeEntry(*row) for row in postcodes]

    def changed(self) -> bool:
        """True when the database was loaded again (`make knowledge`) since this copy was read."""
        with self.engine.connect() as connection:
            return load_stamp(connection) != self.stamp

    def area(self, area_id: str) -> Optional[Area]:
        return self.areas.get(area_id)

    def nation(self, nation_id: str) -> Optional[Nation]:
        return next((nation for nation in self.national.nations if nation.id == nation_id), None)

    def target_name(self, target: str) -> str:
        """The name of an area ("Cornwall Council") or a nation ("Wales")."""
        area = self.areas.get(target)
        return area.name if area else self.nation(target).name

    def national_contact(self, role: str) -> Contact:
        return next(contact for contact in self.national.contacts if contact.role == role)

    def concepts(self) -> List[Concept]:
        return [concept for guidance in self._guidance for concept in guidance.concepts]

    def stages(self) -> List[Stage]:
        return [stage for guidance in self._guidance for stage in guidance.stages]

    def escalation_guide(self) -> Optional[EscalationGuide]:
        return next((guidance.escalation for guidance in self._guidance if guidance.escalation), None)

    def concept(self, key: str) -> Optional[Concept]:
        wanted = simplify(key).replace(" ", "")
        for concept in self.concepts():
            names = [concept.id, concept.name, *concept.aliases]
            if any(simplify(name).replace(" ", "") == wanted for name in names):
                return concept
        return None

    def practice_answer(self, answer_id: str) -> Optional[PracticeAnswer]:
        return next((answer for guidance in self._guidance for answer in guidance.answers if answer.id == answer_id), None)

    def sources_of(self, fact, owner=None) -> List[Source]:
        """The sources a fact names, looked up in the file that holds it."""
        owner = owner or self._owner_of(fact)
        return [owner.sources[key] for key in fact.sources]

    def _owner_of(self, fact):
        candidates = [*self.areas.values(), self.national, *self._guidance]
        for owner in candidates:
            if _holds(owner, fact):
                return owner
        raise LookupError(f"no knowledge file holds {fact!r}")


def _holds(owner, fact) -> bool:
    for value in owner.__dict__.values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if item is fact or any(tool is fact for tool in getattr(item, "tools", []) or []):
                return True
    return False


def stale(fact, today: dt.date, months: int = 12) -> bool:
    """A fact last checked more than `months` ago is due for a re-check."""
    return (today - fact.checked).days > months * 365 / 12


@lru_cache(maxsize=1)
def from_files() -> KnowledgeBase:
    """knowledge/ read straight into memory, once per process: the Rasa server's own copy (its
    REST channel and NLU read it), so it never waits on the database the action server uses."""
    return KnowledgeBase(in_memory_engine())
