"""Swedish labels for the domain's codes: one catalog, used by the reports and the app.

Streamlit has no i18n; keeping every user-facing word for a code here means a
wording change is one edit, and the tests can check that no code lacks a label.
"""

from __future__ import annotations

import re

from iop.model.case import LegalForm

RECOMMENDATION = {
    "iop": "idéburet offentligt partnerskap (IOP)",
    "grant": "bidrag",
    "procurement": "upphandling",
    "undecided": "går inte att avgöra ännu",
}

RECOMMENDATION_SHORT = {"iop": "IOP", "grant": "Bidrag", "procurement": "Upphandling", "undecided": "Oavgjort"}

FORM = {
    "normerat_foreningsbidrag": "normerat föreningsbidrag",
    "verksamhetsbidrag": "verksamhetsbidrag",
    "projektbidrag": "projektbidrag",
    "lou": "upphandling enligt LOU",
    "lov": "valfrihetssystem enligt LOV",
    "reserved": "reserverad upphandling för idéburna organisationer (LOU 19 kap. 25 a § / LOV 1 kap. 2 a §)",
}

OUTCOME = {"met": "Uppfyllt", "partly": "Delvis uppfyllt", "unknown": "Okänt", "not_met": "Inte uppfyllt"}

# Status is never shown by colour alone: every outcome has a symbol and a word.
OUTCOME_SYMBOL = {"met": "✔", "partly": "◐", "unknown": "?", "not_met": "✘"}

KIND = {"necessary": "Krav för IOP: måste vara uppfyllt", "should": "Talar för IOP: bör vara uppfyllt"}
"""A criterion's kind in words an official reads at once (Forum 2015 says "möjlig då" and "bör ingås när")."""

KIND_SHORT = {"necessary": "nödvändigt", "should": "bör"}
"""A criterion's kind in one word, beside its outcome in the comparison of sets."""

GATE_VALUE = {
    "contract": "Kontrakt – ska upphandlas",
    "grant": "Bidrag – inte ett kontrakt",
    "unclear": "Oklart om bidrag eller kontrakt",
    "lawful": "Lagligt bidrag",
    "unlawful": "Inte lagligt i nuvarande form",
    "unknown": "Inte utrett",
    "not_aid": "Inte statsstöd",
    "de_minimis": "Försumbart stöd (de minimis)",
    "sgei_de_minimis": "SGEI-de minimis",
    "sgei_decision": "Undantaget enligt SGEI-beslutet",
    "over_ceiling": "Kan vara otillåtet statsstöd",
    "lou": "LOU",
    "lov": "LOV",
    "reserved": "Reserverad upphandling",
}

LEGAL_FORM = {
    LegalForm.ideell_forening: "Ideell förening",
    LegalForm.ekonomisk_forening: "Ekonomisk förening",
    LegalForm.kooperativ: "Kooperativ",
    LegalForm.stiftelse: "Stiftelse",
    LegalForm.registrerat_trossamfund: "Registrerat trossamfund",
    LegalForm.aktiebolag_svb: "Aktiebolag med särskild vinstutdelningsbegränsning (SVB)",
    LegalForm.annan: "Annan form",
}

YES_NO_UNKNOWN = {"ja": "Ja", "nej": "Nej", "vet_ej": "Vet ej"}

DONT_KNOW_LABEL = "Vet ej"

NOT_ANSWERED_LABEL = "Vet ej / inte besvarad"
"""How the record's trace names an answer that is none of the question's options (unknown, or not answered)."""

DISCLAIMER = (
    "IOP-stöd är ett beslutsstöd. Det ersätter inte juridisk rådgivning: rättsliga "
    "bedömningar om upphandling, kommunallagen och statsstöd ska göras av jurist eller "
    "upphandlingsfunktion innan beslut. Uppgifter märkta [kontrollera] har projektet inte "
    "kunnat verifiera mot en primärkälla."
)


def swedish_number(value: float | int, decimals: int = 0) -> str:
    """A number as Swedes write it: space between thousands, decimal comma (1 234 567,5)."""
    # An int formatted with "f" goes through float and loses digits past 2**53; keep it exact.
    text = f"{value:,}" if isinstance(value, int) and decimals == 0 else f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


LEANING_STRENGTH = {"strong": "stark", "moderate": "måttlig", "weak": "svag"}


def mid_sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Upphandling enligt LOU" -> "upphandling enligt LOU".

    Only the first letter is lowered, and not even that when the label starts with an abbreviation
    ("LOU-upphandling"): ``str.lower`` on the whole label wrote "(iop)" and "enligt lou".
    """
    first_word = re.match(r"[^\W\d_]+", label)
    if first_word is not None and len(first_word[0]) > 1 and first_word[0].isupper():
        return label
    return label[:1].lower() + label[1:]
