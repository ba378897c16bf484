"""`rasa` as scripts/serve and deploy/stack.py start it: private logs, and the API token from a file.

    python -m server_plugins.rasa_main run [the options of `rasa run`]

The log filter (`bot.private_logs`) is installed before Rasa configures its logging, so it is on
every handler Rasa, Sanic and structlog add. With `--enable-api`, the token is read from the file
named by `RASA_API_TOKEN_FILE` and handed to Rasa inside this process: it is never on a command
line that `ps` shows, nor in the environment.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional


def api_token_arguments(argv: List[str], env=os.environ) -> Optional[List[str]]:
    """`--auth-token=TOKEN` for `--enable-api` (one word: a token may start with "-"), [] without
    it, None when the token file is missing."""
    if "--enable-api" not in argv:
        return []
    path = env.get("RASA_API_TOKEN_FILE")
    token = Path(path).read_text().strip() if path and Path(path).is_file() else ""
    return [f"--auth-token={token}"] if len(token) >= 16 else None


def main() -> int:
    from bot.private_logs import install

    install()
    argv = sys.argv[1:]
    if any(argument == "-t" or argument.startswith("--auth-token") for argument in argv):
        print("Give the API token in a file named by RASA_API_TOKEN_FILE, never on the command line.", file=sys.stderr)
        return 2
    token = api_token_arguments(argv)
    if token is None:
        print("ENABLE_API=1 needs RASA_API_TOKEN_FILE: a file (mode 600) holding a long random token; not starting.",
              file=sys.stderr)
        return 2
    sys.argv = ["rasa", *argv, *token]
    from rasa.__main__ import main as rasa

    rasa()
    return 0


if __name__ == "__main__":
    sys.exit(main())
