"""Database tables for the knowledge base, and the YAML → database loader.

Why a database and not the YAML at run time: production runs several Rasa processes over one
PostgreSQL, and the knowledge is reloaded there without redeploying code. The embedded default
is a SQLite file. The YAML is validated (see `schema.py`) before anything is written, and a
load changes everything it changes in one transaction, so a bad file never leaves half a knowledge
base. Files are compared by content digest, so a reload after editing one file rewrites only that
file's rows (the 50,000 postcode rows stay put when a phone number changes).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Iterable, List, NamedTuple, Optional

import yaml
from pydantic import ValidationError
from sqlalchemy import JSON, Column, Date, Float, ForeignKey, Integer, String, Text, create_engine, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base

from bot.knowledge.schema import Area, Guidance, NameList, National, PostcodeTable

NATIONS = ("wales", "scotland", "northern_ireland")

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
    kind = Column(String(16), nullable=False)  # area | national | guidance | names | postcodes
    key = Column(String(64), nullable=False, unique=True)
    path = Column(String(255), nullable=False)
    digest = Column(String(64), nullable=False)  # of the file's bytes: unchanged files are not rewritten
    body = Column(JSON, nullable=False)  # names and postcode files: their header only (rows below)


class PlaceName(Base):
    """Every name that leads to an area (or to Wales, Scotland or Northern Ireland)."""

    __tablename__ = "knowledge_place"
    id = Column(Integer, primary_key=True)
    document_id = Column(Integer, ForeignKey("knowledge_document.id"), nullable=False)
    name = Column(String(128), nullable=False, index=True)
    kind = Column(String(32), nullable=False)  # gazetteer, council_name, district, alias, nation_place, everyday, not_typo, town…
    area_id = Column(String(64))  # the area or nation it leads to (null for an everyday word)
    listed_by = Column(String(64), nullable=False)  # the file that names it
    note = Column(Text)  # the gazetteer's outward code for the place; a short name's full name


class PostcodeRow(Base):
    """An outward code, sector or full postcode with the area (or nation) holding most or all of it."""

    __tablename__ = "knowledge_postcode"
    id = Column(Integer, primary_key=True)
    document_id = Column(Integer, ForeignKey("knowledge_document.id"), nullable=False)
    code = Column(String(8), nullable=False, index=True)
    kind = Column(String(16), nullable=False)  # district | sector | exception | beyond_england
    area_id = Column(String(64), nullable=False)  # the majority holder
    share = Column(Float)  # the majority holder's share; null when it holds all of it
    shares = Column(JSON)  # every holder's share when split


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


_MODELS = {"guidance": Guidance, "places": NameList, "postcodes": PostcodeTable, "areas": Area, "councils": Area}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the postcode tables load ten times faster


class KnowledgeFile(NamedTuple):
    """One knowledge file read once: validated, as written (the JSON the database stores) and its
    digest (so a reload can tell it is unchanged)."""

    path: Path
    item: Any  # its schema object (Area, National, Guidance, NameList or PostcodeTable)
    body: dict
    digest: str


def parse_yaml(text: str):
    """YAML read as yaml.safe_load reads it, with libyaml's parser where it is installed."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)


def parse_file(path: Path):
    """Read and validate one knowledge file into its schema object."""
    return read_file(path).item


def read_file(path: Path) -> KnowledgeFile:
    """Read one knowledge file and validate it; a problem names the file, the entry and the field."""
    model = National if path.name == "national.yml" else _MODELS[path.parent.name]
    data = path.read_bytes()
    try:
        raw = parse_yaml(data.decode("utf-8"))
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
    return KnowledgeFile(path, parsed, raw, hashlib.sha256(data).hexdigest())


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
    files = sorted((directory / "areas").glob("*.yml")) + sorted((directory / "councils").glob("*.yml"))
    files += [directory / "national.yml"] if (directory / "national.yml").exists() else []
    for folder in ("guidance", "places", "postcodes"):
        files += sorted((directory / folder).glob("*.yml"))
    return files


def parse_all(directory: Path = KNOWLEDGE_DIR) -> List[KnowledgeFile]:
    """Validate every file first, collecting all failures, so one run shows every problem."""
    parsed, problems = [], []
    for path in knowledge_files(directory):
        try:
            parsed.append(read_file(path))
        except KnowledgeError as error:
            problems.append(str(error))
    if problems:
        raise KnowledgeError("\n".join(problems))
    if not any(isinstance(file.item, National) for file in parsed):
        raise KnowledgeError(f"{directory / 'national.yml'}: missing; the national route is required")
    _check_references([(file.path, file.item) for file in parsed])
    return parsed


def _check_references(parsed: list) -> None:
    """Every name and postcode leads to an area file that exists (or to another nation), each area
    id and council code is held once, and the ten hand-checked areas are not generated twice."""
    areas = [(path, item) for path, item in parsed if isinstance(item, Area)]
    problems = []
    for attribute in ("id", "gss"):
        seen = {}
        for path, area in areas:
            value = area.id if attribute == "id" else area.council.gss
            if value in seen:
                problems.append(f"{path}: {attribute} {value!r} is also in {seen[value]}")
            seen[value] = path
    known = {area.id for _, area in areas} | set(NATIONS)
    for path, item in parsed:
        if isinstance(item, (NameList, PostcodeTable)):
            missing = sorted(item.targets() - known)
            if missing:
                problems.append(f"{path}: names areas with no knowledge file: {', '.join(missing[:5])}")
    if problems:
        raise KnowledgeError("\n".join(problems))


def load(engine: Engine, directory: Path = KNOWLEDGE_DIR, parsed: Optional[List[KnowledgeFile]] = None) -> int:
    """Validate all files, then bring the database in line with them in one transaction: files
    whose content changed (or that are new) are rewritten, removed files are deleted, the rest are
    left as they are. Returns the number of files rewritten. `parsed`: what parse_all(directory)
    returned, when the caller has read the files already (each file is read and parsed once)."""
    parsed = parse_all(directory) if parsed is None else parsed
    _fresh_schema(engine)
    changed = 0
    with engine.begin() as connection:
        stored = {key: (row_id, digest) for row_id, key, digest in
                  connection.execute(select(Document.id, Document.key, Document.digest)).all()}
        wanted = set()
        for file in parsed:
            kind, key = _kind_key(file.path, file.item)
            wanted.add(key)
            if key in stored and stored[key][1] == file.digest:
                continue
            if key in stored:
                _delete(connection, stored[key][0])
            _insert(connection, file, kind, key)
            changed += 1
        for key in set(stored) - wanted:
            _delete(connection, stored[key][0])
            changed += 1
    return changed


def load_stamp(connection) -> str:
    """What is loaded, in one short string: the digest of every stored file. It changes whenever
    `load` rewrites or removes a file, so a running server can tell that its copy is stale."""
    rows = connection.execute(select(Document.key, Document.digest).order_by(Document.key)).all()
    return hashlib.sha256("".join(f"{key}={digest};" for key, digest in rows).encode()).hexdigest()


def _fresh_schema(engine: Engine) -> None:
    """Create the tables; a database from an older layout is dropped and rebuilt from the files."""
    columns = {column["name"] for column in inspect(engine).get_columns("knowledge_document")} if inspect(engine).has_table("knowledge_document") else None
    if columns is not None and ("digest" not in columns or not inspect(engine).has_table("knowledge_postcode")):
        Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)


def _delete(connection, document_id: int) -> None:
    for table in (PlaceName.__table__, PostcodeRow.__table__, FactRow.__table__):
        connection.execute(table.delete().where(table.c.document_id == document_id))
    connection.execute(Document.__table__.delete().where(Document.__table__.c.id == document_id))


def _insert(connection, file: KnowledgeFile, kind: str, key: str) -> None:
    path, item, body, digest = file
    if isinstance(item, (NameList, PostcodeTable)):
        body = {field: body[field] for field in ("attribution", "sources", "checked") if field in body}
    document_id = connection.execute(
        Document.__table__.insert().values(kind=kind, key=key, path=str(path.relative_to(path.parents[1])), digest=digest,
                                           body=_jsonable(body))
    ).inserted_primary_key[0]
    places = list(_place_rows(item, key))
    if places:
        connection.execute(PlaceName.__table__.insert(), [dict(row, document_id=document_id) for row in places])
    if isinstance(item, PostcodeTable):
        rows = [dict(code=code, kind=code_kind, area_id=target, share=(shares or {}).get(target), shares=shares, document_id=document_id)
                for code, code_kind, target, shares in item.rows()]
        connection.execute(PostcodeRow.__table__.insert(), rows)
    if isinstance(item, (Area, National, Guidance)):
        facts = [dict(path=p, checked=f.checked, sources=f.sources, document_id=document_id) for p, f in _facts(item)]
        if facts:
            connection.execute(FactRow.__table__.insert(), facts)


def _kind_key(path: Path, item) -> tuple:
    if isinstance(item, Area):
        return "area", item.id
    if isinstance(item, National):
        return "national", "national"
    if isinstance(item, NameList):
        return "names", f"places/{path.stem}"
    if isinstance(item, PostcodeTable):
        return "postcodes", f"postcodes/{path.stem}"
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


_NAME_KINDS = {"council_names": "council_name", "districts": "lower_tier_district", "aliases": "alias", "nation_places": "nation_place",
               "towns": "town"}


def _place_rows(item, key: str) -> Iterable[dict]:
    """The names a file contributes. A seed area's own look-alike list only adds the ones it sends
    to an area (or asks about); the national gazetteer covers every other place."""
    if isinstance(item, NameList):
        for target, rows in item.places.items():
            yield from (dict(name=name, kind="gazetteer", area_id=target, listed_by=key, note=outcode) for name, outcode in rows)
        for section, kind in _NAME_KINDS.items():
            for target, names in getattr(item, section).items():
                yield from (dict(name=name, kind=kind, area_id=target, listed_by=key, note=None) for name in names)
        for target, names in item.short_names.items():
            yield from (dict(name=short, kind="short_name", area_id=target, listed_by=key, note=full) for short, full in names.items())
        yield from (dict(name=word, kind="everyday", area_id=None, listed_by=key, note=None) for word in item.everyday_words)
        yield from (dict(name=word, kind="not_typo", area_id=None, listed_by=key, note=None) for word in item.not_typos)
        return
    if not isinstance(item, Area):
        return
    for place in item.places:
        yield dict(name=place.name, kind=place.kind, area_id=item.id, listed_by=item.id, note=None)
    for other in item.not_this_council:
        if other.area:
            yield dict(name=other.name, kind="redirect", area_id=other.area, listed_by=item.id, note=None)
        if other.ask:
            yield dict(name=other.name, kind="split", area_id=item.id, listed_by=item.id, note=None)


def _facts(item) -> Iterable[tuple]:
    """Every sourced fact in a parsed file, with a readable path ("contacts[0]"). Names and
    postcode tables are data sourced as a whole file, not facts one by one."""
    if isinstance(item, (NameList, PostcodeTable)):
        return
    if isinstance(item, Guidance):
        yield from ((f"concepts.{concept.id}", concept) for concept in item.concepts)
        for answer in item.answers:
            yield f"answers.{answer.id}", answer
            yield from ((f"answers.{answer.id}.points[{index}]", point) for index, point in enumerate(answer.points))
        yield from ((f"stages.{stage.id}", stage) for stage in item.stages)
        if item.escalation is not None:
            yield "escalation", item.escalation
        return
    for index, contact in enumerate(item.contacts):
        yield f"contacts[{index}].{contact.role}", contact
    if isinstance(item, National):
        yield "find_your_council", item.find_your_council
        yield from ((f"nations.{nation.id}", nation) for nation in item.nations)
        return
    for name in ("council", "links", "threshold", "escalation", "procedures", "neglect_toolkit"):
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


def in_memory_engine(parsed: Optional[List[KnowledgeFile]] = None) -> Engine:
    """The knowledge base validated and loaded into a private in-memory SQLite database
    (`parsed`: the files as parse_all read them, when the caller has them already)."""
    engine = connect("sqlite://")
    load(engine, parsed=parsed)
    return engine
