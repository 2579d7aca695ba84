from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from iop.cli.main import main
from tests.helpers import CASES, REPO

JSON_KEYS = {"schema", "recommendation", "rule", "criteria_set", "criteria", "open_questions", "form", "gates"}


def test_json_output_has_the_documented_keys(capsys):
    assert main(["assess", str(CASES / "ungdomsbussen.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert JSON_KEYS <= set(data)
    assert data["recommendation"] == "iop" and data["rule"]["id"] == "F9"
    assert data["criteria"]["initiative"] == "met"


def test_a_folder_is_assessed_file_by_file(capsys):
    assert main(["assess", str(CASES), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == len(list(CASES.glob("*.yaml")))


def test_criteria_all_assesses_each_case_under_every_set(capsys):
    assert main(["assess", str(CASES / "arbetsintegrering-sgei.yaml"), "--criteria", "all", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_set = {d["criteria_set"]["id"]: d["recommendation"] for d in data}
    assert by_set == {"forum-2015": "procurement", "kristianstad-2016": "procurement", "skl-2017": "iop"}


def test_text_and_markdown_give_the_recommendation_in_swedish(capsys):
    main(["assess", str(CASES / "ungdomsbussen.yaml")])
    assert "Rekommendationen är idéburet offentligt partnerskap (IOP)." in capsys.readouterr().out
    main(["assess", str(CASES / "ungdomsbussen.yaml"), "--format", "markdown"])
    assert capsys.readouterr().out.startswith("# Ungdomsbussen")


def test_bad_file_among_good_ones_exits_2_and_prints_nothing(tmp_path: Path, capsys):
    bad = tmp_path / "trasig.yaml"
    bad.write_text("title: x\nactivity:\n  start: igår\n", encoding="utf-8")
    assert main(["assess", str(CASES / "ungdomsbussen.yaml"), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "trasig.yaml" in err and "startdatum" in err and "Traceback" not in err


def test_missing_file_and_unknown_set_exit_2(tmp_path: Path, capsys):
    assert main(["assess", str(tmp_path / "finns-inte.yaml")]) == 2
    assert "finns inte" in capsys.readouterr().err
    assert main(["assess", str(CASES / "ungdomsbussen.yaml"), "--criteria", "okänd"]) == 2
    assert "finns inte" in capsys.readouterr().err


def test_criteria_lists_every_set_and_its_questions(capsys):
    assert main(["criteria"]) == 0
    out = capsys.readouterr().out
    assert "forum-2015" in out and "kristianstad-2016" in out and "skl-2017" in out
    assert "fråga initiative" in out


def test_content_hash_is_the_same_in_processes_with_different_hash_seeds():
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-m", "iop.cli", "assess", str(CASES / "ungdomsbussen.yaml"), "--format", "json"]
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=True)
        digests.add(json.loads(result.stdout)["criteria_set"]["hash"])
    assert len(digests) == 1
