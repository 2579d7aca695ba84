"""The case register in the app: who is working, ``?case=`` in the address, autosave, conflicts.

Streamlit glue only: every rule lives in ``iop`` (``iop.records`` for who may do what,
when to save and what to promise, ``iop.store`` for the guarded register behind them).
app.py calls ``before_page`` before the page runs (the person, the case named in the
address), ``draw`` for the sidebar and the notices above the page, and ``after_page``
after it (saving what changed as a draft revision, the case id and version in the
address). Pages use the names below; each part's module says what it keeps safe:

- ``keys``: the session's and the address's keys.
- ``register_connection``: the register, opened once per process, a failure retried.
- ``who_is_working``: the settings, the login's identity or the typed name, the name cookie.
- ``record_state``: which register case the case in progress is, at which version.
- ``guarded_register``: the register as this person may use it, or why not.
- ``case_from_address``: opening ``?case=`` before the page, and waiting for the register.
- ``autosave``, ``save_situation``: saving after the page and on request, and the sentence that says so.
- ``register_sidebar``, ``page_notices``, ``conflict_panel``, ``name_question``: what is drawn.
- ``similar_cases``, ``logged_export``: the duplicate warning and logged downloads.
"""

from app_pages.parts.records_session.autosave import after_page, save_now
from app_pages.parts.records_session.case_from_address import before_page
from app_pages.parts.records_session.guarded_register import (
    desk,
    desk_or_stop,
    locked,
    log_refused_page,
    read_only,
    register_or_stop,
)
from app_pages.parts.records_session.logged_export import logged_export
from app_pages.parts.records_session.page_notices import draw
from app_pages.parts.records_session.record_run import RecordRun
from app_pages.parts.records_session.record_state import (
    RecordState,
    open_record,
    record,
    record_id,
    record_status,
    start_new,
)
from app_pages.parts.records_session.save_situation import saving_promise
from app_pages.parts.records_session.similar_cases import similar_cases
from app_pages.parts.records_session.who_is_working import (
    cookie,
    identity,
    login_state,
    settings,
    settings_or_stop,
    take_name,
    user_label,
)

__all__ = [
    "RecordRun",
    "RecordState",
    "after_page",
    "before_page",
    "cookie",
    "desk",
    "desk_or_stop",
    "draw",
    "identity",
    "locked",
    "log_refused_page",
    "logged_export",
    "login_state",
    "open_record",
    "read_only",
    "record",
    "record_id",
    "record_status",
    "register_or_stop",
    "save_now",
    "saving_promise",
    "settings",
    "settings_or_stop",
    "similar_cases",
    "start_new",
    "take_name",
    "user_label",
]
