"""The ``iop`` command: assess case files and list criteria sets.

Exit status: 0 on success, 2 when any input is invalid (nothing is written;
every problem is printed in Swedish, naming file and field), 130 after Ctrl-C
(one line on standard error, also while the command is still loading: see
``iop.cli``), 141 (128 + SIGPIPE) when the reader of standard output went away,
e.g. ``iop assess cases/ | head -1``, without a word, and 74 (EX_IOERR) when
standard output cannot be written, e.g. ``> /dev/full`` (one line). Whatever is
printed goes through ``iop.cli.terminal``: no control character from a case
file reaches the terminal, in any format.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from iop.cli.archive import add_archive_parser
from iop.cli.backup import add_backup_parsers
from iop.cli.explain import add_explain_parser
from iop.cli.report import add_report_parser
from iop.cli.terminal import (
    EXIT_OUTPUT,
    OutputError,
    TerminalOutput,
    json_text,
    output_failure,
    terminal_safe,
)
from iop.documents.text_report import to_json_dict, to_markdown, to_text
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.engine.rulebook_check import check_criteria
from iop.io.errors import InputError, Problem, os_problem
from iop.model.case import ReferenceCase
from iop.model.source import Source
from iop.rules.rulebook import criteria_dir, load_rulebook
from iop.words.swedish import KIND

EXIT_INVALID = 2
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


class _SwedishParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own messages are English
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"iop: fel i kommandot: {message}\n")


def _case_paths(paths: Iterable[str]) -> list[Path]:
    """Files as given; a folder contributes its *.yaml and *.yml files, sorted."""
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
                continue
        except OSError as exc:  # e.g. a folder the user may not list
            problems.append(os_problem(exc, raw))
            continue
        found.append(path)
    if problems:
        raise InputError(problems)
    return found


def _assess(args: argparse.Namespace) -> int:
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    paths = _case_paths(args.cases)
    if not paths:
        raise InputError([Problem(" ".join(args.cases), "", "inga ärendefiler (.yaml) hittades.")])

    # Validate everything before printing anything: bad input must not give half a report.
    problems: list[Problem] = []
    cases: list[tuple[Path, ReferenceCase]] = []
    for path in paths:
        try:
            cases.append((path, load_case(path, rulebook)))
        except InputError as exc:
            problems += exc.problems
    set_ids = list(rulebook.sets) if args.criteria == "all" else [args.criteria] if args.criteria else None
    if set_ids:
        for sid in set_ids:
            rulebook.criteria_set(sid)  # raises a Swedish InputError for an unknown set
    if problems:
        raise InputError(problems)

    results = []
    for path, case in cases:
        for sid in set_ids or [case.criteria_set]:
            results.append((path, engine.assess(case, rulebook.criteria_set(sid).id)))

    if args.format == "json":
        payload = [to_json_dict(a, str(p)) for p, a in results]
        print(json_text(payload[0] if len(payload) == 1 else payload))
    else:
        render = to_markdown if args.format == "markdown" else to_text
        print(terminal_safe(("\n---\n\n" if args.format == "markdown" else "\n" + "=" * 72 + "\n\n").join(
            render(a) for _, a in results)))
    return 0


def _check_criteria(folder: str) -> int:
    """``iop criteria --check [MAPP]``: problems in Swedish (exit 2), else each reference case's outcome."""
    effects = check_criteria(folder or None)
    print(f"Regelboken i {criteria_dir(folder or None)} är giltig.")
    for effect in effects:
        if effect.expected is None:
            print(f"  {effect.case} [{effect.set_id}]: {effect.actual} (inget förväntat utfall för uppsättningen)")
        elif effect.changed:
            print(f"  {effect.case} [{effect.set_id}]: ÄNDRAT – väntat {effect.expected}, blev {effect.actual}")
        else:
            print(f"  {effect.case} [{effect.set_id}]: som väntat, {effect.actual}")
    changed = sum(e.changed for e in effects)
    print(f"{len(effects)} bedömningar, {changed} skiljer sig från det förväntade utfallet.")
    return 0


def _criteria(args: argparse.Namespace) -> int:
    if args.check is not None:
        return _check_criteria(args.check)
    rulebook = load_rulebook()
    if args.set:
        rulebook.criteria_set(args.set)  # raises a Swedish InputError for an unknown set
    for criteria_set in rulebook.sets.values():
        if args.set and criteria_set.id != args.set:
            continue
        print(f"{criteria_set.id} (version {criteria_set.version}): {criteria_set.title}")
        reference = Source(document=criteria_set.reference.document, title=criteria_set.reference.title)
        print(f"  Källa: {reference.document_title}")  # the document's title, not its file name
        for c in criteria_set.criteria:
            print(f"  - {c.id}: {c.title} – {KIND[c.kind]}")
            for qid in c.questions:
                print(f"      fråga {qid}: {rulebook.questions.questions[qid].text}")
        print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _SwedishParser(prog="iop", description="IOP-stöd: bidrag, IOP eller upphandling?")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_SwedishParser)
    assess = sub.add_parser("assess", help="bedöm ett eller flera ärenden (filer eller mappar)")
    assess.add_argument("cases", nargs="+", help="ärendefiler i YAML eller mappar med sådana")
    assess.add_argument("--criteria", help="kriterieuppsättning, t.ex. forum-2015, eller 'all'")
    assess.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    assess.set_defaults(run=_assess)
    add_report_parser(sub)
    add_explain_parser(sub)
    add_archive_parser(sub)
    criteria = sub.add_parser("criteria", help="lista kriterieuppsättningar och deras kriterier")
    criteria.add_argument("set", nargs="?", help="visa bara denna uppsättning")
    criteria.add_argument("--check", nargs="?", const="", metavar="MAPP",
                          help="kontrollera regelboken i MAPP (annars IOP_CRITERIA_DIR eller den medföljande) "
                               "och visa hur referensärendena i cases/ blir")
    criteria.set_defaults(run=_criteria)
    add_backup_parsers(sub)
    return parser


def _quiet_after_broken_pipe() -> int:
    """The reader of stdout is gone: say nothing, and keep Python from complaining at exit."""
    _discard_stdout()
    return EXIT_BROKEN_PIPE


def _discard_stdout() -> None:
    """Whatever is still buffered for stdout can never be written: keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (e.g. under pytest's capture)
        pass


@contextmanager
def _ctrl_c_interrupts() -> Iterator[None]:
    """Ctrl-C (SIGINT) raises KeyboardInterrupt while the command runs, whatever the process inherited.

    Python only installs its KeyboardInterrupt handler when SIGINT is at its default at start-up;
    a process started in the background by a non-interactive shell (``cmd &`` in a script, or a
    test run started that way) inherits SIGINT *ignored*, and then Ctrl-C or ``kill -INT`` did
    nothing: ``iop assess`` blocked on a pipe stayed blocked. The handler is set here explicitly
    (and the previous one put back afterwards, for callers such as tests that run main() in
    their own process). This departs on purpose from the old shell convention of leaving an
    inherited "ignore" alone: someone who sends iop an interrupt means to stop it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread; leave them as they are
        return
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if previous is not None:  # None: a handler set outside Python, which cannot be put back
            signal.signal(signal.SIGINT, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with its output made terminal-safe (``iop.cli.terminal``); the exit status."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalOutput(out), TerminalOutput(err)
    try:
        with _ctrl_c_interrupts():
            return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        try:
            status = int(args.run(args))
            sys.stdout.flush()  # a closed pipe or a full disk shows here, not at interpreter exit
            return status
        except InputError as exc:
            print("iop: indata är inte giltiga, inget har skrivits:", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_INVALID
    except BrokenPipeError:
        return _quiet_after_broken_pipe()
    except OutputError as exc:
        _discard_stdout()
        print(output_failure(exc), file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        print("\niop: avbrutet.", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
