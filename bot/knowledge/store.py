"""Database tables for the knowledge base, and the YAML → database loader.

Why a database and not the YAML at run time: production runs several Rasa processes over one
PostgreSQL, and the knowledge is reloaded there without redeploying code. The embedded default
is a SQLite file. The YAML is validated (see `schema.py`) before anything is written, and a
load replaces everything in one transaction, so a bad file never leaves half a knowledge base.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, List

import yaml
from pydantic import ValidationError
from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Text, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base

from bot.knowledge.schema import Area, Guidance, National

Base = declarative_base()

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
DEFAULT_URL = "sqlite:///" + str(Path(__file__).resolve().parents[2] / "var" / "knowledge.db")


def database_url() -> str:
    """`KNOWLEDGE_DB_URL` (any SQLAlchemy URL) or the embedded SQLite file."""
    return os.environ.get("KNOWLEDGE_DB_URL", DEFAULT_URL)


class Document(Base):
    """One validated knowledge file, stored whole as JSON: the source of truth at run time."""

    __tablename__ = "knowledge_document"
    id = Column(Integer, primary_key=True)
    kind = Column(String(16), nullable=False)  # area | national | guidance
    key = Column(String(64), nullable=False, unique=True)
    path = Column(String(255), nullable=False)
    body = Column(JSON, nullable=False)


class PlaceName(Base):
    """Every name that resolves to an area: places, aliases, look-alikes and postcode districts."""

    __tablename__ = "knowledge_place"
    id = Column(Integer, primary_key=True)
    document_id = Column(Integer, ForeignKey("knowledge_document.id"), nullable=False)
    name = Column(String(128), nullable=False, index=True)
    kind = Column(String(32), nullable=False)
    area_id = Column(String(64))  # the area it belongs to; null for look-alikes elsewhere
    listed_by = Column(String(64), nullable=False)  # the area file that names it
    note = Column(Text)


class FactRow(Base):
    """One sourced fact, flattened so the check report and audits can query them."""

    __tablename__ = "knowledge_fact"
    id = Column(Integer, primary_key=True)
    document_id = Column(Integer, ForeignKey("knowledge_document.id"), nullable=False)
    path = Column(String(128), nullable=False)
    checked = Column(Date, nullable=False)
    sources = Column(JSON, nullable=False)


class KnowledgeError(Exception):
    """A knowledge file that does not load; the message names the file, the entry and the field."""


def parse_file(path: Path):
    """Read and validate one knowledge file into its schema object."""
    model = National if path.name == "national.yml" else Guidance if path.parent.name == "guidance" else Area
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top of the file")
    try:
        parsed = model.parse_obj(raw)
    except ValidationError as error:
        raise KnowledgeError(_describe(path, raw, error)) from None
    if isinstance(parsed, Area) and parsed.id != path.stem:
        raise KnowledgeError(f"{path}: field 'id' is {parsed.id!r}; it must match the file name {path.stem!r}")
    return parsed


def _describe(path: Path, raw: dict, error: ValidationError) -> str:
    lines = [f"{path}: {len(error.errors())} problem(s)"]
    for item in error.errors():
        location = item["loc"]
        entry = _entry_label(raw, location)
        field = ".".join(str(part) for part in location)
        lines.append(f"  - entry {entry}, field '{field}': {item['msg']}")
    return "\n".join(lines)


def _entry_label(raw: dict, location: tuple) -> str:
    """Name the list entry a problem is in ("contacts[1] 'Emergency Duty Team'") when we can."""
    node, label = raw, "(top level)"
    for part in location:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            name = node.get("name") or node.get("id") or node.get("role") if isinstance(node, dict) else None
            label = f"{location[0]}[{part}]" + (f" {name!r}" if name else "")
            break
        else:
            break
    return label


def knowledge_files(directory: Path = KNOWLEDGE_DIR) -> List[Path]:
    files = sorted((directory / "areas").glob("*.yml"))
    files += [directory / "national.yml"] if (directory / "national.yml").exists() else []
    files += sorted((directory / "guidance").glob("*.yml"))
    return files


def parse_all(directory: Path = KNOWLEDGE_DIR) -> list:
    """Validate every file first, collecting all failures, so one run shows every problem."""
    parsed, problems = [], []
    for path in knowledge_files(directory):
        try:
            parsed.append((path, parse_file(path)))
        except KnowledgeError as error:
            problems.append(str(error))
    if problems:
        raise KnowledgeError("\n".join(problems))
    if not any(isinstance(item, National) for _, item in parsed):
        raise KnowledgeError(f"{directory / 'national.yml'}: missing; the national route is required")
    return parsed


def load(engine: Engine, directory: Path = KNOWLEDGE_DIR) -> int:
    """Validate all files, then replace the stored knowledge in one transaction. Returns file count."""
    parsed = parse_all(directory)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
        for path, item in parsed:
            kind, key = _kind_key(path, item)
            body = yaml.safe_load(path.read_text(encoding="utf-8"))
            document_id = connection.execute(
                Document.__table__.insert().values(kind=kind, key=key, path=str(path.name), body=_jsonable(body))
            ).inserted_primary_key[0]
            rows = list(_place_rows(item)) if isinstance(item, Area) else []
            if rows:
                connection.execute(PlaceName.__table__.insert(), [dict(row, document_id=document_id) for row in rows])
            facts = [dict(path=p, checked=f.checked, sources=f.sources, document_id=document_id) for p, f in _facts(item)]
            if facts:
                connection.execute(FactRow.__table__.insert(), facts)
    return len(parsed)


def _kind_key(path: Path, item) -> tuple:
    if isinstance(item, Area):
        return "area", item.id
    if isinstance(item, National):
        return "national", "national"
    return "guidance", f"guidance/{path.stem}"


def _jsonable(value):
    """YAML dates become ISO strings so the JSON column stores the file as written."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _place_rows(area: Area) -> Iterable[dict]:
    for place in area.places:
        yield dict(name=place.name, kind=place.kind, area_id=area.id, listed_by=area.id, note=None)
    for other in area.not_this_council:
        kind = "elsewhere_ask" if other.ask else "elsewhere"
        yield dict(name=other.name, kind=kind, area_id=other.area, listed_by=area.id, note=other.actually)
    if area.postcodes:
        for district in area.postcodes.mainly_in_area:
            yield dict(name=district, kind="postcode", area_id=area.id, listed_by=area.id, note=None)
        for district in area.postcodes.shared_with_neighbours:
            yield dict(name=district, kind="postcode_shared", area_id=area.id, listed_by=area.id, note=None)


def _facts(item) -> Iterable[tuple]:
    """Every sourced fact in a parsed file, with a readable path ("contacts[0]")."""
    if isinstance(item, Guidance):
        yield from ((f"concepts.{concept.id}", concept) for concept in item.concepts)
        yield from ((f"stages.{stage.id}", stage) for stage in item.stages)
        if item.escalation is not None:
            yield "escalation", item.escalation
        return
    for index, contact in enumerate(item.contacts):
        yield f"contacts[{index}].{contact.role}", contact
    if isinstance(item, National):
        yield "find_your_council", item.find_your_council
        return
    for name in ("threshold", "escalation", "procedures", "neglect_toolkit"):
        fact = getattr(item, name)
        if fact is not None:
            yield name, fact
            for index, tool in enumerate(getattr(fact, "tools", [])):
                yield f"{name}.tools[{index}]", tool


def connect(url: str = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True, pool_pre_ping=True)


def in_memory_engine() -> Engine:
    """The knowledge base validated and loaded into a private in-memory SQLite database."""
    engine = connect("sqlite://")
    load(engine)
    return engine
