"""The archive package: an E-ARK SIP (CSIP/SIP 2.1) with FGS Ärendehantering metadata, checked file by file
and validated with the E-ARK Foundation's eark-validator.

eark-validator runs in its own virtual environment (it pins lxml 5.1.0; see
tests/tools/eark_validate.py); scripts/test makes it. Its report is read in
full: the package must be well formed, its METS valid against the METS schema,
and every schematron error must be one of the validator's two known defects
below, each at the element where the defect is expected, nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pikepdf
import pytest
import yaml
from lxml import etree

from iop.cli.main import main
from iop.documents.archive_package import SCHEMAS, ArchivePackage, archive_package
from iop.engine.case_import import case_from_text, load_case
from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.records import AssessmentSnapshot, CaseStatus, Decision, StoredCase, frozen_assessment
from iop.rules.rulebook import Rulebook
from iop.store import ENV_VAR, CaseRegister, open_register
from tests.helpers import CASES, REPO

CREATED = dt.datetime(2026, 4, 21, 10, 15, tzinfo=ZoneInfo("Europe/Stockholm"))
PACKAGE_ID = "uuid-2f0c3c2e-7a5e-4a43-9d7b-3d2b3d8a1c11"
NS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink",
      "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS", "fgs": "http://xml.ra.se/e-arkiv/FGS-ERMS"}
VALIDATOR_ENV = "IOP_EARK_VALIDATOR_PYTHON"


def validator_python() -> Path:
    """The eark-validator's own Python: $IOP_EARK_VALIDATOR_PYTHON, else .venv/eark-validator beside this venv."""
    return Path(os.environ.get(VALIDATOR_ENV) or Path(sys.prefix) / "eark-validator" / "bin" / "python")


@pytest.fixture
def register(tmp_path: Path) -> CaseRegister:
    return CaseRegister(open_register(f"sqlite:///{tmp_path / 'register.sqlite3'}"))


def _decided_case(register: CaseRegister, engine: Engine) -> StoredCase:
    """Ungdomsbussen registered, edited, marked bedömd and decided, with sekretess and gallring."""
    case = load_case(CASES / "ungdomsbussen.yaml", engine.rulebook)
    case.diarienummer = "IFN 2026/123"
    registration = case.registration
    registration.subject = "Ansökan om idéburet offentligt partnerskap – Ungdomsbussen"
    registration.officer, registration.decision_body = "Karin Lind", "Individ- och familjenämnden"
    registration.secrecy.marked, registration.secrecy.provision = True, "OSL 31 kap. 16 §"
    registration.secrecy.reason = "Uppgifter om organisationens affärsförhållanden i budgeten"
    registration.retention.disposal, registration.retention.after = "gallras", "10 år efter ärendets avslut"
    stored = register.create_case(Case.model_validate(case.model_dump(exclude={"expected"})), "Karin Lind")
    edited = stored.case.model_copy(deep=True)
    edited.memo.summary = "Stadsmissionen föreslår en buss där unga samlas; förvaltningen föreslår IOP."
    stored = register.save_case(stored.id, edited, stored.revision, "Karin Lind")
    assessment = engine.assess(stored.case)
    stored = register.change_status(stored.id, CaseStatus.assessed, stored.revision, "Karin Lind",
                                    snapshot=AssessmentSnapshot.of(assessment))
    decision = Decision(decision="iop", body="Individ- och familjenämnden", date=dt.date(2026, 4, 20),
                        paragraph="§ 45", recommendation=assessment.recommendation)
    return register.change_status(stored.id, CaseStatus.decided, stored.revision, "Per Holm", decision=decision)


def _package(register: CaseRegister, stored: StoredCase, rulebook: Rulebook) -> ArchivePackage:
    history, statuses = register.history(stored.id), register.status_records(stored.id)
    frozen = frozen_assessment(stored, statuses)
    assert frozen is not None
    return archive_package(stored, history, statuses, frozen, rulebook, created=CREATED, package_id=PACKAGE_ID)


@pytest.fixture
def decided(register: CaseRegister, engine: Engine, rulebook: Rulebook) -> tuple[StoredCase, ArchivePackage]:
    stored = _decided_case(register, engine)
    return stored, _package(register, stored, rulebook)


def _files(package: ArchivePackage) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        return {name.removeprefix(f"{package.name}/"): archive.read(name) for name in archive.namelist()}


def test_the_package_has_the_csip_folders_under_one_root_named_by_its_objid(decided):
    _, package = decided
    files = _files(package)
    assert package.name == PACKAGE_ID
    assert set(files) == {
        "METS.xml", "metadata/descriptive/arende.xml", "metadata/preservation/historik.yaml",
        "representations/rep1/METS.xml", "representations/rep1/data/tjansteskrivelse.pdf",
        "representations/rep1/data/arende.yaml", "documentation/om-paketet.txt",
        "schemas/mets.xsd", "schemas/xlink.xsd", "schemas/DILCISExtensionMETS.xsd",
        "schemas/DILCISExtensionSIPMETS.xsd"}
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        assert all(name.startswith(f"{PACKAGE_ID}/") for name in archive.namelist())


def test_every_file_is_listed_in_mets_with_its_size_and_sha256(decided):
    _, package = decided
    files = _files(package)
    listed = {}
    for mets_path, prefix in (("METS.xml", ""), ("representations/rep1/METS.xml", "representations/rep1/")):
        mets = etree.fromstring(files[mets_path])
        for element in [*mets.iterfind(".//mets:file", NS), *mets.iterfind(".//mets:mdRef", NS)]:
            href = element.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href") if element.tag.endswith("file") \
                else element.get(f"{{{NS['xlink']}}}href")
            listed[prefix + href] = element
    for path, data in files.items():
        if path == "METS.xml":
            continue
        element = listed[path]
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        assert element.get("CHECKSUM") == hashlib.sha256(data).hexdigest().upper(), path
        assert element.get("SIZE") == str(len(data)) and element.get("CREATED") == "2026-04-21T10:15:00+02:00"


def test_both_mets_files_are_valid_against_the_shipped_mets_schema(decided):
    _, package = decided
    files = _files(package)

    class Shipped(etree.Resolver):
        def resolve(self, url, public_id, context):  # type: ignore[no-untyped-def]
            name = url.rsplit("/", 1)[-1]
            return self.resolve_filename(str(SCHEMAS / name), context) if (SCHEMAS / name).exists() else None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Shipped())
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "mets.xsd"), parser))
    for path in ("METS.xml", "representations/rep1/METS.xml"):
        document = etree.fromstring(files[path])
        assert schema.validate(document), (path, schema.error_log)


def test_the_descriptive_metadata_is_fgs_arendehantering_with_the_registration(decided):
    stored, package = decided
    files = _files(package)
    arende = etree.fromstring(files["metadata/descriptive/arende.xml"]).find(
        "fgs:ArkivobjektListaArenden/fgs:ArkivobjektArende", NS)

    def text(path: str) -> list[str]:
        return [e.text or "" for e in arende.iterfind(path, NS)]

    assert text("fgs:ArkivobjektID") == ["IFN 2026/123"]
    assert text("fgs:Arendemening") == ["Ansökan om idéburet offentligt partnerskap – Ungdomsbussen"]
    assert text("fgs:StatusArande") == ["Stängt"] and text("fgs:Beslutat") == ["2026-04-20"]
    agents = {a.findtext("fgs:Roll", namespaces=NS): a.findtext("fgs:Namn", namespaces=NS)
              for a in arende.iterfind("fgs:Agent", NS)}
    assert agents == {"Handläggare": "Karin Lind", "Beslutsinstans": "Individ- och familjenämnden"}
    [restriktion] = arende.iterfind("fgs:Restriktion", NS)
    assert restriktion.get("Typ") == "Sekretess"
    assert restriktion.findtext("fgs:Lagrum", namespaces=NS) == "OSL 31 kap. 16 §"
    gallring = arende.find("fgs:Gallring", NS)
    assert gallring.get("Gallras") == "true"
    assert gallring.findtext("fgs:GallringsFrist", namespaces=NS) == "10 år efter ärendets avslut"
    assert text("fgs:Skapad")[0].startswith("20") and "+" not in text("fgs:Skapad")[0]  # local time, no offset
    handlingar = list(arende.iterfind("fgs:ArkivobjektListaHandlingar/fgs:ArkivobjektHandling", NS))
    assert [h.findtext("fgs:Handlingstyp", namespaces=NS) for h in handlingar] == [
        "Tjänsteskrivelse", "Ärendefil", "Ärendehistorik"]
    for handling in handlingar:
        bilaga = handling.find("fgs:Bilaga", NS)
        assert bilaga.get("ChecksummaMetod") == "SHA-256"
        assert bilaga.get("Checksumma") == hashlib.sha256(files[bilaga.get("Lank")]).hexdigest().upper()
        assert handling.find("fgs:Restriktion", NS).get("Typ") == "Sekretess"
    assert handlingar[0].findtext("fgs:Mottagare/fgs:Namn", namespaces=NS) == "Individ- och familjenämnden"


def test_the_package_holds_the_pdf_a_the_case_file_and_the_history(decided, rulebook: Rulebook):
    stored, package = decided
    files = _files(package)
    with pikepdf.open(io.BytesIO(files["representations/rep1/data/tjansteskrivelse.pdf"])) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2A" and meta["dc:description"] == stored.case.subject
        assert meta["xmp:CreateDate"] == "2026-04-21T10:15:00+02:00"
    case = case_from_text(files["representations/rep1/data/arende.yaml"].decode("utf-8"), rulebook)
    assert Case.model_validate(case.model_dump(exclude={"expected"})) == stored.case
    history = yaml.safe_load(files["metadata/preservation/historik.yaml"])
    assert [r["author"] for r in history["revisions"]] == ["Karin Lind", "Karin Lind", "Karin Lind", "Per Holm"]
    assert [r["status_change"] for r in history["revisions"]] == ["Utkast", None, "Bedömd", "Beslutad"]
    assert any("Sammanfattning" in change for change in history["revisions"][1]["changes"])
    frozen, decided_record = history["status_records"]
    assert frozen["assessment"]["criteria_set"]["sha256"] and decided_record["decision"]["paragraph"] == "§ 45"


def test_a_draft_without_diarienummer_or_sekretess_is_packed_under_its_id(register, engine, rulebook):
    stored = register.create_case(Case(title="Språkcafé"), "Bo")
    package = archive_package(stored, register.history(stored.id), [], engine.assess(stored.case), rulebook)
    arende = etree.fromstring(_files(package)["metadata/descriptive/arende.xml"]).find(".//fgs:ArkivobjektArende", NS)
    assert arende.findtext("fgs:ArkivobjektID", namespaces=NS) == f"IOP-stöd {stored.id}"
    assert arende.findtext("fgs:StatusArande", namespaces=NS) == "Öppet"
    assert arende.find("fgs:Restriktion", NS) is None and arende.find("fgs:Gallring", NS).get("Gallras") == "false"
    assert package.name.startswith("uuid-")


def test_what_a_user_typed_is_text_in_the_xml_even_markup_and_control_characters(register, engine, rulebook):
    case = Case(title="Möte <b>fet</b> & {{ title }} \x07slut")
    case.registration.officer = "Karin \x1b[2J Lind"
    case.memo.summary = "Rad ett\x00 & <script>"
    stored = register.create_case(case, "Bo")
    package = archive_package(stored, register.history(stored.id), [], engine.assess(stored.case), rulebook)
    files = _files(package)
    arende = etree.fromstring(files["metadata/descriptive/arende.xml"]).find(".//fgs:ArkivobjektArende", NS)
    assert arende.findtext("fgs:Arendemening", namespaces=NS) == "Möte <b>fet</b> & {{ title }} slut"
    assert arende.findtext("fgs:Agent/fgs:Namn", namespaces=NS) == "Karin [2J Lind"
    assert etree.fromstring(files["METS.xml"]).get("LABEL") == "Möte <b>fet</b> & {{ title }} slut"


# The validator applies the rules for the mandatory software agent (CSIP12, 13, 15, 16: TYPE OTHER,
# OTHERTYPE SOFTWARE, one note typed SOFTWARE VERSION) to every agent with ROLE CREATOR, although
# E-ARK SIP 2.1 requires two more CREATOR agents: the submitting organisation (SIP15–20) and the
# contact person (SIP21–25). And its SIP14 rule (the archival creator's note) is written for every
# CREATOR agent's note and reads an un-namespaced @NOTETYPE, so the software agent's
# csip:NOTETYPE="SOFTWARE VERSION" (CSIP16) fails it. No package can meet both specifications and
# these rules; the test asserts the errors occur exactly there and nowhere else.
SOFTWARE_AGENT_RULES = {"CSIP12", "CSIP13", "CSIP15", "CSIP16"}


def _agent_index(location: str) -> int:
    return int(location.split("[local-name()='agent'")[1].split("[")[1].split("]")[0])


def test_eark_validator_finds_the_package_well_formed_and_schema_valid(decided, tmp_path: Path):
    _, package = decided
    python = validator_python()
    assert python.exists(), (f"eark-validator saknas ({python}). Kör scripts/test, som installerar det i "
                             f".venv/eark-validator, eller ange {VALIDATOR_ENV}.")
    path = tmp_path / package.filename
    path.write_bytes(package.data)
    result = subprocess.run([str(python), str(REPO / "tests" / "tools" / "eark_validate.py"), str(path)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["structure"]["status"] == "WellFormed"
    assert [m for m in report["structure"]["messages"] if m["severity"] == "Error"] == []
    assert report["metadata"]["schema_results"]["status"] == "VALID", report["metadata"]["schema_results"]
    assert report["package"]["details"]["oaispackagetype"] == "SIP"
    errors = [m for m in report["metadata"]["schematron_results"]["messages"] if m["severity"] == "Error"]
    unexplained = []
    for error in errors:
        rule, where = error["rule_id"], error["location"]
        if rule in SOFTWARE_AGENT_RULES and _agent_index(where) in (3, 4):  # the submitting org, the contact
            continue
        if rule == "SIP14" and _agent_index(where) == 1 and where.endswith("[local-name()='note' and "
                                                                              "namespace-uri()='http://www.loc.gov/METS/']"):
            continue  # the software agent's note
        unexplained.append((rule, error["message"], where))
    assert unexplained == []
    warnings = {m["rule_id"] for m in report["metadata"]["schematron_results"]["messages"] if m["severity"] == "Warn"}
    assert warnings == set(), warnings


def test_iop_export_archive_writes_the_package_of_a_stored_case(register, engine, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(ENV_VAR, str(register.engine.url))
    stored = _decided_case(register, engine)
    target = tmp_path / "paket.zip"
    assert main(["export-archive", "--stored", stored.id, "-o", str(target)]) == 0
    assert "skrevs till" in capsys.readouterr().out
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert any(n.endswith("/metadata/descriptive/arende.xml") for n in names)
    assert main(["export-archive", "--stored", "finns-inte"]) == 2
    assert "Det finns inget ärende med id 'finns-inte'" in capsys.readouterr().err
