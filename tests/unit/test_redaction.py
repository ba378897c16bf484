"""What is stored has no phone numbers, email addresses or full postcodes; districts stay."""
import pytest

from bot.redaction import EMAIL, PHONE, POSTCODE, identifiers_in, redact, redact_event


@pytest.mark.parametrize("text, gone, placeholder", [
    ("call me on 07700 900123 please", "900123", PHONE),
    ("my mobile is 07700900123", "07700900123", PHONE),
    ("ring +44 20 7946 0958", "7946", PHONE),
    ("school office 0115 876 4800", "876 4800", PHONE),
    ("email jo.bloggs+work@example.org.uk", "bloggs", EMAIL),
    ("they live at NG5 1AB", "1AB", POSTCODE),
    ("postcode sw1a1aa", "sw1a1aa", POSTCODE),
    ("number 0115-876-4800 ext", "876", PHONE),
])
def test_personal_details_are_replaced(text, gone, placeholder):
    redacted = redact(text)
    assert gone not in redacted
    assert placeholder in redacted


@pytest.mark.parametrize("text", [
    "who do I call in NG5?", "out of hours number for Mansfield", "call 999 or 101", "a 7 year old",
    "I'm worried about a child", "", "section 47",
])
def test_ordinary_text_and_postcode_districts_are_kept(text):
    assert redact(text) == text


def test_a_stored_user_event_keeps_its_intent_but_not_the_number():
    event = {"event": "user", "timestamp": 1.5, "text": "ring me on 07700 900123 about NG5",
             "parse_data": {"text": "ring me on 07700 900123 about NG5", "intent": {"name": "ask_contact"},
                            "entities": [{"entity": "place", "value": "NG5"}]},
             "metadata": {"note": "jo@example.org"}}
    stored = redact_event(event)
    assert "900123" not in str(stored) and "jo@example.org" not in str(stored)
    assert stored["parse_data"]["intent"] == {"name": "ask_contact"}
    assert stored["parse_data"]["entities"][0]["value"] == "NG5"
    assert "NG5" in stored["text"] and stored["timestamp"] == 1.5
    assert "900123" in event["text"]  # the live event is left as it was


def test_a_reply_redacted_again_is_redacted_the_same_and_nothing_raw_is_remembered():
    from bot import redaction

    reply = {"event": "bot", "text": "Jayden (7): call the MASH on 0115 876 4800 or email jo@example.org",
             "data": {"custom": {"note": "ring 07700 900123"}},
             "metadata": {"utter_action": "utter_route", "route": "MASH: 0115 876 4800", "model_id": "20261203-0a1b2c"}}
    first, again = redact_event(reply), redact_event(reply)
    assert first == again
    assert "876 4800" not in str(first) and "Jayden" not in first["text"] and "900123" not in str(first)
    assert first["metadata"]["model_id"] == "20261203-0a1b2c" and first["metadata"]["utter_action"] == "utter_route"
    remembered = str(list(redaction._remembered.items()))
    assert "876 4800" not in remembered and "Jayden" not in remembered and "jo@example.org" not in remembered
    # what this turn's message gave away goes from the reply too, remembered or not
    assert "Kelly" not in redact_event({"event": "bot", "text": "Thanks, Kelly."}, {"Kelly": "name"})["text"]


def test_text_without_digits_loses_names_schools_and_emails_still():
    assert redact("my mum Kelly Smith, at St Mary's Primary, jo@example.org") == "my mum [name], at [school], [email address]"


def test_slot_values_and_bot_text_are_redacted():
    assert redact_event({"event": "slot", "name": "q_plan", "value": "mum said call 07700 900123"})["value"] == f"mum said call {PHONE}"
    assert redact_event({"event": "slot", "name": "area", "value": None})["value"] is None
    assert PHONE in redact_event({"event": "bot", "text": "You said 07700 900123."})["text"]
    assert redact_event({"event": "action", "name": "action_listen"}) == {"event": "action", "name": "action_listen"}


@pytest.mark.parametrize("text, gone, placeholder", [
    ("Jayden (7) lives with mum Kelly Smith", "Kelly Smith", "[name]"),
    ("a boy called tyler, he's 9", "tyler", "[name]"),
    ("Jayden told me there's never food on a Friday", "Jayden", "[name]"),
    ("at break Ruby Smith said she was hungry", "Ruby Smith", "[name]"),
    ("NHS number 943 476 5919", "476 5919", "[NHS number]"),
    ("NI number QQ 12 34 56 C", "34 56", "[NI number]"),
    ("DOB 12/03/2016", "12/03/2016", "[date of birth]"),
    ("born 5th June 2020", "June 2020", "[date of birth]"),
    ("they live at 12 Acacia Avenue, Bulwell", "Acacia", "[address]"),
    ("she's in Y3 at St Mary's", "Mary", "[school]"),
    ("he goes to oakwood primary", "oakwood", "[school]"),
])
def test_names_dates_numbers_addresses_and_schools_are_replaced(text, gone, placeholder):
    redacted = redact(text)
    assert gone not in redacted and placeholder in redacted


@pytest.mark.parametrize("text", [
    "she's 7, in Y3, in NG5", "aged 14 and in year 9", "there are 4 kids, born 2015 to 2021", "review it by 31/03/2099",
    "I called the MASH in Mansfield twice", "from 2015 - 2016", "Y7 2ND set", "3 kids on the same road",
    "I'm a teacher at the local primary", "NHS number 123 456 7890 please", "Mum said the GP told her it was fine",
    "the school said she was late", "hi im a HV in Carlisle, 8 month old not gaining weight", "we're at Morecambe, 6 kids in the flat",
])
def test_what_the_assistant_needs_stays(text):
    if "NHS" in text:  # ten digits failing the NHS check digit are still taken as a number, never kept
        assert "456 7890" not in redact(text)
        return
    assert redact(text) == text


def test_a_bot_message_card_is_redacted_but_its_buttons_kept():
    event = {"event": "bot", "text": "Your plan", "data": {
        "custom": {"kind": "plan", "markdown": "Lead: Kelly Smith, call 07700 900123"},
        "buttons": [{"title": "Nottingham", "payload": '/inform_place{"place": "Nottingham"}'}]}}
    stored = redact_event(event)
    assert "07700" not in str(stored) and stored["data"]["buttons"] == event["data"]["buttons"]


def test_what_a_message_gave_away_goes_from_its_entities_slots_and_replies_too():
    message = "Jayden (10) lives with mum Kelly Brightwater"
    known = identifiers_in(message)
    assert known == {"Jayden": "name", "Kelly Brightwater": "name", "Kelly": "name", "Brightwater": "name"}
    event = {"event": "user", "text": message, "parse_data": {"text": message, "entities": [
        {"entity": "place", "value": "Jayden"}, {"entity": "place", "value": "Kelly"}, {"entity": "age", "value": "10"}]}}
    stored = redact_event(event, known)
    assert [e["value"] for e in stored["parse_data"]["entities"]] == ["[name]", "[name]", "10"]
    assert identifiers_in("they live at 12 Acacia Avenue")["Acacia"] == "address" and "Avenue" not in identifiers_in(
        "they live at 12 Acacia Avenue")
    assert redact_event({"event": "slot", "name": "q_x", "value": "Jayden again"}, known)["value"] == "[name] again"
    assert redact_event({"event": "bot", "text": "About Jayden: noted."}, known)["text"] == "About [name]: noted."


@pytest.mark.xfail(strict=True, reason="known gap: a full name with no cue before or after it (no 'mum', 'called', "
                                        "'(10)', 'said') is not found without a name model; answers about the family invite it")
def test_a_full_name_opening_a_sentence_with_no_cue_is_replaced():
    assert "Brightwater" not in redact("Kelly Brightwater drinks most evenings")
