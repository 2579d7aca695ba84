"""Streamlit's own uploader and page-not-found texts in Swedish, and the import message for the last file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import fill, open_page, screenshot, wait_idle
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


def test_a_too_large_file_is_refused_with_a_visible_message_and_nothing_typed_is_lost(page: Page, app_url: str,
                                                                                      tmp_path):
    open_page(page, app_url)
    fill(page, "Rubrik för det nya ärendet", "Läxhjälp i Rinkeby")
    too_large = page.get_by_text("högst 1 MB går att läsa in.", exact=False)
    wrong_type = page.get_by_text("Filen är inte en ärendefil", exact=False)
    expect(too_large).to_be_hidden()  # drawn on every run, shown only while the browser refuses a file
    expect(wrong_type).to_be_hidden()

    huge = tmp_path / "huge.yaml"  # a real 3 MB file: the browser refuses it and never sends it
    huge.write_bytes(b"title: x\n" + b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    page.locator("input[type=file]").set_input_files(str(huge))
    wait_idle(page)
    # Visible on the page without hovering, in the uploader's column, saying what to do.
    expect(too_large).to_be_visible()
    expect(too_large).to_contain_text("kontrollera att du valt rätt fil")
    # The refused file's size, as its red entry shows it, stands in the message.
    chip_size = re.search(r", (\d+,\d MB)$", page.locator("[data-testid='stFileChip']").get_attribute("aria-label"))
    assert chip_size is not None
    expect(too_large).to_contain_text(f"Filen är för stor ({chip_size.group(1)}): högst 1 MB går att läsa in.")
    expect(too_large).to_contain_text("Ditt pågående ärende är oförändrat.")
    expect(wrong_type).to_be_hidden()
    uploader, message = (page.locator("[data-testid='stFileUploader']").bounding_box(),
                         too_large.bounding_box())
    assert uploader is not None and message is not None and message["y"] >= uploader["y"] + uploader["height"]
    # What the user typed and the case in progress are untouched.
    expect(page.get_by_label("Rubrik för det nya ärendet", exact=True)).to_have_value("Läxhjälp i Rinkeby")
    expect(page.get_by_text("Pågående ärende: Nytt ärende", exact=False)).to_be_visible()
    screenshot(page, "upload-too-large-message")
    assert english_strings(page) == []

    # Removing the refused file removes the message; a file of the wrong type gets its own message.
    page.get_by_role("button", name="Ta bort huge.yaml").click()
    expect(too_large).to_be_hidden()
    word = tmp_path / "beslut.docx"  # a PDF is a case file now (the organisation's PDF); a Word file is not
    word.write_bytes(b"PK\x03\x04 not a case")
    page.locator("input[type=file]").set_input_files(str(word))
    wait_idle(page)
    expect(wrong_type).to_be_visible()
    expect(too_large).to_be_hidden()
    screenshot(page, "upload-wrong-type-message")
    assert english_strings(page) == []
    expect(page.get_by_label("Rubrik för det nya ärendet", exact=True)).to_have_value("Läxhjälp i Rinkeby")


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


def test_the_case_list_import_refuses_a_too_large_file_with_a_visible_message(page: Page, app_url: str,
                                                                              tmp_path):
    open_page(page, app_url)
    fill(page, "Ditt namn", "Dora Dahl")
    page.get_by_role("link", name="Ärenden").click()
    expect(page.get_by_role("heading", name="Ärenden", level=1)).to_be_visible()
    wait_idle(page)
    search = page.get_by_role("textbox", name="Sök")  # the table's toolbar has a "Sök" button too
    search.fill("Ungdomsbussen")
    search.press("Tab")
    wait_idle(page)
    huge = tmp_path / "sjalvtest.yaml"
    huge.write_bytes(b"title: x\n" + b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    page.get_by_text("Importera ärenden", exact=True).click()  # the import folds out
    page.locator("input[type=file]").set_input_files(str(huge))
    wait_idle(page)
    message = page.get_by_text("högst 1 MB går att läsa in.", exact=False)
    expect(message).to_be_visible()
    expect(message).to_contain_text("Inget ärende har skapats.")
    expect(search).to_have_value("Ungdomsbussen")
    expect(page.get_by_role("heading", name="Ärenden", level=1)).to_be_visible()
    screenshot(page, "cases-upload-too-large-message")
    assert english_strings(page) == []
