"""Production mode, through the proxy and the replicas: what the user sees when servers come and go.

The stack (tests/prod/conftest.py) is shared; a test that stops a service starts it again.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
import sqlalchemy as sa

from tests.conftest import say, text_of

IN_DANGER = "is the child in immediate danger right now?"
ROLE = "What is your role?"
PLACE = "Which town, district or council area"
AGE = "Roughly how old is the child?"
MANSFIELD_DOOR = "0300 500 8090"
NSPCC = "0808 800 5000"
CALM = "part of this service isn't working"


def chat(url: str, sender: str, message: str) -> str:
    return text_of(say(url, sender, message))


def stored_user_texts(events_db, sender: str) -> list:
    with events_db.connect() as connection:
        rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                                  {"s": sender}).all()
    return [json.loads(data)["text"] for (data,) in rows]


def test_two_replicas_serve_one_conversation_alternately_in_order(prod, events_db, sender):
    one, two = prod.replica_url(1), prod.replica_url(2)
    turns = [(one, "I'm worried about a child", IN_DANGER), (two, "no", ROLE), (one, "teacher", PLACE),
             (two, "Mansfield", AGE)]
    for url, message, expected_question in turns:
        assert expected_question in chat(url, sender, message)
    assert stored_user_texts(events_db, sender) == [message for _, message, _ in turns]


def test_the_proxy_spreads_one_conversation_over_both_replicas(prod, events_db, sender):
    assert MANSFIELD_DOOR in chat(prod.url, sender, "who do I call in Mansfield?")
    for _ in range(3):
        assert "Out of hours in the" in chat(prod.url, sender, "out of hours number")
    assert len(stored_user_texts(events_db, sender)) == 4
    with open(prod.logs / "nginx-access.log") as log:
        assert "POST /webhooks/rest/webhook" in log.read()


def test_restarting_a_replica_loses_nothing(prod, sender):
    assert IN_DANGER in chat(prod.url, sender, "I'm worried about a child")
    prod.stop("replica1")
    try:
        assert ROLE in chat(prod.url, sender, "no")  # the proxy skips the stopped replica
        assert PLACE in chat(prod.replica_url(2), sender, "teacher")
    finally:
        prod.start("replica1")
    assert AGE in chat(prod.replica_url(1), sender, "Mansfield")  # the restarted one carries on


def test_with_the_action_server_down_danger_still_gets_999_and_others_a_calm_national_route(prod, sender):
    assert MANSFIELD_DOOR in chat(prod.url, sender, "who do I call in Mansfield?")
    prod.stop("actions")
    try:
        assert "call 999 now" in chat(prod.url, sender, "a child is in danger right now")
        reply = chat(prod.url, sender, "out of hours number")
        assert CALM in reply and "999" in reply and NSPCC in reply
    finally:
        prod.start("actions")
    assert "Out of hours in the" in chat(prod.url, sender, "out of hours number")


def test_restarting_postgres_mid_conversation_loses_nothing(prod, sender):
    assert IN_DANGER in chat(prod.url, sender, "I'm worried about a child")
    assert ROLE in chat(prod.url, sender, "no")
    prod.stop("postgres")
    try:
        reply = chat(prod.url, sender, "teacher")
        assert CALM in reply and "999" in reply and NSPCC in reply
    finally:
        prod.start("postgres", timeout=60)
    assert PLACE in chat(prod.url, sender, "teacher")  # still on the question it was on
    assert AGE in chat(prod.url, sender, "Mansfield")
    logs = "".join(path.read_text() for path in prod.logs.glob("replica*.log"))
    assert "conversation store failed" in logs


def test_with_redis_down_the_user_gets_a_calm_answer_and_the_log_says_why(prod, sender):
    assert MANSFIELD_DOOR in chat(prod.url, sender, "who do I call in Mansfield?")
    prod.stop("redis")
    try:
        reply = chat(prod.url, sender, "out of hours number")
        assert CALM in reply and "999" in reply
    finally:
        prod.start("redis")
    logs = "".join(path.read_text() for path in prod.logs.glob("replica*.log"))
    assert "A turn failed" in logs and "ConnectionError" in logs
    assert "Out of hours in the" in chat(prod.url, sender, "out of hours number")


def test_personal_details_are_redacted_before_they_are_stored_and_never_logged(prod, events_db, sender):
    reply = chat(prod.url, sender, "who do I call in Mansfield? ring me on 07700 900123 or jo.bloggs@example.org, NG18 1AB")
    assert MANSFIELD_DOOR in reply  # NLU saw the original text
    with events_db.connect() as connection:
        stored = " ".join(data for (data,) in connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s"), {"s": sender}))
    assert "900123" not in stored and "jo.bloggs" not in stored and "1AB" not in stored
    assert "[phone number]" in stored and "[email address]" in stored and "[postcode]" in stored
    for log in prod.logs.glob("*.log"):
        assert "900123" not in log.read_text(errors="replace"), log.name


def test_purge_deletes_old_conversations_only(prod, events_db, sender):
    old, recent = f"{sender}-old", f"{sender}-recent"
    chat(prod.url, old, "hello")
    chat(prod.url, recent, "hello")
    with events_db.begin() as connection:
        connection.execute(sa.text("UPDATE events SET timestamp = timestamp - 40 * 86400 WHERE sender_id = :s"), {"s": old})
    assert "Deleted 1 conversation(s)" in prod.purge()
    assert stored_user_texts(events_db, old) == []
    assert stored_user_texts(events_db, recent) == ["hello"]


def test_over_long_messages_get_a_calm_answer(prod, sender):
    assert "too long for me" in chat(prod.url, sender, "x" * 3000)  # the channel's limit
    with pytest.raises(urllib.error.HTTPError) as error:  # the proxy's body limit
        say(prod.url, sender, "x" * 20000)
    assert error.value.code == 413 and "too long for me" in error.value.read().decode()


def test_only_the_proxy_listens_and_the_http_api_is_off(prod):
    listening = {}
    with open("/proc/net/tcp") as table:
        for line in table.readlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A":  # LISTEN
                address, port = local.split(":")
                listening[int(port, 16)] = address
    for port in (*prod.replica_ports, prod.action_port, prod.pg_port, prod.redis_port):
        assert listening.get(port) == "0100007F", f"port {port} listens beyond loopback"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{prod.url}/conversations/x/tracker", timeout=10)  # noqa: S310 (loopback)
    assert error.value.code in (401, 403, 404)


def test_a_burst_from_one_address_is_rate_limited_with_a_short_message(prod):
    codes, body = [], ""
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{prod.url}/", timeout=10)  # noqa: S310 (loopback)
            codes.append(200)
        except urllib.error.HTTPError as error:
            codes.append(error.code)
            body = error.read().decode()
    assert 429 in codes and "Too many messages" in body
