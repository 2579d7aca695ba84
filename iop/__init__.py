"""IOP-stöd: decision support for idéburet offentligt partnerskap.

The domain package: criteria as data, the case model, the decision tables and
the engine that turns a case into a reasoned recommendation. It never imports
Streamlit; the app and the command line are thin layers over this API. This
module is the public surface: pages (``app_pages/``, ``app.py``) import from
``iop`` only, never from its submodules (``tests/test_import_rules.py``).

What is exported, by group:

- Rulebook: ``load_rulebook``, ``Rulebook``, ``CriteriaSet``, ``Criterion``,
  ``DecisionTable``, ``Rule``, ``Question``/``QuestionCatalog`` (``DONT_KNOW``,
  ``UNKNOWN``), ``check_criteria``, ``compare_sets``, the spectrum
  (``load_spectrum``, ``place``, ``spectrum_verdict``, ``POSITION``), sources
  (``Source``, cited by title and slide; ``split_pages``, ``quote_stands_on``).
- Case: ``Case`` and its parts (``Activity``, ``Organisation``, ``PublicParty``,
  ``Contribution``, ``StateAidInput``, ``Answer``), reading and writing case
  files (``load_case``, ``case_from_text``, ``case_to_yaml``), merging and diffs.
- Assessment: ``Engine``, ``Evaluation``, ``Assessment``, ``headline``, the
  leaning (``lean``), the guided walk (``walk_plan``, ``play_walk``).
- Documents: the outline (``build_outline``, ``Heading``, ``Paragraph``,
  ``Bullets``, ``Table``), text/Markdown (``to_markdown``), Word and PDF
  (``render_docx``, ``render_pdf``), the decision document, Swedish wording
  (``verdict_sentence``, ``swedish_number``, ``RECOMMENDATION_SHORT`` ...), and
  organisation mode's plain words (``plain_wording``, ``Wording``, ``plain_verdict_sentence``,
  ``PLAIN_KIND``, ``PLAIN_DISCLAIMER``).
- Records: the case register (``open_register``, ``CaseRegister``,
  ``StoredCase``, ``CaseStatus``, ``Decision``), access (``Identity``,
  ``AccessPolicy``).
- Workshops: ``Workshop``, ``WorkshopStore``, statements, results and export.
- Errors: ``IopError``, ``InputError``, ``RulebookError``, ``TemplateError``,
  ``Problem`` (Swedish messages naming the file and field).
"""

from iop.assessment_record import Assessment, Caution, Leaning, OpenQuestion, RuleRef
from iop.case import (
    Activity,
    Answer,
    Case,
    Contribution,
    LegalForm,
    Organisation,
    PublicParty,
    ReferenceCase,
    StateAidInput,
    YesNoUnknown,
)
from iop.case_diff import describe_changes, merge_cases
from iop.case_import import case_from_bytes, case_from_text, case_to_yaml, load_case
from iop.case_list import display_frame, filter_cases
from iop.case_lock import is_locked, lock_notice
from iop.comparison import CriterionRow, SetColumn, SetComparison, compare_sets
from iop.criteria import CriteriaSet, Criterion
from iop.decision_document import decision_outline, plain_wording
from iop.decision_table import DecisionTable, Rule
from iop.docx_report import check_template, render_docx
from iop.errors import InputError, IopError, Problem, RulebookError, TemplateError, problems_from_validation
from iop.evaluation import Engine, Evaluation, case_facts
from iop.headline import Blocker, blockers_heading, blocking_questions, headline
from iop.identity import (
    NOT_ACCESS_CONTROLLED,
    AccessPolicy,
    Identity,
    may_open_register,
    refusal,
)
from iop.kronor import (
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
from iop.leaning import lean, leaning_sentence, plain_leaning, settle_line
from iop.markdown_escape import app_markdown, markdown_document
from iop.outline import (
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
from iop.pdf_report import render_pdf
from iop.plain_language import PLAIN_DISCLAIMER, PLAIN_KIND, plain_text, plain_verdict_sentence
from iop.preparation import preparation_list, preparation_text
from iop.questions import DONT_KNOW, UNKNOWN, Question, QuestionCatalog
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
from iop.rulebook import DEFAULT_CRITERIA_DIR, Rulebook, load_rulebook
from iop.rulebook_check import CaseEffect, check_criteria
from iop.safe_yaml import load_yaml
from iop.said_above import not_yet_below_box, plain_leaning_below_box, settle_below_box, warnings_below_box
from iop.source import Source
from iop.source_pages import PAGE_WORDS, pages_with_quote, quote_stands_on, split_pages
from iop.spectrum import POSITION, Placement, SpectrumVerdict, load_spectrum, place, spectrum_verdict
from iop.store import (
    CaseNotFound,
    CaseRegister,
    InvalidTransition,
    StaleRevision,
    StoreError,
    StoreUnavailable,
    case_content,
    open_register,
    resolve_database_url,
)
from iop.store.workshop_store import WorkshopStore
from iop.swedish import (
    DISCLAIMER,
    DONT_KNOW_LABEL,
    KIND,
    LEGAL_FORM,
    RECOMMENDATION_SHORT,
    YES_NO_UNKNOWN,
    swedish_number,
    verdict_sentence,
)
from iop.text_report import to_markdown
from iop.three_valued import Outcome
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
from iop.yaml_models import load_model

__all__ = [
    # Sources cited by title and slide/page (iop.source, iop.source_pages)
    "PAGE_WORDS",
    "pages_with_quote",
    "quote_stands_on",
    "Source",
    "split_pages",
    # Amounts in kronor as typed and shown (iop.kronor)
    "AmountError",
    "format_hours",
    "format_kronor",
    "format_months",
    "WholeNumber",
    "parse_hours",
    "parse_kronor",
    "parse_months",
    "parse_sek_per_eur",
    # The rest, alphabetically
    "ABSTAIN",
    "AccessPolicy",
    "Activity",
    "AnonymousAnswer",
    "Answer",
    "answers_csv",
    "app_markdown",
    "Assessment",
    "AssessmentSnapshot",
    "Blocker",
    "blockers_heading",
    "blocking_questions",
    "build_outline",
    "Wording",
    "Bullets",
    "Case",
    "case_content",
    "case_facts",
    "case_from_bytes",
    "case_from_text",
    "case_to_yaml",
    "CaseEffect",
    "CaseNotFound",
    "CaseRegister",
    "CaseStatus",
    "CaseSummary",
    "Caution",
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
    "DEFAULT_CRITERIA_DIR",
    "describe",
    "describe_changes",
    "DISAGREEMENT_RULE",
    "DISCLAIMER",
    "display_frame",
    "DONT_KNOW",
    "DONT_KNOW_LABEL",
    "Engine",
    "Evaluation",
    "filter_cases",
    "format_code",
    "frozen_assessment",
    "GivenAnswer",
    "Heading",
    "headline",
    "Identity",
    "InputError",
    "InvalidTransition",
    "IopError",
    "is_editable",
    "is_locked",
    "lock_notice",
    "is_token",
    "join_qr_png",
    "join_url",
    "KIND",
    "lean",
    "Leaning",
    "leaning_section",
    "leaning_sentence",
    "LEGAL_FORM",
    "LegalForm",
    "load_case",
    "load_model",
    "load_rulebook",
    "load_spectrum",
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
    "Organisation",
    "Outcome",
    "Outline",
    "Paragraph",
    "Participant",
    "Phase",
    "PHASE_LABEL",
    "place",
    "Placement",
    "PLAIN_INTRO",
    "plain_leaning",
    "settle_below_box",
    "settle_line",
    "PLAIN_DISCLAIMER",
    "PLAIN_KIND",
    "plain_text",
    "plain_verdict_sentence",
    "plain_wording",
    "plan_for",
    "play_walk",
    "POSITION",
    "not_yet_below_box",
    "plain_leaning_below_box",
    "preparation_list",
    "preparation_text",
    "Problem",
    "problems_from_validation",
    "PublicParty",
    "Question",
    "QuestionCatalog",
    "RECOMMENDATION_SHORT",
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
    "StateAidInput",
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
    "swedish_number",
    "Signatures",
    "Table",
    "TemplateError",
    "to_markdown",
    "UNKNOWN",
    "verdict_sentence",
    "walk_plan",
    "warnings_below_box",
    "walk_steps",
    "WalkPlan",
    "WalkRun",
    "Workshop",
    "WorkshopError",
    "WorkshopStore",
    "YES_NO_UNKNOWN",
    "YesNoUnknown",
]
