"""The decision document as an outline of sections and blocks, independent of format.

One builder decides what a reasoned recommendation contains and in which
order; renderers (text, Markdown, Word, PDF) only decide how it looks. So every
format carries the same content and a test on the outline covers all.

Each section is built by its own small function from the assessment (this
module) or from the case and the record (``iop.documents.decision_document``). A
``Wording`` (a voice, ``iop.words.voice``) says every sentence and title, in the
official or the plain-language texts, so organisation mode is the same document
in other words rather than a second builder; a section asks ``wording.plain``
only to choose what an organisation gets (no rule ids, sources or references to
the acts), never which words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from iop.engine.leaning import leaning_sides
from iop.model.assessment_record import (
    AnswerTrace,
    Assessment,
    CriterionResult,
    GateResult,
    IndicatorHit,
    OpenQuestion,
)
from iop.words.plain_language import (
    PLAIN_GATE_TITLE,
    PLAIN_GATE_VALUE,
    PLAIN_KIND,
    plain_text,
)
from iop.words.swedish import (
    GATE_VALUE,
    KIND,
    OUTCOME,
    OUTCOME_SYMBOL,
    RECOMMENDATION_SHORT,
    mid_sentence,
    swedish_number,
)
from iop.words.voice import OFFICIAL, SIDE_TITLES, Voice

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without control characters (tabs and line breaks kept).

    XML and HTML forbid them, so one pasted into a text field would make Word
    refuse the .docx or garble the PDF; they carry no meaning a reader could see.
    """
    return _CONTROL.sub("", text)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Signatures:
    """A signature block: a line for each signer with the name and the role below it."""

    signers: list[tuple[str, str]]
    """(name, role); an empty name leaves the line blank for a hand-written one."""


Block = Heading | Paragraph | Bullets | Table | Signatures


@dataclass(frozen=True)
class Section:
    """A top-level part of the document: an id renderers and templates can address, a title, blocks."""

    id: str
    title: str
    blocks: list[Block]


MEMO_SECTIONS = ("proposal", "summary", "background", "assessment", "economy", "child_rights", "attachments",
                 "recipients", "signatures", "trace")
"""Every section a tjänsteskrivelse can have (``decision_document.memo_outline``), in the shipped template's
order; child_rights only when a barnrättsbedömning is asked for. A template must place each of them."""

DocumentKind = Literal["memo", "generic"]
"""Which template renders an outline: the tjänsteskrivelse's (a municipality may replace it), or the
neutral one (an organisation's self-check, a workshop summary), which carries its sender's name only."""


@dataclass
class Outline:
    """The document: ``blocks`` is the flat reading order; ``sections`` the same content by part.

    ``fields`` holds the short values a letterhead or footer shows (title,
    diarienummer, date, ...), so a Word template can place them where it likes.
    """

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    sections: list[Section] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    kind: DocumentKind = "generic"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


def outline_from_sections(title: str, sections: list[Section], fields: Mapping[str, str] | None = None,
                          kind: DocumentKind = "generic") -> Outline:
    """The outline whose flat blocks are the title, then each section's heading and blocks."""
    blocks: list[Block] = [Heading(title, 1)]
    for section in sections:
        blocks += [Heading(section.title, 2), *section.blocks]
    return Outline(blocks=blocks, title=title, sections=list(sections), fields=dict(fields or {}), kind=kind)


def as_part(section: Section | None) -> list[Block]:
    """A section as a part of a larger one: its title a level-3 heading, its own headings one level down."""
    if section is None:
        return []
    return [Heading(section.title, 3), *(Heading(b.text, b.level + 1) if isinstance(b, Heading) else b
                                         for b in section.blocks)]


Wording = Voice
"""How criteria, questions and answers are named: the documents' name for a voice (``iop.words.voice``).

With a plain voice the sections also leave out what only an official acts on
(rule ids, sources, case law, file names): an organisation reads what was
answered and what it means.
"""


def what_if_lines(question: OpenQuestion, wording: Wording = OFFICIAL) -> list[str]:
    return [wording.what_if_line(question.question, w) for w in question.what_if]


def _amount(value: float | None, unit: str, missing: str = "okänt") -> str:
    return missing if value is None else f"{swedish_number(value)} {unit}"


def shown_questions(a: Assessment) -> set[str]:
    """Questions whose answer, reasoning and evidence the criteria and gate sections print."""
    shown = {t.question for c in a.criteria for t in c.answers}
    return shown | {t.question for g in a.gates if g.applies for t in g.facts if t.answer != "unknown"}


def criteria_set_line(a: Assessment) -> str:
    s = a.criteria_set
    return f"{s.title}, version {s.version} (id {s.id}, kontrollsumma {s.hash})"


def recommendation_section(a: Assessment, wording: Wording = OFFICIAL) -> Section:
    title = wording.section_titles["recommendation"]
    caveat = wording.caveat(a)
    blocks: list[Block] = [
        Paragraph(wording.verdict(a.recommendation, a.form)),
        # An open gate is said next to the verdict, never only further down (see iop.words.headline).
        *([Paragraph(f"Observera: {caveat}.")] if caveat else []),
    ]
    if wording.plain:
        why = wording.rule(a.rule)  # without rule id, source or the acts cited
        return Section("recommendation", title, blocks + ([Paragraph(f"Varför: {why}")] if why else []))
    return Section("recommendation", title, blocks + [
        Paragraph(f"Avgörande regel: {a.rule.id} i {a.rule.table_title}. {a.rule.annotation}"),
        Paragraph(f"Källa: {a.rule.source.cite()}"),
    ])


def leaning_section(a: Assessment, wording: Wording = OFFICIAL) -> Section | None:
    """The preliminary leaning of an undecided case, marked as not the recommendation, with its basis."""
    leaning = a.leaning
    if leaning is None:
        return None
    if wording.plain:
        blocks: list[Block] = [Paragraph(wording.leaning(leaning))]
        if leaning.settle:
            blocks += [Paragraph("Det som avgör, viktigast först:"),
                       Bullets([wording.settle_line(q) for q in leaning.settle])]
        return Section("leaning", "Preliminär bedömning", blocks)
    blocks = [Paragraph(wording.leaning(leaning)), Paragraph(wording.not_yet(leaning))]
    if leaning.facts:
        blocks.append(Paragraph("Kända uppgifter och vart de pekar (vikt och källa):"))
        for side, facts in leaning_sides(leaning):
            weight = sum(f.weight for f in facts)
            blocks += [Paragraph(f"{SIDE_TITLES[side]} (sammanlagd vikt {weight}):"), Bullets([
                f"{f.basis}: {f.answer_label} (vikt {f.weight}; källa: {f.source.cite()})" for f in facts])]
    if leaning.presumptions:
        blocks.append(Bullets([f"Presumtion {p.id}: {p.annotation} (Källa: {p.source.cite()})"
                               for p in leaning.presumptions]))
    if leaning.settle:
        blocks += [Paragraph("Det som avgör ärendet, viktigast först:"),
                   Bullets([wording.settle_line(q) for q in leaning.settle])]
    return Section("leaning", "Preliminär bedömning", blocks)


def warnings_section(a: Assessment, wording: Wording = OFFICIAL) -> Section | None:
    if not a.warnings:
        return None
    # A plain warning may be nothing but references to the acts, and then says nothing to an organisation.
    items = [text for w in a.warnings if (text := wording.warning(w))]
    return Section("warnings", wording.section_titles["warnings"], [Bullets(items)]) if items else None


def _hits(label: str, hits: list[IndicatorHit]) -> list[Block]:
    return [Paragraph(label), Bullets([f"{h.label} ({h.reference})" for h in hits])] if hits else []


def _plain_gate_blocks(gate: GateResult, wording: Wording) -> list[Block]:
    """A legal check as what it asks and what the answers mean, without rule, source or act."""
    blocks: list[Block] = [Heading(PLAIN_GATE_TITLE.get(gate.gate, plain_text(gate.title) or gate.gate), 3)]
    if not gate.applies:
        return blocks + [Paragraph("Spelar ingen roll för resultatet i ert fall.")]
    # The rule's own plain words say what the check found and why; the value is the fallback.
    value = f"{PLAIN_GATE_VALUE.get(gate.value, gate.value)}."
    found = wording.rule_own_words(gate.rule) or value
    blocks.append(Paragraph(found))
    answered = [f"{wording.question(t.question, t.text)} Svar: {wording.answer(t)}"
                + (f" {wording.derived_note(t)}" if t.derived else "")
                + (f". Motivering: {t.reasoning}" if t.reasoning else "")
                + (f" Underlag: {'; '.join(t.evidence)}" if t.evidence else "")
                for t in gate.facts if t.answer != "unknown"]
    return blocks + ([Paragraph("Det här svarade ni:"), Bullets(answered)] if answered else [])


def _gate_blocks(gate: GateResult, wording: Wording) -> list[Block]:
    if wording.plain:
        return _plain_gate_blocks(gate, wording)
    blocks: list[Block] = [Heading(gate.title, 3)]
    if not gate.applies:
        return blocks + [Paragraph("Prövas inte: grinden påverkar inte denna rekommendation.")]
    blocks += [Paragraph(f"{GATE_VALUE.get(gate.value, gate.value)} (regel {gate.rule.id}). {gate.rule.annotation}"),
               Paragraph(f"Källa: {gate.rule.source.cite()}")]
    answered = [f"{wording.question(t.question, t.text)} Svar: {wording.answer(t)}"
                + (f" ({t.derived_from})" if t.derived else "")
                + (f". Motivering: {t.reasoning}" if t.reasoning else "")
                + (f" Underlag: {'; '.join(t.evidence)}" if t.evidence else "")
                for t in gate.facts if t.answer != "unknown"]
    if answered:
        blocks += [Paragraph("Uppgifter som grinden prövade:"), Bullets(answered)]
    return blocks + _hits("Talar för kontrakt:", gate.for_contract) + _hits("Talar för bidrag:", gate.for_grant)


def gates_section(a: Assessment, wording: Wording = OFFICIAL) -> Section:
    blocks = [b for gate in a.gates for b in _gate_blocks(gate, wording)]
    return Section("gates", wording.section_titles["gates"], blocks)


def _answer_line(t: AnswerTrace, wording: Wording) -> str:
    line = f"{wording.question(t.question, t.text)} Svar: {wording.answer(t)}"
    if t.derived:
        line += f" {wording.derived_note(t)}"
    line += f" → {OUTCOME[t.effect.value]}."
    if t.reasoning:
        line += f" Motivering: {t.reasoning}"
    if t.evidence:
        line += f" Underlag: {'; '.join(t.evidence)}"
    return line


_PLAIN_TOGETHER = {"met": "är uppfyllt", "partly": "är delvis uppfyllt", "unknown": "är inte klart ännu",
                   "not_met": "är inte uppfyllt"}


def _plain_criteria_section(a: Assessment, wording: Wording) -> Section:
    """The criteria as what must and should hold, what was answered and what it means; no sources."""
    blocks: list[Block] = [
        Table(["Villkor", "Måste eller bör", "Utfall"],
              [[wording.criterion(c), PLAIN_KIND[c.kind],
                f"{OUTCOME_SYMBOL[c.outcome.value]} {OUTCOME[c.outcome.value]}"] for c in a.criteria]),
        Paragraph(f"Sammantaget: det som måste vara uppfyllt {_PLAIN_TOGETHER[a.necessary.value]}, "
                  f"och det som bör vara uppfyllt {_PLAIN_TOGETHER[a.should.value]}."),
    ]
    for c in a.criteria:
        blocks += [Heading(f"{wording.criterion(c).rstrip('.')}: {OUTCOME[c.outcome.value]}", 3),
                   Bullets([_answer_line(t, wording) for t in c.answers])]
    return Section("criteria", "Det här bedömdes", blocks)


def criteria_section(a: Assessment, wording: Wording = OFFICIAL) -> Section:
    if wording.plain:
        return _plain_criteria_section(a, wording)
    blocks: list[Block] = [
        Table(["Kriterium", "Typ", "Utfall"],
              [[wording.criterion(c), KIND[c.kind], f"{OUTCOME_SYMBOL[c.outcome.value]} {OUTCOME[c.outcome.value]}"]
               for c in a.criteria]),
        Paragraph(f"Kraven för IOP sammantaget: {OUTCOME[a.necessary.value]}. "
                  f"Det som talar för IOP sammantaget: {OUTCOME[a.should.value]}."),
    ]
    for c in a.criteria:
        blocks += [Heading(f"{wording.criterion(c)}: {OUTCOME[c.outcome.value]}", 3),
                   Paragraph(f"Källa: {c.source.cite()}"),
                   Bullets([_answer_line(t, wording) for t in c.answers])]
    return Section("criteria", wording.section_titles["criteria"], blocks)


def open_questions_section(a: Assessment, wording: Wording = OFFICIAL) -> Section:
    def text(q: OpenQuestion) -> str:
        return wording.question(q.question, q.text)

    title = wording.section_titles["open_questions"]
    if not a.open_questions:
        return Section("open_questions", title, [Paragraph("Alla frågor som kan påverka bedömningen är besvarade.")])
    blocks: list[Block] = []
    decisive = [q for q in a.open_questions if q.decisive]
    if decisive:
        blocks.append(Paragraph("Dessa obesvarade frågor avgör utfallet:"))
        for q in decisive:
            blocks += [Paragraph(text(q)), Bullets(what_if_lines(q, wording))]
    together = [q for q in a.open_questions if not q.decisive and q.decides_with]
    if together:
        texts = {q.question: text(q) for q in a.open_questions}
        blocks += [Paragraph("Ingen enskild fråga avgör ärendet, men dessa avgör det tillsammans:"),
                   Bullets([f"{text(q)} – tillsammans med: {'; '.join(texts[p] for p in q.decides_with)}"
                            for q in together])]
    others = [text(q) for q in a.open_questions if not q.decisive and not q.decides_with]
    if others:
        blocks += [Paragraph("Obesvarade frågor som inte ändrar rekommendationen i nuläget:"), Bullets(others)]
    return Section("open_questions", title, blocks)


def changes_section(a: Assessment, wording: Wording = OFFICIAL) -> Section | None:
    if not a.changes:
        return None
    blocks: list[Block] = []
    for q in a.changes:
        lines = [line for line, w in zip(what_if_lines(q, wording), q.what_if, strict=True)
                 if (w.recommendation, w.form) != (a.recommendation, a.form)]
        blocks += [Paragraph(wording.question(q.question, q.text)), Bullets(lines)]
    return Section("changes", "Det här skulle ändra utfallet", blocks)


def state_aid_section(a: Assessment, wording: Wording = OFFICIAL) -> Section:
    s = a.state_aid
    rows = [
        ["Kommunens pengar per år", _amount(s.public_money_sek_per_year, "kr")],
        ["Månader som räknas (högst 36)",
         f"{s.months_counted}" + (" (varaktighet okänd, tre år antas)" if s.duration_assumed else "")],
        ["Annat de minimis-stöd", _amount(s.other_de_minimis_sek, "kr")],
        ["Växelkurs", f"{swedish_number(s.sek_per_eur, 2)} kr/euro"
         + (" (angiven i ärendet)" if s.sek_per_eur_from_case else " (standardvärde, kontrollera)")],
        ["Belopp under tre år", _amount(s.amount_three_years_eur, "euro")],
        ["Tak de minimis", _amount(s.de_minimis_ceiling_eur, "euro", "saknas för datumet")],
        ["Tak SGEI-de minimis", _amount(s.sgei_de_minimis_ceiling_eur, "euro", "saknas för datumet")],
    ]
    if wording.plain:
        # The same figures under names an organisation knows; the regulations are for the official.
        plain_names = {"Annat de minimis-stöd": "Annat litet stöd från det offentliga de senaste tre åren",
                       "Tak de minimis": "EU:s gräns för små stöd",
                       "Tak SGEI-de minimis": "EU:s gräns för små stöd till samhällsviktiga tjänster"}
        rows = [[plain_names.get(name, name), value] for name, value in rows]
        return Section("state_aid", "EU:s regler om stöd till företag – beräkning", [Table(["Uppgift", "Värde"], rows)])
    blocks: list[Block] = [Table(["Uppgift", "Värde"], rows)]
    if s.references:
        blocks.append(Paragraph("Gällande tak enligt: " + "; ".join(s.references)))
    return Section("state_aid", "Statsstöd – beräkning", blocks)


def about_section(a: Assessment, wording: Wording = OFFICIAL) -> Section:
    return Section("about", "Om bedömningen", [Paragraph(wording.disclaimer)])


SectionBuilder = Callable[[Assessment, Wording], Section | None]

ASSESSMENT_SECTIONS: tuple[SectionBuilder, ...] = (
    recommendation_section, leaning_section, warnings_section, gates_section, criteria_section, open_questions_section,
    changes_section, state_aid_section, about_section,
)
"""The sections the assessment alone determines, in official reading order."""


def assessment_date_text(day: dt.date) -> str:
    """The case's date as the documents print it, saying what it is for.

    It is neither when anyone assessed the case nor when the document was made: it
    picks the rules and amounts that apply (de minimis ceiling, exchange rate).
    """
    return f"{day.isoformat()} (regler och belopp som gäller den dagen)"


def _details_section(a: Assessment) -> Section:
    meta = [f"Bedömningsdatum: {assessment_date_text(a.date)}", f"Kriterier: {criteria_set_line(a)}"]
    if a.diarienummer:
        meta.insert(0, f"Diarienummer: {a.diarienummer}")
    return Section("details", "Ärendeuppgifter", [Bullets(meta)])


def _plain_details_section(a: Assessment) -> Section:
    meta = [f"Datum: {a.date.isoformat()}", f"Kriterier: {a.criteria_set.title}, version {a.criteria_set.version}"]
    return Section("details", "Om den här bedömningen", [Bullets(meta)])


def build_outline(a: Assessment, wording: Wording = OFFICIAL) -> Outline:
    """Everything the assessment says, in reading order (the app's Rekommendation view).

    The full decision document, with parties, contributions, status and decision,
    is ``iop.documents.decision_document.decision_outline``; it is built from these same sections.
    With a plain ``wording`` it is the organisation's version: the same content
    without rule ids, checksums, sources or references to the acts.
    """
    sections = [s for build in ASSESSMENT_SECTIONS if (s := build(a, wording))]
    # An organisation reads the result first; which criteria and date it rests on closes the document.
    sections = [*sections, _plain_details_section(a)] if wording.plain else [_details_section(a), *sections]
    return outline_from_sections(a.case_title, sections)


# ----- the tjänsteskrivelse's Bedömning: the same assessment in prose, without rule ids ---------------------


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:" else text + "."


def _answers_prose(answers: list[AnswerTrace]) -> str:
    """What was answered, as sentences: "Vem tog initiativet? Organisationen. <motivering> (Underlag: …)"."""
    parts = []
    for t in answers:
        if t.answer == "unknown":
            parts.append(f"{_full_stop(t.text)} Inte utrett.")
            continue
        part = f"{_full_stop(t.text)} {_full_stop(OFFICIAL.answer(t))}"
        if t.reasoning:
            part += f" {_full_stop(t.reasoning)}"
        if t.evidence:
            part += f" (Underlag: {'; '.join(t.evidence)}.)"
        parts.append(part)
    return " ".join(parts)


def _gate_prose(gate: GateResult) -> Paragraph:
    answered = [t for t in gate.facts if t.answer != "unknown"]
    value = GATE_VALUE.get(gate.value, gate.value)
    text = f"{_full_stop(gate.title)} {_full_stop(value)} {_full_stop(gate.rule.annotation)}"
    if answered:
        text += f" {_answers_prose(answered)}"
    return Paragraph(f"{text} Källa: {_full_stop(gate.rule.source.cite())}")


def _criterion_prose(c: CriterionResult) -> Paragraph:
    return Paragraph(f"{c.title.rstrip('.')} – {OUTCOME[c.outcome.value].lower()}. {_answers_prose(c.answers)} "
                     f"Källa: {_full_stop(c.source.cite())}")


def _open_question_line(q: OpenQuestion) -> str:
    outcomes = "; ".join(f"svaret ”{w.option_label}” ger {RECOMMENDATION_SHORT[w.recommendation].lower()}"
                         for w in q.what_if)
    return f"{q.text} ({outcomes})" if outcomes else q.text


_PLURAL_OUTCOME = {"met": "uppfyllda", "partly": "delvis uppfyllda", "unknown": "inte utredda",
                   "not_met": "inte uppfyllda"}


def assessment_prose(a: Assessment) -> list[Block]:
    """Bedömning: the verdict and why, the gates and every criterion in prose with sources, what to heed.

    Rule ids, the criteria set's checksum and the rule-by-rule trace belong to
    the appendix (``decision_document``), so the body reads as a tjänsteskrivelse.
    """
    caveat = OFFICIAL.caveat(a)
    blocks: list[Block] = [Paragraph(OFFICIAL.verdict_sentence(a.recommendation, a.form))]
    if caveat:
        blocks.append(Paragraph(f"Observera: {caveat}."))
    blocks.append(Paragraph(f"Skälet är att {mid_sentence(_full_stop(a.rule.annotation))} "
                            f"Källa: {_full_stop(a.rule.source.cite())}"))
    if a.leaning is not None:
        blocks += [Paragraph(OFFICIAL.leaning(a.leaning)), Paragraph(OFFICIAL.not_yet(a.leaning))]
    applying = [g for g in a.gates if g.applies]
    if applying:
        blocks += [Heading("Rättsliga förutsättningar", 3), *(_gate_prose(g) for g in applying)]
    blocks += [Heading("Kriterierna", 3),
               Paragraph(f"De nödvändiga villkoren är sammantaget {_PLURAL_OUTCOME[a.necessary.value]} och "
                         f"bör-villkoren {_PLURAL_OUTCOME[a.should.value]}."),
               *(_criterion_prose(c) for c in a.criteria)]
    if a.warnings:
        blocks += [Heading("Att tänka på", 3), Bullets([
            _full_stop(OFFICIAL.caution_text(w)) + (f" {_full_stop(w.remedy)}" if w.remedy else "")
            + f" Källa: {_full_stop(w.source.cite())}" for w in a.warnings])]
    decisive = [q for q in a.open_questions if q.decisive]
    others = [q for q in a.open_questions if not q.decisive]
    if decisive:
        blocks += [Heading("Öppna frågor", 3), Paragraph("Dessa frågor är obesvarade och avgör utfallet:"),
                   Bullets([_open_question_line(q) for q in decisive])]
    elif others:
        blocks += [Heading("Öppna frågor", 3),
                   Paragraph(f"{len(others)} frågor är obesvarade men ändrar inte förslaget; de redovisas i bilagan.")]
    return blocks
