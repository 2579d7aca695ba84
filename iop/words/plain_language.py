"""Plain Swedish for organisation mode: legal references taken out of texts written for officials.

An organisation checking its idea needs to know what to find out, not which
paragraph of which act says so; "LOU 19 kap. 25 a §" or "HFD 2020 ref. 15" in
the middle of a sentence makes it harder to read and adds nothing it can act on.
"""

from __future__ import annotations

import re

LEGAL_REFERENCE = re.compile(
    r"\d+\s*kap\.|§|\bHFD\b|\bC-\d+/\d+|\bLOU\b|\bLOV\b|\bFEUF\b|\bTFEU\b|\bSGEI\b|\(\d{4}:\d+\)|"
    r"\blag(?:en)? \(\d{4}:\d+\)|\bförordning\b|\.txt\b|\b[Kk]ommunallagen\b|"
    # a source document by its number, as the seeds are cited: "(003)"
    r"^\s*\(\d{3}\)$"
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


PLAIN_FORM = {
    "normerat_foreningsbidrag": "vanligt föreningsbidrag, som alla föreningar kan söka på samma villkor",
    "verksamhetsbidrag": "ett bidrag till er verksamhet",
    "projektbidrag": "ett projektbidrag, för en verksamhet som pågår en kortare tid",
    "lou": "kommunen köper tjänsten genom en upphandling, där flera får lämna anbud",
    "lov": "de som använder tjänsten får välja mellan flera godkända utförare (valfrihetssystem)",
    "reserved": "kommunen köper tjänsten genom en upphandling där bara idéburna organisationer får lämna anbud",
}
"""The form of grant or procurement in words an organisation knows, without the acts' names."""

PLAIN_DISCLAIMER = (
    "IOP-stöd hjälper er att förbereda samtalet med kommunen. Det är inget beslut: det är kommunen som "
    "bestämmer, och frågor om lagar och regler avgörs av kommunens jurister eller upphandlare."
)
"""The disclaimer for an organisation: what the result is and who decides, without the official's caveats."""

PLAIN_KIND = {"necessary": "Måste vara uppfyllt", "should": "Bör vara uppfyllt"}

PLAIN_GATE_TITLE = {
    "contract": "Stöd eller köp?",
    "lawful_grant": "Får kommunen ge stödet?",
    "state_aid": "EU:s regler om stöd till företag",
    "procurement_route": "Hur kommunen kan köpa tjänsten",
}
"""The legal checks by what they ask, not by the act that asks it."""

PLAIN_GATE_VALUE = {
    "contract": "Det liknar ett köp, och då måste kommunen oftast göra en upphandling",
    "grant": "Det liknar ett stöd till er egen verksamhet, inte ett köp",
    "unclear": "Det går inte att säga ännu om det är ett stöd eller ett köp",
    "lawful": "Kommunen får ge stödet",
    "unlawful": "Kommunen får inte ge stödet i den här formen",
    "unknown": "Inte utrett ännu",
    "not_aid": "EU:s regler om stöd till företag gäller inte",
    "de_minimis": "Stödet är så litet att EU:s regler tillåter det",
    "sgei_de_minimis": "Stödet ryms inom EU:s gräns för små stöd till samhällsviktiga tjänster",
    "sgei_decision": "Stödet är tillåtet som ersättning för en samhällsviktig tjänst",
    "over_ceiling": "Stödet kan vara för stort enligt EU:s regler om stöd till företag",
    "lou": "En vanlig upphandling",
    "lov": "Ett valfrihetssystem",
    "reserved": "En upphandling där bara idéburna organisationer får lämna anbud",
}


__all__ = [
    "LEGAL_REFERENCE", "PLAIN_DISCLAIMER", "PLAIN_FORM", "PLAIN_GATE_TITLE", "PLAIN_GATE_VALUE", "PLAIN_KIND",
    "has_legal_reference", "plain_text",
]
