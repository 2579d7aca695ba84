"""Swedish words shared by every wing above: labels, numbers and kronor, Swedish time, plain language, and the
voice (official or plain) that says what the engine, the leaning and the headline found."""


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
    Blocking,
    blocking,
    caveated_gates,
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
)
from iop.words.swedish import (
    DISCLAIMER,
    DONT_KNOW_LABEL,
    FORM,
    KIND,
    LEGAL_FORM,
    NOT_ANSWERED_LABEL,
    RECOMMENDATION_SHORT,
    YES_NO_UNKNOWN,
    mid_sentence,
    swedish_number,
)
from iop.words.voice import (
    OFFICIAL,
    PLAIN,
    PlainVoice,
    SpectrumVerdict,
    Voice,
    voice,
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
    "Blocking",
    "blocking",
    "caveated_gates",
    "OFFICIAL",
    "PLAIN",
    "PlainVoice",
    "SpectrumVerdict",
    "Voice",
    "voice",
    "DISCLAIMER",
    "DONT_KNOW_LABEL",
    "NOT_ANSWERED_LABEL",
    "format_hours",
    "format_kronor",
    "format_months",
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
    "RECOMMENDATION_SHORT",
    "STOCKHOLM",
    "mid_sentence",
    "swedish_number",
    "swedish_time",
    "swedish_today",
    "SWEDISH_ZONE",
    "WholeNumber",
    "YES_NO_UNKNOWN",
]
