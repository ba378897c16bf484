"""The README's "Where things live" table and ARCHITECTURE.md point only at paths that exist."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _paths(document: str, section: str = None):
    """Every `code` or [link](target) in the text that names a file or folder (has a "/" or an
    extension); `<area>` placeholders become globs."""
    text = (ROOT / document).read_text(encoding="utf-8")
    if section:
        text = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"`([^`\s]+)`", text) + re.findall(r"\]\(([^)#\s]+)\)", text)
    return sorted({path for path in found if ("/" in path or re.search(r"\.\w+$", path)) and not path.startswith(("/", "http"))})


def _exists(path: str) -> bool:
    pattern = re.sub(r"<[^>]+>", "*", path.rstrip("/"))
    return any(ROOT.glob(pattern)) if "*" in pattern else (ROOT / pattern).exists()


def test_the_where_things_live_table_names_paths():
    assert len(_paths("README.md", "Where things live")) >= 30


@pytest.mark.parametrize("document,section", [("README.md", "Where things live"), ("ARCHITECTURE.md", None)])
def test_every_path_exists(document, section):
    missing = [path for path in _paths(document, section) if not _exists(path)]
    assert missing == []
