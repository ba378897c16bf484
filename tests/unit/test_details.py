"""What any message says besides its intent (bot/details.py): read from every message, the first
included, so nobody is asked again for what they already said."""
from __future__ import annotations

import pytest

from bot.danger import Danger
from bot.details import hear, out_of_hours_said, wants_number, wants_only_the_number, writes_as_a_child
from bot.roles import Audience



def test_the_all_in_one_first_message_answers_four_questions_and_asks_for_the_number(place_in):
    heard = hear("I'm a teacher in Southampton, worried about a 7-year-old, not in immediate danger, who do I call?", place_in)
    assert (heard.role, heard.place, heard.age, heard.danger, heard.wants_number) == ("teacher", "Southampton", 7, Danger.NO, True)
    assert heard.concern is None  # nothing said yet about what is happening


def test_a_health_visitors_message_gives_role_place_age_and_the_concern(place_in):
    text = "health visitor here, 6 week old baby in Mansfield, mum keeps cancelling visits and the baby is not gaining weight"
    heard = hear(text, place_in)
    assert (heard.role, heard.place, heard.age, heard.age_words) == ("health visitor", "Mansfield", 0, "6 week old")
    assert heard.concern == text


@pytest.mark.parametrize("text, concern", [
    ("Hi, I'm a school nurse in Leeds. I'm worried about a 6 year old who comes in hungry and has head lice every week. "
     "Can you help?", "I'm worried about a 6 year old who comes in hungry and has head lice every week."),
    ("hello. mum drinks, dad left, the kids are hungry and dirty. thanks for your help!",
     "mum drinks, dad left, the kids are hungry and dirty."),
    ("The baby is 1.5 years old and always hungry. Hi. She is cold at nursery.",  # a sentence between two is kept
     "The baby is 1.5 years old and always hungry. Hi. She is cold at nursery."),
    ("Our referral was closed 3 weeks ago but the children are still filthy and hungry. How do I escalate?",
     "Our referral was closed 3 weeks ago but the children are still filthy and hungry."),
    ("Is it neglect if a child is always hungry and cold? What should I do?", "Is it neglect if a child is always hungry and cold?"),
])
def test_the_concern_is_kept_without_the_greeting_and_the_request_around_it(place_in, text, concern):
    assert hear(text, place_in).concern == concern


@pytest.mark.parametrize("text", ["I'm worried about a child", "worried about a child in Leicester", "hello, can you help",
                                  "I'm a GP, who do I call"])
def test_no_concern_is_read_from_a_bare_request(place_in, text):
    assert hear(text, place_in).concern is None


@pytest.mark.parametrize("text", ["it's out of hours", "it's 2am", "the MASH is closed", "it's the weekend", "bank holiday today",
                                  "after 6pm on a friday", "we're on a night shift", "it's 11pm",
                                  "who do i ring at 3am in norwich", "paramedic here, 2am, attended a flat in croydon",
                                  "its 23:40 who do i call", "it's 10.30pm"])
def test_out_of_hours_is_heard(text):
    assert out_of_hours_said(text)


@pytest.mark.parametrize("text", ["it's 10am", "it's 3pm", "worried about a child", "the office is open", "",
                                  "mum was out at 11pm last night", "appointment at 3pm", "who do i call about a 7 year old"])
def test_office_hours_or_nothing_is_not_out_of_hours(text):
    assert not out_of_hours_said(text)


@pytest.mark.parametrize("text, wanted", [("who do I call?", True), ("just give me the number", True), ("what's the phone number", True),
                                          ("how do I make a referral", True), ("he is always hungry", False),
                                          ("Need to refer. who takes it at this time?", True), ("who takes neglect referrals", True),
                                          ("i need to refer a family", True), ("no need to refer, just advice", False),
                                          ("nan takes them to school", False), ("who takes care of them", False)])
def test_asking_for_the_number_is_heard(text, wanted):
    assert wants_number(text) is wanted


@pytest.mark.parametrize("text, only", [("just give me the number", True), ("just give me the numbr", True),
                                        ("just need the nummber pls", True), ("just the no. for leeds", True),
                                        ("just tell me who to ring", True), ("no questions please", True),
                                        ("i dont just want the number, i want advice", False),
                                        ("just the numbers of children in the house worry me", False),
                                        ("just wondering what nobody else noticed", False), ("he is always hungry", False)])
def test_asking_for_the_number_and_nothing_else_is_heard_with_its_typos(text, only):
    assert wants_only_the_number(text) is only


@pytest.mark.parametrize("text, child", [("I'm 14 and my mum doesn't feed me", True), ("im 12 and nobody feeds me at home", True),
                                         ("I'm a teacher and my pupil is hungry", False), ("I'm 45 and my mum is ill", False),
                                         ("my mum doesn't feed me", False),
                                         ("im 10. whats the number for social services in bolton", True),
                                         ("i'm 13 and scared to go home, i live in leeds", True),
                                         ("I'm 17 and volunteer at the youth club, worried about a boy", False),
                                         ("I'm 17 and my mum doesn't feed me", True), ("im 9 to 5 at the nursery", False),
                                         ("I'm 10 minutes from the house", False)])
def test_a_child_writing_about_their_own_home(text, child):
    assert writes_as_a_child(text) is child


def test_a_child_is_heard_as_the_child_audience(place_in):
    assert hear("I'm 14 and my mum doesn't feed me", place_in).audience is Audience.CHILD


def test_nothing_is_heard_in_nothing(place_in):
    heard = hear("", place_in)
    assert heard.role is heard.place is heard.age is heard.danger is heard.concern is None


def test_a_buttons_payload_says_nothing_in_words(place_in):
    heard = hear("/worried_about_child", place_in)
    assert heard.concern is None and heard.role is None and heard.danger is None


@pytest.mark.parametrize("text, words", [
    ("Comes in hungry. The child told me there's never food at the weekend. Mum seems low.",
     "The child told me there's never food at the weekend."),
    ("my pupil said she gets her own tea most nights", "my pupil said she gets her own tea most nights"),
    ("the 7-year-old says nobody is up when he leaves for school", "the 7-year-old says nobody is up when he leaves for school"),
])
def test_what_the_child_is_named_as_saying_is_heard_for_the_question_about_their_words(place_in, text, words):
    assert hear(text, place_in).child_words == words


@pytest.mark.parametrize("text", [
    "I spoke to mum and she said she would try",  # "she" may well be the parent: not taken as the child's words
    "they told me the appointment was cancelled",
    "the child is always hungry and tired",
])
def test_words_not_clearly_the_childs_are_left_for_the_question(place_in, text):
    assert hear(text, place_in).child_words is None


def test_one_message_covering_several_questions_gives_each_its_own_sentences(place_in):
    text = ("Comes in hungry most days. The child told me there's no food at the weekend. Dad drinks most nights. "
            "She has two younger brothers.")
    heard = hear(text, place_in)
    assert heard.child_words == "The child told me there's no food at the weekend."
    assert heard.family_context == "Dad drinks most nights."
    assert heard.siblings == "She has two younger brothers."


@pytest.mark.parametrize("text", [
    "the 15-year-old has been drinking at the park",  # the young person's own drinking: not the family's circumstances
    "mum is really trying and comes to every meeting",
    "the family were evicted",  # no parent or carer named: left for the question
])
def test_the_familys_circumstances_are_taken_only_when_a_parent_and_a_circumstance_are_named_together(place_in, text):
    assert hear(text, place_in).family_context is None


def test_mum_s_mental_health_and_housing_are_heard_as_the_familys_circumstances(place_in):
    assert hear("Mum's mental health is poor and they are in temporary accommodation", place_in).family_context


IPSWICH = ("Hi, I'm a school nurse in Ipswich. Year 9 girl, untreated dental pain for weeks, she's lost weight and is "
           "missing school. Same clothes every day. She's told me she's looking after her younger siblings. I've raised it "
           "with mum twice, mum says she'll sort it but nothing happens. This has been going on since last spring. Not in "
           "immediate danger. I've spoken to the DSL. Early help or social care?")


def test_a_long_first_account_answers_the_questions_it_covers_each_with_its_own_sentences(place_in):
    heard = hear(IPSWICH, place_in)
    assert heard.impact == "Year 9 girl, untreated dental pain for weeks, she's lost weight and is missing school."
    assert heard.history == ("Year 9 girl, untreated dental pain for weeks, she's lost weight and is missing school. "
                             "This has been going on since last spring.")
    assert heard.raised == "I've raised it with mum twice, mum says she'll sort it but nothing happens."
    assert heard.no_change == heard.raised
    assert heard.siblings == "She's told me she's looking after her younger siblings."


@pytest.mark.parametrize("text, field", [
    ("it's been going on for months", "history"), ("ongoing concerns, nothing new", "history"),
    ("she has missed three dental appointments", "history"), ("known to social care since 2022", "history"),
    ("we raised it with the parents in May", "raised"), ("dad refused the early help offer", "raised"),
    ("mum says she will sort it", "raised"), ("the parents are aware of our concerns", "raised"),
    ("mum agrees to everything but nothing ever changes", "no_change"), ("they tidy up before visits", "no_change"),
    ("he has lost weight this term", "impact"), ("her attendance is 70%", "impact"), ("he's withdrawn in class", "impact"),
    ("the kids next door, about 6 and 8, are left alone", "siblings"), ("both children are under 5", "siblings"),
])
def test_what_each_own_words_question_asks_is_heard_in_any_message(place_in, text, field):
    assert getattr(hear(text, place_in), field) == text


@pytest.mark.parametrize("text, field", [
    ("I have been his teacher for two years", "history"),  # how long the writer has known the child
    ("it started this week", "history"),
    ("mum said the boiler is broken", "raised"),  # a parent's words, not an answer to a concern raised
    ("the child told me mum hits him", "raised"),
    ("mum has changed a lot since the new baby", "no_change"),
    ("worried about a 7 year old in Leeds, who do I call", "impact"),
    ("worried about a child in Children's Services' area", "siblings"),
])
def test_nothing_is_heard_for_a_question_the_message_does_not_answer(place_in, text, field):
    assert getattr(hear(text, place_in), field) is None
