"""IOP-stöd: decision support for idéburet offentligt partnerskap.

The domain package: criteria as data, the case model, the decision tables and
the engine that turns a case into a reasoned recommendation. It never imports
Streamlit; the app and the command line are thin layers over this API.
"""

from iop.assessment import Assessment, Caution, Leaning, OpenQuestion, RuleRef
from iop.case import Answer, Case, Contribution, LegalForm, ReferenceCase
from iop.case_diff import describe_changes, merge_cases
from iop.case_files import case_from_bytes, case_from_text, case_to_yaml, load_case
from iop.case_list import display_frame, filter_cases
from iop.comparison import CriterionRow, SetColumn, SetComparison, compare_sets
from iop.criteria import CriteriaSet, Criterion
from iop.decision_document import decision_outline
from iop.decision_table import DecisionTable, Rule
from iop.docx_report import check_template, render_docx
from iop.engine import Engine, Evaluation
from iop.errors import InputError, IopError, Problem, RulebookError, TemplateError
from iop.files import load_model
from iop.headline import Blocker, blocking_questions, headline
from iop.identity import (
    NOT_ACCESS_CONTROLLED,
    AccessPolicy,
    Identity,
    may_open_register,
    refusal,
)
from iop.leaning import lean, leaning_sentence, plain_leaning
from iop.markdown_escape import app_markdown, markdown_document
from iop.outcome import Outcome
from iop.pdf_report import render_pdf
from iop.plain_language import plain_text
from iop.preparation import preparation_list, preparation_text
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
from iop.record_meta import RecordMeta, frozen_assessment, record_meta_of
from iop.rulebook import Rulebook, load_rulebook
from iop.rulebook_check import CaseEffect, check_criteria
from iop.safe_yaml import load_yaml
from iop.spectrum import SpectrumVerdict, spectrum_verdict
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
from iop.walk import (
    MORE_STEP_ID,
    MORE_TITLE,
    PLAIN_INTRO,
    Step,
    WalkPlan,
    WalkRun,
    plan_for,
    play_walk,
    walk_plan,
    walk_steps,
)
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
from iop.workshop_codes import (
    format_code,
    is_token,
    join_qr_png,
    join_url,
    normalise_code,
)
from iop.workshop_export import answers_csv, summary_markdown, summary_outline
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
from iop.workshop_statements import (
    SEED_STATEMENTS,
    Statement,
    statements_from_case,
    statements_from_text,
)

__all__ = [
    "ABSTAIN",
    "AccessPolicy",
    "AnonymousAnswer",
    "Answer",
    "answers_csv",
    "app_markdown",
    "Assessment",
    "AssessmentSnapshot",
    "Blocker",
    "blocking_questions",
    "Case",
    "CaseEffect",
    "Caution",
    "case_from_bytes",
    "case_from_text",
    "case_to_yaml",
    "CaseNotFound",
    "CaseRegister",
    "CaseStatus",
    "CaseSummary",
    "check_criteria",
    "check_template",
    "CHOICES",
    "compare_sets",
    "Conclusion",
    "Contribution",
    "CriteriaSet",
    "Criterion",
    "CriterionRow",
    "Decision",
    "DECISION_LABEL",
    "decision_outline",
    "DecisionTable",
    "describe",
    "describe_changes",
    "DISAGREEMENT_RULE",
    "display_frame",
    "Engine",
    "Evaluation",
    "filter_cases",
    "format_code",
    "frozen_assessment",
    "GivenAnswer",
    "headline",
    "Identity",
    "InputError",
    "InvalidTransition",
    "IopError",
    "is_editable",
    "is_token",
    "join_qr_png",
    "join_url",
    "lean",
    "Leaning",
    "leaning_sentence",
    "LegalForm",
    "load_case",
    "load_model",
    "load_rulebook",
    "load_yaml",
    "markdown_document",
    "may_change_status",
    "may_open_register",
    "merge_cases",
    "MIN_SHOWN",
    "MORE_STEP_ID",
    "MORE_TITLE",
    "normalise_code",
    "NOT_ACCESS_CONTROLLED",
    "open_register",
    "OpenQuestion",
    "Outcome",
    "Participant",
    "Phase",
    "PHASE_LABEL",
    "PLAIN_INTRO",
    "plain_leaning",
    "plain_text",
    "plan_for",
    "play_walk",
    "preparation_list",
    "preparation_text",
    "Problem",
    "Question",
    "QuestionCatalog",
    "record_meta_of",
    "RecordMeta",
    "ReferenceCase",
    "refusal",
    "render_docx",
    "render_pdf",
    "resolve_database_url",
    "Revision",
    "Rule",
    "Rulebook",
    "RulebookError",
    "RuleRef",
    "SCALE",
    "SEED_STATEMENTS",
    "SetColumn",
    "SetComparison",
    "spectrum_verdict",
    "SpectrumVerdict",
    "StaleRevision",
    "Statement",
    "StatementResult",
    "statements_from_case",
    "statements_from_text",
    "STATUS_LABEL",
    "STATUS_PREDICATE",
    "StatusRecord",
    "Step",
    "StoredCase",
    "StoreError",
    "StoreUnavailable",
    "summarise",
    "summary_markdown",
    "summary_outline",
    "TemplateError",
    "walk_plan",
    "walk_steps",
    "WalkPlan",
    "WalkRun",
    "Workshop",
    "WorkshopError",
    "WorkshopStore",
]
