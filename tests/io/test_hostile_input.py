"""Hostile and broken case files end in the project's Swedish InputError, never in a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from iop.engine.case_import import case_from_bytes, case_from_text, load_case
from iop.io.errors import InputError
from iop.io.safe_yaml import MAX_DEPTH, check_shape, load_yaml, obviously_small
from iop.io.yaml_models import read_text
from iop.rules.rulebook import Rulebook
from tests.helpers import CASES, REPO


def _refused(text: str, rulebook: Rulebook) -> str:
    with pytest.raises(InputError) as info:
        case_from_text(text, rulebook, "fall.yaml")
    message = str(info.value)
    assert "fall.yaml" in message
    return message


@pytest.mark.parametrize(("text", "expected"), [
    ("title: x\ndate: 0000-00-00\n", "bedömningsdatum: '0000-00-00' är inte ett datum"),
    ("title: x\ndate: 2026-02-30\n", "bedömningsdatum: '2026-02-30' är inte ett datum"),
    ("title: x\nactivity:\n  start: 2026-13-01\n", "startdatum: '2026-13-01' är inte ett datum"),
    ("title: !!float abc\n", "rad 1, kolumn 8: värdet 'abc' kan inte läsas"),
    ("title: !!bool maybe\n", "värdet 'maybe' kan inte läsas"),
    ("title: !!timestamp foo\n", "värdet 'foo' kan inte läsas"),
    ("title: !!float ''\n", "värdet '' kan inte läsas"),
    ("title: x\ndiarienummer: " + "9" * 5000 + "\n", "rad 2, kolumn 15: värdet"),
    ("title: x\nstate_aid:\n  sek_per_eur: .inf\n", "växelkurs (kronor per euro): inf är inte ett ändligt tal"),
    ("title: x\nstate_aid:\n  sek_per_eur: .nan\n", "växelkurs (kronor per euro): nan är inte ett ändligt tal"),
    ("title: x\nstate_aid:\n  sek_per_eur: 5.0e-324\n", "värdet måste vara minst 1"),
    ("title: x\nstate_aid:\n  sek_per_eur: 1000.0\n", "värdet får vara högst 100"),
    ("title: x\npublic_party:\n  contribution:\n    money_sek_per_year: " + "9" * 400 + "\n",
     "ett tal med över 30 siffror är för stort; värdet får vara högst 1 000 000 000 000"),
    ("title: x\nstate_aid:\n  other_de_minimis_sek: 1000000000001\n", "högst 1 000 000 000 000"),
    ("title: x\norganisation:\n  contribution:\n    volunteer_hours_per_year: 100000001\n", "högst 100 000 000"),
    ("title: x\nactivity:\n  planned_duration_months: 601\n", "högst 600"),
    ("title: x\x00\n", "tecken som inte får stå i en textfil"),
    ("[" * 30000, "för djupt nästlad"),
    ("- " * 30000 + "x", "för djupt nästlad"),
    ("{a: " * 30000, "för djupt nästlad"),
])
def test_bad_values_and_tags_get_a_swedish_message(text: str, expected: str, rulebook: Rulebook):
    assert expected in _refused(text, rulebook)


def test_a_duplicate_key_is_refused_with_both_lines(rulebook: Rulebook):
    message = _refused("title: Första\ndiarienummer: KS 1\ntitle: Andra\n", rulebook)
    assert "rad 3: nyckeln 'title' står två gånger i samma tabell (första gången på rad 1)" in message


def test_a_duplicate_question_id_in_answers_is_refused(rulebook: Rulebook):
    message = _refused("title: x\nanswers:\n  initiative: joint\n  initiative: organisation\n", rulebook)
    assert "rad 4" in message and "'initiative'" in message


def test_alias_bombs_are_refused_by_their_expanded_size(rulebook: Rulebook):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"b{i}: &b{i} [{', '.join([f'*{prev}'] * 10)}]"
              for i, prev in enumerate(["a", *[f"b{j}" for j in range(8)]])]
    message = _refused("\n".join(lines) + "\n", rulebook)
    assert "för många värden" in message


def test_many_aliases_are_refused(rulebook: Rulebook):
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 2000) + "]\n"
    assert "för många alias" in _refused(text, rulebook)


def test_dates_stay_text_until_pydantic_reads_them():
    assert load_yaml("date: 2026-01-15") == {"date": "2026-01-15"}


def test_the_fast_path_only_skips_the_scan_when_the_limits_provably_hold():
    assert all(obviously_small(p.read_text(encoding="utf-8")) for p in CASES.glob("*.yaml"))
    assert not obviously_small("[" * (MAX_DEPTH // 2))
    assert not obviously_small("a: &x 1\nb: *x\n")
    deep_block = "".join(" " * i + "- \n" for i in range(60))  # nested by indentation only
    assert not obviously_small(deep_block)
    with pytest.raises(Exception, match="depth"):
        check_shape(deep_block)


def test_the_guard_accepts_every_reference_case_and_the_criteria(rulebook: Rulebook):
    for path in CASES.glob("*.yaml"):
        assert load_case(path, rulebook).title


def test_a_deep_file_is_refused_in_a_thread_as_well(rulebook: Rulebook):
    """Streamlit runs pages in threads, whose stacks may be smaller than the main thread's."""
    outcome: list[str] = []

    def upload() -> None:
        try:
            case_from_bytes(b"[" * 30000, rulebook, "djup.yaml")
        except InputError as exc:
            outcome.append(str(exc))

    old = threading.stack_size(512 * 1024)
    try:
        worker = threading.Thread(target=upload)
        worker.start()
        worker.join()
    finally:
        threading.stack_size(old)
    assert outcome and "för djupt nästlad" in outcome[0]


def test_reading_dev_zero_and_dev_urandom_stops_at_the_limit():
    for device in ("/dev/zero", "/dev/urandom"):
        with pytest.raises(InputError, match="för stor"):
            read_text(Path(device))


def test_a_fifo_without_a_writer_does_not_hang(tmp_path: Path):
    fifo = tmp_path / "rör.yaml"
    os.mkfifo(fifo)
    assert read_text(fifo) == ""  # no writer: end of file at once, then "no case" downstream


def test_a_large_pipe_is_cut_at_the_limit():
    """Like ``iop assess <(yes)``: a pipe that never ends is read only up to the limit."""
    read_end, write_end = os.pipe()

    def endless() -> None:
        try:
            while True:
                os.write(write_end, b"x" * 65536)
        except OSError:  # the reader closed its end
            pass
        finally:
            os.close(write_end)

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    try:
        with pytest.raises(InputError, match="för stor"):
            read_text(Path(f"/proc/self/fd/{read_end}"))
    finally:
        os.close(read_end)
        writer.join(timeout=30)


def test_bytes_that_are_not_utf8_or_too_large_are_refused(rulebook: Rulebook):
    with pytest.raises(InputError, match="inte en textfil i UTF-8"):
        case_from_bytes(bytes(range(256)), rulebook, "bild.yaml")
    with pytest.raises(InputError, match="för stor"):
        case_from_bytes(b"#" * 1_000_001, rulebook, "stor.yaml")
    assert case_from_bytes("\ufefftitle: Med BOM\n".encode(), rulebook, "bom.yaml").title == "Med BOM"


def test_the_deep_nesting_file_does_not_crash_a_fresh_process(tmp_path: Path):
    """The regression case of issue 9, run where a segfault fails this test instead of killing pytest."""
    deep = tmp_path / "d.yaml"
    deep.write_text("[" * 30000, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "iop.cli", "assess", str(deep)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert "för djupt nästlad" in result.stderr and "Traceback" not in result.stderr
