"""Reports about numbers, stored and listed against real databases: a SQLite file (the default) and
a private PostgreSQL server (production). Expected names, numbers and sources come from knowledge/."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
import sqlalchemy as sa

from bot import feedback_report
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import Base, connect, load
from bot.number_feedback import MAX_COMMENT, RIGHT, WRONG, FeedbackStore, metadata
from bot.phone_facts import phone_facts
from tests.unit.kb_helpers import raw_areas

AREAS = raw_areas()
NOW = dt.datetime(2026, 12, 2, 14, 5, 33, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.servers)])
def db_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('feedback') / 'knowledge.db'}"
    url = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    Base.metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def loaded(db_url, knowledge_db):
    """The knowledge loaded once per database (it takes seconds; SQLite gets a copy of the session's
    load); each test starts with no reports."""
    engine = connect(db_url)
    if engine.url.drivername == "sqlite":
        shutil.copyfile(knowledge_db, engine.url.database)
    else:
        load(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(loaded):
    metadata.create_all(loaded)
    with loaded.begin() as connection:
        connection.execute(sa.text("DELETE FROM number_feedback"))
    return loaded


@pytest.fixture(scope="module")
def kb(loaded):
    """Read once per database: reports never change the knowledge."""
    return KnowledgeBase(loaded)


@pytest.fixture
def store(engine):
    return FeedbackStore(engine)


def front_door(area_id):
    return next(c for c in AREAS[area_id]["contacts"] if c["role"] == "front_door")


def test_a_report_keeps_only_the_fact_the_number_the_verdict_the_minute_and_a_redacted_comment(kb, store, engine):
    fact = phone_facts(kb)["kingston.front_door"]
    report_id = store.record(fact, WRONG, "Rang 07700 900123 for Jo (jo@example.org, KT1 1EU): not in use", when=NOW)
    columns = {column["name"] for column in sa.inspect(engine).get_columns("number_feedback")}
    with engine.connect() as connection:
        row = connection.execute(sa.text("SELECT * FROM number_feedback WHERE id = :id"), {"id": report_id}).mappings().one()
    assert columns == {"id", "fact_id", "area", "phone", "verdict", "comment", "reported_at"}
    assert row["fact_id"] == "kingston.front_door" and row["area"] == "kingston" and row["verdict"] == WRONG
    assert row["phone"].replace(" ", "") == str(front_door("kingston")["phone"]).replace(" ", "")
    assert "900123" not in row["comment"] and "jo@example.org" not in row["comment"] and "KT1 1EU" not in row["comment"]
    assert row["comment"].endswith("not in use")
    assert store.all()[0].reported_at == dt.datetime(2026, 12, 2, 14, 5)  # UTC, to the minute


def test_a_long_comment_is_cut_and_an_empty_one_is_none(kb, store):
    fact = phone_facts(kb)["leicester.front_door"]
    store.record(fact, WRONG, "it rang out " * 200)
    store.record(fact, WRONG, "   ")
    long, empty = sorted(store.all(), key=lambda report: report.id)
    assert len(long.comment) == MAX_COMMENT and long.comment.endswith("…")
    assert empty.comment is None


def test_what_went_wrong_is_added_to_a_wrong_report_and_never_to_a_confirmation(kb, store):
    fact = phone_facts(kb)["rutland.front_door"]
    wrong = store.record(fact, WRONG)
    right = store.record(fact, RIGHT, "ignored")
    assert store.add_comment(wrong, "a different service answered")
    assert store.add_comment(wrong, "call 01572 000000 instead")
    assert not store.add_comment(right, "anything")
    assert not store.add_comment(wrong + right + 100, "no such report")
    assert not store.add_comment(wrong, "  ")
    by_id = {report.id: report for report in store.all()}
    assert by_id[wrong].comment == "a different service answered / call [phone number] instead"
    assert by_id[right].comment is None


def test_an_unknown_verdict_is_refused(kb, store):
    with pytest.raises(ValueError):
        store.record(phone_facts(kb)["rutland.front_door"], "maybe")


def test_reloading_the_knowledge_keeps_the_reports(kb, store, engine):
    store.record(phone_facts(kb)["southampton.out_of_hours"], WRONG)
    load(engine)  # what `make knowledge` does
    assert [report.fact_id for report in FeedbackStore(engine).all()] == ["southampton.out_of_hours"]


def test_the_report_lists_open_reports_per_fact_with_its_file_and_sources(kb, store):
    facts = phone_facts(kb)
    checked = facts["kingston.front_door"].contact.checked
    after = dt.datetime.combine(checked + dt.timedelta(days=3), dt.time(9, 30))
    store.record(facts["kingston.front_door"], WRONG, "not in use", when=after)
    store.record(facts["kingston.front_door"], WRONG, when=after + dt.timedelta(hours=1))
    store.record(facts["kingston.front_door"], RIGHT, when=after)
    store.record(facts["leicester.front_door"], WRONG, "old", when=dt.datetime.combine(checked - dt.timedelta(days=1), dt.time(12)))
    store.record(facts["national.helpline"], RIGHT, when=after)
    text = feedback_report.build_report(kb, store.all())
    door = front_door("kingston")
    sources = AREAS["kingston"]["sources"]
    assert "Facts with open wrong-number reports: 1" in text
    block = text.split("kingston.front_door:", 1)[1].split("\n\n", 1)[0]
    assert door["name"] in block and "knowledge/areas/kingston.yml" in block
    assert all(sources[key]["url"] in block and sources[key]["title"] in block for key in door["sources"])
    assert "2 wrong, 1 'it was right'" in block and '"not in use"' in block and "(no comment)" in block
    assert "leicester.front_door" not in text.split("Wrong-number reports made before")[0]  # dealt with: before the check
    assert "made before their fact's last check (dealt with): 1" in text
    assert "national.helpline" in text.split("'It was right' since the last check")[1]


def test_a_report_on_a_number_since_changed_says_so_and_a_removed_fact_is_listed(kb, store, engine):
    fact = phone_facts(kb)["nottingham.front_door"]
    report_id = store.record(fact, WRONG, when=NOW)
    with engine.begin() as connection:  # as if the number had been updated in knowledge/ since
        connection.execute(sa.text("UPDATE number_feedback SET phone = '0115 000 0000' WHERE id = :id"), {"id": report_id})
        connection.execute(sa.text("INSERT INTO number_feedback (fact_id, area, phone, verdict, reported_at) "
                                   "VALUES ('nowhere.front_door', 'nowhere', '0115 000 0001', 'wrong', :t)"), {"t": NOW.replace(tzinfo=None)})
    text = feedback_report.build_report(kb, store.all())
    assert "given as 0115 000 0000, before the number changed" in text
    assert "no longer in knowledge/ (renamed or removed): nowhere.front_door (1)" in text


def test_the_command_prints_the_report_without_the_password(db_url, engine, kb, store, capsys):
    store.record(phone_facts(kb)["stockton.front_door"], WRONG, "dead line")
    assert feedback_report.main(["--url", db_url]) == 0
    out = capsys.readouterr().out
    assert "stockton.front_door" in out and '"dead line"' in out
    password = sa.engine.make_url(db_url).password
    assert not password or password not in out


def test_the_command_says_what_to_do_when_there_is_no_knowledge_database(tmp_path, capsys):
    missing = tmp_path / "none.db"
    assert feedback_report.main(["--url", f"sqlite:///{missing}"]) == 1
    assert "make knowledge" in capsys.readouterr().err
    assert not missing.exists()  # not created, so `make knowledge` still loads it
