"""The terminal chat of `make shell`: Rasa's console client talking to the REST channel.

`rasa shell` would start a server of its own with Rasa's stock channel, past the checks of
server_plugins/rest_channel.py (sender ids, "/" messages, hashed ids). Here scripts/shell starts
the same servers as `make run` and this client talks to them like the widget does, with a new
random conversation id each time.

    python -m server_plugins.terminal [BOT_URL]      (default http://127.0.0.1:5005)
"""
from __future__ import annotations

import asyncio
import secrets
import sys
import time
import urllib.error
import urllib.request


def wait_until_ready(url: str, timeout: float = 300) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/webhooks/rest/", timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(2)
    return False


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5005"
    print("Starting the assistant (about a minute)...", flush=True)
    if not wait_until_ready(url):
        print("The assistant did not start; see var/log/serve.log.", file=sys.stderr)
        return 1
    from rasa.core.channels.console import record_messages

    asyncio.run(record_messages(secrets.token_urlsafe(16), server_url=url, use_response_stream=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
