"""The case as FGS Ärendehantering XML: what a diarium or e-arkiv reads about an ärende and its handlingar.

Riksarkivet's FGS Ärendehantering (namespace ``http://xml.ra.se/e-arkiv/FGS-ERMS``,
root ``Leveransobjekt``) describes an ärende (``ArkivobjektArende``) with its
diarienummer, ärendemening, status, dates, agents (handläggare, beslutsinstans),
restrictions (sekretess with the OSL provision), bevarande/gallring and its
handlingar (``ArkivobjektHandling``), each with its files as ``Bilaga`` with a
SHA-256 checksum. Elements are written in the order the schema's sequences
require; dates are local Swedish time without offset, as the schema's
``EgetTidDatum`` pattern asks (YYYY-MM-DDThh:mm:ss).

Built with lxml, never by string concatenation, so what a user typed is
always text.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from iop.documents.outline import printable
from iop.model.case import Case

if TYPE_CHECKING:
    from lxml import etree

FGS_NS = "http://xml.ra.se/e-arkiv/FGS-ERMS"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{FGS_NS} http://xml.ra.se/e-arkiv/FGS-ERMS/Arendehantering.xsd"
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")

SYSTEM_NAMESPACE = uuid.UUID("5b3c7c1e-6a0f-4d38-9a3e-2f1d2c9e7a10")
"""Makes the stable Systemidentifierare (UUID) of an ärende or handling from its id in IOP-stöd."""

STATUS_ARENDE = {"utkast": "Öppet", "bedomd": "Öppet", "beslutad": "Stängt"}
"""The register's document status as FGS StatusArande: decided is closed (avslutat)."""


def local_time(moment: dt.datetime | dt.date) -> str:
    """FGS's EgetTidDatum: a date, or local Swedish time to the second without offset."""
    if isinstance(moment, dt.datetime):
        aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return aware.astimezone(SWEDISH_TIME).strftime("%Y-%m-%dT%H:%M:%S")
    return moment.isoformat()


def system_id(*parts: str) -> str:
    return str(uuid.uuid5(SYSTEM_NAMESPACE, ":".join(parts)))


@dataclass(frozen=True)
class Attachment:
    """One file of a handling, as the package holds it."""

    name: str
    path: str
    """The file's path from the package root, as METS names it."""
    size: int
    sha256: str
    mime: str
    description: str = ""


@dataclass(frozen=True)
class Handling:
    """One handling (document) of the ärende."""

    kind: str
    """Handlingstyp, e.g. "Tjänsteskrivelse"."""
    title: str
    created: dt.datetime
    drawn_up: dt.date | dt.datetime
    """Upprättad: when the handling was drawn up."""
    attachment: Attachment
    recipient: str = ""


@dataclass(frozen=True)
class ArendeFacts:
    """What the register knows about the ärende besides the case: id, dates, status, decision."""

    case_id: str
    status: str
    """The document status: utkast, bedomd or beslutad."""
    created: dt.datetime
    last_changed: dt.datetime
    decided: dt.date | None = None
    recommendation: str = ""
    criteria_set: str = ""


def _sub(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    from lxml import etree

    # printable(): a control character typed into a field is no XML character; lxml would refuse it.
    element = etree.SubElement(parent, f"{{{FGS_NS}}}{name}", {k: printable(v) for k, v in attributes.items() if v})
    if text is not None:
        element.text = printable(text)
    return element


def _agent(parent: etree._Element, role: str, name: str, organisation: str = "", unit: str = "") -> None:
    agent = _sub(parent, "Agent")
    _sub(agent, "Roll", role)
    _sub(agent, "Namn", name)
    if organisation:
        _sub(agent, "Organisationsnamn", organisation)
    if unit:
        _sub(agent, "Enhetsnamn", unit)


def _gallring(parent: etree._Element, case: Case) -> None:
    retention = case.registration.retention
    disposed = retention.disposal == "gallras"
    gallring = _sub(parent, "Gallring", Gallras="true" if disposed else "false")
    if disposed and retention.after.strip():
        _sub(gallring, "GallringsFrist", retention.after.strip())
    if retention.basis.strip():
        _sub(gallring, "GallringsForklaring", retention.basis.strip())


def _restriktion(parent: etree._Element, case: Case) -> None:
    secrecy = case.registration.secrecy
    if not secrecy.marked:
        return
    restriktion = _sub(parent, "Restriktion", Typ="Sekretess")
    if secrecy.reason.strip():
        _sub(restriktion, "ForklarandeText", secrecy.reason.strip())
    if secrecy.provision.strip():
        _sub(restriktion, "Lagrum", secrecy.provision.strip())


def arende_id(case: Case, facts: ArendeFacts) -> str:
    """The ärende's ArkivobjektID: its diarienummer, else its id in IOP-stöd (before it is registered)."""
    return case.diarienummer.strip() or f"IOP-stöd {facts.case_id}"


def _handling(parent: etree._Element, case: Case, facts: ArendeFacts, number: int, handling: Handling) -> None:
    element = _sub(parent, "ArkivobjektHandling",
                   Systemidentifierare=system_id(facts.case_id, handling.attachment.name))
    _sub(element, "ArkivobjektID", f"{arende_id(case, facts)}-{number}")
    _sub(element, "Handlingstyp", handling.kind)
    _gallring(element, case)
    if case.registration.officer.strip():
        _agent(element, "Upprättad av", case.registration.officer.strip(), case.public_party.name.strip(),
               case.public_party.committee.strip())
    _sub(element, "Lopnummer", str(number))
    if handling.recipient:
        _sub(_sub(element, "Mottagare"), "Namn", handling.recipient)
    _sub(element, "Rubrik", handling.title)
    _sub(element, "Skapad", local_time(handling.created))
    _sub(element, "StatusHandling", "Upprättad")
    _sub(element, "Upprattad", local_time(handling.drawn_up))
    _restriktion(element, case)
    file = handling.attachment
    _sub(element, "Bilaga", Namn=file.name, Beskrivning=file.description, Lank=file.path, Storlek=str(file.size),
         Mimetyp=file.mime, Checksumma=file.sha256, ChecksummaMetod="SHA-256")


def arende_xml(case: Case, facts: ArendeFacts, handlingar: Sequence[Handling]) -> bytes:
    """The ärende and its handlingar as FGS Ärendehantering XML (UTF-8, with declaration)."""
    from lxml import etree

    # The default namespace (key None) is what lxml takes; its stubs know only string prefixes.
    root = etree.Element(f"{{{FGS_NS}}}Leveransobjekt", nsmap={None: FGS_NS, "xsi": XSI_NS})  # type: ignore[dict-item]
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    arende = _sub(_sub(root, "ArkivobjektListaArenden"), "ArkivobjektArende",
                  Systemidentifierare=system_id(facts.case_id))
    # The order below is the schema's sequence for ArkivobjektArendeTyp.
    _sub(arende, "ArkivobjektID", arende_id(case, facts))
    _sub(arende, "ExtraID", facts.case_id, ExtraIDTyp="Ärendets id i IOP-stöd")
    _sub(arende, "ArendeTyp", "Bidrag, idéburet offentligt partnerskap eller upphandling")
    if facts.decided is not None:
        _sub(arende, "Avslutat", local_time(facts.decided))
    if case.activity.description.strip():
        _sub(arende, "Beskrivning", case.activity.description.strip())
    if facts.decided is not None:
        _sub(arende, "Beslutat", local_time(facts.decided))
    _gallring(arende, case)
    public = case.public_party
    if case.registration.officer.strip():
        _agent(arende, "Handläggare", case.registration.officer.strip(), public.name.strip(), public.committee.strip())
    if case.registration.decision_body.strip():
        _agent(arende, "Beslutsinstans", case.registration.decision_body.strip(), public.name.strip())
    _restriktion(arende, case)
    org = case.organisation
    if org.name.strip():
        motpart = _sub(arende, "Motpart")
        _sub(motpart, "Namn", org.name.strip())
        if org.org_number:
            _sub(motpart, "IDnummer", org.org_number.replace("-", ""), Typ="1")
    if facts.recommendation:
        _sub(arende, "Notering", f"Rekommendation enligt IOP-stöd: {facts.recommendation}"
                                 + (f" (kriterier: {facts.criteria_set})" if facts.criteria_set else ""))
    _sub(arende, "SistaAnvandandetidpunkt", local_time(facts.last_changed))
    _sub(arende, "Skapad", local_time(facts.created))
    _sub(arende, "StatusArande", STATUS_ARENDE.get(facts.status, "Öppet"))
    _sub(arende, "Arendemening", case.subject)
    handlingar_element = _sub(arende, "ArkivobjektListaHandlingar")
    for number, handling in enumerate(handlingar, start=1):
        _handling(handlingar_element, case, facts, number, handling)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
