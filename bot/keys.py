"""The secrets that keep stored conversations private, kept out of the repository.

- The tracker store's encryption keys (Fernet): `TRACKER_ENCRYPTION_KEYS` (one or more keys,
  newest first, separated by spaces or commas), or else the file `<SECRETS_DIR>/tracker-keys`
  (one key a line, newest first), generated on first use.
- The key of the sender-id hash: `SENDER_ID_KEY`, or else `<SECRETS_DIR>/sender-id-key`.

`SECRETS_DIR` defaults to var/secrets (git and docker ignore var/). Files are created mode 600
in a mode-700 folder, atomically, so two servers starting together agree on one key.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Callable, List, Mapping, Optional

from cryptography.fernet import Fernet

TRACKER_KEYS_FILE = "tracker-keys"
SENDER_KEY_FILE = "sender-id-key"


def secrets_dir(env: Optional[Mapping[str, str]] = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("SECRETS_DIR") or "var/secrets")


def secret_file(path: Path, generate: Callable[[], str]) -> str:
    """The secret kept in `path`, written there (mode 600) from `generate()` the first time.

    Written to a private temporary file and linked into place, so a reader never sees half a
    key and of two processes racing the first one wins for both.
    """
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(generate() + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()


def new_tracker_key() -> str:
    return Fernet.generate_key().decode()


def tracker_keys(env: Optional[Mapping[str, str]] = None) -> List[bytes]:
    """The encryption keys, newest (the one that encrypts) first."""
    env = os.environ if env is None else env
    text = env.get("TRACKER_ENCRYPTION_KEYS") or secret_file(secrets_dir(env) / TRACKER_KEYS_FILE, new_tracker_key)
    keys = text.replace(",", " ").split()
    if not keys:
        raise ValueError("TRACKER_ENCRYPTION_KEYS is set but holds no key")
    return [key.encode() for key in keys]


def sender_id_key(env: Optional[Mapping[str, str]] = None) -> bytes:
    env = os.environ if env is None else env
    key = env.get("SENDER_ID_KEY") or secret_file(secrets_dir(env) / SENDER_KEY_FILE, lambda: secrets.token_urlsafe(32))
    return key.encode()
