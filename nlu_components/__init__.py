"""Custom Rasa NLU graph components (loaded by name from config.yml)."""
