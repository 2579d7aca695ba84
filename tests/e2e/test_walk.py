"""End to end in headless Chromium: a user walks Ungdomsbussen from an empty case to IOP."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from iop.case_files import load_case
from iop.rulebook import load_rulebook
from iop.walk import walk_steps
from tests.e2e.conftest import open_page, screenshot, wait_idle
from tests.helpers import CASES

pytestmark = pytest.mark.e2e


def _fill(page: Page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    wait_idle(page)


def test_walk_ungdomsbussen_from_an_empty_case_to_iop(page: Page, app_url: str):
    rulebook = load_rulebook()
    reference = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    questions = rulebook.questions.questions

    open_page(page, app_url)
    _fill(page, "Rubrik för det nya ärendet", "Ungdomsbussen")
    page.get_by_role("button", name="Skapa nytt ärende").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)

    _fill(page, "Kommun eller region", "Västerås stad")
    _fill(page, "Nämnd eller förvaltning", "Individ- och familjenämnden")
    _fill(page, "Kommunen/regionen: pengar (kronor per år)", "850000")
    _fill(page, "Organisationens namn", "Stadsmissionen i Västerås")
    _fill(page, "Organisationen: pengar (kronor per år)", "350000")
    _fill(page, "Organisationen: ideella timmar per år", "2400")
    _fill(page, "Beskrivning", "En buss där unga samlas, med samtal och stöd.")
    _fill(page, "Planerad varaktighet (månader)", "48")
    screenshot(page, "walk-arendet")

    page.get_by_role("button", name="Vidare till kriterierna").click()
    expect(page.get_by_role("heading", name="Kriterierna", level=1)).to_be_visible()
    wait_idle(page)

    steps = walk_steps(rulebook, "forum-2015")
    for number, step in enumerate(steps, start=1):
        expect(page.get_by_text(f"Steg {number} av {len(steps)}")).to_be_visible()
        for qid in step.questions:
            answer = reference.answers.get(qid)
            if answer is None:
                continue  # co-financing is left for the engine to derive from the contributions
            group = page.get_by_role("radiogroup", name=questions[qid].text.strip())
            group.get_by_text(questions[qid].options[answer.value], exact=True).click()
            wait_idle(page)
        if number == 1:
            page.get_by_label("Motivering").first.fill("Stadsmissionen kontaktade kommunen med idén.")
            page.get_by_label("Motivering").first.press("Tab")
            wait_idle(page)
            screenshot(page, "walk-kriterierna")
        if number < len(steps):
            page.get_by_role("button", name="Nästa →").click()
            wait_idle(page)

    page.get_by_role("button", name="Till rekommendationen").click()
    expect(page.get_by_role("heading", name="Rekommendation", level=1)).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("Rekommendationen är idéburet offentligt partnerskap (IOP).").first).to_be_visible()
    expect(page.get_by_text("Avgjort av regel F9", exact=False)).to_be_visible()
    expect(page.get_by_text("Stadsmissionen kontaktade kommunen med idén.", exact=False)).to_be_visible()
    expect(page.get_by_text("härlett från parternas insatser", exact=False).first).to_be_visible()
    screenshot(page, "walk-rekommendation")


def test_importing_a_broken_file_shows_the_problem_and_keeps_the_case(page: Page, app_url: str, tmp_path):
    open_page(page, app_url)
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.get_by_role("link", name="Start").click()
    wait_idle(page)

    broken = tmp_path / "trasigt-arende.yaml"
    broken.write_text("title: Trasigt\nactivity:\n  start: 15/3/2026\nanswers:\n  initiative: kanske\n",
                      encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(broken))
    wait_idle(page)
    alert = page.get_by_text("Filen kunde inte importeras", exact=False)
    expect(alert).to_be_visible()
    expect(page.get_by_text("startdatum", exact=False)).to_be_visible()
    expect(page.get_by_text("ÅÅÅÅ-MM-DD", exact=False)).to_be_visible()
    expect(page.get_by_text("Traceback")).to_have_count(0)
    expect(page.get_by_text("Pågående ärende: Ungdomsbussen", exact=False)).to_be_visible()
    screenshot(page, "import-trasig-fil")
