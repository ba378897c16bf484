"""Markup taken out of a message before it is read (bot/plain_text.py): pasted from a web page, or
an attempt at injection; the question around it still gets its answer."""
import pytest

from bot.plain_text import without_markup


@pytest.mark.parametrize("typed, read", [
    ("<script>alert(1)</script> who do i call in York", "who do i call in York"),
    ("<SCRIPT type='text/javascript'>var x = '<b>';</SCRIPT>hello", "hello"),
    ("a <b>very</b> hungry child", "a very hungry child"),
    ("<p>worried about a child</p><br/>", "worried about a child"),
    ("<style>p {color: red}</style>who do I call?", "who do I call?"),
    ("he is <5 and mum said <3", "he is <5 and mum said <3"),  # not markup
    ("who do I call?", "who do I call?"),
])
def test_markup_is_taken_out_and_the_words_kept(typed, read):
    assert without_markup(typed) == read


@pytest.mark.parametrize("typed", ["<script></script>", "<b></b>", "", "   "])
def test_a_message_of_markup_alone_is_kept_as_sent_so_it_still_gets_an_answer(typed):
    assert without_markup(typed) == typed
