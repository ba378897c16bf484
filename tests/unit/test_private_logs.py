"""Log records never carry message text, slot values, trackers or tokens; log files are private."""
import io
import logging
import os
import stat


from bot.private_logs import PrivateLogFile, PrivateLogFilter, install


def _through_filter(name, level, message, *args, exc_info=None):
    record = logging.LogRecord(name, level, __file__, 1, message, args, exc_info)
    kept = PrivateLogFilter().filter(record)
    return record.getMessage() if kept else None


def test_debug_records_of_libraries_are_dropped_and_our_own_kept():
    assert _through_filter("rasa.core.processor", logging.DEBUG, "Received user message 'hello'") is None
    assert _through_filter("rasa_sdk.executor", logging.DEBUG, "slot values %s", {"q_plan": "x"}) is None
    assert _through_filter("server_plugins.rest_channel", logging.DEBUG, "a turn") == "a turn"


def test_records_that_quote_the_user_are_dropped():
    assert _through_filter("rasa.shared.core.training_data.story_reader.yaml_story_reader", logging.WARNING,
                           "message.parsing.failed user_text=/x{...}") is None
    assert _through_filter("py.warnings", logging.WARNING, "Failed to parse arguments in line '/x{\"a\": 1}'") is None


def test_exceptions_are_logged_as_type_and_place_without_their_message():
    try:
        raise ValueError("mum Kelly Smith, 07700 900123")
    except ValueError as error:
        import sys
        message = _through_filter("rasa.core.processor", logging.ERROR, "Encountered an exception", exc_info=sys.exc_info())
    assert "ValueError at" in message and "Kelly" not in message and "900123" not in message


def test_what_is_left_is_redacted_and_tokens_hidden():
    message = _through_filter("sanic.access", logging.INFO, "GET /conversations/x/tracker?token=s3cr3t-t0ken call 07700 900123")
    assert "s3cr3t" not in message and "token=[hidden]" in message and "900123" not in message


def test_install_covers_handlers_added_later():
    install()
    stream = io.StringIO()
    logger = logging.getLogger("rasa.test_private_logs")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    try:
        logger.debug("debug text 07700 900123")
        logger.warning("warning text 07700 900123")
    finally:
        logger.removeHandler(handler)
    assert "debug text" not in stream.getvalue() and "warning text [phone number]" in stream.getvalue()


def test_log_files_are_private(tmp_path):
    handler = PrivateLogFile(tmp_path / "log" / "replica1.log", 30)
    handler.emit(logging.makeLogRecord({"msg": "started"}))
    handler.close()
    assert stat.S_IMODE(os.stat(tmp_path / "log" / "replica1.log").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "log").st_mode) == 0o700
    assert handler.backupCount == 30 and handler.when == "MIDNIGHT"
