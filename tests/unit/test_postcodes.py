"""One postcode shape for places, redaction and the knowledge tables."""
from bot import postcodes
from bot.redaction import redact


def test_a_full_postcode_is_written_one_way_however_it_is_typed():
    assert postcodes.written("ng55ab") == postcodes.written(" NG5 5AB ") == "NG5 5AB"
    assert postcodes.written("sw1a 1aa") == "SW1A 1AA"


def test_inward_letters_royal_mail_never_uses_make_no_postcode():
    assert postcodes.written("LE1 6CI") is None
    assert postcodes.written("NG5") is None


def test_redaction_hides_exactly_what_places_would_read_as_a_full_postcode():
    assert redact("She lives at NG5 5AB now") == "She lives at [postcode] now"
    assert "[postcode]" not in redact("Ref LE1 6CI on the letter")
