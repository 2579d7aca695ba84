"""Streamlit's own uploader and page-not-found texts in Swedish, and the import message for the last file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, screenshot, wait_idle
from tests.e2e.test_swedish_ui import ENGLISH, english_strings

pytestmark = pytest.mark.e2e

def test_a_too_large_file_is_refused_in_swedish_and_replaces_the_earlier_message(page: Page, app_url: str,
                                                                                  tmp_path):
    open_page(page, app_url)
    broken = tmp_path / "bomb.yaml"
    broken.write_text("title: Trasigt\nactivity:\n  start: 15/3/2026\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(broken))
    wait_idle(page)
    refusal = page.get_by_text("Filen kunde inte importeras", exact=False)
    expect(refusal).to_be_visible()
    expect(page.get_by_text("bomb.yaml", exact=False).first).to_be_visible()
    # the refused file is taken out of the uploader, so it is not listed beside the next one
    expect(page.locator("[data-testid='stFileChip']")).to_have_count(0)

    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"title: x\n" + b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    page.locator("input[type=file]").set_input_files(str(huge))
    wait_idle(page)
    chips = page.locator("[data-testid='stFileChip']")
    expect(chips).to_have_count(1)
    expect(page.locator("[data-testid='stFileUploader']").get_by_role("alert")).to_have_text(
        "Fel: Filen får vara högst 1,0 MB.")
    expect(page.get_by_role("button", name="Ta bort huge.yaml")).to_have_count(1)
    expect(chips.first).to_have_attribute("aria-label", re.compile(r"^huge\.yaml, \d+,\d MB$"))
    expect(page.locator("[data-testid='stFileChip']").get_by_text(re.compile(r"^\d+,\d MB$"))).to_be_visible()
    # the message about bomb.yaml no longer stands beside the new file
    expect(refusal).to_be_hidden()
    screenshot(page, "upload-too-large")
    assert english_strings(page) == []


def test_a_small_file_shows_its_size_with_a_decimal_comma_and_a_space(page: Page, app_url: str, tmp_path):
    open_page(page, app_url)
    case_file = tmp_path / "liten.yaml"
    case_file.write_text("title: Ett litet ärende\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(case_file))
    wait_idle(page)
    expect(page.get_by_text("är importerat", exact=False)).to_be_visible()
    size = f"{case_file.stat().st_size} B"
    expect(page.locator("[data-testid='stFileChip']").get_by_text(size, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Ta bort liten.yaml")).to_have_count(1)


def test_an_unknown_address_says_so_in_swedish(page: Page, app_url: str):
    page.goto(f"{app_url}/delta-i-workshop")
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(page)
    # with st.navigation Streamlit does not pass the page's name to the dialog, so the text cannot name it
    expect(page.get_by_text("Det finns ingen sida med den adressen. Du har kommit till startsidan.",
                            exact=True)).to_be_visible()
    expect(page.get_by_text("Sidan finns inte", exact=True)).to_be_visible()
    screenshot(page, "page-not-found")
    assert english_strings(page) == []
    assert "Page not found" in ENGLISH and "Running the app" in ENGLISH  # the scan covers the dialog
