"""`make clean` removes what can be rebuilt, never production data or its passwords."""
import shutil
import subprocess

from tests.conftest import REPO


def test_make_clean_keeps_production_data_and_secrets(tmp_path):
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    for path in ("var/prod/secrets/postgres-password", "var/prod/postgres/PG_VERSION", "var/tracker.db", "var/results/x",
                 "var/knowledge.db", "models/assistant.tar.gz", "results/y"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    subprocess.run(["make", "-s", "clean"], cwd=tmp_path, check=True, capture_output=True)
    assert (tmp_path / "var/prod/secrets/postgres-password").exists() and (tmp_path / "var/prod/postgres/PG_VERSION").exists()
    for gone in ("var/tracker.db", "var/results", "var/knowledge.db", "models", "results"):
        assert not (tmp_path / gone).exists(), gone


def test_make_knowledge_writes_the_concept_synonyms_when_the_aliases_change():
    dry_run = subprocess.run(["make", "-n", "-W", "knowledge/guidance/concepts.yml", "knowledge"], cwd=REPO,
                             check=True, capture_output=True, text=True).stdout
    assert "bot.knowledge.cli synonyms" in dry_run and "bot.knowledge.cli load" in dry_run
