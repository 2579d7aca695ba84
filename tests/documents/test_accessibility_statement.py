"""The tillgänglighetsredogörelse as data: the shipped file, the law's contents, and what a bad file is told.

The axe half of "kept true" lives in tests/e2e/test_accessibility.py (what axe finds must be what the
statement lists); here the statement must be consistent in itself and with its own file's history.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from iop.documents import (
    DIGG_REPORT_URL,
    AccessibilityStatement,
    Compliance,
    field_name,
    load_statement,
    long_date,
    statement_path,
    unfilled,
)
from iop.documents.accessibility_statement import STATEMENT_ENV, STATEMENT_FILE
from iop.io import InputError
from iop.words import swedish_today
from tests.helpers import REPO


def _shipped() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(STATEMENT_FILE.read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, data: dict[str, object]) -> Path:
    path = tmp_path / "tillganglighet.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _problems(tmp_path: Path, data: dict[str, object]) -> str:
    with pytest.raises(InputError) as caught:
        load_statement(_write(tmp_path, data))
    return str(caught.value)


def test_the_shipped_statement_reads_and_has_every_part_digg_asks_for():
    statement = load_statement(STATEMENT_FILE)
    assert statement.service == "IOP-stöd"
    assert statement.public_body  # a placeholder until the municipality fills it in
    assert statement.compliance is Compliance.partial and statement.deviations
    for deviation in statement.deviations:
        assert deviation.summary and deviation.details and deviation.reason and deviation.wcag
    assert statement.feedback.email or statement.feedback.phone or statement.feedback.web_form
    assert statement.enforcement.report_url == DIGG_REPORT_URL
    assert "Digg" in statement.enforcement.authority
    assert statement.assessment.method.startswith("Självskattning")
    assert statement.assessment.automated is not None and statement.assessment.automated.tool == "axe-core"
    assert statement.assessment.date <= statement.updated <= swedish_today()


def test_the_shipped_statement_says_what_the_municipality_must_fill_in():
    missing = unfilled(load_statement(STATEMENT_FILE))
    assert {"public_body", "feedback.email", "feedback.phone", "feedback.postal_address"} <= set(missing)
    assert [field_name(m) for m in missing][:1] == ["kommunens namn"]
    assert field_name("deviations[1].where") == "brist nr 2 (deviations[1].where)"


def test_a_filled_in_statement_has_nothing_left_to_fill(tmp_path: Path):
    data = _shipped()
    data["public_body"] = "Västerås stad"
    data["address"] = "https://iop.vasteras.se"
    data["feedback"] = {"email": "tillganglighet@vasteras.se", "phone": "021-39 00 00",
                        "response_time": "Vi svarar inom fem arbetsdagar."}
    assert unfilled(load_statement(_write(tmp_path, data))) == []


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()


def test_the_update_date_is_not_older_than_the_files_own_history():
    # Whoever changes the statement must say so in it: "uppdaterades senast" can't predate its file's last change.
    if shutil.which("git") is None or _git("rev-parse", "--is-inside-work-tree") != "true":
        pytest.skip("inte en git-klon: filens historik finns inte att jämföra med")
    relative = str(STATEMENT_FILE.relative_to(REPO))
    changed_now = _git("status", "--porcelain", "--", relative) != ""
    last_commit = _git("log", "-1", "--format=%cs", "--", relative)
    recorded = swedish_today() if changed_now or not last_commit else dt.date.fromisoformat(last_commit)
    statement = load_statement(STATEMENT_FILE)
    assert statement.updated >= recorded, (
        f"{relative} ändrades {recorded} men säger att den uppdaterades senast {statement.updated}; "
        "sätt updated till dagens datum")


@pytest.mark.parametrize(("change", "message"), [
    ({"compliance": "helt"}, "helt förenlig men listar brister"),
    ({"compliance": "delvis", "deviations": []}, "listar inga brister"),
    ({"compliance": "fullt"}, "inget giltigt val"),
    ({"updated": "2020-01-01"}, "bedömningen är gjord efter att redogörelsen senast uppdaterades"),
    ({"updated": "2999-01-01"}, "ligger i framtiden"),
    ({"feedback": {"postal_address": "Box 1"}}, "minst ett sätt att nå er"),
    ({"enforcement": None}, "ska vara en tabell"),
])
def test_an_inconsistent_statement_is_refused_in_swedish(tmp_path: Path, change: dict[str, object], message: str):
    assert message in _problems(tmp_path, {**_shipped(), **change})


def test_a_deviation_names_real_wcag_criteria_and_axe_rules_and_ids_only_once(tmp_path: Path):
    data = _shipped()
    deviations = list(data["deviations"])  # type: ignore[call-overload]
    assert "inte ett framgångskriterium" in _problems(tmp_path, {**data, "deviations": [
        {**deviations[0], "wcag": ["1.3"]}]})
    assert "inte ett regelnamn i axe-core" in _problems(tmp_path, {**data, "deviations": [
        {**deviations[0], "axe_rules": ["Color Contrast"]}]})
    assert "står två gånger" in _problems(tmp_path, {**data, "deviations": [deviations[0], deviations[0]]})
    assert "får inte vara tomt" in _problems(tmp_path, {**data, "deviations": [{**deviations[0], "reason": " "}]})


def test_a_file_that_is_not_yaml_or_not_there_is_told_in_swedish(tmp_path: Path):
    broken = tmp_path / "trasig.yaml"
    broken.write_text("public_body: [oavslutad\n", encoding="utf-8")
    with pytest.raises(InputError, match="inte giltig YAML"):
        load_statement(broken)
    with pytest.raises(InputError, match="filen finns inte"):
        load_statement(tmp_path / "saknas.yaml")


def test_the_environment_names_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(STATEMENT_ENV, raising=False)
    assert statement_path() == STATEMENT_FILE
    path = _write(tmp_path, {**_shipped(), "public_body": "Region Värmland"})
    monkeypatch.setenv(STATEMENT_ENV, str(path))
    assert statement_path() == path
    assert load_statement().public_body == "Region Värmland"


def test_the_axe_rules_the_statement_names_point_to_their_deviation(tmp_path: Path):
    data = _shipped()
    deviations = list(data["deviations"])  # type: ignore[call-overload]
    changed = [{**deviations[0], "axe_rules": ["color-contrast"]}, *deviations[1:]]
    statement = load_statement(_write(tmp_path, {**data, "deviations": changed}))
    assert statement.axe_rules() == {"color-contrast": deviations[0]["id"]}


def test_dates_are_written_as_swedish_prose():
    assert long_date(dt.date(2026, 12, 5)) == "5 december 2026"
    assert long_date(dt.date(2027, 1, 31)) == "31 januari 2027"


def test_the_model_refuses_fields_it_does_not_know(tmp_path: Path):
    assert "okänt fält" in _problems(tmp_path, {**_shipped(), "kontakt": "x"})
    assert AccessibilityStatement.model_config.get("extra") == "forbid"
