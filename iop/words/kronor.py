"""Amounts in kronor (and hours and months) as Swedes type them and read them.

An official types an amount the way it stands in the application in front of
her: "850000", "850 000", "850 000 kr", "850.000", "850 000,50" or "850 000:-".
All of these must be read, and the field must then show the amount the way a
Swedish document prints it ("850 000 kr"), so she sees at once what was
understood. What cannot be read gets a Swedish message saying why and how to
write it, and the typed text stays in the field.

The case stores whole kronor (``Contribution.money_sek_per_year`` is an int):
öre are rounded half up, and the caller is told so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from iop.model.case import MAX_DURATION_MONTHS, MAX_HOURS_PER_YEAR, MAX_SEK, SEK_PER_EUR_RANGE
from iop.words.swedish import swedish_number

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SUFFIX = re.compile(r"(?:kr\.?|kronor|sek|:-|:–|:—)$", re.IGNORECASE)
_POINT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 850.000 or 1.250.000,50
_COMMA_DECIMAL = re.compile(r"\d+(?:,\d+)?")  # 850000 or 850000,50
_POINT_DECIMAL = re.compile(r"\d+\.\d{1,2}")  # 850000.50 (a point and one or two decimals)
_AMBIGUOUS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+")  # 850,000: 850 kr in Swedish, 850 000 in English

EXAMPLE = "850 000 eller 850 000,50"


class AmountError(ValueError):
    """An amount that cannot be read; the message is Swedish and says how to write it."""


@dataclass(frozen=True)
class WholeNumber:
    """A number read from text: the whole number (kronor, hours), and whether decimals were rounded away."""

    value: int
    rounded: bool


_HOURS_SUFFIX = re.compile(r"(?:timmar|timme|tim\.?|h)$", re.IGNORECASE)
_MONTHS_SUFFIX = re.compile(r"(?:månader|månad|mån\.?|mnd\.?)$", re.IGNORECASE)


def parse_kronor(text: str) -> WholeNumber | None:
    """The amount in ``text`` in whole kronor; None for an empty field; :class:`AmountError` otherwise."""
    return _parse_whole(text, _SUFFIX, "kr", "belopp", EXAMPLE, MAX_SEK)


def parse_hours(text: str) -> WholeNumber | None:
    """Hours typed as Swedes write them ("2400", "2 400", "2 400 timmar"); the same rules as amounts."""
    return _parse_whole(text, _HOURS_SUFFIX, "timmar", "antal timmar", "2 400", MAX_HOURS_PER_YEAR)


def parse_months(text: str) -> WholeNumber | None:
    """A duration in months ("24", "24 månader", "24 mån"); the same rules as amounts, and at least one month.

    A text field read like the amounts rather than Streamlit's number field,
    whose refusal of -5 is an English tooltip and whose value is then dropped.
    """
    return _parse_whole(text, _MONTHS_SUFFIX, "månader", "antal månader", "24", MAX_DURATION_MONTHS,
                        least="1 månad")


_RATE = re.compile(r"\d+(?:[.,]\d+)?")
RATE_EXAMPLE = "Skriv till exempel 11,25."


def parse_sek_per_eur(text: str) -> float | None:
    """An exchange rate in kronor per euro as Swedes write it ("11,25" or "11.25"); None for an empty field.

    Only digits and one decimal sign are read, so "1e309" or "inf" is refused with
    a message quoting it rather than read as infinity; the rate must be plausible
    (``SEK_PER_EUR_RANGE``), as the case model requires.
    """
    typed = text.strip()
    if not typed:
        return None
    compact = _SPACES.sub("", typed)
    if compact.startswith(("-", "−", "–")):
        raise AmountError(f"”{typed}” är negativt. Växelkursen är kronor per euro. {RATE_EXAMPLE}")
    if not _RATE.fullmatch(compact):
        raise AmountError(f"”{typed}” är ingen växelkurs. Skriv bara siffror och decimalkomma, till exempel 11,25.")
    rate = Decimal(compact.replace(",", "."))
    low, high = SEK_PER_EUR_RANGE
    if not low <= rate <= high:
        raise AmountError(f"”{typed}” är orimligt {'stort' if rate > high else 'litet'}. Kursen ska ligga mellan "
                          f"{swedish_number(low)} och {swedish_number(high)} kronor per euro. {RATE_EXAMPLE}")
    return float(rate)


def _parse_whole(text: str, suffix: re.Pattern[str], unit: str, noun: str, example: str,
                 maximum: int, least: str = "") -> WholeNumber | None:
    """``least`` is the smallest value in words ("1 månad") when it is more than zero."""
    typed = text.strip()
    if not typed:
        return None
    compact = suffix.sub("", _SPACES.sub("", typed)).rstrip(".")
    compact = _SPACES.sub("", compact)
    if compact.startswith(("-", "−", "–")):
        raise AmountError(f"”{typed}” är negativt. Det kan inte vara mindre än {least or f'0 {unit}'}.")
    if not compact:
        raise AmountError(f"”{typed}” innehåller inget {noun}. Skriv till exempel {example}.")
    if _POINT_THOUSANDS.fullmatch(compact):
        number = compact.replace(".", "").replace(",", ".")
    elif _COMMA_DECIMAL.fullmatch(compact) and not _AMBIGUOUS_COMMA.fullmatch(compact):
        number = compact.replace(",", ".")
    elif _POINT_DECIMAL.fullmatch(compact):
        number = compact
    elif _AMBIGUOUS_COMMA.fullmatch(compact):
        whole = swedish_number(int(compact.replace(",", "")))
        as_decimal = swedish_number(float(compact.replace(",", ".")), 2)
        raise AmountError(
            f"”{typed}” kan betyda både {as_decimal} {unit} och {whole} {unit}. Skriv tusental med mellanslag "
            f"({whole}) och decimaler efter decimalkomma (till exempel 850,50).")
    else:
        raise AmountError(f"”{typed}” är inget {noun}. Skriv bara siffror, till exempel {example}.")
    amount = Decimal(number)
    whole_kronor = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if whole_kronor > maximum:
        # Checked here, on the exact number, before anything formats it: a float would
        # show 10^23 as 99 999 999 999 999 991 611 392, a different number.
        raise AmountError(f"”{typed}” är orimligt stort. Högst {swedish_number(maximum)} {unit} går att ange; "
                          "kontrollera antalet siffror.")
    if least and whole_kronor < 1:
        raise AmountError(f"”{typed}” är för litet. Det kan inte vara mindre än {least}.")
    return WholeNumber(whole_kronor, rounded=amount != whole_kronor)


def format_kronor(value: int | None) -> str:
    """An amount as a Swedish document prints it: "850 000 kr" (no-break spaces); empty for None."""
    return "" if value is None else f"{swedish_number(value)}\u00a0kr"


def format_months(value: int | None) -> str:
    """A duration as a Swedish document prints it: "24 månader", "1 månad"; empty for None."""
    if value is None:
        return ""
    return f"{swedish_number(value)}\u00a0{'månad' if value == 1 else 'månader'}"


def format_hours(value: int | None) -> str:
    """Hours as a Swedish document prints them: "2 400 timmar"; empty for None."""
    return "" if value is None else f"{swedish_number(value)}\u00a0timmar"
