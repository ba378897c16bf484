"""Every form's slot mappings are consistent (issue 18): exclusions live in the form's
ignored_intents, never in copy-pasted not_intent lists, and every intent a form ignores is
answered by a rule while the form is active (or mapped explicitly), so nothing typed mid-way
falls through to the fallback or is stored as an answer."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


def _merged(folder: str) -> dict:
    merged: dict = {}
    for path in sorted((REPO / folder).glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text()) or {}).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    return merged


DOMAIN = _merged("domain")
RULES = _merged("data/rules").get("rules", [])
FORMS = DOMAIN["forms"]
INTENTS = {intent if isinstance(intent, str) else next(iter(intent)) for intent in DOMAIN["intents"]}


def _form_mappings(form):
    for slot, spec in DOMAIN["slots"].items():
        for mapping in spec.get("mappings", []):
            conditions = [c for c in mapping.get("conditions", []) if c.get("active_loop") == form]
            if conditions:
                yield slot, mapping, conditions


def _handled_mid_form(form):
    """Intents a rule answers while the form is active, and intents the form's mappings take."""
    by_rule = {rule["steps"][0]["intent"] for rule in RULES
               if {"active_loop": form} in (rule.get("condition") or []) and "intent" in rule["steps"][0]}
    by_mapping = {mapping["intent"] for _, mapping, _ in _form_mappings(form) if mapping["type"] == "from_intent"}
    return by_rule, by_mapping


@pytest.mark.parametrize("form", sorted(FORMS))
def test_no_form_mapping_keeps_its_own_exclusion_list(form):
    own = [slot for slot, mapping, _ in _form_mappings(form) if mapping.get("not_intent")]
    assert own == [], f"{form}: use the form's ignored_intents instead of not_intent on {own}"


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_ignored_intent_is_a_real_intent_and_is_answered_while_the_form_is_active(form):
    ignored = FORMS[form].get("ignored_intents") or []
    assert ignored, f"{form} has no ignored_intents"
    assert set(ignored) <= INTENTS
    by_rule, by_mapping = _handled_mid_form(form)
    unanswered = [intent for intent in ignored if intent not in by_rule | by_mapping]
    assert unanswered == [], f"{form}: nothing answers {unanswered} mid-way"


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_question_of_a_form_has_a_mapping_and_the_mappings_point_at_its_questions(form):
    required = FORMS[form]["required_slots"]
    for slot in required:
        mappings = DOMAIN["slots"][slot]["mappings"]
        assert any(m["type"] == "custom" for m in mappings) or any(True for s, _, _ in _form_mappings(form) if s == slot), slot
    for slot, mapping, conditions in _form_mappings(form):
        assert all(c.get("requested_slot", slot) in required for c in conditions), (slot, conditions)
        if mapping["type"] == "from_intent":
            assert mapping["intent"] in INTENTS, mapping


@pytest.mark.parametrize("form", sorted(FORMS))
def test_skip_is_taken_by_every_question_of_a_form(form):
    skipped = {slot for slot, mapping, _ in _form_mappings(form) if mapping["type"] == "from_intent" and mapping["intent"] == "skip"}
    assert skipped == set(FORMS[form]["required_slots"])


def test_the_forms_share_the_controls():
    controls = {"change_answer", "explain_question", "start_again", "stop"}
    for form, spec in FORMS.items():
        assert controls <= set(spec["ignored_intents"]), form
