"""What Rekommendation's result box has already said, so the sections below it refer back instead.

The box at the top of Rekommendation names the questions that block an
undecided case: the question, the answer given, what stops the case and what
can be done. The sections below it were each written to stand alone (the
leaning, the warnings), so on one page they said the same thing three or four
times: a reader takes a repeat for a second, different problem. Here each
section is told what the box shows and keeps only what it adds: the leaning
points to the box, a warning keeps its statute and source but not the remedy
the box already gives, and a warning that is nothing but that remedy goes.

The decision document (Word, PDF, Markdown) is not changed: it has no box, so
there every section still says everything.
"""

from __future__ import annotations

from collections.abc import Sequence

from iop.model.assessment_record import Caution, Leaning, SettlingQuestion
from iop.words.headline import Blocker
from iop.words.voice import NOT_YET, OFFICIAL, PLAIN, Voice

SEE_BOX_ANSWERED = "Det som avgör är främst det som stoppar ärendet, i rutan ovan: det behöver lösas först."
SEE_BOX_OPEN = "Det som avgör är främst frågan i rutan ovan."
SEE_BOX_OPEN_MANY = "Det som avgör är främst frågorna i rutan ovan."
REMEDY_SEE_BOX = "Vad som kan göras: se rutan överst på sidan."
SETTLE_AFTER_BOX = "Det som avgör därefter, viktigast först:"


def _in_box(question: str, shown: Sequence[Blocker]) -> bool:
    return any(b.question == question for b in shown)


def plain_leaning_below_box(leaning: Leaning, shown: Sequence[Blocker]) -> str:
    """The organisation's leaning sentence, pointing to the box when the box names what decides first.

    ``PLAIN.leaning`` restates the first settling question, and for an answered
    one the answer and the remedy, word for word as the box above it does.
    """
    if not leaning.settle or not _in_box(leaning.settle[0].question, shown):
        return PLAIN.leaning(leaning)
    see = SEE_BOX_ANSWERED if leaning.settle[0].answered else SEE_BOX_OPEN if len(shown) == 1 else SEE_BOX_OPEN_MANY
    return PLAIN.leaning(leaning, instead_of_first=see)


def settle_below_box(leaning: Leaning, shown: Sequence[Blocker]) -> tuple[str, list[SettlingQuestion]]:
    """The official's "what decides" list without the questions the box lists, and its lead-in.

    Empty when the box lists them all: the leaning sentence above says that
    what stops the case must be dealt with first.
    """
    rest = [q for q in leaning.settle if not _in_box(q.question, shown)]
    if len(rest) == len(leaning.settle):
        return "Det som avgör, viktigast först:", rest
    return SETTLE_AFTER_BOX, rest


def not_yet_below_box(leaning: Leaning, shown_texts: Sequence[str]) -> str:
    """Why the leaning is not yet a recommendation, without the case's reason when the box already quotes it.

    The box shows the deciding rule and its annotation just above; the record keeps that annotation
    apart (``Leaning.undecided_because``), so nothing here takes a sentence apart.
    """
    because = leaning.undecided_because.strip()
    if because and any(because in text for text in shown_texts):
        return NOT_YET
    return OFFICIAL.not_yet(leaning)


def warnings_below_box_of(warnings: Sequence[Caution], said: Voice, leaning: Leaning | None,
                          shown: Sequence[Blocker]) -> list[str]:
    """Warning lines for the page, said by ``said``: the remedy the box gives is referred to, a repeat left out.

    An official's warning keeps its statute and source (it is part of the
    beslutsunderlag) and says "se rutan" for what can be done. An
    organisation's warning is the stopping rule's plain warning, which the box
    already quotes in full, so it is left out. Built from the record's warnings,
    so nothing is taken apart.
    """
    boxed = _boxed(leaning, shown)
    plain_said = {q.plain_remedy.strip() for q in boxed if q.plain_remedy.strip()}
    remedies = {q.remedy.strip() for q in boxed if q.remedy.strip()}
    out = []
    for warning in warnings:
        in_box = (warning.remedy or "").strip() in remedies
        text = said.warning(warning, remedy_said=REMEDY_SEE_BOX if in_box else None)
        if text and text.strip() not in plain_said:
            out.append(text)
    return out


def _boxed(leaning: Leaning | None, shown: Sequence[Blocker]) -> list[SettlingQuestion]:
    """The answered questions that stop the case and that the box shows."""
    return [q for q in (leaning.settle if leaning else []) if q.answered and _in_box(q.question, shown)]


__all__ = ["not_yet_below_box", "plain_leaning_below_box", "settle_below_box", "warnings_below_box_of"]
