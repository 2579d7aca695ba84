"""The workshop (åsiktsbarometer): statements, join codes, live answers, results and the export."""


from iop.workshop.codes import (
    format_code,
    is_token,
    join_qr_png,
    join_url,
    new_token,
    normalise_code,
)
from iop.workshop.export import (
    answers_csv,
    summary_markdown,
    summary_outline,
)
from iop.workshop.live import (
    PHASE_LABEL,
    AnonymousAnswer,
    Conclusion,
    GivenAnswer,
    Participant,
    Phase,
    Workshop,
    WorkshopError,
    join_refusal,
    not_for_conclusions,
)
from iop.workshop.results import (
    ABSTAIN,
    CHOICES,
    DISAGREEMENT_RULE,
    MIN_SHOWN,
    SCALE,
    StatementResult,
    describe,
    summarise,
)
from iop.workshop.statements import (
    SEED_STATEMENTS,
    Statement,
    statements_from_case,
    statements_from_text,
)

__all__ = [
    "not_for_conclusions",
    "ABSTAIN",
    "AnonymousAnswer",
    "answers_csv",
    "CHOICES",
    "Conclusion",
    "describe",
    "DISAGREEMENT_RULE",
    "format_code",
    "GivenAnswer",
    "is_token",
    "join_qr_png",
    "join_refusal",
    "join_url",
    "MIN_SHOWN",
    "new_token",
    "normalise_code",
    "Participant",
    "Phase",
    "PHASE_LABEL",
    "SCALE",
    "SEED_STATEMENTS",
    "Statement",
    "StatementResult",
    "statements_from_case",
    "statements_from_text",
    "summarise",
    "summary_markdown",
    "summary_outline",
    "Workshop",
    "WorkshopError",
]
