"""Swedish words shared by every wing above: labels, numbers and kronor, Swedish time, plain language, and the
voice (official or plain) that says what the engine, the leaning and the headline found."""


from iop.words.clock import (
    STOCKHOLM,
    SWEDISH_ZONE,
    in_swedish_time,
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
    RECOMMENDATION_SHORT,
    YES_NO_UNKNOWN,
    swedish_number,
)
from iop.words.voice import (
    OFFICIAL,
    PLAIN,
    PlainVoice,
    SpectrumVerdict,
    Voice,
    blockers_heading,
    blocking_questions,
    headline,
    leaning_sentence,
    plain_leaning,
    plain_verdict_sentence,
    settle_line,
    spectrum_verdict,
    verdict_name,
    verdict_sentence,
    voice,
)

__all__ = [
    "file_stem",
    "FORM",
    "AmountError",
    "app_markdown",
    "Blocker",
    "Blocking",
    "blocking",
    "caveated_gates",
    "leaning_sentence",
    "OFFICIAL",
    "PLAIN",
    "plain_leaning",
    "PlainVoice",
    "settle_line",
    "spectrum_verdict",
    "SpectrumVerdict",
    "verdict_name",
    "Voice",
    "voice",
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
