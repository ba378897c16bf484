"""Keys are generated once into private files; sender ids are checked and only kept hashed."""
import os
import stat

import pytest
from cryptography.fernet import Fernet, InvalidToken

from bot import keys
from bot.encryption import EventCipher
from bot.sender_ids import SenderIds, is_valid


def test_keys_are_generated_once_into_private_files(tmp_path):
    env = {"SECRETS_DIR": str(tmp_path / "secrets")}
    first = keys.tracker_keys(env)
    assert keys.tracker_keys(env) == first and len(first) == 1
    Fernet(first[0])  # a usable key
    for name in (keys.TRACKER_KEYS_FILE,):
        assert stat.S_IMODE(os.stat(tmp_path / "secrets" / name).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "secrets").st_mode) == 0o700
    assert keys.sender_id_key(env) == keys.sender_id_key(env)
    assert stat.S_IMODE(os.stat(tmp_path / "secrets" / keys.SENDER_KEY_FILE).st_mode) == 0o600


def test_keys_given_by_environment_are_used_and_nothing_is_written(tmp_path):
    key = Fernet.generate_key().decode()
    env = {"SECRETS_DIR": str(tmp_path / "s"), "TRACKER_ENCRYPTION_KEYS": key, "SENDER_ID_KEY": "k" * 32}
    assert keys.tracker_keys(env) == [key.encode()] and keys.sender_id_key(env) == b"k" * 32
    assert not (tmp_path / "s").exists()


def test_old_keys_still_decrypt_and_the_newest_encrypts():
    old, new = Fernet.generate_key(), Fernet.generate_key()
    stored = EventCipher([old]).encrypt('{"text": "hello"}')
    rotated = EventCipher([new, old])
    assert rotated.decrypt(stored) == '{"text": "hello"}'
    again = rotated.reencrypt(stored)
    assert EventCipher([new]).decrypt(again) == '{"text": "hello"}'
    with pytest.raises(InvalidToken):
        EventCipher([new]).decrypt(stored)
    assert rotated.decrypt('{"text": "written before encryption"}') == '{"text": "written before encryption"}'


@pytest.mark.parametrize("sender, valid", [
    ("a1", False), ("prod-1234abcd", False), ("x" * 21, False), ("x" * 22, True), ("x" * 129, False),
    ("Zq3_-" * 5 + "ab", True), ("0f8fad5b-d9cb-469f-a165-70867728950e", True), ("bad id with spaces here!!", False),
    ("ünïcödé" * 5, False), ("x" * 21 + "\n", False), (None, False), (12345678901234567890123, False),
])
def test_sender_ids_must_be_long_random_looking_strings(sender, valid):
    assert is_valid(sender) is valid


def test_sender_ids_are_kept_as_keyed_hashes():
    ids = SenderIds(b"k" * 32)
    hashed = ids.hashed("x" * 22)
    assert hashed == ids.hashed("x" * 22) and "x" * 22 not in hashed and len(hashed) == 64
    assert SenderIds(b"j" * 32).hashed("x" * 22) != hashed
