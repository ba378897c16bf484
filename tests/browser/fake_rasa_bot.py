"""A scripted stand-in for Rasa's REST channel (`rasa run --cors ...`), for the widget tests.

POST /webhooks/rest/webhook {"sender": ..., "message": ...} -> JSON list of bot messages,
with CORS headers echoing the request's Origin. Every request is recorded.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REST_PATH = "/webhooks/rest/webhook"

SUMMARY_TITLE = "Neglect concern summary"
SUMMARY_TEXT = (
    "Concern: Year 3 pupil often arrives hungry and in unwashed clothes.\n"
    "What I have done: spoken to the designated safeguarding lead (DSL).\n"
    "Next step: DSL to call the children's services front door on 0116 454 1004 today."
)
SUMMARY_MARKDOWN = "# Referral draft\n\n## 1. What the concern is, and why now\n- Often arrives hungry.\n"
ACTION_PLAN = "# Action plan\n\n- Record the concern today\n- Speak to your DSL\n"
PLAN_TITLE = "Action plan: embedding the neglect toolkit"
PLAN_TEXT = "ACTION PLAN: EMBEDDING THE NEGLECT TOOLKIT\n1. Name the lead for the neglect toolkit\n   Owner: DSL <b>x</b>"
PLAN_MARKDOWN = "# Action plan: embedding the neglect toolkit\n\n| # | Action | Owner |\n|---|---|---|\n| 1 | Name the lead | DSL |\n"
XSS_TEXT = "Here is some markup: <img src=x onerror=alert(1)> and <script>alert(2)</script> **<b>bold?</b>**"

GREETING = {
    "text": "Hello. I can help you think through a worry about a child. "
            "Is the child in immediate danger?",
    "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
}
DANGER = {
    "text": "If a child is in danger right now, **call 999 now**.\n"
            "For police advice that is not an emergency, call 101.",
}
CONTACTS = {
    "text": "Thank you. Here are some next steps:\n"
            "- Talk to your designated safeguarding lead today\n"
            "- Call the children's services front door on 0116 454 1004\n"
            "- Call the NSPCC helpline on 0808 800 5000\n"
            "\nMore guidance: https://www.nspcc.org.uk/keeping-children-safe/.",
    "buttons": [{"title": "Make a summary", "payload": "/summary"}],
}

# A contact answer as the real bot sends it: the answer (999 advice included), then the one-line
# "Was this number right?" with its two buttons, as a message of its own.
NUMBER_ANSWER = {
    "text": "For a child who lives in the Leicester City Council area:\n"
            "1. Duty and Advice Service: 0116 454 1004 (24 hours a day)\n\n"
            "If a child is in immediate danger, call 999.",
}
NUMBER_FEEDBACK = {
    "text": "Was this number right?",
    "buttons": [{"title": "Yes, it was right", "payload": '/number_was_right{"fact_id": "leicester.front_door"}'},
                {"title": "Report a wrong number", "payload": '/report_wrong_number{"fact_id": "leicester.front_door"}'}],
}
WRONG_NUMBER_RECORDED = {"text": "Thank you. I've recorded that Duty and Advice Service: 0116 454 1004 may be wrong."}


def scripted_reply(message: str):
    """Return (status, body) for a message, like Rasa's REST channel would."""
    m = message.strip().lower()
    if m == "/restart":
        return 200, []
    if m == "fail":
        return 500, {"error": "boom"}
    if m in ("/affirm",) or "danger" in m:
        return 200, [DANGER]
    if m in ("/deny", "phone numbers"):
        return 200, [CONTACTS]
    if m in ("/summary", "summary"):
        return 200, [
            {"text": "Here is a summary you can copy into your records."},
            {"custom": {"kind": "summary", "title": SUMMARY_TITLE, "text": SUMMARY_TEXT, "markdown": SUMMARY_MARKDOWN}},
            {"custom": {"kind": "download", "filename": "action-plan.md",
                        "mime": "text/markdown", "text": ACTION_PLAN}},
        ]
    if m in ("/plan_toolkit", "plan"):
        return 200, [
            {"text": "Here is your action plan."},
            {"custom": {"kind": "plan", "title": PLAN_TITLE, "text": PLAN_TEXT, "markdown": PLAN_MARKDOWN,
                        "filename": "../neglect-toolkit-action-plan-2026-11-24.md"}},
        ]
    if m == "html download":
        return 200, [{"custom": {"kind": "download", "filename": "report.html", "mime": "text/html",
                                 "text": "<script>alert(1)</script>"}}]
    if m == "who do i call in leicester":
        return 200, [NUMBER_ANSWER, NUMBER_FEEDBACK]
    if m.startswith("/report_wrong_number"):
        return 200, [WRONG_NUMBER_RECORDED]
    if m == "xss":
        return 200, [{"text": XSS_TEXT}]
    if m in ("hello", "hi"):
        return 200, [GREETING]
    return 200, [{"text": "Thank you. Tell me a little more about what you have noticed."}]


class FakeRasa:
    """Scripted stand-in for `rasa run --cors ...` REST channel, on 127.0.0.1:<free port>."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _cors(self):
                origin = self.headers.get("Origin")
                if origin:
                    self.send_header("Access-Control-Allow-Origin", origin)
                    self.send_header("Vary", "Origin")

            def do_OPTIONS(self):  # noqa: N802
                self.send_response(204)
                self._cors()
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                self.send_header("Access-Control-Max-Age", "600")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.path != REST_PATH:
                    status, body = 404, {"error": "not found"}
                else:
                    try:
                        data = json.loads(raw)
                        sender, message = data["sender"], data["message"]
                    except (ValueError, KeyError, TypeError):
                        status, body = 400, {"error": "bad request"}
                    else:
                        with fake.lock:
                            fake.requests.append({
                                "sender": sender,
                                "message": message,
                                "origin": self.headers.get("Origin"),
                                "referer": self.headers.get("Referer"),
                                "cookie": self.headers.get("Cookie"),
                            })
                        status, body = scripted_reply(message)
                        if isinstance(body, list):
                            body = [dict(recipient_id=sender, **msg) for msg in body]
                payload = json.dumps(body).encode()
                self.send_response(status)
                self._cors()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "FakeRasa":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()

    def messages(self) -> list[str]:
        with self.lock:
            return [r["message"] for r in self.requests]
