"""Conversation-wide controls that aren't about one topic."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher


class ActionStartAgain(Action):
    """Forget every answer and leave any guided conversation, keeping the chat itself.

    Rasa's own action_restart also wipes the history; this keeps it so the conversation can be
    tested and audited as one, while nothing said before is used again.
    """

    def name(self) -> Text:
        return "action_start_again"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_restart")
        return [ActiveLoop(None), AllSlotsReset()]
