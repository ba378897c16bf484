"""Logs that never hold what a user typed, a slot value, a conversation or a token.

Rasa and Rasa SDK log message texts, slot values and whole trackers at debug level, quote a
"/" message they cannot parse, and an action server's error reply quotes the tracker it was
sent. `install()` puts `PrivateLogFilter` on every log handler of the process (also on handlers
added later, such as Rasa's and Sanic's own), which:

- drops debug records of every library (only this project's own modules may log at debug);
- drops records known to quote a user's message;
- replaces an exception's message and traceback by its type and where it was raised
  (exception messages can quote data);
- hides `token=` values and redacts what is left (bot/redaction.py), as a last line of defence.

`PrivateLogFile` is a log file of mode 600 that starts a new file each midnight and deletes the
ones older than the retention period; `purge_log_files` does the same for a folder of them.
"""
from __future__ import annotations

import logging
import math
import os
import re
import time
import traceback
from logging.handlers import TimedRotatingFileHandler
from pathlib import Path
from typing import Iterable, Optional

from bot.redaction import redact

OWN_LOGGERS = ("actions", "bot", "deploy", "server_plugins", "stack")
# Records that quote what the user sent, by logger name and a piece of their text.
_QUOTING_USER_TEXT = (
    ("rasa.shared.core.training_data.story_reader", ""),
    ("py.warnings", "Failed to parse arguments in line"),
    ("py.warnings", "Expected the intent to be one of"),
    ("rasa.core.channels", "while handling user message"),
)
_TOKEN = re.compile(r"(token=)[^&\s'\"]+", re.IGNORECASE)


def hide_tokens(text: str) -> str:
    return _TOKEN.sub(r"\1[hidden]", text)


def describe_exception(error: BaseException) -> str:
    """`ValueError at actions/concern_form.py:42 in validate_place`, and its causes: no messages."""
    parts = []
    while error is not None and len(parts) < 4:
        frames = traceback.extract_tb(error.__traceback__)
        where = f" at {_short(frames[-1].filename)}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
        parts.append(f"{type(error).__name__}{where}")
        error = error.__cause__ or error.__context__
    return " <- caused by ".join(parts)


def _short(filename: str) -> str:
    marker = "site-packages/"
    return filename.split(marker, 1)[1] if marker in filename else os.path.relpath(filename) if os.path.isabs(filename) else filename


class PrivateLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.split(".")[0] in OWN_LOGGERS
        if record.levelno < logging.INFO and not own:
            return False
        message = record.getMessage()
        if any(record.name.startswith(name) and piece in message for name, piece in _QUOTING_USER_TEXT):
            return False
        if record.exc_info and record.exc_info[1] is not None:
            message = f"{message} [{describe_exception(record.exc_info[1])}]"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        record.msg, record.args = redact(hide_tokens(message)), ()
        return True


_FILTER = PrivateLogFilter()


def _with_filter(handlers: Iterable[logging.Handler]) -> None:
    for handler in handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


def install() -> None:
    """The filter on every handler of this process, now and later; warnings go through logging."""
    logging.captureWarnings(True)
    _with_filter(logging.getLogger().handlers)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            _with_filter(logger.handlers)
    if logging.lastResort is not None:
        _with_filter([logging.lastResort])
    if getattr(logging.Logger.addHandler, "private", False):
        return
    add_handler = logging.Logger.addHandler

    def add_private_handler(self: logging.Logger, handler: logging.Handler) -> None:
        _with_filter([handler])
        add_handler(self, handler)

    add_private_handler.private = True
    logging.Logger.addHandler = add_private_handler


def keep_days(env: Optional[dict] = None) -> float:
    from bot.retention import retention_days

    return retention_days((os.environ if env is None else env).get("RETENTION_DAYS"))


class PrivateLogFile(TimedRotatingFileHandler):
    """A log file of mode 600: a new one each midnight, those older than `days` deleted."""

    def __init__(self, path: Path, days: float):
        Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        super().__init__(str(path), when="midnight", backupCount=max(1, math.ceil(days)), encoding="utf-8")

    def _open(self):
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(descriptor, 0o600)
        return os.fdopen(descriptor, "a", encoding=self.encoding)


def purge_log_files(folder: Path, days: float, now: Optional[float] = None) -> int:
    """Delete log files in `folder` not written to for more than `days`; how many."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - days * 86400
    deleted = 0
    for path in folder.iterdir():
        if path.is_file() and ".log" in path.name and path.stat().st_mtime < cutoff:
            path.unlink()
            deleted += 1
    return deleted


def main(argv=None) -> int:
    """`python -m bot.private_logs FILE`: what comes on standard input into a `PrivateLogFile`."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    handler = PrivateLogFile(Path(argv[0]), keep_days())
    handler.setFormatter(logging.Formatter("%(message)s"))
    for line in sys.stdin:
        handler.emit(logging.makeLogRecord({"msg": hide_tokens(line.rstrip("\n")), "levelno": logging.INFO}))
    handler.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
