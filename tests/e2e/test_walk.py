"""End to end in headless Chromium: a user walks Ungdomsbussen from an empty case to IOP."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from iop.engine.case_import import load_case
from iop.rules.rulebook import load_rulebook
from tests.e2e.conftest import fill, open_page, screenshot, wait_idle
from tests.helpers import CASES

pytestmark = pytest.mark.e2e


COUNTER = re.compile(r"(\d+) kvar som kan ändra rekommendationen(?: \(varav (\d+) besvarade? med Vet ej\))?")


def _nothing_left_to_ask(page: Page) -> bool:
    """The counter says no question is left to ask: all that may still change the result is a "Vet ej"."""
    match = COUNTER.search(page.locator("[data-testid='stProgress']").inner_text())
    assert match, page.locator("[data-testid='stProgress']").inner_text()
    return int(match.group(1)) == int(match.group(2) or 0)


def test_walk_ungdomsbussen_from_an_empty_case_to_iop(page: Page, app_url: str):
    rulebook = load_rulebook()
    reference = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    questions = rulebook.questions.questions

    open_page(page, app_url)
    fill(page, "Rubrik för det nya ärendet", "Ungdomsbussen")
    page.get_by_role("button", name="Skapa nytt ärende").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)

    fill(page, "Kommun eller region", "Västerås stad")
    fill(page, "Nämnd eller förvaltning", "Individ- och familjenämnden")
    fill(page, "Kommunen/regionen: pengar (kronor per år)", "850000")
    fill(page, "Organisationens namn", "Stadsmissionen i Västerås")
    fill(page, "Organisationen: pengar (kronor per år)", "350000")
    fill(page, "Organisationen: ideella timmar per år", "2400")
    fill(page, "Beskrivning", "En buss där unga samlas, med samtal och stöd.")
    fill(page, "Planerad varaktighet (månader)", "48")
    screenshot(page, "walk-arendet")

    page.get_by_role("button", name="Vidare till kriterierna").click()
    expect(page.get_by_role("heading", name="Kriterierna", level=1)).to_be_visible()
    wait_idle(page)

    asked: list[str] = []
    seen_steps: list[str] = []
    for _ in range(len(rulebook.relevant_questions("forum-2015"))):
        heading = page.locator("[data-testid='stMain'] h2").first.inner_text()
        seen_steps.append(heading)
        answered_one = True
        while answered_one:  # an answer can bring another question of the same step into view
            answered_one = False
            for qid, question in questions.items():
                group = page.get_by_role("radiogroup", name=question.text.strip())
                if qid in asked or group.count() == 0:
                    continue
                asked.append(qid)
                answered_one = True
                answer = reference.answers.get(qid)
                option = question.options[answer.value] if answer is not None else "Vet ej"
                group.get_by_text(option, exact=True).click()
                wait_idle(page)
        if len(seen_steps) == 1:
            page.get_by_label("Motivering").first.fill("Stadsmissionen kontaktade kommunen med idén.")
            page.get_by_label("Motivering").first.press("Tab")
            wait_idle(page)
            screenshot(page, "walk-kriterierna")
        next_button = page.get_by_role("button", name="Nästa →")
        if next_button.is_disabled() or _nothing_left_to_ask(page):
            break
        page.mouse.wheel(0, 3000)  # the user has scrolled down to the button
        next_button.click()
        wait_idle(page)
        # After Nästa the next step starts at the top (waits for it; fails if it never gets there).
        page.wait_for_function("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop === 0",
                               timeout=10_000)

    screenshot(page, "walk-slut")
    assert len(asked) < len(rulebook.relevant_questions("forum-2015")), "the walk asks fewer questions than before"
    # Nothing left to ask. Ungdomsbussen's file does not answer the municipality's role (it follows from joint
    # governance there), so the walk's "Vet ej" on it may still decide: then the page says so, not "all answered".
    assert _nothing_left_to_ask(page)
    dont_know = page.get_by_text("Besvarat med Vet ej men avgör fortfarande rekommendationen", exact=False)
    done = page.get_by_text("Alla frågor som kan ändra rekommendationen är besvarade", exact=False)
    expect(dont_know.or_(done)).to_be_visible()

    page.get_by_role("button", name="Till rekommendationen").click()
    expect(page.get_by_role("heading", name="Rekommendation", level=1)).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("Rekommendationen är idéburet offentligt partnerskap (IOP).").first).to_be_visible()
    expect(page.get_by_text("Avgörande regel: F9", exact=False)).to_be_visible()
    expect(page.get_by_text("Stadsmissionen kontaktade kommunen med idén.", exact=False).first).to_be_visible()
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


def test_after_an_import_the_sidebar_shows_the_imported_case(page: Page, app_url: str, tmp_path):
    open_page(page, app_url)
    case_file = tmp_path / "importerat.yaml"
    case_file.write_text("title: Importerat läxhjälpsärende\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(case_file))
    wait_idle(page)
    expect(page.get_by_text("är importerat", exact=False)).to_be_visible()
    expect(page.locator("[data-testid='stSidebar']").get_by_text("Importerat läxhjälpsärende", exact=False)).to_be_visible()
