"""The widget against the real running assistant (started by the `live_bot` fixture): a whole
guided conversation, bot answers with tel: links, markup typed by a user shown as text, axe-core
on the open widget, and the README's screenshot (written to docs/ only by `make screenshot`, which
sets README_SCREENSHOT, so a test run leaves the committed picture alone)."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from bot.wording import load as wording
from tests.browser.conftest import CSP_LISTENER, PageWatch, browser_tools
from tests.browser.test_widget import bot_messages, open_widget, run_axe, send

CALL_999 = wording().text("utter_if_danger_call_999")  # the one 999 sentence, filled in every reply that gives it

expect = browser_tools().expect
XSS = "<img src=x onerror=alert(1)>"


@contextlib.contextmanager
def widget_open(browser, live_bot):
    """A fresh browser context on the demo page with the widget open: (page, what it watched)."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB", reduced_motion="reduce")
    context.add_init_script(CSP_LISTENER)
    context.set_default_timeout(60_000)
    page = context.new_page()
    watch = PageWatch(page)
    try:
        open_widget(page, live_bot.widget_url)
        yield page, watch
    finally:
        context.close()


def test_a_whole_guided_conversation_through_the_widget(browser, live_bot):
    with widget_open(browser, live_bot) as (page, watch):
        send(page, "hello")
        page.get_by_role("button", name="I'm worried about a child").click()
        expect(bot_messages(page).last).to_contain_text("immediate danger")
        page.get_by_role("button", name="No").click()
        expect(bot_messages(page).last).to_contain_text("your role")
        for answer, next_question in [
            ("school nurse", "council area"),
            ("Thornaby", "how old"),
            ("7", "significant harm"),
            (XSS + " he is hungry most days", "daily life"),
            ("skip", "child said"),
            ("nobody has asked him yet", "impact"),
        ]:
            send(page, answer)
            expect(bot_messages(page).last).to_contain_text(next_question, ignore_case=True)
        # Markup a user typed is shown literally, never turned into an element.
        expect(page.locator(".nc-log").get_by_text(XSS, exact=False).first).to_be_visible()
        assert page.locator(".nc-log img").count() == 0
        level = page.get_by_role("button", name="It may be significant harm")
        answers = iter(("tired and falling behind", "missed dental appointments", "mum has little money and the flat is cold",
                        "his nan helps on Sundays", "mum agreed but nothing changed", "told the GP", "no plan yet",
                        "always agrees, nothing changes", "a younger brother"))
        for answer in answers:  # the guided questions as they are today, however many there are
            send(page, answer)
            if level.count():
                break
        level.click()
        expect(page.get_by_role("button", name="Copy summary")).to_be_visible()
        # The route names the area's front door or out-of-hours team as a tel: link.
        assert page.locator(".nc-log a[href^='tel:+441642']").count() >= 1
        page.locator(".nc-log").evaluate("log => log.scrollTop = log.scrollHeight")
        results = run_axe(page, ".nc-panel")
        assert results["violations"] == [], "axe violations on the open widget (see output)"
        assert watch.dialogs == [] and watch.csp_messages() == [] and watch.errors == []


def test_danger_at_any_point_gets_999_as_a_tel_link(browser, live_bot):
    with widget_open(browser, live_bot) as (page, _):
        send(page, "who do I call in Oakham")
        send(page, "a child is in danger right now")
        expect(bot_messages(page).filter(has_text=CALL_999).first).to_be_visible()
        expect(page.locator(".nc-log a[href='tel:999']").first).to_be_visible()


def test_reporting_a_wrong_number_from_the_widget(browser, live_bot):
    with widget_open(browser, live_bot) as (page, watch):
        send(page, "who do I call about a child in Leicester")
        expect(page.get_by_role("button", name="Yes, it was right")).to_be_visible()
        page.get_by_role("button", name="Report a wrong number").click()
        expect(page.locator(".nc-log").get_by_text("may be wrong", exact=False)).to_be_visible()
        expect(page.locator(".nc-quick")).to_have_count(0)
        assert watch.errors == [] and watch.csp_messages() == []


def test_screenshot_of_the_open_widget_mid_conversation_for_the_readme(browser, live_bot, tmp_path):
    with widget_open(browser, live_bot) as (page, _):
        send(page, "who do I call about a child in Twickenham?")
        page.locator(".nc-input").fill("I'm worried about a child")
        # Show the answer from its start: the user's question at the top of the log.
        page.evaluate("() => { const log = document.querySelector('.nc-log');"
                      " const last = [...log.querySelectorAll('.nc-msg--user')].pop();"
                      " log.scrollTop = last.offsetTop - log.offsetTop - 12; }")
        target = Path(os.environ.get("README_SCREENSHOT") or tmp_path / "widget.png")
        page.screenshot(path=str(target))
        assert target.stat().st_size > 10_000
