"""The rulebook: everything under criteria/, loaded, validated and cross-checked.

Layout of criteria/::

    rulebook.yaml           the order of reading: gates, layers, computed inputs, derived answers
    questions.yaml          fact questions shared by all sets and gates
    sets/<set>.yaml         criteria sets (Forum 2015, Kristianstad 2016, SKL 2017)
    decision/legal-layer.yaml   first layer of every recommendation table
    decision/<set>.yaml     policy layer per set (named by the set's decision_table)
    legal/*.yaml            the legal gate tables, read in the order rulebook.yaml lists them
    parameters/*.yaml       dated figures (de minimis ceilings, exchange rate)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from iop.io.errors import InputError, Problem, RulebookError
from iop.io.yaml_models import load_model
from iop.model.questions import UNKNOWN, QuestionCatalog
from iop.model.three_valued import Outcome
from iop.rules.contract_guard import contract_indicator_problems
from iop.rules.criteria import CriteriaSet
from iop.rules.decision_table import ABSENT, DecisionTable, Rule
from iop.rules.parameters import Parameter
from iop.rules.reading_order import ComputedInput, DerivedAnswer, GateEntry, ReadingOrder, check_reading_order

DEFAULT_CRITERIA_DIR = Path(__file__).resolve().parents[2] / "criteria"


def criteria_dir(root: Path | str | None = None) -> Path:
    """The criteria folder: ``root``, else ``IOP_CRITERIA_DIR``, else the bundled criteria/.

    Every file under criteria/ (the rulebook and the spectrum alike) is found
    through this one function, so a municipality's variant replaces all of it.
    """
    return Path(root or os.environ.get("IOP_CRITERIA_DIR") or DEFAULT_CRITERIA_DIR)


def unknown_set(set_id: str, known: Iterable[str]) -> InputError:
    """The Swedish error for a criteria set that does not exist, naming the ones that do."""
    choices = ", ".join(sorted(known))
    return InputError([Problem("", "kriterieuppsättning", f"{set_id!r} finns inte; välj en av: {choices}.")])


@dataclass(frozen=True)
class Rulebook:
    questions: QuestionCatalog
    sets: dict[str, CriteriaSet]
    legal_layer: DecisionTable
    policy_tables: dict[str, DecisionTable]
    gates: dict[str, DecisionTable]
    parameters: dict[str, Parameter]
    root: Path = field(default=DEFAULT_CRITERIA_DIR)
    order: ReadingOrder | None = None
    """criteria/rulebook.yaml: the gates in reading order, the layers, computed inputs, derived answers."""

    @cached_property
    def gate_entries(self) -> tuple[GateEntry, ...]:
        return tuple(self.order.gates) if self.order else ()

    @cached_property
    def computed_inputs(self) -> tuple[ComputedInput, ...]:
        return tuple(self.order.computed_inputs) if self.order else ()

    @cached_property
    def derivations(self) -> tuple[DerivedAnswer, ...]:
        """Derived answers in the order criteria/rulebook.yaml lists them."""
        return tuple(self.order.derived_answers) if self.order else ()

    @property
    def gate_order(self) -> tuple[str, ...]:
        """Gate ids in reading order, as criteria/rulebook.yaml lists them."""
        return tuple(self.gates)

    def table_file(self, table: DecisionTable) -> str:
        """Where a table lives under criteria/, as criteria/rulebook.yaml and the sets name it."""
        if self.order is not None:
            for gate in self.order.gates:
                if gate.id == table.id:
                    return gate.file
            if table.id == self.legal_layer.id:
                return self.order.legal_layer.file
        for set_id, policy in self.policy_tables.items():
            if policy.id == table.id:
                return f"decision/{self.sets[set_id].decision_table}"
        return f"decision/{table.id}.yaml"

    def criteria_set(self, set_id: str) -> CriteriaSet:
        try:
            return self.sets[set_id]
        except KeyError:
            raise unknown_set(set_id, self.sets) from None

    def recommendation_rules(self, set_id: str) -> list[Rule]:
        """The two layers of a set's recommendation table: legal first, then policy."""
        return [*self.legal_layer.rules, *self.policy_tables[set_id].rules]

    def tables_for(self, set_id: str) -> list[DecisionTable]:
        """Every table an assessment under ``set_id`` reads, in evaluation order."""
        return [*self.gates.values(), self.legal_layer, self.policy_tables[set_id]]

    def relevant_questions(self, set_id: str) -> list[str]:
        """Questions that can affect an assessment under ``set_id``, in asking order."""
        ordered = dict.fromkeys(self.sets[set_id].question_ids)
        read_by_tables = {name[2:] for t in self.tables_for(set_id) for name in t.input_names if name.startswith("q.")}
        # Questions only the tables read are asked in the catalog's order, which follows the legal reasoning.
        ordered.update(dict.fromkeys(q for q in self.questions.questions if q in read_by_tables))
        return list(ordered)


def _check_table(table: DecisionTable, file: str, rulebook_questions: QuestionCatalog,
                 criterion_ids: set[str], outputs: dict[str, set[str]]) -> list[Problem]:
    """Every input a table reads must exist and every value it tests must be possible."""
    problems: list[Problem] = []
    questions = rulebook_questions.questions
    for rule in table.rules:
        for key, allowed in rule.when.items():
            where = f"regel {rule.id} › {key}"
            if key.startswith("q."):
                qid = key[2:]
                if qid not in questions:
                    problems.append(Problem(file, where, f"frågan {qid!r} finns inte i questions.yaml."))
                    continue
                possible = set(questions[qid].options) | {UNKNOWN}
            elif key.startswith("c."):
                if key[2:] not in criterion_ids:
                    problems.append(Problem(file, where, f"kriteriet {key[2:]!r} finns inte i någon uppsättning."))
                    continue
                possible = {o.value for o in Outcome} | {ABSENT}
            elif key in outputs:
                possible = outputs[key]
            else:
                problems.append(Problem(file, where, "okänd indata till tabellen."))
                continue
            for value in sorted(set(allowed) - possible):
                problems.append(Problem(file, where, f"värdet {value!r} kan aldrig förekomma."))
    return problems


def _check_catch_all(table: DecisionTable, file: str) -> list[Problem]:
    """A gate or policy table must end in a rule without conditions, or some case matches nothing."""
    if table.rules[-1].is_catch_all:
        return []
    return [Problem(file, f"regel {table.rules[-1].id}",
                    "tabellen saknar en sista regel som alltid gäller (when: {}); lägg till en sådan "
                    "sist, annars kan ett ärende bli utan svar.")]


def _check_leaning_data(table: DecisionTable, file: str, catalog: QuestionCatalog) -> list[Problem]:
    """Indicators and signals must name an existing answer; presumption ids must be unique."""
    problems: list[Problem] = []
    for number, indicator in enumerate(table.indicators, start=1):
        question = catalog.questions.get(indicator.question)
        where = f"indikator {number} › {indicator.question}"
        if question is None:
            problems.append(Problem(file, where, f"frågan {indicator.question!r} finns inte i questions.yaml."))
        elif indicator.option not in question.options:
            problems.append(Problem(file, where, f"svaret {indicator.option!r} finns inte för frågan."))
    for number, signal in enumerate(table.signals, start=1):
        question = catalog.questions.get(signal.question)
        where = f"signal {number} › {signal.question}"
        if question is None:
            problems.append(Problem(file, where, f"frågan {signal.question!r} finns inte i questions.yaml."))
        elif signal.option not in question.options:
            problems.append(Problem(file, where, f"svaret {signal.option!r} finns inte för frågan."))
    ids = [p.id for p in table.presumptions]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(file, f"presumtion {duplicate}", "id:t förekommer flera gånger."))
    return problems


def _check_set(criteria_set: CriteriaSet, file: str, catalog: QuestionCatalog) -> list[Problem]:
    """Each criterion must give an effect for every option of every question it reads."""
    problems: list[Problem] = []
    for criterion in criteria_set.criteria:
        for qid, effects in criterion.questions.items():
            where = f"kriterium {criterion.id} › {qid}"
            question = catalog.questions.get(qid)
            if question is None:
                problems.append(Problem(file, where, f"frågan {qid!r} finns inte i questions.yaml."))
                continue
            missing = set(question.options) - set(effects)
            extra = set(effects) - set(question.options)
            if missing:
                problems.append(Problem(file, where, f"saknar betydelse för svaren {', '.join(sorted(missing))}."))
            if extra:
                problems.append(Problem(file, where, f"okända svar {', '.join(sorted(extra))}."))
    return problems


def load_rulebook(root: Path | str | None = None) -> Rulebook:
    """Load and cross-check criteria/; raises RulebookError listing every inconsistency."""
    return _load_rulebook_cached(criteria_dir(root).resolve())


@cache
def _load_rulebook_cached(base: Path) -> Rulebook:
    try:
        order = load_model(base / "rulebook.yaml", ReadingOrder, "en regelbok (läsordning)")
        catalog = load_model(base / "questions.yaml", QuestionCatalog, "en frågekatalog")
        sets = {}
        set_files = {}
        for path in sorted((base / "sets").glob("*.yaml")):
            criteria_set = load_model(path, CriteriaSet, "en kriterieuppsättning")
            sets[criteria_set.id] = criteria_set
            set_files[criteria_set.id] = str(path)
        gates = {g.id: load_model(base / g.file, DecisionTable, "en beslutstabell") for g in order.gates}
        legal_layer = load_model(base / order.legal_layer.file, DecisionTable, "en beslutstabell")
        policy = {
            sid: load_model(base / "decision" / s.decision_table, DecisionTable, "en beslutstabell")
            for sid, s in sets.items()
        }
        parameters = {}
        for path in sorted((base / "parameters").glob("*.yaml")):
            parameter = load_model(path, Parameter, "en parameter")
            parameters[path.stem] = parameter.model_copy(update={"id": path.stem})
    except InputError as exc:
        raise RulebookError(exc.problems) from None

    problems: list[Problem] = check_reading_order(order, gates, legal_layer, catalog)
    for sid, criteria_set in sets.items():
        problems += _check_set(criteria_set, set_files[sid], catalog)
    criterion_ids = {c.id for s in sets.values() for c in s.criteria}
    outputs: dict[str, set[str]] = {c.name: set(c.values) for c in order.computed_inputs}
    for gate in order.gates:
        table = gates[gate.id]
        problems += _check_table(table, gate.file, catalog, criterion_ids, outputs)
        problems += _check_leaning_data(table, gate.file, catalog)
        problems += _check_catch_all(table, gate.file)
        for name in table.outputs:
            outputs[name] = {v for r in table.rules if (v := r.then[name]) is not None}
    problems += _check_table(legal_layer, order.legal_layer.file, catalog, criterion_ids, outputs)
    problems += _check_leaning_data(legal_layer, order.legal_layer.file, catalog)
    for sid, table in policy.items():
        file = f"decision/{sets[sid].decision_table}"
        problems += _check_table(table, file, catalog, criterion_ids, outputs)
        problems += _check_leaning_data(table, file, catalog)
        problems += _check_catch_all(table, file)
        if table.builds_on != legal_layer.id:
            problems.append(Problem(file, "builds_on",
                                    f"en uppsättnings beslutstabell bygger på det rättsliga lagret; "
                                    f"skriv builds_on: {legal_layer.id}."))
    # A contract indicator answered yes never yields a grant or an IOP, in any set (iop/rules/contract_guard.py).
    problems += contract_indicator_problems(
        {gate.id: (gate.file, gates[gate.id]) for gate in order.gates},
        (order.legal_layer.file, legal_layer),
        {sid: (f"decision/{sets[sid].decision_table}", table) for sid, table in policy.items()},
        catalog)
    for name in ("de_minimis_general", "de_minimis_sgei", "sgei_decision_annual", "sek_per_eur"):
        if name not in parameters:
            problems.append(Problem(f"parameters/{name}.yaml", "", "parametern saknas."))
    if problems:
        raise RulebookError(problems)
    return Rulebook(catalog, sets, legal_layer, policy, gates, parameters, base, order)
