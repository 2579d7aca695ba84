"""Importing case files into the register: whose answers they hold, said in the history and on the page.

An imported file is a new case whose answers are marked as the organisation's, an
official's or a workshop's (``AnswersFrom``): an organisation's self-check is not an
official's assessment. The note on its first revision names the file and the source.
"""

from __future__ import annotations

from iop.records.record import AnswersFrom

SOURCE_WORDS: dict[AnswersFrom, str] = {
    "organisation": "organisationen (dess självtest)",
    "official": "en tjänsteperson",
    "workshop": "en workshop",
}
"""Whose answers a file holds, after "svaren kommer från"."""


def import_note(file_name: str, source: AnswersFrom) -> str:
    """The note on an imported case's first revision."""
    return f"Importerat från {file_name}; svaren kommer från {SOURCE_WORDS[source]}"


def imported_message(count: int, source: AnswersFrom) -> str:
    """What the list says after several files were imported at once."""
    return f"{count} ärenden importerades, med svar från {SOURCE_WORDS[source]}."


def files_word(count: int) -> str:
    return "fil" if count == 1 else "filer"


def cases_word(count: int) -> str:
    return "ärende" if count == 1 else "ärenden"
