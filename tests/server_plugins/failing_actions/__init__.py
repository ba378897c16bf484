"""An action package for the action-server test: one action that fails with personal data in its error."""
from rasa_sdk import Action


class ActionThatFails(Action):
    def name(self):
        return "action_that_fails"

    async def run(self, dispatcher, tracker, domain):
        raise ValueError(f"could not use {tracker.latest_message.get('text')}")
