"""The records the rules read and write: the case, the fact questions, sources and the assessment."""


from iop.model.assessment_record import (
    Assessment,
    Caution,
    Leaning,
    OpenQuestion,
    RuleRef,
)
from iop.model.case import (
    LIMITS,
    TOO_LONG,
    Activity,
    Answer,
    Case,
    Contribution,
    LegalForm,
    Memo,
    Organisation,
    PublicParty,
    ReferenceCase,
    Registration,
    Retention,
    Secrecy,
    StateAidInput,
    YesNoUnknown,
    stored_case,
)
from iop.model.questions import (
    DONT_KNOW,
    UNKNOWN,
    Question,
    QuestionCatalog,
)
from iop.model.source import (
    Source,
)
from iop.model.source_pages import (
    PAGE_WORDS,
    pages_with_quote,
    quote_stands_on,
    split_pages,
)
from iop.model.three_valued import (
    Outcome,
)

__all__ = [
    "LIMITS",
    "TOO_LONG",
    "stored_case",
    "Memo",
    "Registration",
    "Retention",
    "Secrecy",
    "Activity",
    "Answer",
    "Assessment",
    "Case",
    "Caution",
    "Contribution",
    "DONT_KNOW",
    "Leaning",
    "LegalForm",
    "OpenQuestion",
    "Organisation",
    "Outcome",
    "PAGE_WORDS",
    "pages_with_quote",
    "PublicParty",
    "Question",
    "QuestionCatalog",
    "quote_stands_on",
    "ReferenceCase",
    "RuleRef",
    "Source",
    "split_pages",
    "StateAidInput",
    "UNKNOWN",
    "YesNoUnknown",
]
