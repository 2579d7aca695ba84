""""Så kom vi fram till det": the chain behind a recommendation, in Swedish, as text or Markdown.

Rendered from ``iop.engine.explanation.Explanation``; nothing here decides anything. Each step
names its place in criteria/ so that a reader can open the rule instead of the code.
"""

from __future__ import annotations

from collections.abc import Callable

from iop.engine.explanation import Explanation, ReadAnswer, RuleStep
from iop.words.markdown_escape import app_markdown
from iop.words.swedish import FORM, GATE_VALUE, KIND, NOT_ANSWERED_LABEL, OUTCOME, RECOMMENDATION

HOW = {"given": "angivet", "derived": "härlett", "not_answered": "inte besvarat"}


def _answer(read: ReadAnswer) -> str:
    # A derived answer says where it came from ("härlett från registreringen ..."), in the trace's own words.
    how = read.derived_from if read.how == "derived" and read.derived_from else HOW[read.how]
    return f"{read.text} → {read.answer_label or NOT_ANSWERED_LABEL} ({how}; {read.place})"


def _rule(step: RuleStep) -> str:
    return f"regel {step.rule.qualified_id} ({step.place}): {step.rule.annotation} Källa: {step.rule.source.cite()}"


def explanation_lines(explanation: Explanation) -> list[tuple[int, str]]:
    """The chain as (depth, line) pairs: depth 0 for headings, 1 for steps, 2 for what a step read."""
    e = explanation
    lines: list[tuple[int, str]] = [
        (0, f"Så kom vi fram till det: {e.case_title}"),
        (1, f"Kriterieuppsättning {e.set_id}, version {e.set_version} (kontrollsumma {e.set_hash[:12]})"),
        (0, "1. De rättsliga grindarna, i läsordning"),
    ]
    for gate in e.gates:
        note = "" if gate.applies else " (påverkar inte denna rekommendation)"
        lines.append((1, f"{gate.title}: {GATE_VALUE.get(gate.value, gate.value)}{note}, {_rule(gate.step)}"))
        lines += [(2, _answer(r)) for r in gate.step.read]
    lines.append((0, "2. Kriterierna"))
    for criterion in e.criteria:
        lines.append((1, f"{criterion.title} ({KIND.get(criterion.kind, criterion.kind)}): "
                         f"{OUTCOME[criterion.outcome.value]} ({criterion.place})"))
        lines += [(2, _answer(r)) for r in criterion.read]
    lines.append((1, f"Nödvändiga villkor sammantaget: {OUTCOME[e.necessary.value]}; "
                     f"bör-villkor sammantaget: {OUTCOME[e.should.value]}"))
    form = f" ({FORM.get(e.form, e.form)})" if e.form else ""
    lines += [(0, "3. Regeln som avgjorde"),
              (1, f"Rekommendation: {RECOMMENDATION[e.recommendation]}{form}, {_rule(e.decided)}")]
    return lines


def explanation_text(explanation: Explanation, safe: Callable[[str], str] = str) -> str:
    """Plain text, indented by depth; ``safe`` cleans each line for where it is printed (a terminal)."""
    return "\n".join(("  " * depth) + safe(line) for depth, line in explanation_lines(explanation))


def explanation_markdown(explanation: Explanation) -> str:
    """Markdown for the app: headings bold, steps and what they read as nested lists, text escaped."""
    out = []
    for depth, line in explanation_lines(explanation):
        text = app_markdown(line)
        out.append(f"**{text}**" if depth == 0 else ("  " * (depth - 1)) + f"- {text}")
    return "\n".join(out)
