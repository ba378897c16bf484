"""Sender ids: what a client may send, and the keyed hash that is all the server ever keeps.

The REST channel has no login: whoever knows a conversation's sender id can continue it. So an
id must be hard to guess (at least 22 characters of A-Za-z0-9_-, i.e. 128 random bits as the
widget draws them) and short enough not to be a way of filling disks or forging log lines.
Past the channel only `SenderIds.hashed(id)` is used: in the conversation store, the lock store,
the logs and the action server; without the key it cannot be turned back into the id.
"""
from __future__ import annotations

import hashlib
import hmac
import re

VALID = re.compile(r"[A-Za-z0-9_-]{22,128}")
ERROR = "sender must be 22 to 128 characters of A-Z, a-z, 0-9, _ or - (for example 16 random bytes in base64url)"


def is_valid(sender: object) -> bool:
    return isinstance(sender, str) and VALID.fullmatch(sender) is not None


class SenderIds:
    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("the sender-id key must be at least 16 bytes")
        self._key = key

    def hashed(self, sender: str) -> str:
        return hmac.new(self._key, sender.encode(), hashlib.sha256).hexdigest()
