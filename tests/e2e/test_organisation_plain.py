"""In Chromium: organisation mode is plain on every page, on a desktop and a phone.

The visible text, the alt texts and the labels a screen reader reads are
scanned for what only an official acts on (rule ids, file names, case law,
paragraphs); the collapsed full assessment is opened first, and the
downloaded preparation list is read as a file.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import open_page, screenshot, wait_idle
from tests.e2e.test_swedish_ui import _READ_TEXT, go_to
from tests.plain_patterns import not_plain

pytestmark = pytest.mark.e2e

PAGES = ["Ärendet", "Kriterierna", "Bidrag, IOP eller upphandling", "Rekommendation", "Exportera"]
VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}


def _open_example(page: Page, app_url: str, title: str) -> None:
    open_page(page, app_url)
    page.get_by_text("Organisation –", exact=False).first.click()
    wait_idle(page)
    page.get_by_label("Välj ett exempel").click()
    page.keyboard.type(title)  # the list filters as one types, on a phone too
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)


def _open_every_expander(page: Page) -> None:
    for summary in page.locator("[data-testid='stMain'] [data-testid='stExpander'] summary").all():
        if summary.get_attribute("aria-expanded") != "true":
            summary.click()
            wait_idle(page)


def _tooltips(page: Page) -> list[str]:
    """The help texts behind the (?) icons in the main area, as a hovering user or a screen reader gets them."""
    texts = []
    for target in page.locator("[data-testid='stMain'] [data-testid='stTooltipHoverTarget']").all():
        if not target.is_visible():
            continue
        target.hover()
        tooltip = page.locator("[data-testid='stTooltipContent']").last
        tooltip.wait_for(state="visible", timeout=5_000)
        texts.append(tooltip.inner_text())
        page.mouse.move(0, 0)
    return texts


def _not_plain_on(page: Page, with_tooltips: bool = False) -> list[str]:
    texts = page.evaluate(_READ_TEXT) + (_tooltips(page) if with_tooltips else [])
    return [f"{found!r} in {text[:100]!r}" for text in texts if (found := not_plain(text))]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("example", ["Nattvandring", "Fritidsgård", "Skyddat boende"])
def test_every_organisation_page_reads_without_rules_files_or_case_law(browser: Browser, app_url: str,
                                                                       example: str, viewport: str):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="sv-SE", is_mobile=viewport == "phone",
                                  has_touch=viewport == "phone")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        _open_example(page, app_url, example)
        failures = {}
        for title in PAGES:
            go_to(page, title)
            _open_every_expander(page)
            if found := _not_plain_on(page, with_tooltips=viewport == "desktop"):
                failures[title] = found
            if example == "Nattvandring":
                screenshot(page, f"organisation-{viewport}-{title[:12]}")
        assert failures == {}
    finally:
        context.close()


def test_every_walk_step_in_organisation_mode_reads_plainly(page: Page, app_url: str):
    _open_example(page, app_url, "Ungdomsbussen")
    go_to(page, "Kriterierna")
    jump = page.get_by_label("Gå till steg")
    jump.click()
    steps = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    assert len(steps) > 3
    failures = {}
    for step in steps:
        page.get_by_label("Gå till steg").click()
        page.get_by_role("option", name=step, exact=True).click()
        wait_idle(page)
        expect(page.get_by_role("heading", level=2).first).to_be_visible()
        if found := _not_plain_on(page):
            failures[step] = found
    assert failures == {}


def test_the_downloaded_preparation_list_starts_with_the_blocking_questions_in_plain_words(page: Page, app_url: str):
    _open_example(page, app_url, "Nattvandring")
    go_to(page, "Rekommendation")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ladda ner listan (text)").click()
    text = open(download.value.path(), encoding="utf-8").read()
    lines = [line for line in text.splitlines() if line[:1].isdigit()]
    assert lines[0].startswith("1. Avgör om det går att säga något alls:")
    assert not_plain(text) == []
    assert "\\" not in text and "**" not in text
