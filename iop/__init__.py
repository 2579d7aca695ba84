"""IOP-stöd: decision support for idéburet offentligt partnerskap.

The domain package: criteria as data, the case model, the decision tables and
the engine that turns a case into a reasoned recommendation. It never imports
Streamlit; the app and the command line are thin layers over this API.
"""

from iop.assessment import Assessment, Leaning, OpenQuestion, RuleRef
from iop.case import Answer, Case, Contribution, LegalForm, ReferenceCase
from iop.comparison import CriterionRow, SetColumn, SetComparison, compare_sets
from iop.case_files import case_from_text, case_to_yaml, load_case
from iop.criteria import CriteriaSet, Criterion
from iop.decision_document import decision_outline
from iop.decision_table import DecisionTable, Rule
from iop.docx_report import check_template, render_docx
from iop.engine import Engine, Evaluation
from iop.errors import InputError, IopError, Problem, RulebookError, TemplateError
from iop.files import load_model
from iop.headline import Blocker, blocking_questions, headline
from iop.outcome import Outcome
from iop.plain_language import plain_text
from iop.preparation import preparation_list, preparation_text
from iop.leaning import lean, leaning_sentence, plain_leaning
from iop.pdf_report import render_pdf
from iop.questions import Question, QuestionCatalog
from iop.record_meta import RecordMeta
from iop.rulebook import Rulebook, load_rulebook
from iop.walk import MORE_STEP_ID, MORE_TITLE, PLAIN_INTRO, Step, WalkPlan, WalkRun, plan_for, play_walk, walk_plan, walk_steps
from iop.spectrum import SpectrumVerdict, spectrum_verdict

__all__ = [
    "Answer",
    "Blocker",
    "MORE_STEP_ID",
    "MORE_TITLE",
    "PLAIN_INTRO",
    "Step",
    "WalkPlan",
    "WalkRun",
    "Assessment",
    "Case",
    "CriterionRow",
    "Contribution",
    "CriteriaSet",
    "Criterion",
    "DecisionTable",
    "Engine",
    "Evaluation",
    "InputError",
    "IopError",
    "Leaning",
    "LegalForm",
    "OpenQuestion",
    "Outcome",
    "Problem",
    "Question",
    "QuestionCatalog",
    "RecordMeta",
    "ReferenceCase",
    "Rule",
    "RuleRef",
    "Rulebook",
    "SetColumn",
    "SetComparison",
    "RulebookError",
    "blocking_questions",
    "case_from_text",
    "case_to_yaml",
    "compare_sets",
    "load_case",
    "load_model",
    "load_rulebook",
    "headline",
    "plan_for",
    "plain_text",
    "play_walk",
    "preparation_list",
    "preparation_text",
    "walk_plan",
    "walk_steps",
    "SpectrumVerdict",
    "TemplateError",
    "check_template",
    "decision_outline",
    "lean",
    "leaning_sentence",
    "plain_leaning",
    "render_docx",
    "render_pdf",
    "spectrum_verdict",
]
