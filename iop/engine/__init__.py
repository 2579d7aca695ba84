"""The assessment: a case and a criteria set in, a reasoned recommendation and its leaning out, as data
(the rulebook compiled once, ``compile_rulebook``; the words are ``iop.words.voice``'s)."""


from iop.engine.answers import (
    case_facts,
)
from iop.engine.case_import import (
    case_from_bytes,
    case_from_text,
    case_to_yaml,
    load_case,
)
from iop.engine.compiled import (
    CompiledRulebook,
    compile_rulebook,
)
from iop.engine.evaluation import (
    Engine,
)
from iop.engine.explanation import (
    Explanation,
    explain,
)
from iop.engine.leaning import (
    lean,
)
from iop.engine.rulebook_check import (
    CaseEffect,
    check_criteria,
)
from iop.engine.spectrum import (
    POSITION,
    Placement,
    load_spectrum,
    place,
)
from iop.engine.tables import (
    Evaluation,
)

__all__ = [
    "explain",
    "Explanation",
    "case_facts",
    "CompiledRulebook",
    "compile_rulebook",
    "case_from_bytes",
    "case_from_text",
    "case_to_yaml",
    "CaseEffect",
    "check_criteria",
    "Engine",
    "Evaluation",
    "lean",
    "load_case",
    "load_spectrum",
    "place",
    "Placement",
    "POSITION",
]
