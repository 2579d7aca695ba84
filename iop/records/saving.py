"""The save rule: when the case in progress is written to the register, and what a page may promise about it.

The app saves on its own after every run of a page, on request before an archive
package is made from the register's copy, and says in one sentence on Ärendet what
happens to the user's edits. All three read the rule here (``save_step``,
``save_now_refusal``, ``saving_promise``), and so does the save status in the
sidebar (``save_status``): the sentence never promises more than the save does.

The app gathers the facts of one run into a ``SaveSituation`` (is the register
reachable, which mode, who is working and what their roles allow, is the case a
register case, did it change); nothing here reads a session or a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from iop.records.case_lock import is_locked
from iop.records.record import STATUS_PREDICATE, CaseStatus, is_editable

SAVED_ON_LEAVE = "Allt sparas när du lämnar ett fält (eller trycker Ctrl+Enter i ett textfält)."
"""What is true: a browser sends a text field's value only when it loses focus or on (Ctrl+)Enter."""
SELF_CHECK_NOTE = "Sparat av organisationen från självtestet"
"""The note on the first revision of a self-check an organisation chose to save in the register."""


class SaveStep(str, Enum):
    """What happens to the case in progress at the end of a page's run."""

    nothing = "nothing"
    """Nothing changed, or nothing may be saved now (the sidebar says why)."""
    create = "create"
    """The first save of a changed case: it becomes a register case."""
    create_self_check = "create_self_check"
    """An organisation chose to save its self-check: it becomes a register case at once, marked as theirs."""
    save = "save"
    """A new revision of the register case (or this sitting's draft revision, ``iop.records.autosave``)."""
    ask_name = "ask_name"
    """Without login and before a name is given, an edit asks who is working; it is saved once they answer."""


class SaveStatus(str, Enum):
    """What the sidebar says about saving, after the save."""

    unreachable = "unreachable"
    self_check = "self_check"
    """An organisation's self-check: nothing is saved on the server unless the organisation chooses it."""
    reads_only = "reads_only"
    not_saved = "not_saved"
    """The person may not save (no name given, or not logged in with a role that may)."""
    failed = "failed"
    conflict = "conflict"
    saved = "saved"
    quiet = "quiet"
    """Nothing to say: a new case not saved yet because nothing in it changed."""


@dataclass(frozen=True)
class SaveSituation:
    """The facts of one page run that the save rule reads."""

    reachable: bool
    """The register answered."""
    organisation: bool
    """Organisation mode (the self-check)."""
    organisation_saves: bool
    """The organisation chose to save its self-check in the register."""
    login: bool
    """Login is configured."""
    named: bool
    """Who is working is known: a login, or a typed name."""
    may_write: bool
    """The person's roles allow creating a case (a case not in the register yet) or editing its draft."""
    saved: bool
    """The case in progress is a register case."""
    status: CaseStatus | None = None
    changed: bool = False
    """The case holds something the register does not have yet (``unsaved_changes``)."""
    conflict: bool = False
    """Someone else saved meanwhile, and the user has not chosen to merge or reload."""

    @property
    def declined(self) -> bool:
        """An organisation's self-check that the organisation has not chosen to save on the server."""
        return self.organisation and not self.organisation_saves

    @property
    def may_save(self) -> bool:
        """Whether this run may write to the register at all (whether it has anything to write is ``changed``)."""
        return self.reachable and not self.declined and self.may_write

    @property
    def read_only(self) -> bool:
        """A logged-in role that may only read the case (without login nobody is: the name is asked for)."""
        return self.login and not self.organisation and not self.may_write


def unsaved_changes(content: Mapping[str, Any], saved_content: Mapping[str, Any] | None,
                    status: CaseStatus | None, pristine: Mapping[str, Any]) -> bool:
    """Whether the case in progress holds something the register does not have yet.

    ``saved_content`` is None for a case not in the register: then anything beyond the blank new
    case (``pristine``) counts. A register case counts while it differs from what was last saved or
    loaded and may still be edited (a locked case's fields are not saved).
    """
    if saved_content is None:
        return content != pristine
    return content != saved_content and is_editable(status or CaseStatus.draft)


def save_step(situation: SaveSituation) -> SaveStep:
    """What the end of a page run does with the case in progress."""
    s = situation
    if not s.may_save:
        # Without login, an edit before a name is given asks for the name; it is never dropped silently.
        unnamed_edit = s.reachable and not s.declined and not s.login and not s.named and s.changed
        return SaveStep.ask_name if unnamed_edit else SaveStep.nothing
    if s.conflict:
        return SaveStep.nothing  # the user chooses merge or reload first
    if not s.saved:
        if s.organisation:
            return SaveStep.create_self_check
        return SaveStep.create if s.changed else SaveStep.nothing
    return SaveStep.save if s.changed else SaveStep.nothing


def asks_for_name(content: str, opened_as: str | None, asked_for: str | None, name_missing: bool) -> bool:
    """Whether an unnamed edit (``save_step`` said ``ask_name``) opens the question who is working now.

    ``content`` is the case as it is now, ``opened_as`` as it was started or opened (opening an
    example or a file is no edit), ``asked_for`` what the question was last asked for: a question
    closed unanswered is asked again after the next edit, or at once if it was answered empty.
    """
    return content != opened_as and (asked_for != content or name_missing)


def save_now_refusal(situation: SaveSituation, refusal: str) -> str:
    """Why the case cannot be saved on request (before the register's copy is read); '' when it can.

    ``refusal`` is the access rule's reason the person may not edit the draft ('' when they may).
    When it can, ``situation.changed`` says whether there is anything to save.
    """
    if not situation.reachable or not situation.saved:
        return "Ärendet är inte sparat i ärenderegistret."
    if refusal:
        return f"Ärendet kan inte sparas: {refusal}"
    if situation.conflict:
        return "Någon annan har sparat ärendet medan du arbetade; välj överst på sidan först."
    return ""


def saving_promise(situation: SaveSituation) -> str:
    """What happens to the user's edits right now, in one sentence: the page must not promise more."""
    s = situation
    if s.declined:
        return "Inget sparas på servern i organisationsläget: ladda ner ert resultat under Exportera."
    if not s.reachable:
        return ("Ärenderegistret kan inte nås just nu, så ingenting sparas: ladda ner ärendet under "
                "Exportera för att inte förlora det.")
    if s.status is not None and is_locked(s.status):
        return f"Ärendet är {STATUS_PREDICATE[s.status]} och låst: inget här kan ändras."
    if not s.named:
        return ("Ärendet sparas när du har loggat in med ett konto som får använda registret."
                if s.login else "Ärendet sparas när du har skrivit ditt namn; du får frågan vid första ändringen.")
    if s.read_only:
        return "Din roll får inte ändra ärendet, så det visas utan att kunna ändras."
    return SAVED_ON_LEAVE


def save_status(situation: SaveSituation, *, failed: bool, saved_at_known: bool) -> SaveStatus:
    """What the sidebar says once the run's save is done: ``failed`` when it raised, ``saved_at_known`` when the
    register case has a time of its last save."""
    s = situation
    if not s.reachable:
        return SaveStatus.unreachable
    if s.declined:
        return SaveStatus.self_check
    if s.read_only and s.named:
        return SaveStatus.reads_only
    if not s.may_write:
        return SaveStatus.not_saved
    if failed:
        return SaveStatus.failed
    if s.conflict:
        return SaveStatus.conflict
    if s.saved and saved_at_known:
        return SaveStatus.saved
    return SaveStatus.quiet
