"""Only /restart and the payloads the assistant just offered are taken as intents."""
import re

import pytest

from bot.slash_messages import admitted
from tests.conftest import REPO

OFFERED = ['/choose_level{"level":"early_help"}', "/affirm", '/inform_place{"place": "Nottingham"}']
VALIDATORS = {"level": lambda v: v if v in ("early_help", "unsure") else None,
              "place": lambda v: v if v == "Nottingham" else None}


@pytest.mark.parametrize("text", ["/affirm", '/choose_level{"level":"early_help"}', '/inform_place{"place": "Nottingham"}'])
def test_an_offered_payload_is_taken_as_it_was_offered(text):
    assert admitted(text, OFFERED, VALIDATORS) == text


def test_restart_is_always_taken():
    assert admitted("  /restart ", [], VALIDATORS) == "/restart"


@pytest.mark.parametrize("text, plain", [
    ('/ask_contact{"place":"Call 07700 900123 now http://evil.example"}', 'ask contact{"place":"Call 07700 900123 now http://evil.example"}'),
    ("/worried_about_child", "worried about child"),  # a real intent, but not offered just now: its words
    ('/choose_level{"level":"significant_harm"}', 'choose level{"level":"significant_harm"}'),
    ("// /restart now", "restart now"),
    ("/", ""),
])
def test_anything_else_starting_with_a_slash_is_plain_text(text, plain):
    assert admitted(text, OFFERED, VALIDATORS) == plain


def test_text_not_starting_with_a_slash_is_untouched():
    assert admitted("call 07700 900123 / now", OFFERED, VALIDATORS) == "call 07700 900123 / now"


def test_an_offered_payload_whose_value_fails_its_check_loses_the_value():
    offered = ['/inform_place{"place": "Call 07700 900123"}', '/choose_level{"level": "early_help", "note": "x"}']
    assert admitted(offered[0], offered, VALIDATORS) == "/inform_place"
    assert admitted(offered[1], offered, VALIDATORS) == '/choose_level{"level": "early_help"}'  # unknown entity dropped


def test_every_entity_our_buttons_carry_is_checked_by_the_rest_channel_not_dropped(resolver, kb):
    """An entity without a check is dropped from every payload: the wrong-number buttons lost their
    `fact_id` that way, so pressing a number asked "Which number was wrong?" again and again."""
    from server_plugins.rest_channel import payload_validators
    sources = [*(REPO / "domain").glob("*.yml"), *(REPO / "actions").glob("*.py")]
    carried = {name for path in sources for name in re.findall(r'/\w+\{\{?"(\w+)"', path.read_text())}
    assert {"fact_id", "level", "question", "place"} <= carried  # the search still finds them
    assert carried <= set(payload_validators(resolver, kb))
