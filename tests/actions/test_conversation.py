"""Starting again and deleting the conversation (actions/conversation.py)."""
from __future__ import annotations

import asyncio

import pytest

from actions.conversation import ActionDeleteConversation, ActionStartAgain
from tests.actions.conftest import tracker


@pytest.mark.parametrize("action, said_first", [(ActionStartAgain(), "utter_restart"),
                                                (ActionDeleteConversation(), "utter_conversation_deleted")])
def test_after_starting_again_the_way_on_is_offered_and_nothing_is_kept(dispatcher, domain, action, said_first):
    events = asyncio.run(action.run(dispatcher, tracker("start again", "start_again", active_loop="concern_form"), domain))
    assert [message["response"] for message in dispatcher.messages] == [said_first, "utter_what_next"]
    assert [event["event"] for event in events] == ["restart"]
