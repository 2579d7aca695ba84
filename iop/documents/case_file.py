"""One file from the organisation to the official: a PDF people read, with the case file inside.

The organisation downloads one document under Exportera: its summary as PDF/A-3a
(archivable, tagged for screen readers), with the case as YAML embedded as an associated
file (``AFRelationship /Source``: the data the document was made from). Anyone
opens it as an ordinary PDF; the official imports the same file under Ärenden
in one step, and the app reads the case out of it (``case_from_upload``). A case
file in YAML, exported earlier, is imported the same way.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from iop.documents.outline import Outline
from iop.documents.pdf_report import render_html_pdf, to_html
from iop.engine.case_import import case_from_bytes, case_to_yaml
from iop.io.errors import InputError, Problem
from iop.io.yaml_models import MAX_FILE_BYTES, TOO_LARGE
from iop.model.case import Case, ReferenceCase
from iop.rules.rulebook import Rulebook

CASE_ATTACHMENT = "arende.yaml"
"""The embedded case file's name inside the PDF."""
PDF_MAGIC = b"%PDF-"
PDF_VARIANT_WITH_CASE = "pdf/a-3a"
"""PDF/A-3 level A: archivable and tagged like the other PDFs, and allowed to carry the case file."""
NO_CASE_INSIDE = ("PDF:en innehåller ingen ärendefil från IOP-stöd. Be organisationen ladda ner "
                  "”Ladda ner filen att skicka till kommunen (PDF)” under Exportera och skicka den filen.")
NOT_A_PDF = "filen är inte en läsbar PDF."


def render_pdf_with_case(outline: Outline, case: Case, created: dt.datetime | None = None) -> bytes:
    """``outline`` as a PDF/A-3a (tagged, PDF/UA-1, the archival XMP) with ``case`` embedded as YAML.

    The same document as ``render_pdf``, in PDF/A-3 because PDF/A-2 may embed only PDF files; the
    case file is an associated file of the document (``/AF``, relationship Source).
    """
    from weasyprint import Attachment  # imported here: loading pango takes a moment

    attachment = Attachment(string=case_to_yaml(case), name=CASE_ATTACHMENT, relationship="Source",
                            description="Ärendefil för IOP-stöd: kommunen läser in den under Ärenden")
    return render_html_pdf(to_html(outline, created), variant=PDF_VARIANT_WITH_CASE, attachments=[attachment])


def case_yaml_from_pdf(data: bytes, file: str = "") -> bytes:
    """The case file embedded in the PDF ``data``, or an InputError saying in Swedish why there is none."""
    import pikepdf  # imported here: only an import of a PDF needs it

    if len(data) > MAX_FILE_BYTES:
        raise InputError([Problem(file, "", TOO_LARGE)])
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            attachments = pdf.attachments
            names = [name for name in attachments if name.lower().endswith((".yaml", ".yml"))]
            if not names:
                raise InputError([Problem(file, "", NO_CASE_INSIDE)])
            name = CASE_ATTACHMENT if CASE_ATTACHMENT in names else names[0]
            content: bytes = attachments[name].get_file().read_bytes()
    except InputError:
        raise
    except Exception:  # pikepdf's own errors and anything a damaged file raises while being read
        raise InputError([Problem(file, "", NOT_A_PDF)]) from None
    return content


def case_from_upload(data: bytes, rulebook: Rulebook, file: str = "") -> ReferenceCase:
    """A case from an uploaded file: the organisation's PDF (the case file inside it) or a YAML case file."""
    if data.startswith(PDF_MAGIC) or file.lower().endswith(".pdf"):
        return case_from_bytes(case_yaml_from_pdf(data, file), rulebook, f"{file} › {CASE_ATTACHMENT}")
    return case_from_bytes(data, rulebook, file)


@dataclass(frozen=True)
class Upload:
    """One chosen file, read: the case in it, or why it cannot be imported."""

    name: str
    case: Case | None
    problems: tuple[str, ...] = ()


def read_uploads(files: Iterable[tuple[str, bytes]], rulebook: Rulebook) -> list[Upload]:
    """Each (file name, content) read as a case, in order; a file that cannot be read carries its problems in
    Swedish instead, so one bad file never stops the others."""
    uploads = []
    for name, data in files:
        try:
            uploads.append(Upload(name, case_from_upload(data, rulebook, name)))
        except InputError as exc:
            uploads.append(Upload(name, None, tuple(str(p) for p in exc.problems)))
    return uploads
