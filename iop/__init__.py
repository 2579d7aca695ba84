"""IOP-stöd: decision support for idéburet offentligt partnerskap.

The domain package: criteria as data, the case model, the decision tables and
the engine that turns a case into a reasoned recommendation. It never imports
Streamlit; the app and the command line are thin layers over this API.
"""

from iop.assessment import Assessment, OpenQuestion, RuleRef
from iop.case import Answer, Case, Contribution, LegalForm, ReferenceCase
from iop.case_files import case_from_bytes, case_from_text, case_to_yaml, load_case
from iop.criteria import CriteriaSet, Criterion
from iop.decision_table import DecisionTable, Rule
from iop.engine import Engine, Evaluation
from iop.errors import InputError, IopError, Problem, RulebookError
from iop.files import load_model
from iop.markdown_escape import app_markdown, markdown_document
from iop.outcome import Outcome
from iop.questions import Question, QuestionCatalog
from iop.rulebook import Rulebook, load_rulebook
from iop.safe_yaml import load_yaml

__all__ = [
    "Answer",
    "Assessment",
    "Case",
    "Contribution",
    "CriteriaSet",
    "Criterion",
    "DecisionTable",
    "Engine",
    "Evaluation",
    "InputError",
    "IopError",
    "LegalForm",
    "OpenQuestion",
    "Outcome",
    "Problem",
    "Question",
    "QuestionCatalog",
    "ReferenceCase",
    "Rule",
    "RuleRef",
    "Rulebook",
    "RulebookError",
    "app_markdown",
    "case_from_bytes",
    "case_from_text",
    "case_to_yaml",
    "load_case",
    "load_yaml",
    "load_model",
    "load_rulebook",
    "markdown_document",
]
