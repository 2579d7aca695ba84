"""Hostile files uploaded in the app: a Swedish message, no traceback, and the case in progress kept."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from iop.model.case import Case
from tests.helpers import REPO

HOSTILE = {
    "djup.yaml": b"[" * 30000,
    "dubbel.yaml": b"title: Ett\ntitle: Tv\xc3\xa5\n",
    "datum.yaml": b"title: x\ndate: 2026-02-30\n",
    "tagg.yaml": b"title: !!float abc\n",
    "tal.yaml": b"title: x\npublic_party:\n  contribution:\n    money_sek_per_year: " + b"9" * 400 + b"\n",
    "kurs.yaml": b"title: x\nstate_aid:\n  sek_per_eur: .inf\n",
    "bild-i-namnet-![x](http:%2F%2F198.51.100.7%2Fa.png).yaml": b"- inte ett \xc3\xa4rende\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_upload_is_refused_in_swedish_and_the_case_kept(name: str):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.session_state["case"] = Case(title="Mitt pågående ärende")
    at.run()
    at.file_uploader[0].upload(name, HOSTILE[name], "application/x-yaml").run()
    assert not at.exception
    message = next(e.value for e in at.error)
    shown = re.sub(r"\\(.)", r"\1", message)
    assert "Filen kunde inte importeras. Ditt pågående ärende är oförändrat." in shown
    assert "![x](" not in message  # the file name is quoted escaped, never as an image
    assert at.session_state["case"].title == "Mitt pågående ärende"
