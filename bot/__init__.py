"""Domain logic for the neglect-concern assistant.

Nothing in this package imports Rasa: the knowledge base, place resolution, routing,
office hours and summaries are plain Python so they can be tested without a bot.
"""
