"""The knowledge base: sourced facts about each local area, loaded from `knowledge/`."""
