"""The beslutsunderlag: the whole decision document for a case, in either audience's words.

``decision_outline`` adds what only the case and the record know (parties and
contact, the activity, both parties' contributions, status, who assessed and
when, the decision) to the assessment's own sections from ``iop.documents.outline``.
Word, PDF, Markdown and JSON-adjacent views all render this one outline.

Organisation mode is the same document in the plain-language texts of the
criteria and questions, opening with "Det här behöver ni förbereda" and
keeping the legal detail towards the end.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from iop.documents import memo
from iop.documents.outline import (
    Block,
    Bullets,
    Outline,
    Paragraph,
    Section,
    Signatures,
    Table,
    Wording,
    about_section,
    as_part,
    assessment_date_text,
    assessment_prose,
    changes_section,
    criteria_section,
    criteria_set_line,
    gates_section,
    leaning_section,
    open_questions_section,
    outline_from_sections,
    recommendation_section,
    shown_questions,
    state_aid_section,
    warnings_section,
)
from iop.guide.preparation import preparation_list
from iop.model.assessment_record import Assessment
from iop.model.case import Case, Contribution
from iop.records.record_meta import STATUS_LABEL, RecordMeta
from iop.rules.rulebook import Rulebook
from iop.words.clock import swedish_time
from iop.words.kronor import format_hours, format_kronor
from iop.words.swedish import GATE_VALUE, LEGAL_FORM, NOT_ANSWERED_LABEL, YES_NO_UNKNOWN, swedish_number
from iop.words.voice import OFFICIAL, PLAIN, PlainVoice, voice

Audience = Literal["official", "organisation"]

NOT_GIVEN = "–"
DOCUMENT_KIND = {"official": "Tjänsteskrivelse", "organisation": "Sammanfattning inför kontakt med kommunen"}


def plain_wording(rulebook: Rulebook, set_id: str) -> PlainVoice:
    """The plain voice with the plain-language names of the set's criteria, of every question and answer, and
    of the rules."""
    criteria_set = rulebook.criteria_set(set_id)
    rules = [(table.id, rule) for table in rulebook.tables_for(set_id) for rule in table.rules]
    return PlainVoice(
        rule_texts={(table, rule.id): rule.plain for table, rule in rules if rule.plain},
        warning_texts={rule.warning: rule.plain_warning for _, rule in rules if rule.warning and rule.plain_warning},
        criterion_texts={c.id: c.plain for c in criteria_set.criteria},
        question_texts={qid: q.plain for qid, q in rulebook.questions.questions.items()},
        option_texts={qid: q.plain_options for qid, q in rulebook.questions.questions.items()},
    )


def _or_dash(text: str | None) -> str:
    return text.strip() if text and text.strip() else NOT_GIVEN


def _when(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return NOT_GIVEN
    if isinstance(moment, dt.datetime):
        return swedish_time(moment)
    return moment.isoformat()


DRAFT_STATUS = "Utkast, inte bedömt ännu"
"""The status cell of a draft's document, which has no assessor and no time of assessment."""


def details_section(a: Assessment, record: RecordMeta, wording: Wording = OFFICIAL) -> Section:
    if wording.plain:
        # The set's id and checksum identify it for the record; an organisation needs its name.
        return Section("details", "Om den här sammanfattningen", [Table(["Uppgift", "Värde"], [
            ["Datum", a.date.isoformat()],
            ["Status", STATUS_LABEL[record.status]],
            ["Kriterier", f"{a.criteria_set.title}, version {a.criteria_set.version}"],
        ])])
    # A draft has not been assessed by anyone: naming an assessor and a time (the export's, or the last
    # save's) would tell the reader of a filed document the opposite of its status.
    assessed = [["Bedömd av", _or_dash(record.assessed_by)], ["Bedömd den", _when(record.assessed_at)]]
    rows = [
        ["Diarienummer", _or_dash(a.diarienummer)],
        ["Bedömningsdatum", assessment_date_text(a.date)],
        ["Status", STATUS_LABEL[record.status] if record.is_assessed else DRAFT_STATUS],
        *(assessed if record.is_assessed else []),
        ["Kriterieuppsättning", a.criteria_set.title],
        ["Uppsättningens id och version", f"{a.criteria_set.id}, version {a.criteria_set.version}"],
        ["Kontrollsumma (sha256)", a.criteria_set.hash],
    ]
    return Section("details", "Ärendeuppgifter", [Table(["Uppgift", "Värde"], rows)])


def parties_section(case: Case, wording: Wording = OFFICIAL) -> Section:
    public, org = case.public_party, case.organisation
    public_rows = [
        ["Offentlig part", f"{_or_dash(public.name)} ({public.kind})"],
        ["Nämnd eller förvaltning", _or_dash(public.committee)],
        ["Kontakt, offentlig part", _or_dash(public.contact)],
        ["Idéburen organisation", _or_dash(org.name)],
        ["Organisationsnummer", _or_dash(org.org_number)],
        ["Juridisk form", LEGAL_FORM[org.legal_form] if org.legal_form else NOT_GIVEN],
        ["Registrerad som idéburen organisation", YES_NO_UNKNOWN[org.registered_ideburen.value]],
        ["Kontakt, organisationen", _or_dash(org.contact)],
    ]
    return Section("parties", wording.section_titles["parties"], [Table(["Uppgift", "Värde"], public_rows)])


def activity_section(case: Case, wording: Wording = OFFICIAL) -> Section:
    act = case.activity
    duration = NOT_GIVEN if act.planned_duration_months is None else f"{act.planned_duration_months} månader"
    blocks: list[Block] = [Paragraph(act.description.strip() or "Ingen beskrivning angiven.")]
    blocks.append(Table(["Uppgift", "Värde"], [
        ["Målgrupp", _or_dash(act.target_group)],
        ["Område", _or_dash(act.area)],
        ["Start", _when(act.start)],
        ["Planerad varaktighet", duration],
    ]))
    return Section("activity", "Verksamheten", blocks)


def _contribution_cells(c: Contribution) -> list[str]:
    money = NOT_GIVEN if c.money_sek_per_year is None else f"{c.money_sek_per_year:,} kr".replace(",", " ")
    hours = (NOT_GIVEN if c.volunteer_hours_per_year is None
             else f"{c.volunteer_hours_per_year:,} timmar".replace(",", " "))
    return [money, hours, _or_dash(c.premises), _or_dash(c.staff), _or_dash(c.material), _or_dash(c.other)]


def contributions_section(case: Case, wording: Wording = OFFICIAL) -> Section:
    labels = ["Pengar per år", "Ideella timmar per år", "Lokaler", "Personal", "Material", "Annat"]
    public = _contribution_cells(case.public_party.contribution)
    org = _contribution_cells(case.organisation.contribution)
    rows = [[label, p, o] for label, p, o in zip(labels, public, org, strict=True)]
    return Section("contributions", wording.section_titles["contributions"],
                   [Table(list(wording.contribution_header), rows)])


def preparation_section(a: Assessment, rulebook: Rulebook, case: Case | None = None) -> Section:
    """The organisation's list, the questions that block an undecided case first (as on the page)."""
    blockers = PLAIN.blockers(a, rulebook.questions)
    return Section("preparation", "Det här behöver ni förbereda", [
        Paragraph("Innan ni kontaktar kommunen, ta fram:"),
        Bullets(preparation_list(a, rulebook, blockers=blockers, case=case))])


def other_answers_section(a: Assessment, case: Case, rulebook: Rulebook, wording: Wording = OFFICIAL) -> Section | None:
    """Answers the criteria and gates do not print (another set's questions, unknown gate facts).

    Everything the assessor wrote belongs in the record, even what does not
    bear on this recommendation; otherwise switching sets would hide reasoning.
    """
    shown = shown_questions(a)
    questions = rulebook.questions.questions
    lines = []
    for qid, answer in case.answers.items():
        said = answer.reasoning or answer.evidence or answer.option != "unknown"
        if qid in shown or qid not in questions or not said:
            continue
        question = questions[qid]
        label = wording.option(qid, answer.option, question.options.get(answer.option, NOT_ANSWERED_LABEL))
        line = f"{wording.question(qid, question.text)} Svar: {label}."
        line += f" Motivering: {answer.reasoning}" if answer.reasoning else ""
        line += f" Underlag: {'; '.join(answer.evidence)}" if answer.evidence else ""
        lines.append(line)
    if not lines:
        return None
    return Section("other_answers", "Övriga svar", [
        Paragraph("Svar som inte påverkar denna rekommendation under vald kriterieuppsättning:"), Bullets(lines)])


def decision_section(record: RecordMeta) -> Section:
    if record.status != "beslutad":
        return Section("decision", "Beslut", [Paragraph(
            f"Ärendet är inte beslutat. Status: {STATUS_LABEL[record.status].lower()}.")])
    return Section("decision", "Beslut", [Table(["Uppgift", "Värde"], [
        ["Beslut", _or_dash(record.decision)],
        ["Beslutat av", _or_dash(record.decided_by)],
        ["Beslutsdatum", _when(record.decided_at)],
    ])])


def _secrecy_text(case: Case) -> str:
    secrecy = case.registration.secrecy
    if not secrecy.marked:
        return ""
    text = f"Sekretess enligt {secrecy.provision.strip() or '[ange lagrum i OSL]'}"
    return text + (f" – {secrecy.reason.strip()}" if secrecy.reason.strip() else "")


def _fields(a: Assessment, case: Case, record: RecordMeta, audience: Audience) -> dict[str, str]:
    """The short values a letterhead, title block or footer shows (template variables)."""
    official = audience == "official"
    return {
        "document_kind": DOCUMENT_KIND[audience],
        "title": a.case_title,
        "diarienummer": a.diarienummer,
        "date": a.date.isoformat(),
        "public_party": case.public_party.name,
        "committee": case.public_party.committee,
        "organisation": case.organisation.name,
        # Who the document is from: the municipality's tjänsteskrivelse, or the organisation's own self-check,
        # which never carries a municipality's letterhead.
        "sender": (" · ".join(p for p in (case.public_party.name, case.public_party.committee) if p.strip())
                   if official else case.organisation.name.strip() or "Organisationens självtest"),
        "status": STATUS_LABEL[record.status],
        "assessed_by": record.assessed_by if record.is_assessed else "",
        "assessed_at": _when(record.assessed_at) if record.assessed_at and record.is_assessed else "",
        # Named as the headline names it: a grant with its form and reason (Voice.verdict_name).
        "recommendation": voice(audience != "official").verdict_name(a.recommendation, a.form),
        # The set's id and checksum identify it in the record; an organisation's summary names it only.
        "criteria_set": (criteria_set_line(a) if official
                         else f"{a.criteria_set.title}, version {a.criteria_set.version}"),
        "subject": case.subject if official else "",
        "officer": case.registration.officer.strip() if official else "",
        "decision_body": case.registration.decision_body.strip() if official else "",
        "secrecy": _secrecy_text(case) if official else "",
        "retention": case.registration.retention.text() if official else "",
    }


def _drop_none(sections: list[Section | None]) -> list[Section]:
    return [s for s in sections if s is not None]


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(line) for line in memo.lines(text)]


def proposal_section(a: Assessment, case: Case) -> Section:
    return Section("proposal", "Förslag till beslut", [Paragraph(line) for line in memo.proposal(a, case)])


def summary_section(a: Assessment, case: Case) -> Section:
    return Section("summary", "Sammanfattning", [Paragraph(memo.summary(a, case))])


def background_section(case: Case) -> Section:
    """Ärendet: the official's words, then the activity and who is involved."""
    act, public, org = case.activity, case.public_party, case.organisation
    blocks = _paragraphs(case.memo.background)
    blocks.append(Paragraph(act.description.strip() or "Ingen beskrivning av verksamheten har angetts."))
    organisation = _or_dash(org.name) + "".join(f", {part}" for part in (
        memo.legal_form_words(case), f"org.nr {org.org_number}" if org.org_number else "") if part)
    duration = NOT_GIVEN if act.planned_duration_months is None else memo.duration_words(act.planned_duration_months)
    blocks.append(Table(["Uppgift", "Värde"], [
        ["Idéburen organisation", organisation],
        ["Registrerad som idéburen organisation", YES_NO_UNKNOWN[org.registered_ideburen.value]],
        ["Kontakt, organisationen", _or_dash(org.contact)],
        ["Offentlig part", f"{_or_dash(public.name)}" + (f", {public.committee}" if public.committee.strip() else "")],
        ["Kontakt, offentlig part", _or_dash(public.contact)],
        ["Målgrupp", _or_dash(act.target_group)],
        ["Område", _or_dash(act.area)],
        ["Start", _when(act.start)],
        ["Planerad varaktighet", duration],
    ]))
    return Section("background", "Ärendet", blocks)


def bedomning_section(a: Assessment, case: Case) -> Section:
    return Section("assessment", "Bedömning", [*_paragraphs(case.memo.assessment), *assessment_prose(a)])


def _kr(value: int | None) -> str:
    return NOT_GIVEN if value is None else format_kronor(value)


def _hours(value: int | None) -> str:
    return NOT_GIVEN if value is None else format_hours(value)


def economy_section(a: Assessment, case: Case) -> Section:
    """Ekonomiska konsekvenser: both parties per year and over the period, money and in kind; de minimis."""
    span = memo.period(case)
    public = memo.party_totals(case.public_party.contribution, span.months)
    org = memo.party_totals(case.organisation.contribution, span.months)
    over = f"under perioden ({memo.duration_words(span.months)})" if span.months is not None else "under perioden"
    rows = [
        ["Pengar per år", _kr(public.money_per_year), _kr(org.money_per_year)],
        [f"Pengar {over}", _kr(public.money_total), _kr(org.money_total)],
        ["Ideellt arbete per år", _hours(public.hours_per_year), _hours(org.hours_per_year)],
        [f"Ideellt arbete {over}", _hours(public.hours_total), _hours(org.hours_total)],
    ]
    for kind in ("Lokaler", "Personal", "Material", "Annat"):
        public_kind, org_kind = dict(public.in_kind).get(kind), dict(org.in_kind).get(kind)
        if public_kind or org_kind:
            rows.append([kind, public_kind or NOT_GIVEN, org_kind or NOT_GIVEN])
    blocks: list[Block] = [Table(["Insats", "Kommunen", "Organisationen"], rows)]
    if span.months is None:
        blocks.append(Paragraph("Avtalsperiodens längd är inte angiven, så summan över perioden kan inte räknas ut."))
    elif public.money_total is not None:
        sentence = (f"Kommunens kostnad under perioden {span.text()} blir {format_kronor(public.money_total)} "
                    f"({format_kronor(public.money_per_year)} per år)")
        if org.money_total or org.hours_total or org.in_kind:
            share = [format_kronor(org.money_total) if org.money_total else "",
                     f"{format_hours(org.hours_total)} ideellt arbete" if org.hours_total else "",
                     "insatser i annan form" if org.in_kind else ""]
            sentence += "; organisationen bidrar med " + memo.enumerate_words([p for p in share if p])
        blocks.append(Paragraph(sentence + "."))
    blocks.append(Paragraph(de_minimis_sentence(a)))
    blocks += _paragraphs(case.memo.economy)
    return Section("economy", "Ekonomiska konsekvenser", blocks)


def de_minimis_sentence(a: Assessment) -> str:
    """Where the support stands against the de minimis ceiling, with the gate's own conclusion."""
    s = a.state_aid
    gate = next((g for g in a.gates if g.gate == "state_aid"), None)
    conclusion = (f"Statsstöd: {GATE_VALUE.get(gate.value, gate.value).lower()}. " if gate and gate.applies else "")
    if s.amount_three_years_eur is None:
        return conclusion + "Stödet kan inte räknas om till euro eftersom kommunens belopp inte är angivet."
    amount = f"{swedish_number(s.amount_three_years_eur)} euro under tre år"
    if s.de_minimis_ceiling_eur is None:
        return conclusion + f"Stödet motsvarar {amount}; taket för stöd av mindre betydelse saknas för datumet."
    within = s.amount_three_years_eur <= s.de_minimis_ceiling_eur
    relation = "under" if within else "över"
    other = (f", inklusive annat de minimis-stöd på {format_kronor(s.other_de_minimis_sek)}"
             if s.other_de_minimis_sek else "")
    return (conclusion + f"Stödet motsvarar {amount} (växelkurs {swedish_number(s.sek_per_eur, 2)} kr/euro{other}), "
            f"vilket är {relation} taket för stöd av mindre betydelse på "
            f"{swedish_number(s.de_minimis_ceiling_eur)} euro ({s.references[0] if s.references else 'de minimis'}).")


def child_rights_section(case: Case) -> Section | None:
    """Barnrättsbedömning: asked for when the target group includes children; the official's own words."""
    written = _paragraphs(case.memo.child_rights)
    if written:
        return Section("child_rights", "Barnrättsbedömning", written)
    if not memo.involves_children(case):
        return None
    target = case.activity.target_group.strip() or "enligt beskrivningen"
    return Section("child_rights", "Barnrättsbedömning", [Paragraph(
        f"[Barnrättsbedömning saknas. Målgruppen ({target}) omfattar barn: beskriv hur barnets bästa har "
        f"beaktats och hur barn har fått komma till tals, enligt {memo.CHILD_RIGHTS_SOURCE}.]")])


APPENDIX_TITLE = "Så kom bedömningen till"


def attachments_section(case: Case) -> Section:
    items = [f"{APPENDIX_TITLE} (bedömningen regel för regel, kriterieuppsättningens version och kontrollsumma)",
             *memo.lines("\n".join(case.memo.attachments))]
    return Section("attachments", "Bilagor", [Bullets([f"Bilaga {n}. {item}" for n, item in enumerate(items, 1)])])


def recipients_section(case: Case) -> Section:
    given = memo.lines("\n".join(case.memo.recipients))
    default = case.organisation.name.strip() or memo.MISSING_ORGANISATION
    return Section("recipients", "Beslutet skickas till", [Bullets(given or [default])])


def signatures_section(case: Case) -> Section:
    return Section("signatures", "Underskrifter", [Signatures([
        (case.registration.officer.strip(), case.memo.officer_title.strip() or "Handläggare"),
        (case.memo.manager.strip(), case.memo.manager_title.strip() or "Chef"),
    ])])


def deciding_rule_section(a: Assessment) -> Section:
    """The rule that decided, by id and table: the verdict itself is said once, under Bedömning."""
    rule = a.rule
    return Section("decisive_rule", "Avgörande regel", [
        Paragraph(f"Regel {rule.id} i {rule.table_title} ({rule.qualified_id}): {rule.annotation}"),
        Paragraph(f"Källa: {rule.source.cite()}"),
    ])


def trace_section(a: Assessment, case: Case, rulebook: Rulebook, record: RecordMeta) -> Section:
    """The appendix: the rule-by-rule trace, the criteria set's version and checksum, status and decision."""
    blocks: list[Block] = [Paragraph(
        "Bilagan redovisar hur IOP-stöd kom fram till bedömningen: vilken kriterieuppsättning och version som "
        "användes med dess kontrollsumma, varje rättslig grind och varje kriterium med svar, motivering, "
        "underlag och den regel som avgjorde.")]
    for part in (details_section(a, record), deciding_rule_section(a), leaning_section(a), gates_section(a),
                 criteria_section(a), open_questions_section(a), changes_section(a), warnings_section(a),
                 other_answers_section(a, case, rulebook), state_aid_section(a), decision_section(record),
                 about_section(a)):
        blocks += as_part(part)
    return Section("trace", APPENDIX_TITLE, blocks)


def memo_outline(a: Assessment, case: Case, rulebook: Rulebook, record: RecordMeta | None = None) -> Outline:
    """The tjänsteskrivelse: Förslag till beslut first, then the reasons, the economy, and the trace as an appendix."""
    record = record or RecordMeta()
    sections = _drop_none([
        proposal_section(a, case), summary_section(a, case), background_section(case), bedomning_section(a, case),
        economy_section(a, case), child_rights_section(case), attachments_section(case), recipients_section(case),
        signatures_section(case), trace_section(a, case, rulebook, record),
    ])
    return outline_from_sections(case.subject, sections, _fields(a, case, record, "official"), kind="memo")


def decision_outline(a: Assessment, case: Case, rulebook: Rulebook, record: RecordMeta | None = None,
                     audience: Audience = "official") -> Outline:
    """The beslutsunderlag for ``case`` as assessed in ``a``, for ``audience``.

    For an official it is the tjänsteskrivelse (``memo_outline``); for an
    organisation its self-check in plain words, with the organisation as sender.
    ``record`` carries what a records store knows (status, assessor, decision);
    without it the document is an undated draft (status utkast).
    """
    record = record or RecordMeta()
    if audience == "official":
        return memo_outline(a, case, rulebook, record)
    w = plain_wording(rulebook, a.criteria_set.id)
    sections = _drop_none([
        recommendation_section(a, w), leaning_section(a, w), preparation_section(a, rulebook, case),
        parties_section(case, w),
        activity_section(case, w), contributions_section(case, w), criteria_section(a, w),
        open_questions_section(a, w), changes_section(a, w), warnings_section(a, w), gates_section(a, w),
        other_answers_section(a, case, rulebook, w), state_aid_section(a, w), details_section(a, record, w),
        decision_section(record), about_section(a, w),
    ])
    return outline_from_sections(a.case_title, sections, _fields(a, case, record, audience))
