"""IOP-stöd: decision support for idéburet offentligt partnerskap.

The domain package: criteria as data, the case model, the decision tables and
the engine that turns a case into a reasoned recommendation. It never imports
Streamlit; the app and the command line are thin layers over this API.
"""

from iop.assessment import Assessment, OpenQuestion, RuleRef
from iop.case import Answer, Case, Contribution, LegalForm, ReferenceCase
from iop.case_diff import describe_changes, merge_cases
from iop.case_files import case_from_text, case_to_yaml, load_case
from iop.case_list import display_frame, filter_cases
from iop.criteria import CriteriaSet, Criterion
from iop.decision_table import DecisionTable, Rule
from iop.engine import Engine, Evaluation
from iop.errors import InputError, IopError, Problem, RulebookError
from iop.files import load_model
from iop.identity import NOT_ACCESS_CONTROLLED, AccessPolicy, Identity, may_open_register, refusal
from iop.outcome import Outcome
from iop.questions import Question, QuestionCatalog
from iop.record import (
    DECISION_LABEL,
    STATUS_LABEL,
    STATUS_PREDICATE,
    AssessmentSnapshot,
    CaseStatus,
    CaseSummary,
    Decision,
    Revision,
    StatusRecord,
    StoredCase,
    is_editable,
    may_change_status,
)
from iop.rulebook import Rulebook, load_rulebook
from iop.store import (
    CaseNotFound,
    CaseRegister,
    InvalidTransition,
    StaleRevision,
    StoreError,
    StoreUnavailable,
    open_register,
    resolve_database_url,
)
from iop.store.workshop_store import WorkshopStore
from iop.workshop import (
    PHASE_LABEL,
    AnonymousAnswer,
    Conclusion,
    GivenAnswer,
    Participant,
    Phase,
    Workshop,
    WorkshopError,
)
from iop.workshop_codes import format_code, is_token, join_qr_png, join_url, normalise_code
from iop.workshop_export import answers_csv, summary_markdown
from iop.workshop_results import (
    ABSTAIN,
    CHOICES,
    DISAGREEMENT_RULE,
    MIN_SHOWN,
    SCALE,
    StatementResult,
    describe,
    summarise,
)
from iop.workshop_statements import SEED_STATEMENTS, Statement, statements_from_case, statements_from_text

__all__ = [
    "AccessPolicy",
    "Answer",
    "Assessment",
    "AssessmentSnapshot",
    "Case",
    "CaseNotFound",
    "CaseRegister",
    "CaseStatus",
    "CaseSummary",
    "Contribution",
    "CriteriaSet",
    "Criterion",
    "DECISION_LABEL",
    "Decision",
    "DecisionTable",
    "Engine",
    "Evaluation",
    "Identity",
    "InputError",
    "InvalidTransition",
    "IopError",
    "LegalForm",
    "NOT_ACCESS_CONTROLLED",
    "OpenQuestion",
    "Outcome",
    "Problem",
    "Question",
    "QuestionCatalog",
    "ReferenceCase",
    "Revision",
    "Rule",
    "RuleRef",
    "Rulebook",
    "RulebookError",
    "STATUS_LABEL",
    "STATUS_PREDICATE",
    "StaleRevision",
    "StatusRecord",
    "StoreError",
    "StoreUnavailable",
    "StoredCase",
    "case_from_text",
    "case_to_yaml",
    "describe_changes",
    "display_frame",
    "filter_cases",
    "is_editable",
    "load_case",
    "load_model",
    "load_rulebook",
    "may_change_status",
    "may_open_register",
    "merge_cases",
    "open_register",
    "refusal",
    "resolve_database_url",
    # the live workshop
    "ABSTAIN",
    "AnonymousAnswer",
    "CHOICES",
    "Conclusion",
    "DISAGREEMENT_RULE",
    "GivenAnswer",
    "MIN_SHOWN",
    "PHASE_LABEL",
    "Participant",
    "Phase",
    "SCALE",
    "SEED_STATEMENTS",
    "Statement",
    "StatementResult",
    "Workshop",
    "WorkshopError",
    "WorkshopStore",
    "answers_csv",
    "describe",
    "format_code",
    "is_token",
    "join_qr_png",
    "join_url",
    "normalise_code",
    "statements_from_case",
    "statements_from_text",
    "summarise",
    "summary_markdown",
]
