"""A download in a real browser is logged as an export, with case id, user, kind and format (see tests/app/test_event_log_pages.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import fill, open_page, running_app, wait_idle

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def logging_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("event-log")
    log = folder / "events.log"
    with running_app(f"sqlite:///{folder / 'register.sqlite3'}", "streamlit-event-log.log",
                     {"IOP_LOG_FILE": str(log), "IOP_LOG_LEVEL": "INFO"}) as url:
        yield url, log


def test_downloading_the_beslutsunderlag_is_logged(page: Page, logging_server: tuple[str, Path]) -> None:
    app_url, log = logging_server
    open_page(page, app_url)
    fill(page, "Ditt namn", "Anna Andersson")
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]case=[0-9a-f]+"))
    case_id = re.search(r"case=([0-9a-f]+)", page.url).group(1)  # type: ignore[union-attr]
    page.get_by_role("link", name="Exportera").click()
    expect(page.get_by_role("heading", name="Exportera", level=1)).to_be_visible()
    wait_idle(page)
    with page.expect_download(timeout=60_000) as markdown:
        page.get_by_role("button", name="Ladda ner som Markdown").click()
    assert markdown.value.suggested_filename.endswith("-tjansteskrivelse.md")
    markdown.value.path()  # the download has finished, so the server has produced (and logged) it

    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    exported = [e for e in lines if e["event"] == "exported"]
    assert [(e["case_id"], e["user"], e["kind"], e["format"]) for e in exported] == [
        (case_id, "Anna Andersson", "tjansteskrivelse", "markdown")]
    assert any(e["event"] == "case_created" and e["case_id"] == case_id for e in lines)
