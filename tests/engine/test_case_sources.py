"""A reference case written from public sources cites each one as a document, not as a search excerpt.

Issue 22, point 5: each source in a case file's header names its publisher, title, date (or says the copy
read shows none, marked "[kontrollera datum]"), address, what it says in its own words, and which answers it
supports; evidence in the answers points back to a numbered source. What no source says is said to be
illustrative.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import CASES

SOURCED = sorted(p for p in CASES.glob("*.yaml") if "http" in p.read_text(encoding="utf-8"))
ENTRY = re.compile(r"^# \[(\d+)\] (.+?)(?=^# \[\d+\] |^# Not from the sources|^# Earlier versions|\Z)", re.M | re.S)
DATE = re.compile(r"\b(19|20)\d\d\b|\[kontrollera (datum|år)\]|undated in the copy read")


def _header(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n"


def _entries(path: Path) -> dict[int, str]:
    """Each numbered source's text, its comment lines joined into one."""
    return {int(number): re.sub(r"\s*\n#\s*", " ", text) for number, text in ENTRY.findall(_header(path))}


def test_the_sourced_cases_are_the_grant_or_iop_cases():
    assert len(SOURCED) >= 7


@pytest.mark.parametrize("path", SOURCED, ids=lambda p: p.name)
def test_every_source_is_a_document_with_publisher_title_date_address_and_what_it_supports(path: Path):
    entries = _entries(path)
    assert entries, f"{path.name}: no numbered source in the header"
    assert sorted(entries) == list(range(1, len(entries) + 1))
    for number, text in entries.items():
        where = f"{path.name} [{number}]"
        assert re.search(r"\"[^\"]+\"", text), f"{where}: no title in quotes"
        assert DATE.search(text), f"{where}: no date, and not marked as undated"
        assert re.search(r"https?://\S+", text), f"{where}: no address"
        assert "Says:" in text, f"{where}: does not say what the document says"
        assert "Supports:" in text, f"{where}: does not say which answers it supports"
    assert "Not from the sources (illustrative)" in _header(path), path.name


@pytest.mark.parametrize("path", SOURCED, ids=lambda p: p.name)
def test_evidence_in_the_answers_points_to_a_numbered_source(path: Path):
    entries = _entries(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cited = 0
    for qid, answer in data["answers"].items():
        if not isinstance(answer, dict):
            continue
        for item in answer.get("evidence", []):
            found = re.match(r"\[(\d+)\] ", item)
            assert found, f"{path.name} › {qid}: evidence {item!r} names no numbered source"
            assert int(found.group(1)) in entries, f"{path.name} › {qid}: no source [{found.group(1)}]"
            cited += 1
    assert cited, f"{path.name}: no answer cites a source"
