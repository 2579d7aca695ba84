"""In real Chromium: a case title full of Markdown, LaTeX and shortcodes is shown exactly as typed.

The title is imported from a case file (so it can hold line breaks), and the
sidebar line "Ärende: …" is read back as the browser renders it. Nothing in
it may become a heading, link, image, formula, emoji or icon, and the browser
must not fetch anything the text names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from iop.engine.case_import import case_to_yaml
from iop.model.case import Case
from iop.words.markdown_escape import WORD_JOINER
from tests.e2e.conftest import open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

TITLES = [
    "Kalas $x^2$ och $$y$$ :smile: :+1: :material/home: :streamlit:",
    ":red[röd] :blue-background[blå] text",
    "Rad ett\r===\nRad två\r\n---",
    "![spårning](http://198.51.100.7/pixel.png) [länk](javascript:alert(1)) <img src=x onerror=alert(1)>",
    "# rubrik\n> citat\n1. lista\n- punkt\n    kod",
    "**fet** _kursiv_ ~~struken~~ `kod` |a|b|\n|-|-|",
    "&amp; &lt;b&gt; \\ \\\\ kl 10:30, SFS 2022:900, a@b.se, www.exempel.se",
    "NEL\x85och\u2028radseparator",
]


def _browser_text(text: str) -> str:
    """What innerText gives for a paragraph: line endings as one, blanks collapsed."""
    text = re.sub(r"\r\n|\r|\x85", lambda m: "\n" if m.group() != "\x85" else m.group(), text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r" ?\n ?", "\n", text).strip()


def test_titles_with_markup_render_as_typed_in_the_sidebar(page: Page, app_url: str, tmp_path: Path):
    fetched: list[str] = []

    def note(request: Request) -> None:
        # Streamlit itself loads icon fonts; what matters is that nothing a title names is fetched.
        if "198.51.100.7" in request.url or "exempel.se" in request.url or re.search(r":\d+/x$", request.url):
            fetched.append(request.url)

    page.on("request", note)
    open_page(page, app_url)
    sidebar_line = page.locator("[data-testid='stSidebar'] [data-testid='stMarkdownContainer']", has_text="Ärende:")
    for number, title in enumerate(TITLES):
        path = tmp_path / f"ärende-{number}.yaml"
        path.write_text(case_to_yaml(Case(title=title)), encoding="utf-8")
        page.locator("input[type=file]").set_input_files(str(path))
        wait_idle(page)
        expect(page.get_by_text("är importerat", exact=False)).to_be_visible()
        # The sidebar is drawn before the page imports the file: it shows the case from the next run on.
        page.locator("[data-testid='stSidebarNav'] a", has_text="Ärendet").click()
        wait_idle(page)
        shown = sidebar_line.inner_text().replace(WORD_JOINER, "")
        assert _browser_text(shown) == _browser_text(f"Ärende: {title}"), title
        markup = sidebar_line.locator("a, img, h1, h2, h3, h4, blockquote, ol, ul, pre, code, table, del, em, "
                                      ".katex, [data-testid='stIconMaterial'], span[class*='emoji']")
        assert markup.count() == 0, sidebar_line.inner_html()
        if number == 0:
            screenshot(page, "typed-text-in-sidebar")
        page.locator("[data-testid='stSidebarNav'] a", has_text="Start").click()
        wait_idle(page)
    assert fetched == []
