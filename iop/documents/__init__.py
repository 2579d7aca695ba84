"""The documents: one outline as text, Markdown, Word and PDF/A; the tjänsteskrivelse and its archive package;
the tillgänglighetsredogörelse."""


from iop.documents.accessibility_statement import (
    COMPLIANCE_WORDS,
    DIGG_REPORT_URL,
    AccessibilityStatement,
    Compliance,
    Deviation,
    Exemption,
    Feedback,
    field_name,
    load_statement,
    long_date,
    statement_path,
    unfilled,
)
from iop.documents.archive_package import (
    ArchivePackage,
    archive_package,
)
from iop.documents.case_file import (
    CASE_ATTACHMENT,
    Upload,
    case_from_upload,
    case_yaml_from_pdf,
    read_uploads,
    render_pdf_with_case,
)
from iop.documents.decision_document import (
    decision_outline,
    plain_wording,
)
from iop.documents.docx_report import (
    DOCX_MIME,
    check_template,
    render_docx,
)
from iop.documents.explanation import (
    explanation_markdown,
    explanation_text,
)
from iop.documents.memo import (
    SUMMARY_MAX_LINES,
    DocumentName,
    document_name,
    generated_proposal,
    generated_summary,
    has_placeholders,
    involves_children,
    kept_text,
    memo_fields,
    printed_lines,
)
from iop.documents.outline import (
    Bullets,
    Heading,
    Outline,
    Paragraph,
    Signatures,
    Table,
    Wording,
    build_outline,
    leaning_section,
)
from iop.documents.pdf_report import (
    render_pdf,
)
from iop.documents.spectrum_picture import (
    MAX_SHOWN,
    spectrum_alt,
    spectrum_data_url,
    spectrum_svg,
)
from iop.documents.text_report import (
    to_markdown,
)

__all__ = [
    "DOCX_MIME",
    "AccessibilityStatement",
    "Compliance",
    "COMPLIANCE_WORDS",
    "Deviation",
    "DIGG_REPORT_URL",
    "Exemption",
    "Feedback",
    "field_name",
    "load_statement",
    "long_date",
    "statement_path",
    "unfilled",
    "CASE_ATTACHMENT",
    "case_from_upload",
    "case_yaml_from_pdf",
    "render_pdf_with_case",
    "ArchivePackage",
    "archive_package",
    "generated_proposal",
    "generated_summary",
    "involves_children",
    "printed_lines",
    "Signatures",
    "SUMMARY_MAX_LINES",
    "explanation_markdown",
    "explanation_text",
    "build_outline",
    "Bullets",
    "check_template",
    "decision_outline",
    "Heading",
    "leaning_section",
    "Outline",
    "Paragraph",
    "plain_wording",
    "render_docx",
    "render_pdf",
    "Table",
    "to_markdown",
    "Wording",
    "Upload",
    "read_uploads",
    "DocumentName",
    "document_name",
    "has_placeholders",
    "kept_text",
    "memo_fields",
    "MAX_SHOWN",
    "spectrum_alt",
    "spectrum_data_url",
    "spectrum_svg",
]
