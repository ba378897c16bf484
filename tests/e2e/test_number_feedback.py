"""The wrong-number loop and the two practice answers on the running assistant (REST, real model),
down to `make feedback-report` reading what was stored. Expected numbers come from knowledge/."""
import os
import subprocess
import sys

import yaml

from bot.knowledge.schema import normalise_phone
from bot.knowledge.store import KNOWLEDGE_DIR
from bot.wording import load as wording
from tests.conftest import new_sender as sender, REPO

CALL_999 = wording().text("utter_if_danger_call_999")  # the one 999 sentence, filled in every reply that gives it

PRACTICE = yaml.safe_load((KNOWLEDGE_DIR / "guidance" / "referral_practice.yml").read_text())
FIRST_POINT = {answer["id"]: " ".join(answer["points"][0]["text"].split()) for answer in PRACTICE["answers"]}



def area(area_id):
    """A hand-checked area's file, or a council's generated one."""
    path = KNOWLEDGE_DIR / "areas" / f"{area_id}.yml"
    return yaml.safe_load((path if path.exists() else KNOWLEDGE_DIR / "councils" / f"{area_id}.yml").read_text())


def front_door(area_id):
    return next(c for c in area(area_id)["contacts"] if c["role"] == "front_door")


def feedback_report(live_bot) -> str:
    env = dict(os.environ, KNOWLEDGE_DB_URL=live_bot.knowledge_db_url)
    result = subprocess.run([sys.executable, "-m", "bot.feedback_report"], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def test_report_a_wrong_number_with_the_button_then_say_what_happened_and_the_report_lists_it(live_bot):
    who = sender()
    # Leicester's front door is its only line, day and night, so one number is offered at any hour.
    messages = live_bot.say(who, "who do I call about a child in Leicester")
    prompt = messages[-1]
    assert [b["title"] for b in prompt["buttons"]] == ["Yes, it was right", "Report a wrong number"]
    answer = "\n".join(m.get("text", "") for m in messages[:-1])
    assert CALL_999 in answer  # the answer, 999 advice included, comes before the prompt
    report = next(b["payload"] for b in prompt["buttons"] if b["title"] == "Report a wrong number")
    recorded = live_bot.text(who, report)
    assert "recorded" in recorded and CALL_999 in recorded
    assert "added" in live_bot.text(who, "it said the number is not in use")
    text = feedback_report(live_bot)
    block = text.split("leicester.front_door:", 1)[1]
    door = front_door("leicester")
    assert normalise_phone(str(door["phone"])) in block and '"it said the number is not in use"' in block
    assert all(area("leicester")["sources"][key]["url"] in block for key in door["sources"])


def test_with_two_numbers_shown_pressing_one_records_it_and_what_happened_is_added(live_bot):
    """The tester's Coventry conversation: every press used to bring back "Which number was wrong?"
    because the channel dropped the button's fact_id."""
    who = sender()
    prompt = live_bot.say(who, "coventry")[-1]
    report = next(b["payload"] for b in prompt["buttons"] if b["title"] == "Report a wrong number")
    (asked,) = live_bot.say(who, report)
    door = normalise_phone(str(front_door("coventry")["phone"]))
    button = next(b for b in asked["buttons"] if door in b["title"])
    recorded = live_bot.text(who, button["payload"])
    assert "recorded" in recorded and door in recorded and CALL_999 in recorded
    assert "added" in live_bot.text(who, "nobody answered for 40 mins")
    block = feedback_report(live_bot).split("coventry.front_door:", 1)[1]
    assert '"nobody answered for 40 mins"' in block


def test_a_typed_report_naming_the_place(live_bot):
    reply = live_bot.text(sender(), "the number for Rutland was wrong")
    assert "Which number was wrong?" in reply  # Rutland has a daytime line and an out-of-hours one


def test_consent_is_answered_directly(live_bot):
    reply = live_bot.text(sender(), "do I need the parents' consent to refer to social care?")
    assert FIRST_POINT["consent_sharing"] in " ".join(reply.split())
    assert CALL_999 in reply


def test_after_a_referral_the_areas_front_door_and_the_prompt(live_bot):
    messages = live_bot.say(sender(), "I've made a referral in Loughborough, what happens now?")
    text = " ".join(" ".join(m.get("text", "").split()) for m in messages)
    assert FIRST_POINT["after_referral"] in text
    assert normalise_phone(str(front_door("leicestershire")["phone"])) in text
    assert messages[-1]["buttons"][1]["title"] == "Report a wrong number"
