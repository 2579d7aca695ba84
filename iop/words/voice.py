"""One voice says what the engine found: to an official (``OFFICIAL``) or, in plain Swedish, to an organisation.

The engine, the leaning and the headline return data: a verdict and its form,
the gates that leave it open (``headline.caveated_gates``), the questions that
block an undecided case with their ids (``headline.blocking``), the leaning's
outcome and what settles it. A ``Voice`` turns that data into sentences.
``Voice`` speaks to an official, with the acts' names and rule references;
``PlainVoice`` to an organisation checking its idea, in words it can act on,
and carries the rulebook's plain texts (criteria, questions, options, rules and
warnings, gathered by ``iop.documents.plain_wording``). Where the two say the
same thing differently, each says it its own way: no sentence is chosen by
testing a flag, and no module takes apart a sentence another module wrote.

A caller speaks through a voice's methods: ``OFFICIAL``, ``PLAIN``, or ``voice(plain)`` where the
audience comes as a flag; no function here takes ``plain=`` to pick the words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from iop.model.assessment_record import (
    AnswerTrace,
    Assessment,
    Caution,
    CriterionResult,
    Leaning,
    RuleRef,
    SettlingQuestion,
    WhatIf,
)
from iop.model.questions import UNKNOWN, Question, QuestionCatalog
from iop.words.headline import Blocker, Blocking, blocking, caveated_gates
from iop.words.plain_language import PLAIN_DISCLAIMER, PLAIN_FORM, plain_text
from iop.words.swedish import (
    DISCLAIMER,
    DONT_KNOW_LABEL,
    FORM,
    LEANING_STRENGTH,
    NOT_ANSWERED_LABEL,
    RECOMMENDATION,
    RECOMMENDATION_SHORT,
    mid_sentence,
)

GATE_CAVEAT = {
    ("lawful_grant", "unknown"): "kommunallagens villkor är inte utredda",
    ("state_aid", "unknown"): "statsstödsfrågan är inte utredd",
    ("state_aid", "over_ceiling"): "stödet kan vara otillåtet statsstöd",
}
"""(gate, value) -> the caveat the headline carries when that gate bears on the recommendation."""

GATE_CAVEAT_PLAIN = {
    ("lawful_grant", "unknown"): "det är inte utrett om kommunen får ge stödet",
    ("state_aid", "unknown"): "det är inte utrett om EU:s regler om stöd till företag gäller",
    ("state_aid", "over_ceiling"): "stödet kan vara för stort enligt EU:s regler om stöd till företag",
}

GRANT_REASON = "stöd till organisationens egen verksamhet"
"""Why a grant is a grant, said the same way wherever the tool names a recommended grant (headline,
spectrum picture, decision document): the municipality supports the organisation's own activity."""

GRANT_REASON_PLAIN = "stöd till er egen verksamhet"
"""The same reason in organisation mode, addressing the organisation."""

GRANT_FORM_PLAIN = {"normerat_foreningsbidrag": "vanligt föreningsbidrag"}
"""A grant form's name in organisation mode where the official name would puzzle; the others are kept."""

TOGETHER = "Avgör ärendet tillsammans med de andra frågorna här."
"""What an open blocking question leads to when no answer to it alone decides the case."""

NOT_YET = (
    "Detta är en preliminär bedömning, inte en rekommendation: den bygger bara på de uppgifter som är "
    "kända hittills och kan ändras när de öppna frågorna besvaras."
)
"""Why a leaning is not a recommendation, for an official; the case's own reason follows it."""

PLAIN_PRELIMINARY = "Det här är en preliminär bedömning, inte ett besked."

PLAIN_DERIVED = "(räknat fram från det ni skrev under Ärendet)"
"""Said of an answer the engine derived from the case facts, instead of the derivation's technical source."""

SECTION_TITLES = {
    "recommendation": "Rekommendation",
    "warnings": "Varningar",
    "gates": "Rättsliga grindar",
    "criteria": "Kriterierna",
    "open_questions": "Öppna frågor",
    "parties": "Parter och kontakt",
    "contributions": "Insatser och belopp",
}
"""A document section's id -> its title for an official, where the organisation's title differs."""

PLAIN_SECTION_TITLES = {
    "recommendation": "Vad IOP-stöd kommer fram till",
    "warnings": "Att tänka på",
    "gates": "Juridiska kontroller",
    "criteria": "Det här bedömdes",
    "open_questions": "Obesvarade frågor",
    "parties": "Ni och kommunen",
    "contributions": "Vad var och en bidrar med",
}

SIDE_TITLES = {
    "grant": "Talar för bidrag",
    "iop": "Talar för IOP",
    "grant iop": "Talar för bidrag och IOP lika (skiljer dem inte åt)",
    "procurement": "Talar för upphandling",
}
"""The sides the leaning's facts are listed under (``iop.engine.leaning.leaning_sides``), in the record's
documents and on the page."""


@dataclass(frozen=True)
class SpectrumVerdict:
    """What the spectrum picture's verdict row shows: the recommendation, or on an undecided case the leaning.

    There is one verdict and one leaning in the tool: the picture never computes
    its own from the dimensions, so it can never disagree with the recommendation.
    """

    outcome: str | None
    preliminary: bool
    label: str
    explanation: str


@dataclass(frozen=True)
class Voice:
    """Official Swedish, for an official's beslutsunderlag: the acts' names, rule ids and sources.

    Also the official ``Wording`` of the documents: criteria, questions, options and
    rules are named by their official texts, which the records carry.
    """

    plain: ClassVar[bool] = False
    """Whether this voice leaves out what only an official acts on (rule ids, sources, case law, file
    names); the documents read it to choose which sections and lines an audience gets, never which words."""

    caveats_by_gate: ClassVar[Mapping[tuple[str, str], str]] = GATE_CAVEAT
    grant_reason: ClassVar[str] = GRANT_REASON
    verdict_lead: ClassVar[str] = "Rekommendationen är"
    undecided_sentence: ClassVar[str] = "Ärendet går inte att avgöra ännu; se de öppna frågorna."
    given_answer: ClassVar[str] = "Besvarad: {}"
    """How an answer that stops the case is named ("Besvarad: Nej")."""
    stopped_heading: ClassVar[str] = "Det här stoppar ärendet:"
    open_heading: ClassVar[str] = "Det här avgör ärendet – ta reda på:"
    section_titles: ClassVar[Mapping[str, str]] = SECTION_TITLES
    """A document section's id -> its title (``iop.documents.outline``)."""
    disclaimer: ClassVar[str] = DISCLAIMER
    contribution_header: ClassVar[tuple[str, str, str]] = ("Insats", "Kommunen/regionen", "Organisationen")
    out_of_validity: ClassVar[str] = "Kriterieuppsättningen {criteria_set} gäller inte på bedömningsdatumet {day}."
    """The warning the engine raises when the criteria set does not apply on the assessment day."""

    # --- the rulebook's texts, in this voice ----------------------------------------------------

    def criterion(self, c: CriterionResult) -> str:
        return c.title

    def name(self, official: str, plain: str = "") -> str:
        """Something named in both voices' words (a step of the walk): the official name, or the plain one."""
        return official

    def question(self, qid: str, official: str) -> str:
        """A question as asked, given its official text."""
        return official

    def option(self, qid: str, option: str, official: str) -> str:
        """An answer's label, given its official label."""
        return official

    def question_text(self, question: Question) -> str:
        return question.text

    def option_label(self, question: Question, option: str) -> str | None:
        """The label of ``option``; None for an option the question lacks."""
        return question.options.get(option)

    def labels(self, question: Question) -> dict[str, str]:
        """Every option's label, in the file's order."""
        return dict(question.options)

    def answer(self, trace: AnswerTrace) -> str:
        """The answer a trace read: its option's label, or "Vet ej / inte besvarad" for none of the options."""
        return self.option(trace.question, trace.answer, trace.answer_label or NOT_ANSWERED_LABEL)

    def find_out(self, question: Question) -> str:
        """What to find out to answer ``question``."""
        return question.prepare or question.help or ""

    def point(self, question: Question) -> str:
        """``question`` as a point on a preparation list, readable without the question above it."""
        return self.find_out(question)

    def rule(self, rule: RuleRef) -> str:
        """Why a rule decided."""
        return rule.annotation

    def rule_own_words(self, rule: RuleRef) -> str | None:
        """The rule's own text for this voice, when criteria/ gives it one (None: the annotation serves)."""
        return None

    def derived_note(self, trace: AnswerTrace) -> str:
        """Where a derived answer came from, after the answer."""
        return f"({trace.derived_from})"

    def what_if_verdict(self, recommendation: str, form: str | None) -> str:
        """What an answer would lead to; a grant named as the headline names it (``verdict_name``)."""
        if recommendation == "grant":
            return self.verdict_name(recommendation, form)
        short = RECOMMENDATION_SHORT[recommendation]
        return f"{short} ({FORM[form]})" if form else short

    def what_if_line(self, question: str, what_if: WhatIf) -> str:
        """What one answer to an open question would lead to, with the rule that would decide."""
        return (f"Om svaret är ”{what_if.option_label}”: "
                f"{self.what_if_verdict(what_if.recommendation, what_if.form)} (regel {what_if.rule})")

    def caution_text(self, warning: Caution) -> str:
        """A warning's own words: the rule's warning, or what the engine found (the set out of its validity)."""
        found = warning.out_of_validity
        if warning.text or found is None:
            return warning.text
        return self.out_of_validity.format(criteria_set=found.criteria_set, day=found.day.isoformat())

    def warning(self, warning: Caution, remedy_said: str | None = None) -> str:
        """A warning with what can be done and its source.

        ``remedy_said`` is said instead of what can be done, when a page shows that elsewhere.
        """
        remedy = remedy_said if remedy_said is not None else (
            f"Vad som kan göras: {warning.remedy}" if warning.remedy else "")
        return self.caution_text(warning) + (f" {remedy}" if remedy else "") + f" (Källa: {warning.source.cite()})"

    # --- the verdict and the headline ---------------------------------------------------------

    def grant_form_name(self, form: str) -> str:
        return FORM.get(form, form)

    def form_name(self, form: str) -> str:
        """The form of a recommended procurement (or any form but a grant's)."""
        return FORM.get(form, form)

    def grant_form_phrase(self, form: str | None) -> str:
        """A grant's form and reason, one phrase: "verksamhetsbidrag, stöd till organisationens egen verksamhet"."""
        if not form:
            return self.grant_reason
        return f"{self.grant_form_name(form)}, {self.grant_reason}"

    def verdict_name(self, recommendation: str, form: str | None) -> str:
        """The recommendation's short name; a grant with its form and reason: "Bidrag (verksamhetsbidrag, stöd …)".

        The headline, the spectrum picture's verdict row and both documents name a grant through this one
        method, so they say it the same way.
        """
        short = RECOMMENDATION_SHORT[recommendation]
        return f"{short} ({self.grant_form_phrase(form)})" if recommendation == "grant" else short

    def verdict_sentence(self, recommendation: str, form: str | None) -> str:
        """The recommendation in one sentence."""
        if recommendation == "undecided":
            return self.undecided_sentence
        text = f"{self.verdict_lead} {RECOMMENDATION[recommendation]}"
        if recommendation == "grant":
            text += f" ({self.grant_form_phrase(form)})"
        elif form:
            text += f": {self.form_name(form)}"
        return text + "."

    def verdict(self, recommendation: str, form: str | None) -> str:
        """``verdict_sentence`` (the documents' name for it)."""
        return self.verdict_sentence(recommendation, form)

    def caveat(self, assessment: Assessment) -> str:
        """Every gate that leaves the recommendation open or in doubt, in one phrase ("" for none)."""
        caveats = [self.caveats_by_gate[gate] for gate in caveated_gates(assessment)]
        if len(caveats) > 1:
            return f"{', '.join(caveats[:-1])} och {caveats[-1]}"
        return caveats[0] if caveats else ""

    def headline(self, assessment: Assessment) -> str:
        """The recommendation in a few words, with every open gate that bears on it ("IOP – men …").

        A grant is named with its form and reason (``verdict_name``), as the spectrum picture and the
        documents name it.
        """
        text = self.verdict_name(assessment.recommendation, assessment.form)
        caveat = self.caveat(assessment)
        return f"{text} – men {caveat}" if caveat else text

    # --- what blocks an undecided case --------------------------------------------------------

    def outcome_line(self, question: Question, what_if: WhatIf) -> str:
        """One answer and what it would lead to: "Ja: IOP"."""
        label = self.option_label(question, what_if.option) or what_if.option_label
        return f"{label}: {RECOMMENDATION_SHORT[what_if.recommendation]}"

    def settle_text(self, settle: SettlingQuestion) -> str:
        return settle.text

    def settle_remedy(self, settle: SettlingQuestion) -> str:
        return settle.remedy

    def given(self, settle: SettlingQuestion) -> str:
        """The answer given to a question that stops the case: its label, "Vet ej" for none."""
        return settle.answer or (DONT_KNOW_LABEL if settle.option == UNKNOWN else settle.option)

    def stops(self, settle: SettlingQuestion) -> str:
        """An answered question that stops the case: the answer given and what can be done."""
        remedy = self.settle_remedy(settle)
        return f"{self.given_answer.format(self.given(settle))}, och det stoppar ärendet." + (
            f" {remedy}" if remedy else "")

    def settle_line(self, settle: SettlingQuestion) -> str:
        """One settling question as a list line: an answered one says the answer given and what can be done."""
        text = self.settle_text(settle)
        if not settle.answered:
            return text
        remedy = self.settle_remedy(settle)
        return (f"{text} – {self.given_answer.format(self.given(settle))}, och det stoppar ärendet."
                + (f" {remedy}" if remedy else ""))

    def blocker(self, found: Blocking, catalog: QuestionCatalog) -> Blocker:
        """A blocking question (``headline.blocking``) as the result box and the preparation list say it."""
        question = catalog.questions[found.question]
        outcomes = tuple(self.outcome_line(question, w) for w in found.deciding)
        if found.stopping is not None:
            # What to find out is what can be done about the answer given; the outcomes are the other
            # answers that decide.
            text, find_out = self.settle_text(found.stopping), self.stops(found.stopping)
            return Blocker(question=found.question, text=text, find_out=find_out, outcomes=outcomes,
                           point=f"{text} {find_out}", answered=True)
        # Only answers that move the case are worth a line; one that decides only together
        # with another question says so instead of listing "Oavgjort" for every answer.
        return Blocker(question=found.question, text=self.question_text(question), find_out=self.find_out(question),
                       outcomes=outcomes or (TOGETHER,), point=self.point(question))

    def blockers(self, assessment: Assessment, catalog: QuestionCatalog) -> list[Blocker]:
        """The questions whose answer would decide an undecided case, most decisive first (``headline.blocking``)."""
        return [self.blocker(found, catalog) for found in blocking(assessment)]

    def blockers_heading(self, blockers: Sequence[Blocker]) -> str:
        """The lead-in to the blockers in the result box: an answer that stops the case is not something to find out."""
        return self.stopped_heading if blockers and blockers[0].answered else self.open_heading

    # --- the preliminary leaning --------------------------------------------------------------

    def leaning(self, leaning: Leaning, instead_of_first: str = "") -> str:
        """The leaning in one sentence: outcome and strength, or why it points nowhere.

        Shown under a heading that says "preliminär bedömning", so the sentence does not repeat it.
        """
        if leaning.outcome is not None:
            return (f"Som det ser ut nu lutar ärendet åt {RECOMMENDATION[leaning.outcome]} "
                    f"({LEANING_STRENGTH[leaning.strength or 'weak']} lutning).")
        if leaning.blocked is not None and leaning.presumptions:
            presumption = leaning.presumptions[0]
            return (f"De kända uppgifterna pekar mot {RECOMMENDATION[leaning.blocked]}, men ärendet kan inte luta "
                    f"dit ännu. {presumption.annotation} ({presumption.id})")
        if set(leaning.reachable) == {"undecided"}:
            return ("Inget av de möjliga svaren på de öppna frågorna ger en rekommendation i nuläget; det som "
                    "stoppar ärendet måste åtgärdas först.")
        return "De kända uppgifterna pekar ännu inte åt något håll."

    def not_yet(self, leaning: Leaning) -> str:
        """Why the leaning is not yet a recommendation: the general caveat, then the case's own reason.

        A record stored before the words were rendered apart carries the sentence itself; it is said as stored.
        """
        return leaning.not_yet or f"{NOT_YET} Ärendet är oavgjort eftersom: {leaning.undecided_because}"

    # --- the spectrum picture's verdict row ------------------------------------------------------

    def spectrum_verdict(self, assessment: Assessment) -> SpectrumVerdict:
        """The verdict row for ``assessment``, with why: the deciding rule, or the leaning and why it is preliminary."""
        if assessment.recommendation != "undecided":
            return self._spectrum_decided(assessment)
        leaning = assessment.leaning
        if leaning is None:
            return SpectrumVerdict(outcome=None, preliminary=True, label="Ingen lutning ännu",
                                   explanation="Ärendet går inte att avgöra ännu.")
        stopping = leaning.settle[0] if leaning.settle and leaning.settle[0].answered else None
        if stopping is not None:
            # A gate stops the case whatever the points say: the verdict row says so and why.
            return self._spectrum_stopped(assessment, leaning, stopping)
        label = ("Ingen lutning ännu" if leaning.outcome is None
                 else f"Preliminärt: lutar åt {RECOMMENDATION_SHORT[leaning.outcome]}")
        return SpectrumVerdict(outcome=leaning.outcome, preliminary=True, label=label,
                               explanation=self._spectrum_leaning(leaning))

    def _spectrum_decided(self, assessment: Assessment) -> SpectrumVerdict:
        rule = assessment.rule
        reason = ("En rättslig grind avgör före kriterierna" if rule.layer == "legal"
                  else "Kriterierna avgör enligt beslutstabellen")
        return SpectrumVerdict(
            outcome=assessment.recommendation, preliminary=False,
            label=f"Rekommendation: {self.verdict_name(assessment.recommendation, assessment.form)}",
            explanation=(f"{reason} (regel {rule.id}): "
                         f"{rule.annotation} Punkterna visar varje svar för sig; de väger inte upp regeln."),
        )

    def _spectrum_stopped(self, assessment: Assessment, leaning: Leaning,
                          stopping: SettlingQuestion) -> SpectrumVerdict:
        rule = assessment.rule
        return SpectrumVerdict(
            outcome=None, preliminary=True, label="Stoppas av en grind",
            explanation=(f"Preliminär bedömning: ärendet är oavgjort, en rättslig grind stoppar det (regel {rule.id}). "
                         f"{rule.annotation} "
                         f"Det som avgör: {self.settle_line(stopping)} Punkterna visar varje svar för sig; "
                         "de väger inte upp grinden."),
        )

    def _spectrum_leaning(self, leaning: Leaning) -> str:
        tail = self.not_yet(leaning) if leaning.outcome is not None else "Punkterna visar varje svar för sig."
        sentence = self.leaning(leaning)
        return f"Preliminär bedömning: {mid_sentence(sentence)} {tail}"

    # --- the comparison of sets ------------------------------------------------------------------

    def set_verdict(self, recommendation: str, form: str | None) -> str:
        """A set's verdict in the comparison of sets: short, with the form's name."""
        return RECOMMENDATION_SHORT[recommendation] + (f" ({FORM.get(form, form)})" if form else "")

    def set_rule(self, rule: RuleRef) -> str:
        """The rule that decided under a set, in the comparison of sets."""
        return f"{rule.id}: {rule.annotation}"

    def criterion_title(self, criterion_title: str, criterion_plain: str) -> str:
        """A criterion's name in the comparison of sets, given its title and its plain text."""
        return criterion_title


@dataclass(frozen=True)
class PlainVoice(Voice):
    """Plain Swedish for an organisation checking its idea: what to find out, not which paragraph says so.

    Carries the rulebook's plain texts (``iop.documents.plain_wording`` gathers them for a set); a text
    without a plain version is said with its legal references taken out (``plain_text``).
    """

    criterion_texts: Mapping[str, str] = field(default_factory=dict)
    question_texts: Mapping[str, str] = field(default_factory=dict)
    option_texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Question id -> option id -> the option's plain label."""
    rule_texts: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(table id, rule id) -> the rule's plain annotation."""
    warning_texts: Mapping[str, str] = field(default_factory=dict)
    """A rule's official warning -> the warning and what can be done, in plain words."""

    plain: ClassVar[bool] = True
    caveats_by_gate: ClassVar[Mapping[tuple[str, str], str]] = GATE_CAVEAT_PLAIN
    grant_reason: ClassVar[str] = GRANT_REASON_PLAIN
    verdict_lead: ClassVar[str] = "IOP-stöd kommer fram till"
    # Said for open questions and for an answer that stops the case alike: what it is follows below.
    undecided_sentence: ClassVar[str] = "Det går inte att säga ännu. Först behöver något redas ut, se nedan."
    given_answer: ClassVar[str] = "Ni har svarat {}"
    stopped_heading: ClassVar[str] = "Det här gör att det inte går att säga något just nu:"
    open_heading: ClassVar[str] = "Det här behöver ni ta reda på innan det går att säga något:"
    section_titles: ClassVar[Mapping[str, str]] = PLAIN_SECTION_TITLES
    disclaimer: ClassVar[str] = PLAIN_DISCLAIMER
    contribution_header: ClassVar[tuple[str, str, str]] = ("Insats", "Kommunen", "Ni")

    def criterion(self, c: CriterionResult) -> str:
        return self.criterion_texts.get(c.id, c.title)

    def name(self, official: str, plain: str = "") -> str:
        """The plain name where there is one."""
        return plain or official

    def question(self, qid: str, official: str) -> str:
        return self.question_texts.get(qid, official)

    def option(self, qid: str, option: str, official: str) -> str:
        """An answer's label; "vet ej" and unknown options keep the label they came with."""
        return self.option_texts.get(qid, {}).get(option, official)

    def question_text(self, question: Question) -> str:
        return question.plain

    def option_label(self, question: Question, option: str) -> str | None:
        return question.plain_options.get(option)

    def labels(self, question: Question) -> dict[str, str]:
        return dict(question.plain_options)

    def find_out(self, question: Question) -> str:
        # Plain help only: the official help cites acts and case law.
        return question.prepare or question.plain_help or ""

    def point(self, question: Question) -> str:
        return question.prepare or f"{question.plain} {question.plain_help or ''}".strip()

    def rule(self, rule: RuleRef) -> str:
        """Why a rule decided, in plain words: its own plain text, else its annotation without references."""
        return self.rule_own_words(rule) or plain_text(rule.annotation)

    def rule_own_words(self, rule: RuleRef) -> str | None:
        return self.rule_texts.get((rule.table, rule.id))

    def derived_note(self, trace: AnswerTrace) -> str:
        return PLAIN_DERIVED

    def what_if_verdict(self, recommendation: str, form: str | None) -> str:
        if recommendation == "grant":
            return self.verdict_name(recommendation, form)
        return RECOMMENDATION_SHORT[recommendation]  # without the procurement's legal name

    def what_if_line(self, question: str, what_if: WhatIf) -> str:
        return (f"Om svaret är ”{self.option(question, what_if.option, what_if.option_label)}”: "
                f"{self.what_if_verdict(what_if.recommendation, what_if.form)}")

    def warning(self, warning: Caution, remedy_said: str | None = None) -> str:
        """The warning and what can be done in plain words: an organisation's page that shows the remedy
        elsewhere leaves out a warning that says nothing else (``iop.guide.said_above``)."""
        remedy = plain_text(warning.remedy or "")
        text = self.caution_text(warning)
        return self.warning_texts.get(text) or " ".join(t for t in (plain_text(text), remedy) if t)

    def grant_form_name(self, form: str) -> str:
        return GRANT_FORM_PLAIN.get(form, FORM.get(form, form))

    def form_name(self, form: str) -> str:
        return PLAIN_FORM.get(form, form)

    def settle_text(self, settle: SettlingQuestion) -> str:
        return settle.plain

    def settle_remedy(self, settle: SettlingQuestion) -> str:
        return settle.plain_remedy

    def leaning(self, leaning: Leaning, instead_of_first: str = "") -> str:
        """The leaning for an organisation, without rule or case-law references, and what decides it first.

        ``instead_of_first``, when given, is said in place of the first settling question (a page that
        already shows that question above refers to it), still before the closing caveat.
        """
        if leaning.outcome is not None:
            text = f"Som det ser ut nu lutar det åt {RECOMMENDATION[leaning.outcome]}."
        elif leaning.blocked is not None:
            text = (f"Som det ser ut nu pekar uppgifterna mot {RECOMMENDATION[leaning.blocked]}, men det går inte "
                    "att luta dit förrän det är klart att kommunen inte köper en tjänst av er.")
        else:
            text = "Som det ser ut nu går det inte att säga åt vilket håll det lutar."
        if instead_of_first:
            text += f" {instead_of_first}"
        elif leaning.settle:
            settle = leaning.settle[0]
            first = settle.plain.rstrip("?")
            text += f" Det som avgör är främst: {mid_sentence(first)}?"
            if settle.answered:
                text += f" {self.stops(settle)}"
        return f"{text} {PLAIN_PRELIMINARY}"

    def _spectrum_decided(self, assessment: Assessment) -> SpectrumVerdict:
        why = ("Det avgörs av vad lagen kräver, före kriterierna" if assessment.rule.layer == "legal"
               else "Det avgörs av hur svaren stämmer med kriterierna")
        return SpectrumVerdict(
            outcome=assessment.recommendation, preliminary=False,
            label=f"Rekommendation: {self.verdict_name(assessment.recommendation, assessment.form)}",
            # The label names the recommendation; the explanation says why, not the verdict again.
            explanation=f"{why}; punkterna visar varje svar för sig och väger inte upp det.",
        )

    def _spectrum_stopped(self, assessment: Assessment, leaning: Leaning,
                          stopping: SettlingQuestion) -> SpectrumVerdict:
        return SpectrumVerdict(outcome=None, preliminary=True, label="Stoppas av lagen",
                               explanation=self.leaning(leaning))

    def _spectrum_leaning(self, leaning: Leaning) -> str:
        return self.leaning(leaning)

    def set_verdict(self, recommendation: str, form: str | None) -> str:
        # Without the form's legal name.
        return RECOMMENDATION_SHORT[recommendation]

    def set_rule(self, rule: RuleRef) -> str:
        return plain_text(rule.annotation)

    def criterion_title(self, criterion_title: str, criterion_plain: str) -> str:
        return criterion_plain.rstrip(".")


OFFICIAL = Voice()
PLAIN = PlainVoice()
"""Plain Swedish without a set's texts: what the result box, the leaning and the headline say."""


def voice(plain: bool) -> Voice:
    """The voice of an audience: plain for an organisation, official for an official."""
    return PLAIN if plain else OFFICIAL


__all__ = [
    "GATE_CAVEAT", "GATE_CAVEAT_PLAIN", "GRANT_FORM_PLAIN", "GRANT_REASON", "GRANT_REASON_PLAIN", "NOT_YET",
    "OFFICIAL", "PLAIN", "PLAIN_DERIVED", "PLAIN_PRELIMINARY", "PLAIN_SECTION_TITLES", "SECTION_TITLES", "SIDE_TITLES",
    "TOGETHER", "PlainVoice", "SpectrumVerdict", "Voice", "voice",
]
