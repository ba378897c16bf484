"""Rasa SDK's action server as scripts/serve and deploy/stack.py start it, with private logs.

    python -m server_plugins.action_server --port 5055 --actions actions

Rasa SDK, when an action raises, logs the exception with its message and answers Rasa with the
whole request, tracker included; Rasa then logs that answer. Here a failure is logged as the
action's name and the exception's type and place, and the answer holds neither. It listens on
SANIC_HOST (default 127.0.0.1), as `rasa run actions` does with its default of 0.0.0.0.
"""
from __future__ import annotations

import logging
import os
import sys
from typing import Union

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)


async def action_failed(request: Request, exception: Exception) -> HTTPResponse:
    try:
        action = (request.json or {}).get("next_action")
    except Exception:  # noqa: BLE001 (a body that is not JSON)
        action = None
    from bot.private_logs import describe_exception

    logger.error("Action %s failed: %s", action if isinstance(action, str) and action.isidentifier() else "?",
                 describe_exception(exception))
    return response.json({"error": "the action failed; the action server's log says where"}, status=500)


def create_app(actions: Union[str, object]) -> Sanic:
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(actions, cors_origins="")
    app.error_handler.add(Exception, action_failed)
    return app


def main() -> int:
    from bot.private_logs import install

    install()
    from rasa_sdk import utils
    from rasa_sdk.endpoint import create_argument_parser

    args = create_argument_parser().parse_args()
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    app = create_app(args.actions)
    app.run(os.environ.get("SANIC_HOST", "127.0.0.1"), args.port, workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
