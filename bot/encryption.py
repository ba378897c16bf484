"""Encryption at rest of the conversation store's events (Fernet: AES-128-CBC with HMAC-SHA256).

Each stored event's JSON is encrypted with the newest key; any listed key decrypts, so keys can
be rotated without losing conversations (keys: bot/keys.py). Rows written before encryption was
switched on (plain JSON) are still read, and re-encrypted by `reencrypt`.

    python -m bot.encryption rotate [--url URL]    new key first, every event re-encrypted with it,
                                                   older keys dropped (key file only; servers stopped)
    python -m bot.encryption reencrypt [--url URL] every event re-encrypted with the newest key
    python -m bot.encryption new-key               print a fresh key (for TRACKER_ENCRYPTION_KEYS)
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Mapping, Optional, Sequence

import sqlalchemy as sa
from cryptography.fernet import Fernet, MultiFernet

from bot import keys

LEGACY_PREFIX = "{"  # a row stored as plain JSON, before encryption


class EventCipher:
    def __init__(self, key_list: Sequence[bytes]):
        self._fernet = MultiFernet([Fernet(key) for key in key_list])

    @classmethod
    def from_environment(cls, env: Optional[Mapping[str, str]] = None) -> "EventCipher":
        return cls(keys.tracker_keys(env))

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, stored: str) -> str:
        if stored.startswith(LEGACY_PREFIX):
            return stored
        return self._fernet.decrypt(stored.encode()).decode()

    def reencrypt(self, stored: str) -> str:
        return self.encrypt(stored) if stored.startswith(LEGACY_PREFIX) else self._fernet.rotate(stored.encode()).decode()


def reencrypt(engine: sa.engine.Engine, cipher: EventCipher) -> int:
    """Every stored event encrypted again with the newest key; the number of events."""
    if not sa.inspect(engine).has_table("events"):
        return 0
    with engine.begin() as connection:
        rows = connection.execute(sa.text("SELECT id, data FROM events")).all()
        for row_id, data in rows:
            connection.execute(sa.text("UPDATE events SET data = :data WHERE id = :id"),
                               {"data": cipher.reencrypt(data), "id": row_id})
    return len(rows)


def _write_keys(path, key_list: Sequence[bytes]) -> None:
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write("".join(key.decode() + "\n" for key in key_list))
    os.replace(temporary, path)


def rotate(url: str, env: Optional[Mapping[str, str]] = None) -> int:
    """A new key in the key file, every event re-encrypted with it, then only the new key kept.

    The new key is saved (beside the old ones) before any event uses it, so stopping half-way
    loses nothing: running it again finishes the job.
    """
    env = os.environ if env is None else env
    if env.get("TRACKER_ENCRYPTION_KEYS"):
        raise SystemExit("The keys come from TRACKER_ENCRYPTION_KEYS: put a new key (python -m bot.encryption new-key) "
                         "first in it, restart, run `python -m bot.encryption reencrypt`, then remove the old key.")
    path = keys.secrets_dir(env) / keys.TRACKER_KEYS_FILE
    new = keys.new_tracker_key().encode()
    _write_keys(path, [new, *keys.tracker_keys(env)])
    engine = sa.create_engine(url, hide_parameters=True)
    try:
        count = reencrypt(engine, EventCipher.from_environment(env))
    finally:
        engine.dispose()
    _write_keys(path, [new])
    return count


def main(argv=None) -> int:
    from bot.retention import default_url

    parser = argparse.ArgumentParser(prog="python -m bot.encryption", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["rotate", "reencrypt", "new-key"])
    parser.add_argument("--url", default=default_url(), help="SQLAlchemy URL of the tracker store (TRACKER_DB_URL)")
    args = parser.parse_args(argv)
    if args.command == "new-key":
        print(keys.new_tracker_key())
        return 0
    if args.command == "rotate":
        print(f"New key in {keys.secrets_dir() / keys.TRACKER_KEYS_FILE}; {rotate(args.url)} event(s) re-encrypted with it.")
        return 0
    engine = sa.create_engine(args.url, hide_parameters=True)
    try:
        print(f"{reencrypt(engine, EventCipher.from_environment())} event(s) re-encrypted with the newest key.")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
