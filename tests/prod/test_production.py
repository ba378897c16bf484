"""Production mode, through the proxy and the replicas: what the user sees when servers come and go.

The stack (tests/prod/conftest.py) is shared; a test that stops a service starts it again.
"""
from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.request

import pytest
import sqlalchemy as sa

from bot.wording import load as wording
from tests.conftest import say, text_of
from tests.unit.kb_helpers import area_phone, national_phone

CALL_999 = wording().text("utter_if_danger_call_999")  # the one 999 sentence, filled in every reply that gives it

IN_DANGER = "is the child in immediate danger right now?"
ROLE = "What is your role?"
PLACE = "Which town, district or council area"
AGE = "Roughly how old is the child?"
MANSFIELD_DOOR = area_phone("nottinghamshire", "front_door")
NSPCC = national_phone("helpline")
CALM = "part of this service isn't working"


def chat(url: str, sender: str, message: str) -> str:
    return text_of(say(url, sender, message))


@pytest.fixture
def stored_user_texts(stored):
    return lambda events_db, sender: [event["text"] for event in stored.events(events_db, sender, "user")]


def test_two_replicas_serve_one_conversation_alternately_in_order(prod, events_db, sender, stored_user_texts):
    one, two = prod.replica_url(1), prod.replica_url(2)
    turns = [(one, "I'm worried about a child", IN_DANGER), (two, "no", ROLE), (one, "teacher", PLACE),
             (two, "Mansfield", AGE)]
    for url, message, expected_question in turns:
        assert expected_question in chat(url, sender, message)
    assert stored_user_texts(events_db, sender) == [message for _, message, _ in turns]


def test_the_proxy_spreads_one_conversation_over_both_replicas(prod, events_db, sender, stored_user_texts):
    assert MANSFIELD_DOOR in chat(prod.url, sender, "who do I call in Mansfield?")
    for _ in range(3):
        assert "Out of hours in the" in chat(prod.url, sender, "out of hours number")
    assert len(stored_user_texts(events_db, sender)) == 4
    with open(prod.logs / "nginx.log") as log:
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
        assert CALL_999 in chat(prod.url, sender, "a child is in danger right now")
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


def test_personal_details_are_redacted_and_encrypted_before_they_are_stored_and_never_logged(prod, events_db, sender, stored):
    reply = chat(prod.url, sender, "who do I call in Mansfield? ring me on 07700 900123 or jo.bloggs@example.org, NG18 1AB")
    assert MANSFIELD_DOOR in reply  # NLU saw the original text
    with events_db.connect() as connection:
        raw = " ".join(data for (data,) in connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s"),
                                                               {"s": stored.id(sender)}))
    assert raw and "Mansfield" not in raw  # encrypted
    decrypted = json.dumps(stored.events(events_db, sender))
    assert "900123" not in decrypted and "jo.bloggs" not in decrypted and "1AB" not in decrypted
    assert "[phone number]" in decrypted and "[email address]" in decrypted and "[postcode]" in decrypted
    for log in prod.logs.glob("*.log*"):
        text = log.read_text(errors="replace")
        assert "900123" not in text and "Mansfield" not in text and sender not in text, log.name


def test_purge_deletes_old_conversations_only(prod, events_db, sender, stored, stored_user_texts):
    old, recent = f"{sender}-old", f"{sender}-recent"
    chat(prod.url, old, "hello")
    chat(prod.url, recent, "hello")
    with events_db.begin() as connection:
        connection.execute(sa.text("UPDATE events SET timestamp = timestamp - 40 * 86400 WHERE sender_id = :s"),
                           {"s": stored.id(old)})
    assert "Deleted 1 conversation(s)" in prod.purge()
    with events_db.connect() as connection:  # and the table was vacuumed after the delete
        assert connection.execute(sa.text("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'events'")).scalar()
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
    # One kept-alive TLS connection, so the burst is faster than the limit however busy the machine is.
    connection = http.client.HTTPSConnection("127.0.0.1", prod.proxy_port, timeout=10, context=prod.tls_context())
    try:
        for _ in range(300):
            connection.request("GET", "/webhooks/rest/")
            response = connection.getresponse()
            codes.append(response.status)
            text = response.read().decode()
            body = text if response.status == 429 else body
    finally:
        connection.close()
        time.sleep(3)  # the limit's bucket (burst 20 at 10 a second) refills before the next test's requests
    assert 429 in codes and "Too many messages" in body


def _uid(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("Uid:")).split()[1])


def test_every_server_runs_unprivileged(prod):
    for name, service in prod.services.items():
        assert service.running(), name
        assert _uid(service.process.pid) != 0, f"{name} runs as root"


def test_the_applications_database_role_is_not_a_superuser(events_db):
    with events_db.connect() as connection:
        assert connection.execute(sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar() is False


def test_the_proxy_speaks_only_tls_and_serves_the_widget(prod):
    assert prod.url.startswith("https://")
    with urllib.request.urlopen(f"{prod.url}/widget/neglect-chat.js", timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200 and response.headers["Content-Type"].startswith("text/javascript")
        assert b"neglectChat" in response.read()
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{prod.url}/widget/server.py", timeout=10)  # noqa: S310 (loopback)
    assert error.value.code == 404
    with pytest.raises((urllib.error.HTTPError, urllib.error.URLError, ConnectionError)):
        urllib.request.urlopen(f"http://127.0.0.1:{prod.proxy_port}/webhooks/rest/", timeout=10)  # noqa: S310 (loopback)


def test_the_api_token_is_read_from_a_file_never_a_command_line_or_a_log(prod):
    token = open(prod.api_token_file).read().strip()
    with urllib.request.urlopen(f"{prod.url}/status?token={token}", timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200  # the API works with the token from the file
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{prod.url}/status?token=wrong-{token}", timeout=10)  # noqa: S310 (loopback)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                assert token.encode() not in cmdline.read(), f"the token is on the command line of process {pid}"
            with open(f"/proc/{pid}/environ", "rb") as environ:
                assert token.encode() not in environ.read(), f"the token is in the environment of process {pid}"
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    for log in prod.logs.glob("*.log*"):
        assert token not in log.read_text(errors="replace"), log.name


def test_log_files_are_private(prod):
    assert oct(prod.logs.stat().st_mode & 0o777) == "0o700"
    logs = list(prod.logs.glob("*.log*"))
    assert {path.name for path in logs} >= {"replica1.log", "actions.log", "nginx.log", "postgres.log"}
    for path in logs:
        assert oct(path.stat().st_mode & 0o777) == "0o600", path.name


def test_a_short_sender_id_is_refused_through_the_proxy(prod):
    with pytest.raises(urllib.error.HTTPError) as error:
        say(prod.url, "prod-1234", "hello")
    assert error.value.code == 400 and "error" in json.loads(error.value.read())
