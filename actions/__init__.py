"""Rasa SDK actions: thin adapters that read slots, call `bot/`, and utter domain responses."""
