"""The decision document as an outline of blocks, independent of output format.

One builder decides what a reasoned recommendation contains and in which
order; renderers (text, Markdown, and later Word) only decide how it looks.
So every format carries the same content and a test on the outline covers all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from iop.assessment import Assessment, OpenQuestion
from iop.case import Case
from iop.headline import headline
from iop.swedish import (
    LEGAL_FORM,
    swedish_number,
    DISCLAIMER,
    FORM,
    GATE_VALUE,
    KIND,
    OUTCOME,
    OUTCOME_SYMBOL,
    RECOMMENDATION_SHORT,
    verdict_sentence,
)


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


Block = Heading | Paragraph | Bullets | Table


@dataclass
class Outline:
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def _verdict(recommendation: str, form: str | None) -> str:
    short = RECOMMENDATION_SHORT[recommendation]
    return f"{short} ({FORM[form]})" if form else short


def what_if_lines(question: OpenQuestion) -> list[str]:
    return [
        f"Om svaret är ”{w.option_label}”: {_verdict(w.recommendation, w.form)} (regel {w.rule})"
        for w in question.what_if
    ]


def case_facts_rows(case: Case) -> list[list[str]]:
    """The facts of the case a reader of the decision basis needs, as (label, value) rows; blanks left out."""
    org, public, activity = case.organisation, case.public_party, case.activity
    rows = [
        ["Organisation", org.name],
        ["Organisationsnummer", org.org_number or ""],
        ["Juridisk form", LEGAL_FORM[org.legal_form] if org.legal_form else ""],
        ["Kommun eller region", public.name],
        ["Nämnd eller förvaltning", public.committee],
        ["Verksamhet", activity.description],
        ["Målgrupp", activity.target_group],
        ["Område", activity.area],
        ["Startdatum", activity.start.isoformat() if activity.start else ""],
        ["Planerad varaktighet", f"{swedish_number(activity.planned_duration_months)} månader"
         if activity.planned_duration_months else ""],
    ]
    for who, contribution in (("Kommunens/regionens insatser", public.contribution),
                              ("Organisationens insatser", org.contribution)):
        parts = []
        if contribution.money_sek_per_year is not None:
            parts.append(f"{swedish_number(contribution.money_sek_per_year)} kr per år")
        if contribution.volunteer_hours_per_year is not None:
            parts.append(f"{swedish_number(contribution.volunteer_hours_per_year)} ideella timmar per år")
        parts += [p.strip() for p in (contribution.premises, contribution.staff, contribution.material,
                                      contribution.other) if p.strip()]
        rows.append([who, "; ".join(parts)])
    return [[label, " ".join(value.split())] for label, value in rows if value.strip()]


def build_outline(a: Assessment, case: Case | None = None, include_verdict: bool = True) -> Outline:
    """Everything a decision basis must hold, in reading order.

    With ``case`` the facts of the case (organisation, committee, activity, ...)
    come first, so the document stands on its own. ``include_verdict=False`` is
    for a page that already shows the title and verdict above the outline: they
    are not repeated.
    """
    doc = Outline()
    if include_verdict:
        doc.add(Heading(a.case_title, 1))
    meta = [f"Bedömningsdatum: {a.date.isoformat()}"]
    if a.diarienummer:
        meta.insert(0, f"Diarienummer: {a.diarienummer}")
    meta.append(f"Kriterier: {a.criteria_set.title}, version {a.criteria_set.version} "
                f"(id {a.criteria_set.id}, kontrollsumma {a.criteria_set.hash[:12]})")
    doc.add(Bullets(meta))
    if case is not None:
        rows = case_facts_rows(case)
        if rows:
            doc.add(Heading("Ärendet"), Table(["Uppgift", "Värde"], rows))

    if include_verdict:
        doc.add(Heading("Rekommendation"), Paragraph(verdict_sentence(a.recommendation, a.form)))
        told = headline(a)
        if " – men " in told:
            doc.add(Paragraph("Observera: " + told.split(" – men ", 1)[1] + "."))
    else:
        doc.add(Heading("Därför"))
    doc.add(Paragraph(f"Avgörande regel: {a.rule.id} i {a.rule.table_title}. {a.rule.annotation}"))
    doc.add(Paragraph(f"Källa: {a.rule.source.cite()}"))

    if a.warnings:
        doc.add(Heading("Varningar"))
        doc.add(Bullets([
            w.text + (f" Vad som kan göras: {w.remedy}" if w.remedy else "") + f" (Källa: {w.source.cite()})"
            for w in a.warnings
        ]))

    doc.add(Heading("Rättsliga grindar"))
    for gate in a.gates:
        doc.add(Heading(gate.title, 3))
        if not gate.applies:
            doc.add(Paragraph("Prövas inte: grinden påverkar inte denna rekommendation."))
            continue
        doc.add(Paragraph(f"{GATE_VALUE.get(gate.value, gate.value)} (regel {gate.rule.id}). {gate.rule.annotation}"))
        doc.add(Paragraph(f"Källa: {gate.rule.source.cite()}"))
        answered = [f"{t.text} Svar: {t.answer_label}" + (f" ({t.derived_from})" if t.derived else "")
                    + (f". Motivering: {t.reasoning}" if t.reasoning else "")
                    for t in gate.facts if t.answer != "unknown"]
        if answered:
            doc.add(Paragraph("Uppgifter som grinden prövade:"), Bullets(answered))
        if gate.for_contract:
            doc.add(Paragraph("Talar för kontrakt:"),
                    Bullets([f"{h.label} ({h.reference})" for h in gate.for_contract]))
        if gate.for_grant:
            doc.add(Paragraph("Talar för bidrag:"),
                    Bullets([f"{h.label} ({h.reference})" for h in gate.for_grant]))

    doc.add(Heading("Kriterierna"))
    doc.add(Table(
        ["Kriterium", "Typ", "Utfall"],
        [[c.title, KIND[c.kind], f"{OUTCOME_SYMBOL[c.outcome.value]} {OUTCOME[c.outcome.value]}"] for c in a.criteria],
    ))
    doc.add(Paragraph(f"Nödvändiga villkor sammantaget: {OUTCOME[a.necessary.value]}. "
                      f"Bör-villkor sammantaget: {OUTCOME[a.should.value]}."))
    for c in a.criteria:
        doc.add(Heading(f"{c.title}: {OUTCOME[c.outcome.value]}", 3))
        doc.add(Paragraph(f"Källa: {c.source.cite()}"))
        lines = []
        for t in c.answers:
            line = f"{t.text} Svar: {t.answer_label}"
            if t.derived:
                line += f" ({t.derived_from})"
            line += f" → {OUTCOME[t.effect.value]}."
            if t.reasoning:
                line += f" Motivering: {t.reasoning}"
            if t.evidence:
                line += f" Underlag: {'; '.join(t.evidence)}"
            lines.append(line)
        doc.add(Bullets(lines))

    decisive = [q for q in a.open_questions if q.decisive]
    doc.add(Heading("Öppna frågor"))
    if not a.open_questions:
        doc.add(Paragraph("Alla frågor som kan påverka bedömningen är besvarade."))
    elif decisive:
        doc.add(Paragraph("Dessa obesvarade frågor avgör utfallet:"))
        for q in decisive:
            doc.add(Paragraph(q.text), Bullets(what_if_lines(q)))
    together = [q for q in a.open_questions if not q.decisive and q.decides_with]
    if together:
        texts = {q.question: q.text for q in a.open_questions}
        doc.add(Paragraph("Ingen enskild fråga avgör ärendet, men dessa avgör det tillsammans:"))
        doc.add(Bullets([f"{q.text} – tillsammans med: {'; '.join(texts[p] for p in q.decides_with)}"
                         for q in together]))
    others = [q.text for q in a.open_questions if not q.decisive and not q.decides_with]
    if others:
        doc.add(Paragraph("Obesvarade frågor som inte ändrar rekommendationen i nuläget:"), Bullets(others))

    if a.changes:
        doc.add(Heading("Det här skulle ändra utfallet"))
        for q in a.changes:
            doc.add(Paragraph(q.text), Bullets([line for line, w in zip(what_if_lines(q), q.what_if)
                                                 if (w.recommendation, w.form) != (a.recommendation, a.form)]))

    s = a.state_aid
    doc.add(Heading("Statsstöd – beräkning"))
    money = "okänt" if s.public_money_sek_per_year is None else f"{swedish_number(s.public_money_sek_per_year)} kr"
    rows = [
        ["Kommunens pengar per år", money],
        ["Månader som räknas (högst 36)", f"{s.months_counted}" + (" (varaktighet okänd, tre år antas)" if s.duration_assumed else "")],
        ["Annat de minimis-stöd", f"{swedish_number(s.other_de_minimis_sek)} kr"],
        ["Växelkurs", f"{swedish_number(s.sek_per_eur, 2)} kr/euro" + (" (angiven i ärendet)" if s.sek_per_eur_from_case else " (standardvärde, kontrollera)")],
        ["Belopp under tre år", "okänt" if s.amount_three_years_eur is None else f"{swedish_number(s.amount_three_years_eur)} euro"],
        ["Tak de minimis", "saknas för datumet" if s.de_minimis_ceiling_eur is None else f"{swedish_number(s.de_minimis_ceiling_eur)} euro"],
        ["Tak SGEI-de minimis", "saknas för datumet" if s.sgei_de_minimis_ceiling_eur is None else f"{swedish_number(s.sgei_de_minimis_ceiling_eur)} euro"],
    ]
    doc.add(Table(["Uppgift", "Värde"], rows))
    if s.references:
        doc.add(Paragraph("Gällande tak enligt: " + "; ".join(s.references)))

    doc.add(Heading("Om bedömningen"), Paragraph(DISCLAIMER))
    return doc
