"""Plain Swedish for organisation mode: legal references taken out of texts written for officials.

An organisation checking its idea needs to know what to find out, not which
paragraph of which act says so; "LOU 19 kap. 25 a §" or "HFD 2020 ref. 15" in
the middle of a sentence makes it harder to read and adds nothing it can act on.
"""

from __future__ import annotations

import re

LEGAL_REFERENCE = re.compile(
    r"\d+\s*kap\.|§|\bHFD\b|\bC-\d+/\d+|\bLOU\b|\bLOV\b|\bFEUF\b|\bTFEU\b|\bSGEI\b|\(\d{4}:\d+\)|"
    r"\blag(?:en)? \(\d{4}:\d+\)|\bförordning\b|\.txt\b|\b[Kk]ommunallagen\b"
)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def has_legal_reference(text: str) -> bool:
    return bool(LEGAL_REFERENCE.search(text))


def plain_text(text: str) -> str:
    """``text`` without parentheses that cite law and without sentences that still do."""
    without_parentheses = _PARENTHESIS.sub(lambda m: "" if has_legal_reference(m.group(0)) else m.group(0), text)
    sentences = [s for s in _SENTENCE.split(without_parentheses.strip()) if s and not has_legal_reference(s)]
    return " ".join(sentences).strip()


__all__ = ["has_legal_reference", "plain_text"]
