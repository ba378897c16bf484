"""Loading knowledge/ (bot/knowledge/store.py): bad files fail loudly, naming file, entry and field."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import KNOWLEDGE_DIR, Document, KnowledgeError, connect, load, parse_file
from tests.unit.kb_helpers import area_phone

REPO = Path(__file__).resolve().parents[2]
VENV_PYTHON = REPO / ".venv" / "bin" / "python"


HAND_WRITTEN = ("areas", "guidance", "national.yml")


@pytest.fixture
def knowledge_copy(tmp_path) -> Path:
    """The hand-written core (the ten seed areas, guidance, national.yml): enough for the failure
    cases, and quick. The generated England-wide files are loaded once per session (conftest)."""
    target = tmp_path / "knowledge"
    for name in HAND_WRITTEN:
        source = KNOWLEDGE_DIR / name
        shutil.copytree(source, target / name) if source.is_dir() else shutil.copy(source, target / name)
    return target


def edit_area(directory: Path, area_id: str, change) -> Path:
    path = directory / "areas" / f"{area_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def load_error(directory: Path) -> str:
    with pytest.raises(KnowledgeError) as error:
        load(connect("sqlite://"), directory=directory)
    return str(error.value)


def front_door(data: dict) -> dict:
    return data["contacts"][0]


def test_unchanged_copy_loads(knowledge_copy):
    assert load(connect("sqlite://"), directory=knowledge_copy) == len(list(knowledge_copy.rglob("*.yml")))


@pytest.mark.parametrize("area_id, edit, named", [
    ("leicester", lambda d: front_door(d).update(phone="0116 454 100"), ["contacts[0]", "phone", "0116 454 100"]),
    ("kingston", lambda d: d["contacts"][1].pop("sources"), ["contacts[1]", "sources"]),
    ("kingston", lambda d: front_door(d).update(sources=[]), ["contacts[0]", "sources"]),
    ("rutland", lambda d: front_door(d).update(sources=["no_such_source"]), ["contacts[0]", "no_such_source", "sources"]),
    ("hartlepool", lambda d: front_door(d).update(email="childrenshub.hartlepool.gov.uk"), ["contacts[0]", "email"]),
], ids=["phone too short", "no sources", "empty sources", "unknown source key", "invalid email"])
def test_a_bad_contact_is_refused_naming_file_entry_and_field(knowledge_copy, area_id, edit, named):
    edit_area(knowledge_copy, area_id, edit)
    message = load_error(knowledge_copy)
    assert all(words in message for words in [f"{area_id}.yml", *named]), message


@pytest.mark.parametrize("hours", [{"mon": ["8am-5pm"]}, "8am-5pm", {"mon": ["17:00-08:00"]}])
def test_badly_written_hours_are_refused(knowledge_copy, hours):
    edit_area(knowledge_copy, "kingston", lambda d: front_door(d).update(hours=hours))
    message = load_error(knowledge_copy)
    assert "kingston.yml" in message and "contacts[0]" in message and "hours" in message


def test_threshold_url_that_is_not_a_url_is_refused(knowledge_copy):
    edit_area(knowledge_copy, "kingston", lambda d: d["threshold"].update(url="not a url"))
    message = load_error(knowledge_copy)
    assert "kingston.yml" in message and "threshold" in message and "url" in message


def test_a_document_with_neither_title_nor_link_is_refused(knowledge_copy):
    """An untitled document is said to be untitled and given by its link; with neither there is
    nothing true to say about it."""
    edit_area(knowledge_copy, "kingston", lambda d: [d["threshold"].pop(key) for key in ("document", "url")])
    message = load_error(knowledge_copy)
    assert "kingston.yml" in message and "threshold" in message and "document" in message


def test_malformed_yaml_is_refused_naming_the_file(knowledge_copy):
    path = knowledge_copy / "areas" / "stockton.yml"
    path.write_text("id: stockton\nname: [unclosed\ncontacts: {\n", encoding="utf-8")
    message = load_error(knowledge_copy)
    assert "stockton.yml" in message
    assert "YAML" in message


def test_id_not_matching_the_file_name_is_refused(knowledge_copy):
    edit_area(knowledge_copy, "southampton", lambda d: d.update(id="hampshire"))
    message = load_error(knowledge_copy)
    assert "southampton.yml" in message and "'id'" in message and "hampshire" in message


def test_area_without_a_front_door_is_refused(knowledge_copy):
    edit_area(knowledge_copy, "stockton", lambda d: d.update(contacts=[c for c in d["contacts"] if c["role"] != "front_door"]))
    message = load_error(knowledge_copy)
    assert "stockton.yml" in message and "contacts" in message and "front_door" in message


def test_problems_in_several_files_are_all_reported_at_once(knowledge_copy):
    edit_area(knowledge_copy, "leicester", lambda d: front_door(d).update(phone="0116 454 100"))
    edit_area(knowledge_copy, "kingston", lambda d: front_door(d).update(email="nope"))
    message = load_error(knowledge_copy)
    assert "leicester.yml" in message and "kingston.yml" in message


def test_missing_national_file_is_refused(knowledge_copy):
    (knowledge_copy / "national.yml").unlink()
    assert "national.yml" in load_error(knowledge_copy)


def test_parse_file_names_the_contact_by_its_name(knowledge_copy):
    path = edit_area(knowledge_copy, "leicester", lambda d: front_door(d).update(phone="12"))
    with pytest.raises(KnowledgeError) as error:
        parse_file(path)
    assert "Duty and Advice Service" in str(error.value)


def test_phone_numbers_are_stored_in_uk_national_format(knowledge_copy):
    written = area_phone("leicester", "front_door")
    edit_area(knowledge_copy, "leicester", lambda d: front_door(d).update(phone=written.replace(" ", "")))
    engine = connect("sqlite://")
    load(engine, directory=knowledge_copy)
    door = next(c for c in KnowledgeBase(engine).area("leicester").contacts if c.role == "front_door")
    assert door.phone == written and " " in written


def test_failed_load_leaves_the_previous_knowledge_intact(knowledge_copy):
    engine = connect("sqlite://")
    load(engine, directory=knowledge_copy)
    before = next(c.phone for c in KnowledgeBase(engine).area("leicester").contacts if c.role == "front_door")
    edit_area(knowledge_copy, "leicester", lambda d: front_door(d).update(phone="0116 454 100"))
    with pytest.raises(KnowledgeError):
        load(engine, directory=knowledge_copy)
    kb = KnowledgeBase(engine)
    assert len(kb.areas) == 10
    assert next(c.phone for c in kb.area("leicester").contacts if c.role == "front_door") == before
    assert any(p.name == "Loughborough" for p in kb.places)


def test_a_good_reload_replaces_the_old_knowledge(knowledge_copy):
    engine = connect("sqlite://")
    load(engine, directory=knowledge_copy)
    edit_area(knowledge_copy, "leicester", lambda d: front_door(d).update(phone="0116 454 1005"))
    (knowledge_copy / "areas" / "rutland.yml").unlink()
    load(engine, directory=knowledge_copy)
    kb = KnowledgeBase(engine)
    assert kb.area("rutland") is None
    assert not any(p.area_id == "rutland" for p in kb.places)
    assert next(c.phone for c in kb.area("leicester").contacts if c.role == "front_door") == "0116 454 1005"


def test_a_reload_rewrites_only_the_files_that_changed(tmp_path, knowledge_db):
    """Starts from a copy of the session's first load of knowledge/ into an empty database
    (tests/conftest.py), instead of loading everything again."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    shutil.copyfile(knowledge_db, tmp_path / "knowledge.db")
    engine = connect(f"sqlite:///{tmp_path / 'knowledge.db'}")
    with engine.connect() as connection:
        stored = sorted(digest for (digest,) in connection.execute(select(Document.digest)))
    assert stored == sorted(hashlib.sha256(path.read_bytes()).hexdigest() for path in target.rglob("*.yml"))  # every file, once
    assert load(engine, directory=target) == 0
    edit_area(target, "leicester", lambda d: front_door(d).update(phone="0116 454 1005"))
    assert load(engine, directory=target) == 1
    kb = KnowledgeBase(engine)
    assert next(c.phone for c in kb.area("leicester").contacts if c.role == "front_door") == "0116 454 1005"
    assert len(kb.areas) == 153 and len(kb.postcodes) > 50000


def test_session_knowledge_base_holds_every_area_and_the_national_route(kb):
    assert sorted(kb.areas) == sorted(p.stem for folder in ("areas", "councils") for p in (KNOWLEDGE_DIR / folder).glob("*.yml"))
    assert kb.national_contact("helpline").phone
    assert kb.concepts()


def test_every_fact_names_a_source_that_resolves(kb):
    for area in kb.areas.values():
        for contact in area.contacts:
            sources = kb.sources_of(contact)
            assert sources and all(s.url for s in sources), (area.id, contact.role)


def test_cli_check_reports_no_unsourced_facts():
    result = subprocess.run([str(VENV_PYTHON if VENV_PYTHON.exists() else sys.executable), "-m", "bot.knowledge.cli", "check"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Facts without a source: 0" in result.stdout
    assert "Councils covered (children's services authorities): 153" in result.stdout
    for line in ("Councils with a front-door number: ", "Councils with an out-of-hours number: ", "Low-confidence facts",
                 "Recorded conflicts between sources: "):
        assert line in result.stdout


def test_a_running_action_server_uses_new_knowledge_without_a_restart(knowledge_copy, tmp_path, monkeypatch):
    from actions import shared
    engine = connect(f"sqlite:///{tmp_path / 'knowledge.db'}")
    load(engine, directory=knowledge_copy)
    kb = KnowledgeBase(engine)
    monkeypatch.setattr(shared, "_loaded", lambda: kb)
    monkeypatch.setattr(shared, "RELOAD_CHECK_SECONDS", 0.0)
    shared._resolver.cache_clear()
    before = shared.place_resolver()
    assert not kb.changed() and shared.place_resolver() is before
    edit_area(knowledge_copy, "leicester", lambda d: front_door(d).update(phone="0116 454 1005"))
    load(engine, directory=knowledge_copy)  # `make knowledge` in another process
    assert kb.changed()
    door = next(c for c in shared.knowledge_base().area("leicester").contacts if c.role == "front_door")
    assert door.phone == "0116 454 1005"
    assert shared.place_resolver() is not before
    shared._resolver.cache_clear()
