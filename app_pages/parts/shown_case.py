"""The case and assessment that Rekommendation and Exportera show: the frozen ones for a locked case.

A bedömd case promises that it shows what was concluded then. So for a locked
case these pages take the case from the register and the assessment frozen
with its status (``iop.frozen_assessment``), never the session's copy assessed
today: the page, the YAML file and the Word, PDF and Markdown documents then
all say the same thing, even if the criteria files have changed since.
"""

from __future__ import annotations

from dataclasses import dataclass

from app_pages.parts import records_session, session
from iop.model import Assessment, Case
from iop.records import CaseStatus, RecordMeta, frozen_assessment, is_locked, record_meta_of
from iop.store import StoreError
from iop.words import swedish_time


@dataclass(frozen=True)
class ShownCase:
    """One case, one assessment of it, and what the register knows about it."""

    case: Case
    assessment: Assessment
    record: RecordMeta | None = None
    """None outside the register, or when the register was not read."""
    status: CaseStatus | None = None
    frozen: bool = False
    """True when ``assessment`` is the one frozen when the case became bedömd."""
    problem: str = ""
    """Why the register could not be read (Swedish); the page then shows the session's case."""


def shown_case(with_record: bool = True) -> ShownCase:
    """The case in progress as these pages must show it.

    ``with_record=False`` reads the register only for a locked case (Rekommendation
    needs no status for a draft, and is redrawn often).
    """
    case = session.current_case()
    desk, stored_id = records_session.desk(), records_session.record_id()
    if desk is None or stored_id is None or not (with_record or records_session.locked()):
        return ShownCase(case, session.engine().assess(case))
    try:
        stored, statuses = desk.read_case(stored_id), desk.status_records(stored_id)
    except StoreError as exc:
        return ShownCase(case, session.engine().assess(case), problem=str(exc))
    if is_locked(stored.status):
        case = stored.case  # what the register froze, whatever this session holds
    frozen = frozen_assessment(stored, statuses)
    return ShownCase(case, frozen or session.engine().assess(case), record_meta_of(stored, statuses),
                     stored.status, frozen=frozen is not None)


def frozen_note(shown: ShownCase) -> str:
    """One line saying when and by whom the shown assessment was frozen; empty for a live one."""
    if not shown.frozen or shown.record is None or shown.record.assessed_at is None:
        return ""
    when = swedish_time(shown.record.assessed_at)
    return (f"Bedömningen frystes {when} av {shown.record.assessed_by} och visas som den var då, även om "
            "kriterierna har ändrats sedan.")
