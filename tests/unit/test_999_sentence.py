"""The 999 sentence is written once (the `call_999` slot's starting value in domain/danger.yml) and
said the same way everywhere: in every response that gives the advice (as `{call_999}`, which Rasa
fills from the slot), in the documents built in bot/ (bot/wording.py fills it from the same
definition), in the REST channel's own replies, in nginx's error replies (which cannot read the
domain) and in the widget's offline text."""
import ast
import asyncio
import datetime as dt
import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Tuple

import pytest
import yaml

from bot import render
from bot.plan import build_plan
from bot.routing import Situation, family_route, route_for
from bot.summary import build_summary
from bot.wording import load as wording
from tests.unit.kb_helpers import london

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "domain"
SENTENCE = wording().text("utter_if_danger_call_999")
WORD_999 = re.compile(r"(?<![\w.])999(?!\w|\.\d)")

# Strings in the domain that name 999 without giving the advice: the draft's record of what was
# advised, and a name people use for the danger question ("change my answer about 999").
NOT_ADVICE = {("utter_referral_draft", "custom", "danger_answers", "yes"), ("utter_referral_draft", "custom", "danger_answers", "unsure"),
              ("utter_concern_questions", "custom", "questions", "names")}


@lru_cache(maxsize=1)
def domain_files() -> Tuple[Tuple[Path, dict], ...]:
    """Read once for the whole module: every row of the table-driven tests below looks a response
    up in it (nothing changes what is read; Rasa's NLG fills a copy)."""
    return tuple((path, yaml.safe_load(path.read_text(encoding="utf-8")) or {}) for path in sorted(DOMAIN.glob("*.yml")))


def strings(node: Any, path: Tuple) -> Iterator[Tuple[Tuple, str]]:
    """Every string in a response (texts, custom fragments, button titles) with where it is."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, path + (key,))
    elif isinstance(node, list):
        for value in node:
            yield from strings(value, path)


def responses() -> Iterator[Tuple[str, dict]]:
    for _, domain in domain_files():
        yield from (domain.get("responses") or {}).items()


def test_the_sentence_is_written_once_in_the_domain():
    homes = [(path.name, name) for path, domain in domain_files() for name, slot in (domain.get("slots") or {}).items()
             if slot.get("initial_value") == SENTENCE]
    assert homes == [("danger.yml", "call_999")]
    assert sum(path.read_text(encoding="utf-8").count(SENTENCE) for path in DOMAIN.glob("*.yml")) == 1


def test_no_response_words_the_999_advice_itself():
    worded = [(name, *path[1:]) for name, variations in responses() for path, text in strings(variations, (name,))
              if WORD_999.search(text) and (name, *path[1:]) not in NOT_ADVICE]
    assert worded == [], "say the 999 advice as {call_999} (domain/danger.yml), not in a response's own words"


def test_responses_that_give_the_advice_use_the_one_sentence():
    users = {name for name, variations in responses() for _, text in strings(variations, (name,)) if "{call_999}" in text}
    assert {"utter_if_danger_call_999", "utter_call_999", "utter_greet", "utter_goodbye", "utter_default", "utter_out_of_scope",
            "utter_cannot_answer_now", "utter_message_too_long", "utter_contact_answer", "utter_danger_unsure"} <= users


def python_strings(folder: str) -> Iterator[Tuple[str, str]]:
    """String constants in the Python under `folder` that are not docstrings."""
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and ast.get_docstring(node, clean=False) is not None}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield str(path.relative_to(ROOT)), node.value


@pytest.mark.parametrize("folder", ["bot", "actions", "server_plugins", "nlu_components"])
def test_no_python_words_the_999_advice(folder):
    worded = [(path, text) for path, text in python_strings(folder) if WORD_999.search(text)]
    assert worded == [], "the assistant's words live in domain/; the 999 sentence is {call_999}"


def test_the_sentence_slot_never_changes_and_never_steers_the_dialogue():
    slot = yaml.safe_load((DOMAIN / "danger.yml").read_text(encoding="utf-8"))["slots"]["call_999"]
    assert slot["influence_conversation"] is False
    assert slot["mappings"] == [{"type": "custom"}]  # no action fills it
    sets = [path for path in sorted(ROOT.glob("*/**/*.py")) if ".venv" not in path.parts
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "SlotSet" and node.args
            and isinstance(node.args[0], ast.Constant) and node.args[0].value == "call_999"]
    assert sets == []


@lru_cache(maxsize=1)
def rasa_domain():
    """The domain as Rasa reads it (loaded once: it takes a second)."""
    from rasa.shared.core.domain import Domain
    return Domain.load(str(DOMAIN))


def rasa_says(name: str, variation: dict = None, service: str = None) -> str:
    """A response as Rasa's NLG fills it in a new conversation, the action's own values given as
    "…": one variation (with the slots its condition asks for), or the whole response with the 999
    service slot set."""
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = rasa_domain()
    variations = [variation] if variation else domain.responses[name]
    conditions = {c["name"]: c["value"] for c in (variation or {}).get("condition") or [] if c["type"] == "slot"}
    events = [SlotSet(slot, value) for slot, value in {**({"emergency_service": service} if service else {}), **conditions}.items()]
    tracker = DialogueStateTracker.from_events("s", events, domain.slots)
    slots = {slot.name for slot in domain.slots}
    blanks = {field for v in variations for _, field, _, _ in string.Formatter().parse(v.get("text") or "") if field}
    nlg = TemplatedNaturalLanguageGenerator({name: variations})
    message = asyncio.run(nlg.generate(name, tracker, "rest", **{blank: "…" for blank in blanks - slots}))
    return message["text"]


USERS = sorted((name, index) for name, variations in responses() for index, variation in enumerate(variations)
               if "{call_999}" in (variation.get("text") or ""))


@pytest.mark.parametrize("name, index", USERS)
def test_rasa_fills_the_sentence_in_every_response_that_uses_it(name, index):
    variation = next(v for n, vs in responses() if n == name for v in [vs[index]])
    text = rasa_says(name, variation)
    assert SENTENCE in text and "{" not in text, text


@pytest.mark.parametrize("service, asks_for", [(None, "the police or an ambulance"), ("ambulance", "an ambulance"),
                                               ("police", "the police"), ("fire", "the fire service")])
def test_the_999_answer_starts_with_the_sentence_for_every_service(service, asks_for):
    text = rasa_says("utter_call_999", service=service)
    assert text.startswith(SENTENCE + " ") and f"ask for {asks_for}" in text


def test_to_a_police_officer_the_999_answer_asks_for_an_ambulance_never_the_police():
    """The rule's answer (the service slot set from the police officer's own words) and the
    questions' answer (actions/concern_form.py) are the same words."""
    for text in (rasa_says("utter_call_999", service="writer_is_police"), rasa_says("utter_call_999_police")):
        assert text.startswith(SENTENCE + " ") and "ask for an ambulance" in text
        assert "ask for the police" not in text


@pytest.mark.parametrize("name", ["utter_cannot_answer_now", "utter_message_too_long"])
def test_the_rest_channels_own_replies_say_the_sentence(name):
    from server_plugins.rest_channel import fallback_text

    text = fallback_text(rasa_domain(), name, route="the national route")
    assert SENTENCE in text and "{" not in text


def test_documents_built_in_bot_say_the_sentence(kb):
    plan = build_plan(kb, {}, "leicestershire", dt.date(2026, 11, 24))
    route = route_for(kb, None, Situation.SIGNIFICANT_HARM, london(2026, 11, 24, 20, 0))  # ends with the 999 note
    draft = build_summary(kb, {}, route, None, None, None, "yes", london(2026, 11, 24, 20, 0))
    for text in (plan.text, plan.markdown, draft):
        assert SENTENCE in text and "{call_999}" not in text


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
