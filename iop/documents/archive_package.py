"""An archive package for one case: an E-ARK SIP a registrator hands to the diarium or the e-arkiv.

FGS Paketstruktur 2.0 is E-ARK CSIP 2.1 with E-ARK SIP 2.1 (Riksarkivet), so the
package is a CSIP/SIP 2.1 information package, zipped with one root folder named
after its OBJID::

    uuid-…/METS.xml                               the package: agents, metadata, files, structure
    uuid-…/metadata/descriptive/arende.xml        FGS Ärendehantering: the ärende and its handlingar
    uuid-…/metadata/preservation/historik.yaml    every revision and status change (digital provenance)
    uuid-…/representations/rep1/METS.xml          the representation's own METS
    uuid-…/representations/rep1/data/tjansteskrivelse.pdf   PDF/A-2a, PDF/UA-1
    uuid-…/representations/rep1/data/arende.yaml  the case file, as Exportera gives it
    uuid-…/documentation/om-paketet.txt           what the package holds, in Swedish
    uuid-…/schemas/*.xsd                          METS, XLink and the DILCIS extension schemas

Every file is listed with its size, creation time and SHA-256 checksum (METS
and the FGS XML's ``Bilaga``). A bedömd or beslutad case's package holds the
case and the assessment as they were frozen.

The XML is built with lxml. The package is validated in the test suite with the
E-ARK Foundation's ``eark-validator`` (see ``tests/test_archive_package.py`` for
what it reports and why two of its rules cannot be met by any SIP 2.1).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import io
import re
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from iop.documents.decision_document import decision_outline
from iop.documents.fgs_arende import ArendeFacts, Attachment, Handling, arende_xml
from iop.documents.outline import printable
from iop.documents.pdf_report import SWEDISH_TIME, render_pdf
from iop.engine.case_import import case_to_yaml
from iop.model.assessment_record import Assessment
from iop.records.case_diff import describe_changes
from iop.records.record import STATUS_LABEL, Revision, StatusRecord, StoredCase
from iop.records.record_meta import RecordMeta, record_meta_of
from iop.rules.rulebook import Rulebook
from iop.words.swedish import RECOMMENDATION_SHORT
from iop.words.voice import OFFICIAL

if TYPE_CHECKING:
    from lxml import etree

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP_NS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
NSMAP = {"mets": METS_NS, "csip": CSIP_NS, "sip": SIP_NS, "xlink": XLINK_NS, "xsi": XSI_NS}
SCHEMA_FILES = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd")
SCHEMA_LOCATION = (f"{METS_NS} schemas/mets.xsd {XLINK_NS} schemas/xlink.xsd "
                   f"{CSIP_NS} schemas/DILCISExtensionMETS.xsd {SIP_NS} schemas/DILCISExtensionSIPMETS.xsd")
SCHEMAS = Path(__file__).resolve().parent / "archive_schemas"
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "FGS Ärendehantering"
"""The content information type: not in the CSIP vocabulary, so OTHER with this name (CSIP4, CSIP5)."""
CONTENT_CATEGORY = "Ärendeakt"
"""The package's content category: not in the CSIP vocabulary, so Other with this name (CSIP2, CSIP3)."""
REPRESENTATION = "rep1"
SOFTWARE = "IOP-stöd"
ZIP_MIME = "application/zip"


def software_version() -> str:
    try:
        return importlib.metadata.version("iop-stod")
    except importlib.metadata.PackageNotFoundError:
        return "okänd"


@dataclass(frozen=True)
class PackageFile:
    path: str
    """From the package root, with forward slashes (also the METS xlink:href)."""
    data: bytes
    mime: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest().upper()

    @property
    def id(self) -> str:
        """An xs:ID for METS: the path with everything but letters, digits, dots and dashes replaced."""
        return "file-" + re.sub(r"[^A-Za-z0-9.-]", "-", self.path)


@dataclass(frozen=True)
class ArchivePackage:
    """The zipped package and what it holds."""

    name: str
    """The OBJID and root folder, e.g. uuid-…"""
    data: bytes
    files: dict[str, str] = field(default_factory=dict)
    """Path inside the package -> SHA-256 (upper-case hex), every file but the METS files themselves."""

    @property
    def filename(self) -> str:
        return f"{self.name}.zip"


def _when(moment: dt.datetime) -> str:
    """xs:dateTime in Swedish time with its offset."""
    return moment.astimezone(SWEDISH_TIME).replace(microsecond=0).isoformat()


def history_data(stored: StoredCase, history: Sequence[Revision], statuses: Sequence[StatusRecord],
                 rulebook: Rulebook) -> dict[str, Any]:
    """Every revision (who, when, note, status change, what changed) and every frozen status record."""
    revisions = []
    previous = None
    for revision in history:
        changes = (describe_changes(previous, revision.case, rulebook.questions) if previous is not None
                   else ["Ärendet skapades."])
        revisions.append({
            "version": revision.number, "time": _when(revision.created_at), "author": revision.author,
            "note": revision.note, "status": STATUS_LABEL[revision.status],
            "status_change": STATUS_LABEL[revision.status_change] if revision.status_change else None,
            "changes": changes,
        })
        previous = revision.case
    records = []
    for record in statuses:
        entry: dict[str, Any] = {"status": STATUS_LABEL[record.status], "version": record.revision,
                                 "time": _when(record.created_at), "author": record.author}
        if record.snapshot is not None:
            snapshot = record.snapshot
            entry["assessment"] = {
                "recommendation": RECOMMENDATION_SHORT[snapshot.recommendation], "form": snapshot.form,
                "rule": snapshot.rule, "rule_annotation": snapshot.rule_annotation,
                "criteria_set": {"id": snapshot.criteria_set_id, "version": snapshot.criteria_set_version,
                                 "sha256": snapshot.criteria_set_hash}}
        if record.decision is not None:
            decision = record.decision
            entry["decision"] = {"decision": decision.decision, "body": decision.body,
                                 "date": decision.date.isoformat(), "paragraph": decision.paragraph,
                                 "follows_recommendation": decision.follows_recommendation,
                                 "deviation_reason": decision.deviation_reason or None}
        records.append(entry)
    return {"schema": "iop-stod/historik/1", "case": {"id": stored.id, "diarienummer": stored.case.diarienummer,
                                                       "title": stored.case.title},
            "revisions": revisions, "status_records": records}


def history_yaml(stored: StoredCase, history: Sequence[Revision], statuses: Sequence[StatusRecord],
                 rulebook: Rulebook) -> str:
    return yaml.safe_dump(history_data(stored, history, statuses, rulebook), allow_unicode=True, sort_keys=False,
                          width=100)


def _documentation(stored: StoredCase, record: RecordMeta, name: str, created: dt.datetime) -> str:
    case = stored.case
    secrecy = case.registration.secrecy
    lines = [
        f"Arkivpaket från {SOFTWARE}: {case.subject}",
        "",
        f"Paketets id: {name}",
        f"Skapat: {_when(created)}",
        f"Diarienummer: {case.diarienummer or '(inte registrerat ännu)'}",
        f"Ärendets id i {SOFTWARE}: {stored.id}, version {stored.revision}",
        f"Status: {STATUS_LABEL[stored.status]} (dokumentet visar: {record.status})",
        f"Handläggare: {case.registration.officer or '–'}",
        f"Beslutsinstans: {case.registration.decision_body or '–'}",
        "Sekretess: " + (f"{secrecy.provision} – {secrecy.reason}" if secrecy.marked else "ingen sekretessmarkering"),
        f"Bevarande och gallring: {case.registration.retention.text()}",
        "",
        "Paketet följer E-ARK CSIP 2.1 och E-ARK SIP 2.1 (FGS Paketstruktur 2.0). Det innehåller:",
        f"  representations/{REPRESENTATION}/data/tjansteskrivelse.pdf  tjänsteskrivelsen (PDF/A-2a och PDF/UA-1)",
        f"  representations/{REPRESENTATION}/data/arende.yaml  ärendefilen (kan läsas in i {SOFTWARE} igen)",
        "  metadata/descriptive/arende.xml  ärendet och handlingarna enligt FGS Ärendehantering",
        "  metadata/preservation/historik.yaml  varje version och statusändring: vem, när och vad",
        "",
        "Storlek och kontrollsumma (SHA-256) för varje fil står i METS.xml och i arende.xml.",
    ]
    return "\n".join(lines) + "\n"


def _el(parent: etree._Element, name: str, attributes: dict[str, str] | None = None, text: str | None = None,
        ns: str = METS_NS) -> etree._Element:
    from lxml import etree

    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    for key, value in (attributes or {}).items():
        element.set(key, printable(value))  # a control character a user typed is no XML character
    if text is not None:
        element.text = printable(text)
    return element


def _q(prefix: str, name: str) -> str:
    return f"{{{NSMAP[prefix]}}}{name}"


def _mets_root(objid: str, label: str) -> etree._Element:
    from lxml import etree

    root = etree.Element(_q("mets", "mets"), nsmap=NSMAP)
    root.set(_q("xsi", "schemaLocation"), SCHEMA_LOCATION)
    root.set("OBJID", objid)
    root.set("LABEL", printable(label))
    root.set("TYPE", "Other")
    root.set(_q("csip", "OTHERTYPE"), CONTENT_CATEGORY)
    root.set(_q("csip", "CONTENTINFORMATIONTYPE"), "OTHER")
    root.set(_q("csip", "OTHERCONTENTINFORMATIONTYPE"), CONTENT_TYPE)
    root.set("PROFILE", PROFILE)
    return root


def _agent(header: etree._Element, role: str, kind: str, name: str, note: str = "", note_type: str = "",
           other_type: str = "") -> None:
    attributes = {"ROLE": role, "TYPE": kind}
    if other_type:
        attributes["OTHERTYPE"] = other_type
    agent = _el(header, "agent", attributes)
    _el(agent, "name", text=name)
    if note:
        note_element = _el(agent, "note", text=note)
        if note_type:
            note_element.set(_q("csip", "NOTETYPE"), note_type)


def _header(root: etree._Element, created: str, stored: StoredCase | None) -> None:
    header = _el(root, "metsHdr", {"CREATEDATE": created, "LASTMODDATE": created, "RECORDSTATUS": "NEW"})
    header.set(_q("csip", "OAISPACKAGETYPE"), "SIP")
    # CSIP10–16: the software that made the package.
    _agent(header, "CREATOR", "OTHER", SOFTWARE, software_version(), "SOFTWARE VERSION", other_type="SOFTWARE")
    if stored is None:
        return
    case = stored.case
    public = ", ".join(p for p in (case.public_party.name.strip(), case.public_party.committee.strip()) if p)
    if public:
        _agent(header, "ARCHIVIST", "ORGANIZATION", public)  # SIP9–14: the archival creator (arkivbildaren)
        _agent(header, "CREATOR", "ORGANIZATION", public)  # SIP15–20: the submitting agent
    if case.registration.officer.strip():  # SIP21–25: the contact person, the handläggare
        _agent(header, "CREATOR", "INDIVIDUAL", case.registration.officer.strip(),
               case.public_party.contact.strip())


def _file_attributes(file: PackageFile, created: str) -> dict[str, str]:
    return {"MIMETYPE": file.mime, "SIZE": str(len(file.data)), "CREATED": created, "CHECKSUM": file.sha256,
            "CHECKSUMTYPE": "SHA-256"}


def _location(parent: etree._Element, name: str, href: str, **extra: str) -> etree._Element:
    element = _el(parent, name, {"LOCTYPE": "URL", **extra})
    element.set(_q("xlink", "type"), "simple")
    element.set(_q("xlink", "href"), href)
    return element


def _file_group(file_section: etree._Element, group_id: str, use: str, files: Sequence[PackageFile],
                created: str, relative_to: str = "") -> etree._Element:
    group = _el(file_section, "fileGrp", {"ID": group_id, "USE": use})
    # CSIP62–63: the content information type may be stated on every file group (the validator asks for it).
    group.set(_q("csip", "CONTENTINFORMATIONTYPE"), "OTHER")
    group.set(_q("csip", "OTHERCONTENTINFORMATIONTYPE"), CONTENT_TYPE)
    for file in files:
        element = _el(group, "file", {"ID": file.id, **_file_attributes(file, created)})
        if file.mime == "application/pdf":
            element.set(_q("sip", "FILEFORMATNAME"), "PDF/A")
            element.set(_q("sip", "FILEFORMATVERSION"), "2a")
        _location(element, "FLocat", file.path.removeprefix(relative_to))
    return group


def _to_bytes(root: etree._Element) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _representation_mets(name: str, data: Sequence[PackageFile], created: str) -> bytes:
    root = _mets_root(f"{name}-{REPRESENTATION}", f"Representation {REPRESENTATION}")
    _header(root, created, None)
    file_section = _el(root, "fileSec", {"ID": "filesec-rep"})
    _file_group(file_section, "grp-data", "Data", data, created, f"representations/{REPRESENTATION}/")
    struct = _el(root, "structMap", {"ID": "structmap-rep", "TYPE": "PHYSICAL", "LABEL": "CSIP"})
    division = _el(struct, "div", {"ID": "div-rep", "LABEL": REPRESENTATION})
    _el(division, "div", {"ID": "div-rep-metadata", "LABEL": "Metadata"})
    _el(_el(division, "div", {"ID": "div-rep-data", "LABEL": "Data"}), "fptr", {"FILEID": "grp-data"})
    return _to_bytes(root)


def _package_mets(name: str, stored: StoredCase, created: str, descriptive: PackageFile, provenance: PackageFile,
                  documentation: Sequence[PackageFile], schemas: Sequence[PackageFile],
                  representation_mets: PackageFile) -> bytes:
    root = _mets_root(name, stored.case.subject)
    _header(root, created, stored)
    dmd = _el(root, "dmdSec", {"ID": "dmd-fgs-arende", "CREATED": created, "STATUS": "CURRENT"})
    _location(dmd, "mdRef", descriptive.path, MDTYPE="OTHER", OTHERMDTYPE=CONTENT_TYPE,
              **_file_attributes(descriptive, created))
    amd = _el(root, "amdSec")
    digiprov = _el(amd, "digiprovMD", {"ID": "digiprov-historik", "STATUS": "CURRENT"})
    _location(digiprov, "mdRef", provenance.path, MDTYPE="OTHER", OTHERMDTYPE="IOP-stöd historik (YAML)",
              **_file_attributes(provenance, created))
    file_section = _el(root, "fileSec", {"ID": "filesec"})
    _file_group(file_section, "grp-documentation", "Documentation", documentation, created)
    _file_group(file_section, "grp-schemas", "Schemas", schemas, created)
    _file_group(file_section, f"grp-{REPRESENTATION}", f"Representations/{REPRESENTATION}", [representation_mets],
                created)
    struct = _el(root, "structMap", {"ID": "structmap", "TYPE": "PHYSICAL", "LABEL": "CSIP"})
    division = _el(struct, "div", {"ID": "div-package", "LABEL": name})
    _el(division, "div", {"ID": "div-metadata", "LABEL": "Metadata", "DMDID": "dmd-fgs-arende",
                          "ADMID": "digiprov-historik"})
    _el(_el(division, "div", {"ID": "div-documentation", "LABEL": "Documentation"}), "fptr",
        {"FILEID": "grp-documentation"})
    _el(_el(division, "div", {"ID": "div-schemas", "LABEL": "Schemas"}), "fptr", {"FILEID": "grp-schemas"})
    representations = _el(division, "div", {"ID": "div-representations", "LABEL": "Representations"})
    _el(representations, "fptr", {"FILEID": f"grp-{REPRESENTATION}"})
    pointer = _el(representations, "div", {"ID": f"div-{REPRESENTATION}",
                                           "LABEL": f"Representations/{REPRESENTATION}"})
    _location(pointer, "mptr", representation_mets.path, **{_q("xlink", "title"): f"grp-{REPRESENTATION}"})
    return _to_bytes(root)


def _facts(stored: StoredCase, history: Sequence[Revision], record: RecordMeta, assessment: Assessment) -> ArendeFacts:
    created = history[0].created_at if history else stored.updated_at
    recommendation = OFFICIAL.verdict_name(assessment.recommendation, assessment.form)
    return ArendeFacts(case_id=stored.id, status=record.status, created=created, last_changed=stored.updated_at,
                       decided=record.decided_at, recommendation=recommendation,
                       criteria_set=f"{assessment.criteria_set.id} {assessment.criteria_set.version}, "
                                    f"sha256 {assessment.criteria_set.hash}")


def archive_package(stored: StoredCase, history: Sequence[Revision], statuses: Sequence[StatusRecord],
                    assessment: Assessment, rulebook: Rulebook, *, created: dt.datetime | None = None,
                    package_id: str | None = None, pdf: bytes | None = None) -> ArchivePackage:
    """The zipped SIP for ``stored`` as assessed in ``assessment`` (the frozen one for a bedömd case).

    ``pdf`` is the tjänsteskrivelse already rendered (the Export page has it),
    else it is rendered here; ``created`` defaults to now.
    """
    made = (created or dt.datetime.now(dt.UTC)).astimezone(SWEDISH_TIME).replace(microsecond=0)
    when = made.isoformat()
    name = package_id or f"uuid-{uuid.uuid4()}"
    record = record_meta_of(stored, statuses)
    case = stored.case
    if pdf is None:
        pdf = render_pdf(decision_outline(assessment, case, rulebook, record), made)
    data_prefix = f"representations/{REPRESENTATION}/data/"
    document = PackageFile(data_prefix + "tjansteskrivelse.pdf", pdf, "application/pdf")
    case_file = PackageFile(data_prefix + "arende.yaml", case_to_yaml(case).encode("utf-8"), "application/yaml")
    provenance = PackageFile("metadata/preservation/historik.yaml",
                             history_yaml(stored, history, statuses, rulebook).encode("utf-8"), "application/yaml")

    def attachment(file: PackageFile, description: str) -> Attachment:
        return Attachment(file.path.rsplit("/", 1)[1], file.path, len(file.data), file.sha256, file.mime, description)

    handlingar = [
        Handling("Tjänsteskrivelse", f"Tjänsteskrivelse: {case.subject}", made, assessment.date,
                 attachment(document, "Tjänsteskrivelsen som PDF/A-2a"), case.registration.decision_body.strip()),
        Handling("Ärendefil", f"Ärendefil från {SOFTWARE}: {case.title}", made, made,
                 attachment(case_file, f"Ärendets uppgifter och svar, läsbar i {SOFTWARE}")),
        Handling("Ärendehistorik", f"Historik för ärendet: {case.title}", made, made,
                 attachment(provenance, "Varje version och statusändring: vem, när och vad")),
    ]
    descriptive = PackageFile("metadata/descriptive/arende.xml",
                              arende_xml(case, _facts(stored, history, record, assessment), handlingar),
                              "application/xml")
    documentation = [PackageFile("documentation/om-paketet.txt",
                                 _documentation(stored, record, name, made).encode("utf-8"), "text/plain")]
    schemas = [PackageFile(f"schemas/{schema}", (SCHEMAS / schema).read_bytes(), "application/xml")
               for schema in SCHEMA_FILES]
    representation_mets = PackageFile(f"representations/{REPRESENTATION}/METS.xml",
                                      _representation_mets(name, [document, case_file], when), "application/xml")
    package_mets = PackageFile("METS.xml", _package_mets(name, stored, when, descriptive, provenance, documentation,
                                                         schemas, representation_mets), "application/xml")
    files = [package_mets, representation_mets, document, case_file, descriptive, provenance, *documentation,
             *schemas]
    buffer = io.BytesIO()
    stamp = made.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{name}/{file.path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.data)
    return ArchivePackage(name, buffer.getvalue(),
                          {f.path: f.sha256 for f in files if not f.path.endswith("METS.xml")})
