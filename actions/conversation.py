"""Conversation-wide controls that aren't about one topic."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted
from rasa_sdk.executor import CollectingDispatcher


class ActionStartAgain(Action):
    """Forget every answer, leave any guided conversation and delete what was stored of it.

    Rasa's `restart` event resets the conversation (slots, active form, history), and the tracker
    store deletes the stored events of a conversation that restarts (server_plugins/tracker_store.py),
    so what someone typed before starting again is not kept.
    """

    response = "utter_restart"

    def name(self) -> Text:
        return "action_start_again"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response=self.response)
        dispatcher.utter_message(response="utter_what_next")
        return [Restarted()]


class ActionDeleteConversation(ActionStartAgain):
    """"Delete my conversation": the same reset and deletion, said as a deletion."""

    response = "utter_conversation_deleted"

    def name(self) -> Text:
        return "action_delete_conversation"
