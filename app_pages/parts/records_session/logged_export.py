"""A download button's content, produced when it is clicked and logged as an export of the case."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app_pages.parts import session
from app_pages.parts.records_session.guarded_register import desk
from app_pages.parts.records_session.record_state import record_id
from app_pages.parts.records_session.who_is_working import user_label
from iop.io import log_event

T = TypeVar("T")


def logged_export(produce: Callable[[], T], *, kind: str, format: str,  # noqa: A002 (the log's field name)
                  case_id: str | None = None, workshop: int | None = None) -> Callable[[], T]:
    """``produce`` for a download button, logging the export (kind, format, case, user) when it is downloaded.

    Streamlit calls the function when the button is clicked, in a server thread, outside the session
    (no login there): who and which case are taken now, while the page runs. A register case's
    download is also checked against the person's roles and written to the read log (``CaseDesk``);
    a workshop's is logged by the facilitator's desk.
    """
    user, case = user_label(), case_id if case_id is not None or workshop is not None else record_id()
    found = desk() if case is not None and workshop is None and not session.is_organisation() else None

    def produce_and_log() -> T:
        if found is not None and case is not None:
            found.exported(case, f"{kind} ({format})")
        data = produce()
        log_event("exported", case_id=case, user=user, kind=kind, format=format, workshop=workshop)
        return data
    return produce_and_log
