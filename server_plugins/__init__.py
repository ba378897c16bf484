"""Plug-ins the Rasa server loads by module path: the REST channel (credentials.yml) and the
tracker store (endpoints.yml). Small adapters; the logic they apply lives in `bot/`."""
