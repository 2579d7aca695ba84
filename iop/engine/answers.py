"""The answers the engine reads: the user's, and those criteria/rulebook.yaml derives for questions left open."""

from __future__ import annotations

from collections.abc import Mapping

from iop.engine.compiled import CompiledRulebook, compile_rulebook
from iop.model.case import Case
from iop.model.questions import UNKNOWN
from iop.rules.rulebook import Rulebook, load_rulebook


def _compiled(rulebook: Rulebook | None) -> CompiledRulebook:
    return compile_rulebook(rulebook or load_rulebook())


def implied_changes_of(book: CompiledRulebook, answered: Mapping[str, str],
                       new: Mapping[str, str]) -> dict[str, str]:
    """``implied_changes`` over a compiled rulebook."""
    out: dict[str, str] = {}
    given: dict[str, str] | None = None
    for derived in book.implied:
        if derived.question in answered or derived.question in new:
            continue
        if any(qid in new for qid in derived.reads):
            given = given if given is not None else {**answered, **new}
            option = derived.function(given)
            out[derived.question] = option if option is not None else UNKNOWN
    return out


def implied_changes(answered: Mapping[str, str], new: Mapping[str, str],
                    rulebook: Rulebook | None = None) -> dict[str, str]:
    """The implied answers (criteria/rulebook.yaml) re-derived once the answers ``new`` are given.

    An implied answer is a derived answer that reads only other answers. It is
    only ever derived for a question the user left open (not in ``answered``)
    and never overrides an answer given in ``new`` itself.
    """
    return implied_changes_of(_compiled(rulebook), answered, new)


def answers_with(facts: Mapping[str, str], answered: Mapping[str, str], new: Mapping[str, str],
                 rulebook: Rulebook | None = None) -> dict[str, str]:
    """``facts`` with the answers ``new`` given, and the answers they imply re-derived."""
    return {**facts, **implied_changes(answered, new, rulebook), **new}


def derive(book: CompiledRulebook, case: Case, facts: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Each derived answer with an option, as (option, evidence), in the order criteria/rulebook.yaml lists them."""
    derived: dict[str, tuple[str, str]] = {}
    for step in book.derivations:
        option = step.function(facts) if step.from_answers else step.function(case)
        if option is not None:
            derived[step.question] = (option, step.evidence)
    return derived


def derived_answers(case: Case, rulebook: Rulebook | None = None) -> dict[str, tuple[str, str]]:
    """Answers the engine reads off other case facts, as criteria/rulebook.yaml declares them: option and why."""
    return derive(_compiled(rulebook), case, case.facts())


def facts_of(book: CompiledRulebook, case: Case) -> dict[str, str]:
    """``case_facts`` over a compiled rulebook."""
    derived = {q: option for q, (option, _why) in derive(book, case, case.facts()).items()}
    return {**derived, **case.facts()}


def case_facts(case: Case, rulebook: Rulebook | None = None) -> dict[str, str]:
    """The answers the engine reads: the user's, plus derived ones for questions left open."""
    return facts_of(_compiled(rulebook), case)
