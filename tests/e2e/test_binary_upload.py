"""A file that is not text at all gets a Swedish message, not a traceback."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e


def test_uploading_a_binary_file_is_refused_in_swedish(page: Page, app_url: str, tmp_path):
    open_page(page, app_url)
    binary = tmp_path / "bild.yaml"
    binary.write_bytes(bytes(range(256)) * 4)
    page.locator("input[type=file]").set_input_files(str(binary))
    wait_idle(page)
    expect(page.get_by_text("inte en textfil i UTF-8", exact=False)).to_be_visible()
    expect(page.get_by_text("Traceback")).to_have_count(0)
    expect(page.get_by_text("Pågående ärende: Nytt ärende", exact=False)).to_be_visible()
