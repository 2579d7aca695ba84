"""Swedish words shared by every wing above: labels, numbers and kronor, Swedish time, plain language, the headline."""


from iop.words.clock import (
    DATE_FORMAT,
    STOCKHOLM,
    SWEDISH_ZONE,
    date_problem,
    in_swedish_time,
    parse_swedish_date,
    swedish_time,
    swedish_today,
)
from iop.words.file_names import (
    file_stem,
)
from iop.words.headline import (
    Blocker,
    blockers_heading,
    blocking_questions,
    headline,
)
from iop.words.kronor import (
    AmountError,
    WholeNumber,
    format_hours,
    format_kronor,
    format_months,
    parse_hours,
    parse_kronor,
    parse_months,
    parse_sek_per_eur,
)
from iop.words.markdown_escape import (
    app_markdown,
    markdown_document,
)
from iop.words.plain_language import (
    PLAIN_DISCLAIMER,
    PLAIN_KIND,
    plain_text,
    plain_verdict_sentence,
)
from iop.words.swedish import (
    DISCLAIMER,
    DONT_KNOW_LABEL,
    FORM,
    KIND,
    LEGAL_FORM,
    RECOMMENDATION_SHORT,
    YES_NO_UNKNOWN,
    swedish_number,
    verdict_sentence,
)

__all__ = [
    "DATE_FORMAT",
    "date_problem",
    "parse_swedish_date",
    "file_stem",
    "FORM",
    "AmountError",
    "app_markdown",
    "Blocker",
    "blockers_heading",
    "blocking_questions",
    "DISCLAIMER",
    "DONT_KNOW_LABEL",
    "format_hours",
    "format_kronor",
    "format_months",
    "headline",
    "in_swedish_time",
    "KIND",
    "LEGAL_FORM",
    "markdown_document",
    "parse_hours",
    "parse_kronor",
    "parse_months",
    "parse_sek_per_eur",
    "PLAIN_DISCLAIMER",
    "PLAIN_KIND",
    "plain_text",
    "plain_verdict_sentence",
    "RECOMMENDATION_SHORT",
    "STOCKHOLM",
    "swedish_number",
    "swedish_time",
    "swedish_today",
    "SWEDISH_ZONE",
    "verdict_sentence",
    "WholeNumber",
    "YES_NO_UNKNOWN",
]
