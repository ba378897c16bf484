"""The 999 sentence is written once (domain/danger.yml) and said the same way everywhere: in route
notes, in nginx's error replies (which cannot read the domain) and in the widget's offline text."""
import re
from pathlib import Path

import pytest

from bot import render
from bot.routing import Situation, family_route, route_for
from bot.wording import load as wording
from tests.unit.kb_helpers import london

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = wording().text("utter_if_danger_call_999")


def test_the_sentence_is_the_one_the_domain_holds():
    assert "999" in SENTENCE


def test_nginx_error_replies_end_with_the_domain_sentence():
    replies = re.findall(r"""return \d{3} '\[\{"recipient_id":"","text":"([^"]*)"\}\]';""", (ROOT / "deploy" / "nginx.conf").read_text())
    assert len(replies) == 3
    assert all(reply.endswith(" " + SENTENCE) for reply in replies)


def test_the_widget_offline_text_uses_the_domain_sentence():
    script = (ROOT / "widget" / "neglect-chat.js").read_text()
    unreachable = re.search(r"unreachable: '([^']*)'", script).group(1)
    assert unreachable.endswith(" " + SENTENCE)


@pytest.mark.parametrize("area_id", ["kingston", "hartlepool", None, "wales"])
def test_routes_say_999_only_in_the_domain_sentence(kb, area_id):
    texts = [render.route_text(kb, route_for(kb, area_id, situation, london(2026, 11, 24, 20, 0)))
             for situation in (Situation.ADVICE, Situation.SIGNIFICANT_HARM)]
    texts.append(render.route_text(kb, family_route(kb, area_id, london(2026, 11, 24, 20, 0))))
    lines = [line for text in texts for line in text.splitlines() if "999" in line]
    assert lines and all(line == SENTENCE or re.fullmatch(r"\d+\. " + re.escape(SENTENCE), line) for line in lines), lines
