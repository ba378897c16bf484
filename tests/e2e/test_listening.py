"""The running assistant listens and never downplays danger (issue 14), over its REST webhook as a
stranger would use it: everything in one message, answers out of order, "just the number", a
child, a parent, a person to talk to, and the out-of-hours order with a set clock.

Expected numbers are read from knowledge/, not written here. These depend on the actions, which
`rasa test core` does not run; each row of SAFETY.md names the test that holds it.
"""
from __future__ import annotations


import pytest

from bot.wording import load as wording
from tests.conftest import new_sender as sender, running_bot, text_of
from tests.unit.kb_helpers import area_phone, compact, raw_national

CALL_999 = wording().text("utter_if_danger_call_999")  # the one 999 sentence, filled in every reply that gives it

NATIONAL = {c["role"]: compact(str(c["phone"])) for c in raw_national()["contacts"]}
ROLE_QUESTION = "What is your role?"
PLACE_QUESTION = "Which town, district or council area"
AGE_QUESTION = "Roughly how old is the child?"
DANGER_QUESTION = "is the child in immediate danger right now?"


def phone(area_id: str, role: str) -> str:
    return compact(area_phone(area_id, role))



def conversation(bot: LiveBot, *messages: str) -> list:
    """The replies to each message in turn, as text."""
    who = sender()
    return [text_of(bot.say(who, message)) for message in messages]


# Everything in one message -----------------------------------------------------------------

def test_the_all_in_one_first_message_gets_the_number_first_and_no_question_again(live_bot):
    reply = live_bot.text(sender(), "I'm a teacher in Southampton, worried about a 7-year-old, not in immediate danger, who do I call?")
    assert phone("southampton", "front_door") in compact(reply)
    for question in (ROLE_QUESTION, PLACE_QUESTION, AGE_QUESTION, DANGER_QUESTION):
        assert question not in reply


def test_a_whole_concern_that_asks_only_for_the_number_gets_the_number_and_no_questions(live_bot):
    reply = live_bot.text(sender(), "Hi im a school nurse in Weston super mare. worried about 2 siblings (7 and 10) - always "
                                    "hungry, unwashed, dad drinks. not in immediate danger. just need the number really")
    assert "North Somerset Council" in reply and phone("north_somerset", "front_door") in compact(reply)
    assert reply.index("North Somerset Council") < reply.index(area_phone("north_somerset", "front_door"))
    for question in (ROLE_QUESTION, PLACE_QUESTION, AGE_QUESTION, DANGER_QUESTION):
        assert question not in reply


def test_a_councils_own_name_gets_its_number_without_a_question_about_villages(live_bot):
    reply = live_bot.text(sender(), "hv in leeds, mum was drunk when i visited, baby ok now not in danger, who do i ring")
    assert phone("leeds", "front_door") in compact(reply) and "Leeds City Council" in reply
    assert "Kent County Council" in reply  # the village of Leeds, offered after
    assert CALL_999 + " Do it now" not in reply  # not the 999 answer: the words say the baby is safe now


def test_the_first_message_is_read_when_the_questions_start(live_bot):
    first, = conversation(live_bot, "I'm a health visitor in Mansfield, worried about a 6 week old baby")
    assert DANGER_QUESTION in first  # the one detail not given
    assert ROLE_QUESTION not in first and PLACE_QUESTION not in first and AGE_QUESTION not in first


# Answers out of order ----------------------------------------------------------------------

def test_a_place_at_the_role_question_fills_the_place_and_the_role_is_asked_again(live_bot):
    _, _, place_first, role = conversation(live_bot, "I'm worried about a child", "no", "Southampton", "I'm a teacher")
    assert "Southampton City Council" in place_first and ROLE_QUESTION in place_first
    assert "I don't hold checked contacts" not in place_first
    assert AGE_QUESTION in role and PLACE_QUESTION not in role


def test_a_role_at_the_place_question_is_never_taken_as_a_town(live_bot):
    replies = conversation(live_bot, "I'm worried about a child", "no", "Leicester", "I'm a teacher")
    assert "I don't hold checked contacts for \"I'm a teacher\"" not in replies[-1]
    assert AGE_QUESTION in replies[-1]


# Requests typed mid-way ----------------------------------------------------------------------

def test_just_the_number_mid_way_gives_the_number_then_the_question_again(live_bot):
    *_, number = conversation(live_bot, "I'm worried about a child", "no", "teacher", "Leicester", "just give me the number")
    assert phone("leicester", "front_door") in compact(number)
    assert AGE_QUESTION in number


def test_a_town_given_after_the_999_advice_gets_its_front_door_never_the_end_of_the_conversation(live_bot):
    _, town = conversation(live_bot, "the baby isnt breathing", "Stockport")
    assert "I've stopped" not in town
    assert phone("stockport", "front_door") in compact(town) or phone("stockport", "out_of_hours") in compact(town)


def test_an_answer_about_the_family_that_sounds_like_a_command_is_kept_as_the_answer(live_bot):
    *_, answered = conversation(live_bot, "I'm worried about a child", "no", "teacher", "Leicester", "9",
                                "mum deleted the messages from school and she said she wants it all to stop")
    assert "deleted" not in answered.replace("mum deleted the messages", "") and "I've stopped" not in answered
    assert "daily life" in answered.lower()  # the next question


def test_summary_now_mid_way_summarises_what_was_given_and_unsure_reads_unsure(live_bot):
    *_, summary = conversation(live_bot, "I'm worried about a child", "I'm not sure", "teacher", "summary now")
    assert "unsure: 999 advised" in summary
    assert "teacher" in summary and "Not answered yet." in summary


def test_the_testers_kirklees_escalation_asked_again_is_short_and_the_summary_holds_what_was_said(live_bot):
    told = ("I'm a teacher in Kirklees, our referral was closed 3 weeks ago but the children are still filthy and hungry, "
            "how do i escalate?")
    first, called, challenge, summary = conversation(live_bot, told, "whats the escalation policy called",
                                                     "who do i ring to challenge it", "summary now")
    for again in (called, challenge):
        assert phone("kirklees", "front_door") in compact(again) and "know its name" in again
        assert len(again) < len(first) / 2
    assert "children are still filthy and hungry" in summary and "Kirklees" in summary
    assert "nothing to summarise" not in summary


def test_a_button_name_as_the_first_message_is_never_the_significant_harm_answer(live_bot):
    *_, summary = conversation(live_bot, "/worried_about_child", "summary now")
    assert "worried_about_child" not in summary


def test_just_the_number_for_lambeth_is_the_number_and_its_source(live_bot):
    reply = live_bot.text(sender(), "**just the number** for Lambeth!!!")
    assert compact(reply).count(phone("lambeth", "front_door")) == 1 and "Source:" in reply
    assert "Who it is for" not in reply and len(reply.splitlines()) <= 12


def test_change_my_answer_about_cumulative_harm_asks_the_build_up_question(live_bot):
    *_, changed = conversation(live_bot, "I'm worried about a child", "no", "teacher", "Leicester", "8", "hungry most days",
                               "no breakfast, same clothes all week", "tired and behind in reading", "missed three dental appointments",
                               "change my answer about cumulative harm")
    assert "built up over time" in changed


def test_not_sure_at_the_danger_question_gets_the_999_advice(live_bot):
    _, unsure = conversation(live_bot, "I'm worried about a child", "I'm not sure")
    assert CALL_999 in unsure and ROLE_QUESTION in unsure


# Danger ------------------------------------------------------------------------------------

def test_not_breathing_and_a_knife_in_one_message_is_danger(live_bot):
    reply = live_bot.text(sender(), "he's not breathing and there's a knife")
    assert CALL_999 in reply


def test_not_breathing_asks_for_an_ambulance_and_gives_the_local_front_door(live_bot):
    reply = live_bot.text(sender(), "the baby is not breathing, we're in Leicester")
    assert "ask for an ambulance" in reply
    assert phone("leicester", "front_door") in compact(reply)


# People and audiences ----------------------------------------------------------------------

def test_a_person_to_talk_to_not_a_questionnaire(live_bot):
    reply = live_bot.text(sender(), "Can I talk it through with someone?")
    assert NATIONAL["helpline"] in compact(reply)
    assert DANGER_QUESTION not in reply


def test_a_child_gets_childline_and_999_and_no_questions(live_bot):
    reply = live_bot.text(sender(), "I'm 14 and my mum doesn't feed me")
    assert NATIONAL["childline"] in compact(reply) and "999" in reply
    assert reply.index("999") < reply.index("Childline")
    for question in (ROLE_QUESTION, PLACE_QUESTION, DANGER_QUESTION):
        assert question not in reply


def test_a_parent_gets_family_support_not_the_professionals_questions(live_bot):
    reply = live_bot.text(sender(), "I'm a mum in Hartlepool and I'm struggling to feed my kids")
    assert "early help" in reply and "health visitor" in reply
    assert NATIONAL["helpline"] in compact(reply) and phone("hartlepool", "front_door") in compact(reply)
    assert ROLE_QUESTION not in reply and DANGER_QUESTION not in reply


def test_a_parents_follow_up_question_is_answered_for_a_parent_in_plain_words(live_bot):
    """A single mum in Hastings read "practitioners with Level 3/4 concerns", her fear that her
    children would be taken was never answered, and "what would happen if i called them" got
    "Sorry, I'm not sure I understood"."""
    first, follow_up = conversation(live_bot, "I'm a single mum and I'm struggling, can't afford food or electric, I'm scared "
                                              "they'll take my kids... I'm in Hastings", "what would happen if i called them")
    assert phone("east_sussex", "front_door") in compact(first) and "taken away" in first
    assert "Level 3/4" not in first and "practitioners" not in first
    assert " ".join(follow_up.split()).startswith(" ".join(wording().text("utter_parent_what_happens").split())[:60])


def test_a_child_in_wales_keeps_childline_and_is_told_only_english_councils_are_covered(live_bot):
    first, follow_up = conversation(live_bot, "im 15 live in swansea my mum leaves us with no food for days what do i do",
                                    "who can i talk to")
    for reply in (first, follow_up):
        assert NATIONAL["childline"] in compact(reply) and "Wales" in reply and "England" in reply
        assert "safeguarding lead" not in reply and "Tell me the town" not in reply


def test_a_police_officer_with_children_in_danger_is_not_told_to_ask_for_the_police(live_bot):
    reply = live_bot.text(sender(), "police officer, two kids left alone in a flat in Leeds, no food, we're with them now")
    assert "ask for the police" not in reply and "police or an ambulance" not in reply
    assert "ask for an ambulance" in reply and phone("leeds", "front_door") in compact(reply)


def test_a_neighbour_gets_a_short_route_not_the_professionals_questions(live_bot):
    replies = conversation(live_bot, "im a neighbour, worried about the kids next door, always hungry and dirty, in Leeds", "no")
    assert phone("leeds", "front_door") in compact(replies[-1]) and NATIONAL["helpline"] in compact(replies[-1])
    assert "What is daily life like" not in " ".join(replies) and "referral draft" not in replies[-1]


def test_who_is_the_lado_gets_an_honest_answer_not_the_front_door(live_bot):
    reply = live_bot.text(sender(), "Who is the LADO for Leicester?")
    assert "Local Authority Designated Officer" in reply
    assert phone("leicester", "front_door") not in compact(reply)


def test_a_dsl_escalating_in_rutland_is_not_told_to_talk_to_their_dsl(live_bot):
    reply = live_bot.text(sender(), "I'm the DSL and Rutland closed my referral, how do I escalate?")
    assert "(DSL)" not in reply
    assert "llrscb.proceduresonline.com" in reply and phone("rutland", "front_door") in compact(reply)


# A set clock: Wednesday 20:30 --------------------------------------------------------------

@pytest.fixture(scope="module")
def evening_bot(tmp_path_factory):
    """A second assistant whose clock reads Wednesday 25 November 2026, 20:30 (ASSISTANT_CLOCK)."""
    with running_bot(tmp_path_factory, "evening", {"ASSISTANT_CLOCK": "2026-11-25T20:30", "WIDGET": "0"}) as bot:
        yield bot


def test_in_the_evening_the_out_of_hours_line_comes_first_where_hours_are_known(evening_bot):
    reply = compact(evening_bot.text(sender(), "who do I call about a child in Kingston upon Thames"))
    assert reply.index(phone("kingston", "out_of_hours")) < reply.index(phone("kingston", "front_door"))


def test_said_out_of_hours_puts_the_out_of_hours_line_first_where_hours_are_unknown(evening_bot):
    reply = compact(evening_bot.text(sender(), "it's out of hours, who do I call in Southampton"))
    assert reply.index(phone("southampton", "out_of_hours")) < reply.index(phone("southampton", "front_door"))


def test_someone_to_talk_to_in_the_evening_is_never_the_emergency_duty_team(evening_bot):
    reply = evening_bot.text(sender(), "can I talk it through with someone about a child in Kingston upon Thames")
    assert phone("kingston", "out_of_hours") not in compact(reply)
    assert NATIONAL["helpline"] in compact(reply)
