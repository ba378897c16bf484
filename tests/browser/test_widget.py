"""Browser tests for the self-hosted chat widget (widget/), in headless Debian Chromium.

Run:  pytest tests/browser            (fake scripted bot; test_widget_live.py uses the real one)
      BOT_URL=http://localhost:5005 pytest tests/browser   (an already running bot; only @real_bot tests)

Needs: Debian's chromium (/usr/bin/chromium; `make chromium`), and from PyPI playwright and
axe-playwright-python (bundles axe-core's axe.min.js), both in requirements.txt.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.browser.fake_rasa_bot import ACTION_PLAN, PLAN_MARKDOWN, PLAN_TEXT, SUMMARY_MARKDOWN, SUMMARY_TEXT, XSS_TEXT  # noqa: E402

from tests.browser.conftest import CHROMIUM, browser_tools  # noqa: E402

sync_api = browser_tools()
expect = sync_api.expect

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BOT = ".nc-msg--bot:not(.nc-msg--welcome)"

# ------------------------------------------------------------------- helpers


def open_demo(page, widget_url):
    page.goto(widget_url + "/")
    launcher = page.locator(".nc-launcher")
    expect(launcher).to_be_visible()
    return launcher


def open_widget(page, widget_url):
    launcher = open_demo(page, widget_url)
    launcher.click()
    expect(page.locator(".nc-panel")).to_be_visible()
    expect(page.locator(".nc-input")).to_be_focused()


def bot_messages(page):
    return page.locator(BOT)


def send(page, text):
    """Type a message and press Enter; wait for the bot's answer (or the error line)."""
    before = bot_messages(page).count()
    page.locator(".nc-input").fill(text)
    page.locator(".nc-input").press("Enter")
    expect(bot_messages(page)).not_to_have_count(before)
    expect(page.locator(".nc-typing")).to_be_empty()


def focused_description(page) -> str:
    return page.evaluate(
        "() => { const a = document.activeElement; return a ? (a.className || a.tagName) + '|' + "
        "(a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 60) : ''; }"
    )


def tab_until(page, predicate_js: str, key="Tab", limit=40) -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => {{ const a = document.activeElement; return !!(a && ({predicate_js})); }}"):
            return
    raise AssertionError(f"never reached the element with {key}; last focus: {focused_description(page)}")


def run_axe(page, context=None):
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:  # pragma: no cover
        pytest.fail("axe-playwright-python (bundles axe-core) is not installed: run `make install`")
    # page.evaluate runs over the DevTools protocol, so the page's strict CSP allows it.
    page.evaluate(Path(AXE_FILE_PATH).read_text(encoding="utf-8"))
    results = page.evaluate(
        "async ([ctx, tags]) => await axe.run(ctx || document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [context, AXE_TAGS],
    )
    for v in results["violations"]:
        print(f"\naxe violation {v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
        for node in v["nodes"]:
            print("   ", node["target"], "\n     ", node["failureSummary"].replace("\n", "\n      "))
    return results


def no_horizontal_scroll(page) -> dict:
    return page.evaluate(
        "() => ({doc: document.documentElement.scrollWidth, win: window.innerWidth,"
        " panel: document.querySelector('.nc-panel').scrollWidth,"
        " panelClient: document.querySelector('.nc-panel').clientWidth,"
        " log: document.querySelector('.nc-log').scrollWidth,"
        " logClient: document.querySelector('.nc-log').clientWidth})"
    )


# --------------------------------------------------------------- real-bot tests


@pytest.mark.real_bot
def test_hello_gets_a_reply(page, widget_url):
    open_widget(page, widget_url)
    send(page, "hello")
    expect(page.locator(".nc-msg--error")).to_have_count(0)
    assert bot_messages(page).last.inner_text().strip()


@pytest.mark.real_bot
def test_child_in_danger_now_mentions_999(page, widget_url):
    open_widget(page, widget_url)
    send(page, "a child is in danger right now")
    expect(page.locator(".nc-msg--error")).to_have_count(0)
    expect(bot_messages(page).filter(has_text="999").first).to_be_visible()
    expect(page.locator(f"{BOT} a[href='tel:999']").first).to_be_visible()


# ------------------------------------------------------------ fake-bot tests


def test_whole_conversation_keyboard_only(page, widget_url, fake_bot):
    open_demo(page, widget_url)
    page.locator("body").focus()
    tab_until(page, "a.classList.contains('nc-launcher')")
    page.keyboard.press("Enter")
    expect(page.locator(".nc-panel")).to_be_visible()
    expect(page.locator(".nc-input")).to_be_focused()
    expect(page.locator(".nc-launcher")).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".nc-msg--welcome")).to_be_visible()

    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    expect(page.locator(".nc-msg--user").last).to_contain_text("hello")
    expect(page.locator(".nc-quick-btn")).to_have_count(2)
    expect(page.locator(".nc-input")).to_be_focused()
    expect(page.locator(".nc-input")).to_have_value("")

    # Quick replies sit just before the input in the tab order (inside the log).
    tab_until(page, "a.classList.contains('nc-quick-btn') && a.textContent === 'No'", key="Shift+Tab", limit=3)
    page.keyboard.press("Shift+Tab")
    assert "Yes" in focused_description(page)
    page.keyboard.press("Enter")
    expect(page.locator(".nc-msg--user").last).to_contain_text("Yes")
    expect(bot_messages(page).last).to_contain_text("call 999 now")
    expect(page.locator(".nc-quick-btn")).to_have_count(0)
    expect(page.locator(".nc-input")).to_be_focused()
    assert fake_bot.messages() == ["hello", "/affirm"]  # title shown, payload sent

    page.keyboard.press("Escape")
    expect(page.locator(".nc-panel")).to_be_hidden()
    expect(page.locator(".nc-launcher")).to_be_focused()
    expect(page.locator(".nc-launcher")).to_have_attribute("aria-expanded", "false")

    # Reopen with Space: the conversation is still there.
    page.keyboard.press("Space")
    expect(page.locator(".nc-input")).to_be_focused()
    expect(page.locator(".nc-msg--user")).to_have_count(2)


def test_bot_markup_is_shown_as_text_and_never_runs(page_and_watch, widget_url, fake_bot):
    page, watch = page_and_watch
    open_widget(page, widget_url)
    send(page, "xss")
    last = bot_messages(page).last
    expect(last).to_contain_text("<img src=x onerror=alert(1)>")
    expect(last).to_contain_text("<script>alert(2)</script>")
    expect(last.locator("strong")).to_have_text("<b>bold?</b>")  # **…** formatting, tags literal
    assert page.locator(".nc-log img, .nc-log script, .nc-log b").count() == 0
    page.wait_for_timeout(300)
    assert watch.dialogs == []
    assert XSS_TEXT.split("**")[0].strip() in last.inner_text()


def test_user_text_is_plain_text(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    send(page, "<img src=x onerror=alert(3)> **not bold** 0116 454 1004")
    user = page.locator(".nc-msg--user").last
    expect(user).to_contain_text("<img src=x onerror=alert(3)> **not bold** 0116 454 1004")
    assert user.locator("img, strong, a").count() == 0


def test_phone_numbers_and_urls_become_links(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    # Always visible, before any message:
    expect(page.locator(".nc-emergency")).to_contain_text("Child in danger now?")
    expect(page.locator(".nc-emergency a[href='tel:999']")).to_have_text("Call 999")

    send(page, "hello")
    send(page, "phone numbers")
    msg = bot_messages(page).last
    expect(msg.locator("a[href='tel:+441164541004']")).to_have_text("0116 454 1004")
    expect(msg.locator("a[href='tel:+448088005000']")).to_have_text("0808 800 5000")
    expect(msg.locator("ul.nc-list > li")).to_have_count(3)
    web = msg.locator("a[href^='https://']")
    expect(web).to_have_count(1)
    expect(web).to_have_attribute("href", "https://www.nspcc.org.uk/keeping-children-safe/")
    expect(web).to_have_attribute("rel", "noopener noreferrer")
    expect(web).to_have_attribute("target", "_blank")

    send(page, "danger")
    danger = bot_messages(page).last
    expect(danger.locator("a[href='tel:999']")).to_have_text("999")
    expect(danger.locator("a[href='tel:101']")).to_have_text("101")
    expect(danger.locator("strong")).to_have_text("call 999 now")


def test_wrong_number_buttons_follow_the_answer_and_send_their_payload(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    send(page, "hello")
    expect(page.locator(".nc-quick-btn")).to_have_count(2)  # the greeting's Yes / No
    send(page, "who do I call in Leicester")
    answer, prompt = bot_messages(page).nth(-2), bot_messages(page).last
    expect(answer).to_contain_text("call 999")
    expect(prompt).to_have_text(re.compile(r"Was this number right\?"))
    # Only the newest turn's suggestions stay: the greeting's buttons are gone.
    group = page.locator(".nc-quick")
    expect(group).to_have_count(1)
    expect(group.locator(".nc-quick-btn")).to_have_text(["Yes, it was right", "Report a wrong number"])
    assert page.evaluate("() => { const g = document.querySelector('.nc-quick');"
                         " return g.previousElementSibling.textContent.includes('Was this number right'); }")
    page.get_by_role("button", name="Report a wrong number").click()
    expect(page.locator(".nc-msg--user").last).to_contain_text("Report a wrong number")
    expect(bot_messages(page).last).to_contain_text("recorded")
    expect(page.locator(".nc-quick")).to_have_count(0)
    assert fake_bot.messages()[-1] == '/report_wrong_number{"fact_id": "leicester.front_door"}'  # title shown, payload sent
    assert run_axe(page, ".nc-panel")["violations"] == [], "axe violations with the feedback buttons (see output)"


def test_formatting_rules_in_isolation(page, widget_url, fake_bot):
    """Exercise the formatter directly through a crafted bot reply."""
    tricky = (
        "Line one\nLine two with **bold** and 020 8547 5008.\n\n"
        "- first bullet with http://example.org/a_(b)\n- second 999\n"
        "Not a phone: 2,101 or 999.5 or ref 0012 345 678, but Childline 0800 1111 is.\n"
        "Numbers then words: 0116 454 1004 24 hours. javascript:alert(1) stays text."
    )
    page.route("**/webhooks/rest/webhook", lambda route: route.fulfill(
        status=200, content_type="application/json",
        headers={"Access-Control-Allow-Origin": "*"},
        body=json.dumps([{"recipient_id": "x", "text": tricky}]),
    ))
    open_widget(page, widget_url)
    send(page, "anything")
    msg = bot_messages(page).last
    expect(msg.locator("p.nc-p").first.locator("br")).to_have_count(1)
    expect(msg.locator("li")).to_have_count(2)
    hrefs = msg.locator("a").evaluate_all("els => els.map(e => [e.getAttribute('href'), e.firstChild.textContent])")
    assert ["tel:+442085475008", "020 8547 5008"] in hrefs
    assert ["tel:999", "999"] in hrefs
    assert ["tel:+441164541004", "0116 454 1004"] in hrefs
    assert ["tel:+448001111", "0800 1111"] in hrefs
    assert any(h.startswith("http://example.org/a_(b") for h, _ in hrefs)
    assert not any(h.startswith("javascript") for h, _ in hrefs)
    assert len([h for h, _ in hrefs if h == "tel:101"]) == 0
    assert len([h for h, _ in hrefs if h == "tel:999"]) == 1  # not the 999 in 999.5
    assert not any("0012" in t for _, t in hrefs)


def test_copy_summary_to_clipboard_and_downloads(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    send(page, "summary")
    card = page.locator(".nc-msg--summary")
    expect(card).to_contain_text("Neglect concern summary")
    expect(card.locator(".nc-summary-text")).to_have_text(SUMMARY_TEXT)
    card.get_by_role("button", name="Copy summary").click()
    expect(card.locator(".nc-copy-note")).to_have_text("Summary copied.")
    assert page.evaluate("navigator.clipboard.readText()") == SUMMARY_TEXT

    txt = card.get_by_role("link", name="Download as text")
    expect(txt).to_have_attribute("href", re.compile(r"^blob:"))
    expect(txt).to_have_attribute("download", re.compile(r"\.txt$"))
    with page.expect_download() as dl:
        txt.click()
    assert Path(dl.value.path()).read_text(encoding="utf-8") == SUMMARY_TEXT

    md = card.get_by_role("link", name="Download as Markdown (.md)")  # the referral draft's Markdown
    expect(md).to_have_attribute("download", re.compile(r"\.md$"))
    with page.expect_download() as dl:
        md.click()
    assert Path(dl.value.path()).read_text(encoding="utf-8") == SUMMARY_MARKDOWN

    plan = page.get_by_role("link", name="Download action-plan.md")
    expect(plan).to_have_attribute("download", "action-plan.md")
    with page.expect_download() as dl:
        plan.click()
    assert dl.value.suggested_filename == "action-plan.md"
    assert Path(dl.value.path()).read_text(encoding="utf-8") == ACTION_PLAN


def test_a_download_is_only_ever_plain_text_or_markdown(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    page.evaluate("""() => { const make = URL.createObjectURL; window.blobTypes = [];
                             URL.createObjectURL = (blob) => { window.blobTypes.push(blob.type); return make.call(URL, blob); }; }""")
    send(page, "html download")  # the bot asks for text/html named report.html
    link = page.get_by_role("link", name="Download report.txt")
    expect(link).to_have_attribute("download", "report.txt")
    with page.expect_download() as dl:
        link.click()
    assert dl.value.suggested_filename == "report.txt"
    assert page.evaluate("window.blobTypes") == ["text/plain;charset=utf-8"]


def test_action_plan_card_copies_the_text_and_downloads_markdown(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    send(page, "plan")
    card = page.locator(".nc-msg--summary").last
    expect(card).to_contain_text("Action plan: embedding the neglect toolkit")
    body = card.get_by_role("region", name="Action plan: embedding the neglect toolkit")
    expect(body).to_have_text(PLAN_TEXT)  # markup in the text stays text
    assert card.locator("b").count() == 0
    card.get_by_role("button", name="Copy plan").click()
    expect(card.locator(".nc-copy-note")).to_have_text("Plan copied.")
    assert page.evaluate("navigator.clipboard.readText()") == PLAN_TEXT
    md = card.get_by_role("link", name="Download as Markdown (.md)")
    expect(md).to_have_attribute("href", re.compile(r"^blob:"))
    expect(md).to_have_attribute("download", "neglect-toolkit-action-plan-2026-11-24.md")  # no path kept
    with page.expect_download() as dl:
        md.click()
    assert dl.value.suggested_filename == "neglect-toolkit-action-plan-2026-11-24.md"
    assert Path(dl.value.path()).read_text(encoding="utf-8") == PLAN_MARKDOWN
    assert run_axe(page, ".nc-root")["violations"] == []


def test_copy_summary_fallback_selects_text(new_page, widget_url, fake_bot):
    page, _ = new_page(
        clipboard=False,
        init_script="Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});",
    )
    open_widget(page, widget_url)
    send(page, "summary")
    page.get_by_role("button", name="Copy summary").click()
    expect(page.locator(".nc-copy-note")).to_have_text(re.compile(r"Summary (copied|selected)"))
    assert page.evaluate("window.getSelection().toString()") == SUMMARY_TEXT


def test_escape_closes_and_returns_focus(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    page.keyboard.press("Shift+Tab")  # into the log / a header control
    page.keyboard.press("Escape")
    expect(page.locator(".nc-panel")).to_be_hidden()
    expect(page.locator(".nc-launcher")).to_be_focused()
    page.locator(".nc-launcher").click()
    page.get_by_role("button", name="Close chat").click()
    expect(page.locator(".nc-panel")).to_be_hidden()
    expect(page.locator(".nc-launcher")).to_be_focused()


def test_conversation_id_per_tab_session_storage_only(new_page, widget_url, fake_bot):
    page, _ = new_page()
    open_widget(page, widget_url)
    send(page, "hello")
    send(page, "/deny")
    senders = {r["sender"] for r in fake_bot.requests}
    assert len(senders) == 1
    sid = senders.pop()
    assert uuid.UUID(sid).version == 4
    assert page.evaluate("sessionStorage.getItem('neglectChat.senderId')") == sid
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert page.context.cookies() == []
    assert all(r["cookie"] is None and r["referer"] is None for r in fake_bot.requests)

    # Same tab, next page of the intranet: same conversation, with a "welcome back" line.
    page.reload()
    page.locator(".nc-launcher").click()
    expect(page.locator(".nc-msg--welcome")).to_contain_text("Welcome back")
    send(page, "more")
    assert fake_bot.requests[-1]["sender"] == sid

    # Restart: /restart under the old id, then a new id.
    page.get_by_role("button", name="Restart conversation").click()
    expect(page.locator(".nc-msg--user")).to_have_count(0)
    expect(page.locator(".nc-msg--welcome")).to_have_count(1)
    expect(page.locator(".nc-input")).to_be_focused()
    deadline = time.monotonic() + 5  # the /restart is fire-and-forget
    while "/restart" not in fake_bot.messages() and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    send(page, "hello")
    restart = [r for r in fake_bot.requests if r["message"] == "/restart"]
    assert restart and restart[0]["sender"] == sid
    new_sid = fake_bot.requests[-1]["sender"]
    assert new_sid != sid and uuid.UUID(new_sid).version == 4
    assert page.evaluate("sessionStorage.getItem('neglectChat.senderId')") == new_sid

    # Another tab: another conversation.
    other, _ = new_page()
    open_widget(other, widget_url)
    send(other, "hello")
    assert fake_bot.requests[-1]["sender"] not in (sid, new_sid)


def test_errors_are_calm_and_keep_the_message(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    # Empty or blank input is not sent.
    page.locator(".nc-input").press("Enter")
    page.locator(".nc-input").fill("   ")
    page.locator(".nc-input").press("Enter")
    page.wait_for_timeout(200)
    assert fake_bot.requests == []
    expect(page.locator(".nc-msg--user")).to_have_count(0)

    # HTTP 500
    send(page, "fail")
    err = page.locator(".nc-msg--error").last
    expect(err).to_have_text(re.compile(r"I couldn.t reach the assistant\. If a child is in immediate danger, call 999\."))
    expect(err.locator("a[href='tel:999']")).to_have_count(1)
    expect(page.locator(".nc-input")).to_have_value("fail")
    expect(page.locator(".nc-msg--failed")).to_contain_text("not sent")

    # Network failure on a quick reply: the choices come back.
    page.locator(".nc-input").fill("")
    send(page, "hello")
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    page.get_by_role("button", name="Yes").click()
    expect(page.locator(".nc-msg--error")).to_have_count(2)
    expect(page.get_by_role("button", name="Yes")).to_have_count(1)
    page.unroute("**/webhooks/rest/webhook")
    page.get_by_role("button", name="Yes").click()
    expect(bot_messages(page).last).to_contain_text("call 999 now")


def test_input_limit_and_counter(page, widget_url, fake_bot):
    open_widget(page, widget_url)
    box = page.locator(".nc-input")
    expect(box).to_have_attribute("maxlength", "2000")
    expect(page.locator(".nc-counter")).to_be_hidden()
    box.fill("a" * 1900)
    box.dispatch_event("input")
    expect(page.locator(".nc-counter")).to_have_text("100 characters left")
    box.fill("")
    box.focus()
    page.keyboard.insert_text("b" * 2100)
    assert len(box.input_value()) == 2000
    expect(page.locator(".nc-counter")).to_have_text("0 characters left")


def test_narrow_320px_full_screen_without_horizontal_scroll(new_page, widget_url, fake_bot):
    page, _ = new_page(viewport={"width": 320, "height": 640})
    open_widget(page, widget_url)
    send(page, "hello")
    send(page, "phone numbers")
    send(page, "summary")
    page.locator(".nc-input").fill("https://example.org/" + "averyveryverylongpathsegment" * 6)
    page.locator(".nc-input").press("Enter")
    expect(page.locator(".nc-msg--user")).to_have_count(4)
    box = page.locator(".nc-panel").bounding_box()
    assert box == {"x": 0, "y": 0, "width": 320, "height": 640}
    m = no_horizontal_scroll(page)
    assert m["doc"] <= m["win"], m
    assert m["panel"] <= m["panelClient"] and m["log"] <= m["logClient"], m
    # The launcher is covered by the full-screen panel, so it leaves the tab order.
    expect(page.locator(".nc-launcher")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.locator(".nc-launcher")).to_be_focused()
    page.screenshot(path=str(Path(os.environ.get("TMPDIR", "/tmp")) / "widget-320.png"))


def test_panel_chrome_never_scrolls_away(new_page, widget_url, fake_bot):
    """Only the log scrolls: the header and the 999 line stay put (wide and 320 px)."""
    for viewport in ({"width": 1280, "height": 800}, {"width": 320, "height": 640}):
        page, _ = new_page(viewport=viewport)
        open_widget(page, widget_url)
        for text in ("hello", "phone numbers", "summary", "xss"):
            send(page, text)
        page.locator(".nc-summary-text").scroll_into_view_if_needed()
        page.locator(".nc-msg--bot").first.evaluate("e => e.scrollIntoView()")
        dims = page.evaluate("() => { const p = document.querySelector('.nc-panel');"
                             " return [p.scrollHeight, p.clientHeight, p.scrollTop]; }")
        assert dims[0] <= dims[1] and dims[2] == 0, (viewport, dims)
        expect(page.locator(".nc-emergency")).to_be_in_viewport()
        expect(page.locator(".nc-title")).to_be_in_viewport()


def test_reflow_at_400_percent_zoom(new_page, widget_url, fake_bot):
    # 1280 x 1024 at 400 % zoom is a 320 x 256 CSS px viewport.
    page, _ = new_page(viewport={"width": 320, "height": 256})
    open_widget(page, widget_url)
    send(page, "phone numbers")
    m = no_horizontal_scroll(page)
    assert m["doc"] <= m["win"] and m["panel"] <= m["panelClient"], m
    for sel in (".nc-input", ".nc-send", ".nc-restart", ".nc-close", ".nc-emergency a"):
        page.locator(sel).scroll_into_view_if_needed()
        expect(page.locator(sel)).to_be_in_viewport()


def test_targets_focus_ring_and_reduced_motion(new_page, widget_url, fake_bot):
    page, _ = new_page(reduced_motion="reduce")
    open_widget(page, widget_url)
    send(page, "hello")
    send(page, "summary")
    sizes = page.locator(
        ".nc-launcher, .nc-header-btn, .nc-send, .nc-quick-btn, .nc-action"
    ).evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect();"
                   " return [e.className, r.width, r.height]; })")
    assert sizes and all(w >= 44 and h >= 44 for _, w, h in sizes), sizes
    assert page.evaluate("getComputedStyle(document.querySelector('.nc-panel')).animationName") == "none"

    page.locator(".nc-input").focus()
    page.keyboard.press("Tab")  # to Send
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                         " return [document.activeElement.className, s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] == "nc-send" and ring[1] == "solid" and ring[2] >= 2, ring


def test_launcher_steps_aside_for_focused_page_content(page, widget_url, fake_bot):
    launcher = open_demo(page, widget_url)
    start = launcher.bounding_box()
    # A page control fixed in the bottom-right corner, under the launcher.
    page.evaluate("""() => {
        const b = document.createElement('button');
        b.id = 'corner'; b.textContent = 'Corner control';
        Object.assign(b.style, {position: 'fixed', right: '20px', bottom: '20px', width: '120px', height: '40px'});
        document.body.insertBefore(b, document.body.firstChild);
    }""")
    page.locator("#corner").focus()
    expect(launcher).to_have_class(re.compile(r"nc-launcher--(left|tucked)"))
    corner = page.locator("#corner").bounding_box()
    moved = launcher.bounding_box()

    def overlap(a, b):
        return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
            a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]

    assert overlap(start, corner)
    assert launcher.is_visible() is False or not overlap(moved, corner)
    page.locator("main a").first.focus()
    expect(launcher).not_to_have_class(re.compile(r"nc-launcher--(left|tucked)"))
    assert launcher.bounding_box() == start


def test_no_csp_violations_and_headers(page_and_watch, widget_url, bot_url, fake_bot):
    page, watch = page_and_watch
    resp = page.goto(widget_url + "/")
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert re.search(r"connect-src 'self' " + re.escape(bot_url.rstrip("/")), csp)
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["referrer-policy"] == "no-referrer"
    page.locator(".nc-launcher").click()
    send(page, "hello")
    send(page, "summary")
    send(page, "xss")
    # The stylesheet really loaded (via <link>, allowed by style-src 'self').
    bg = page.evaluate("getComputedStyle(document.querySelector('.nc-header')).backgroundColor")
    assert bg == "rgb(0, 94, 184)"
    assert page.locator("link[href$='/widget/neglect-chat.css']").count() == 1
    assert page.locator(".nc-root [style]").count() == 0
    assert watch.csp_messages() == []
    assert page.evaluate("window.__cspViolations") == []
    assert fake_bot.requests[0]["origin"] == widget_url


def test_axe_zero_violations(new_page, widget_url, fake_bot):
    page, _ = new_page()
    open_demo(page, widget_url)
    assert run_axe(page)["violations"] == [], "axe violations with the widget closed (see output)"

    page.locator(".nc-launcher").click()
    send(page, "hello")
    send(page, "phone numbers")
    send(page, "summary")
    send(page, "xss")
    send(page, "fail")
    page.get_by_role("button", name="Copy summary").click()
    page.locator(".nc-input").fill("a" * 1950)
    page.locator(".nc-input").dispatch_event("input")
    assert run_axe(page)["violations"] == [], "axe violations with the widget open (see output)"

    narrow, _ = new_page(viewport={"width": 320, "height": 640})
    open_widget(narrow, widget_url)
    send(narrow, "hello")
    assert run_axe(narrow)["violations"] == [], "axe violations at 320 px (see output)"


def test_screenshot_mid_conversation(new_page, widget_url, fake_bot, tmp_path):
    page, _ = new_page(viewport={"width": 1280, "height": 860}, reduced_motion="reduce")
    open_widget(page, widget_url)
    send(page, "hello")
    page.get_by_role("button", name="No").click()
    expect(bot_messages(page).last).to_contain_text("NSPCC helpline")
    page.locator(".nc-input").fill("He is often hungry at school")
    # Start the visible part of the log at the user's last reply.
    page.evaluate("() => { const log = document.querySelector('.nc-log');"
                  " const last = [...log.querySelectorAll('.nc-msg--user')].pop();"
                  " log.scrollTop = last.offsetTop - log.offsetTop - 12; }")
    # The README's picture is made against the real bot (test_widget_live.py); this one is a check.
    page.screenshot(path=str(tmp_path / "widget.png"))
    assert (tmp_path / "widget.png").stat().st_size > 10_000

