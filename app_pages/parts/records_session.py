"""The case register in the app: who is working, ``?case=`` in the URL, autosave, conflicts.

Streamlit glue only; every rule lives in ``iop`` (``iop.records.access`` for who may do
what, record, autosave, and ``iop.store.desk`` for the register behind those rules).
app.py calls :func:`before_page` before the page runs (sidebar, loading the case
named in the URL, the conflict panel) and :func:`after_page` after it (saving what
changed as a draft revision and putting the case id and version in the URL). A save
that someone else beat is not retried silently: the user chooses merge or reload.

Three things keep a user's work safe across the odd moments of a web app:

* What a session knows about its record (id, version, what was saved) is one
  object, :class:`RecordState`, changed with plain attribute writes. Streamlit may
  stop a run at any access to ``st.session_state`` when the browser has sent
  another change; a save just committed is therefore recorded without touching
  session state, so the next run never saves from a stale version and the user is
  never shown a conflict with their own save.
* A tab that reconnects after a server restart starts a new session whose first
  run carries the user's edit and every value the tab shows. The case named in
  the URL is loaded first, at the version the tab was showing (``&version=``), and
  the browser's values win over re-seeding (``session.seeded``), so the edit is
  saved on top of it; if someone else saved meanwhile, the usual conflict panel
  shows it.
* A ``?case=`` link opened while the register cannot be reached keeps its id, says
  so, shows no blank case to type into, and opens the case once the register
  answers again.

Who is working: with login configured, the identity provider's user (Streamlit's
auth cookie keeps it across reloads and tabs) with the roles ``iop.records.access``
reads from the ID token; without login, the name the person typed, kept in a cookie
of this browser so that a reload, a new tab or a bookmark still knows it, and asked
for on the first edit so that nothing is silently left unsaved.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote, unquote

import streamlit as st

from app_pages.parts import reconnect, session, statement_link
from iop.io import log_event
from iop.model import Case
from iop.records import (
    STATUS_LABEL,
    STATUS_PREDICATE,
    AccessConfigError,
    AccessSettings,
    Action,
    AuditKind,
    CaseStatus,
    Identity,
    LoginState,
    Network,
    StoredCase,
    case_name,
    duplicates_of,
    identity_from_claims,
    is_editable,
    is_locked,
    local_identity,
    lock_notice,
    may,
)
from iop.store import (
    AccessDenied,
    AuditLog,
    CaseDesk,
    CaseNotFound,
    CaseRegister,
    InvalidTransition,
    StaleRevision,
    StoreError,
    case_content,
    open_register,
    resolve_database_url,
)
from iop.words import swedish_time

RECORD = "record:state"
"""The session's :class:`RecordState`: which register case the case in progress is, at which version."""
CONFLICT = "record:conflict"
SAVE_ERROR = "record:save_error"
LOCKED_MEANWHILE = "record:locked_meanwhile"
"""Set when this tab's edit was refused because the case was locked after the tab opened it."""
SIMILAR = "record:similar"
"""The last duplicate check on Ärendet: (what was asked, what was found)."""
ORGANISATION_SAVES = "record:organisation_saves"
"""Set when an organisation chose to save its self-check on the server (off by default)."""
NAME_KEY = "record:name"
USER_NAME = "record:user_name"
"""The typed name, kept apart from the widget's key, which Streamlit drops when the page changes."""
NAME_SYNC = "record:name_sync"
"""Set when the name was given elsewhere (the first-edit question): the sidebar field takes it next run."""
ASKED_FOR = "record:asked_for_name"
"""The case content the name was last asked for: closing the question unanswered is not asked again until the
next edit."""
OPENED_AS = "record:opened_as"
"""The case as it was started or opened in this session (a new case, an example, a file): what an edit changes."""
FIRST_EDIT_NAME = "record:first_edit_name"
NAME_GIVEN = "record:name_given"
NAME_MISSING = "record:name_missing"
NAME_COOKIE = "iop_namn"
"""The typed name in this browser, so a reload, a new tab or a bookmark still knows who is working."""
LOGIN_CLAIMS = "record:login_claims"
"""Test seam: ID-token claims as the identity provider would give them (only read when login is configured)."""
CASE_PARAM, VERSION_PARAM = "case", "version"
"""``?case=ID&version=N``: the case in progress and the version this tab last saved or loaded."""
PRISTINE = Case(title="Nytt ärende")
"""The case a fresh session starts with: not saved until the user changes something."""
RETRY_SECONDS = 30
WAIT_SECONDS = 5
"""How often a ``?case=`` link waiting for the register looks again."""
LOGGED_IN_AS = "record:logged_in_as"
"""The login already logged for this session (a login is logged once, not on every rerun)."""
REFUSED_AS = "record:refused_as"
"""The user whose refusal (no role for the page) is already logged for this session."""
NO_LOGIN_NOTE = {
    Network.loopback: "Ingen inloggning: IOP-stöd nås bara från den här datorn, och namnet kontrolleras inte.",
    Network.workshop: "Ingen inloggning: IOP-stöd nås bara från den här datorn (deltagarsidan från nätverket), och "
                      "namnet kontrolleras inte.",
    Network.open: "Ingen inloggning och öppet för nätverket: vem som helst som når adressen kan ändra ärendena.",
}
T = TypeVar("T")
SAVED_ON_LEAVE = "Allt sparas när du lämnar ett fält (eller trycker Ctrl+Enter i ett textfält)."
"""What is true: Streamlit sends a text field's value only when it loses focus or on (Ctrl+)Enter."""


@dataclass(frozen=True)
class RegisterState:
    register: CaseRegister | None
    error: str = ""
    at: float = field(default_factory=time.monotonic)
    audit: AuditLog | None = None


@st.cache_resource(show_spinner=False)
def _open(url: str) -> RegisterState:
    """One register per database URL and process; migrations run here once.

    A failure is cached too, so an unreachable server does not cost a connection
    timeout on every rerun; ``register_state`` retries it after RETRY_SECONDS.
    CaseRegister keeps only a lock-guarded list cache, so sharing it is safe.
    """
    try:
        engine = session.engine()
        db = open_register(url)
        return RegisterState(CaseRegister(
            db,
            # the whole assessment: the register keeps the recommendation, its sub-form and what blocks it
            recommender=lambda case: engine.assess(case, explain_changes=False),
            catalog=engine.rulebook.questions,
        ), audit=AuditLog(db))
    except StoreError as exc:
        return RegisterState(None, str(exc))


def retry_register() -> None:
    """Forget a cached failure to open the register, so the next look tries again at once."""
    try:
        state = _open(resolve_database_url())
    except StoreError:
        return
    if state.register is None:
        _open.clear()


def register_state() -> RegisterState:
    try:
        url = resolve_database_url()
    except StoreError as exc:  # the message is for the user; the detail (a path, an address) for the log
        logging.getLogger("iop.store").warning("%s (%s)", exc, exc.detail)
        return RegisterState(None, str(exc))
    state = _open(url)
    if state.register is None and time.monotonic() - state.at > RETRY_SECONDS:
        _open.clear()  # only failures are retried; a working register is never reopened
        state = _open(url)
    return state


def _secrets() -> dict[str, Any]:
    # One look at st.secrets: without a secrets file (the default) each access (``in``, ``[]``) looks for
    # one again, opening every candidate path and raising inside, and four of those a call were a
    # noticeable share of a page's CPU.
    try:
        found = st.secrets.to_dict()
    except Exception:  # noqa: BLE001  (no secrets file, or an unreadable one: login is simply not configured)
        return {}
    return {key: found[key] for key in ("auth", "iop") if key in found}


def settings() -> AccessSettings:
    """The access settings; raises AccessConfigError (Swedish) for settings that cannot be used."""
    return AccessSettings.from_settings(_secrets(), os.environ)


def settings_or_stop() -> AccessSettings:
    """The settings, or the page says what is wrong with them and stops: nothing is served on a doubt."""
    try:
        return settings()
    except AccessConfigError as exc:
        st.error(f"IOP-stöd kan inte starta med de här inställningarna. {exc}", icon=":material/settings:")
        st.stop()
        raise  # st.stop() ends the run; this line only tells the type checker


def _claims() -> Mapping[str, Any] | None:
    if LOGIN_CLAIMS in st.session_state:
        return st.session_state[LOGIN_CLAIMS]  # type: ignore[no-any-return]
    if not st.user.get("is_logged_in", False):
        return None
    return st.user.to_dict()


def login_state(access: AccessSettings) -> LoginState:
    """With login: what the identity provider's token says (or why it cannot be used); without: the typed name."""
    if access.login:
        claims = _claims()
        if claims is None:
            return LoginState()
        return identity_from_claims(claims, access, dt.datetime.now(dt.UTC))
    _remembered_name()
    return LoginState(identity=local_identity(str(st.session_state.get(USER_NAME, ""))))


def identity(access: AccessSettings) -> Identity | None:
    return login_state(access).identity


def cookie(name: str) -> str:
    """A cookie this browser sent when the session started ("" when there is none)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else ""  # AppTest's stand-in browser sends no cookies


def _remembered_name() -> None:
    """A new session (reload, new tab, bookmark) takes the name this browser was given before.

    Not a tab that reconnected to a restarted server without a saved case in its address: it may
    be an organisation's self-check (the mode is not in the address), which must not start saving
    in the municipality's register; the sidebar's own rule decides there (see ``_sidebar``).
    """
    if USER_NAME in st.session_state:
        return
    if session.browser_sent_values() and not st.query_params.get(CASE_PARAM):
        return
    remembered = " ".join(unquote(cookie(NAME_COOKIE)).split())[:200]
    if remembered:
        st.session_state[USER_NAME] = remembered


def remember_name_script(name: str) -> str:
    """A script that keeps ``name`` in this browser for a year (cleared when the name is)."""
    value = quote(name.strip())
    age = 365 * 24 * 3600 if value else 0
    return (f"<script>document.cookie = {json.dumps(f'{NAME_COOKIE}={value}')} + "
            f"'; path=/; max-age={age}; SameSite=Lax';</script>")


def desk(access: AccessSettings | None = None) -> CaseDesk | None:
    """The register as this person may use it, or None when the register cannot be reached."""
    state = register_state()
    if state.register is None or state.audit is None:
        return None
    access = access or settings()
    return CaseDesk(state.register, state.audit, identity(access), access)


def desk_or_stop(action: Action = Action.read_case) -> CaseDesk:
    """The guarded register for a register page; otherwise the reason, and the page stops.

    An unreachable database or a person whose roles do not allow ``action`` ends the
    page with a Swedish message rather than half a page.
    """
    state = register_state()
    if state.register is None:
        st.error(state.error, icon=":material/cloud_off:")
        statement_link.stop()
    access = settings()
    found = desk(access)
    assert found is not None
    why = found.refusal(action)
    if why:
        who = found.identity
        if who is not None and st.session_state.get(REFUSED_AS) != who.label:
            st.session_state[REFUSED_AS] = who.label
            log_event("refused", reason="not_allowed", user=who.label)
        st.warning(why, icon=":material/lock:")
        statement_link.stop()
    return found


def register_or_stop() -> tuple[CaseRegister, Identity | None]:
    """The register and the person for a page that reads the whole register (Översikt), after the same checks."""
    found = desk_or_stop(Action.read_case)
    if found.identity is None:  # without login: reading is allowed unnamed, but these pages name who took them
        st.warning("Skriv ditt namn i sidofältet för att se översikten; namnet står på det du laddar ner.",
                   icon=":material/edit:")
        statement_link.stop()
    return found.register, found.identity


def read_only(access: AccessSettings | None = None) -> bool:
    """Whether this person may only read the case in progress (a läsare, granskare or beslutsfattare).

    Without login nobody is read-only: the name is asked for when the first edit is to be saved.
    """
    access = access or settings()
    if session.is_organisation() or not access.login:
        return False
    return not may(identity(access), Action.edit_draft if record_id() else Action.create_case, access)


def saving_promise() -> str:
    """What happens to the user's edits right now, in one sentence: the page must not promise more.

    Mirrors the conditions under which ``after_page`` saves a revision.
    """
    if session.is_organisation() and not st.session_state.get(ORGANISATION_SAVES):
        return "Inget sparas på servern i organisationsläget: ladda ner ert resultat under Exportera."
    state = register_state()
    access = settings()
    if state.register is None:
        return ("Ärenderegistret kan inte nås just nu, så ingenting sparas: ladda ner ärendet under "
                "Exportera för att inte förlora det.")
    status = record_status()
    if status is not None and is_locked(status):
        return f"Ärendet är {STATUS_PREDICATE[status]} och låst: inget här kan ändras."
    if identity(access) is None:
        return ("Ärendet sparas när du har loggat in med ett konto som får använda registret."
                if access.login else "Ärendet sparas när du har skrivit ditt namn; du får frågan vid första ändringen.")
    if read_only(access):
        return "Din roll får inte ändra ärendet, så det visas utan att kunna ändras."
    return SAVED_ON_LEAVE


def similar_cases(case: Case) -> list[str]:
    """Saved cases that look like ``case`` (same title and organisation), named by title, Dnr and status.

    Only for an official who may open the register: an organisation never learns what else is registered.
    """
    if session.is_organisation():
        return []
    reader = desk()
    if reader is None or not reader.may(Action.read_case):
        return []
    # Looked up again only when what makes a duplicate changed: every other edit saves a revision, and
    # reading the whole list after each save would cost a large register a fetch per keystroke.
    asked = (record_id(), case.title, case.organisation.name, case.organisation.org_number or "")
    kept = st.session_state.get(SIMILAR)
    if kept is not None and kept[0] == asked:
        return list(kept[1])
    try:
        frame = reader.case_frame()
    except StoreError:
        return []
    same = duplicates_of(frame, *asked[1:], exclude=asked[0])
    found = [f"{case_name(str(r.title), str(r.diarienummer or ''))}, {STATUS_LABEL[CaseStatus(r.status)].lower()}"
             for r in same.itertuples()]
    st.session_state[SIMILAR] = (asked, found)
    return found


@dataclass
class RecordState:
    """Which register case the session's case in progress is, and what was last saved or loaded.

    Changed only with plain attribute writes (see the module's docstring): ``bind`` after a
    commit cannot be interrupted half-way.
    """

    id: str | None = None
    revision: int = 0
    status: CaseStatus | None = None
    saved: Case | None = None
    """A deep copy of the case as last saved or loaded: what 'changed' is measured against."""
    saved_content: dict[str, Any] | None = None
    saved_at: dt.datetime | None = None
    bound: Case | None = None
    """The Case object the record belongs to; a different object means the user started another case."""
    sitting: str = field(default_factory=lambda: secrets.token_hex(8))
    """This tab's sitting (``iop.records.autosave``): its autosaves fold into one revision."""

    def bind(self, stored: StoredCase, case: Case, base: tuple[int, Case] | None = None) -> None:
        """Tie ``case`` to ``stored``; ``base`` (version, content) when the tab started from an older version."""
        self.saved = (base[1] if base else stored.case).model_copy(deep=True)
        self.saved_content = case_content(self.saved)
        self.id, self.status, self.saved_at, self.bound = stored.id, stored.status, stored.updated_at, case
        self.revision = base[0] if base else stored.revision

    def detach(self, case: Case) -> None:
        self.id, self.revision, self.status = None, 0, None
        self.saved = self.saved_content = self.saved_at = None
        self.bound = case


def record() -> RecordState:
    """The session's record state (made on first use)."""
    if RECORD not in st.session_state:
        st.session_state[RECORD] = RecordState()
    state: RecordState = st.session_state[RECORD]
    return state


def record_id() -> str | None:
    return record().id


def user_label() -> str | None:
    """Who is working, as the history names them (a login or the typed name); None when nobody is named."""
    who = identity(settings())
    return who.label if who is not None else None


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


def log_refused_page(page: str, kind: AuditKind, access: AccessSettings) -> None:
    """Log a page the gate refused (once per session and page): who tried, and which case the link named."""
    wanted = st.query_params.get(CASE_PARAM)
    done: set[str] = st.session_state.setdefault("record:refusals_logged", set())
    if f"{page}|{wanted}" in done:
        return
    state = register_state()
    if state.audit is None:
        return
    who = identity(access)
    try:
        state.audit.record(actor=who.label if who else ("ingen inloggad" if access.login else "inget namn angivet"),
                           actor_id=who.key if who else "", kind=kind, case_id=wanted, allowed=False,
                           detail=f"nekad: sidan {page}")
    except StoreError:
        return  # the refusal stands; the log's own fault is in the server log
    done.add(f"{page}|{wanted}")
    if who is not None and st.session_state.get(REFUSED_AS) != who.label:
        st.session_state[REFUSED_AS] = who.label
        log_event("refused", reason="not_allowed", user=who.label)


def _log_login(access: AccessSettings, who: Identity | None) -> None:
    """A login through the identity provider, once per session and user."""
    if access.login and who is not None and st.session_state.get(LOGGED_IN_AS) != who.label:
        st.session_state[LOGGED_IN_AS] = who.label
        log_event("login", user=who.label)


def _logout() -> None:
    log_event("logout", user=st.session_state.pop(LOGGED_IN_AS, None))
    st.logout()


def record_status() -> CaseStatus | None:
    return record().status


def locked() -> bool:
    """Whether the case in progress cannot be changed here: a locked register case, or a role that only reads."""
    return is_locked(record_status()) or read_only()


def open_record(stored: StoredCase, base: tuple[int, Case] | None = None) -> None:
    """Make ``stored`` the case in progress, keeping the user's place in the walk.

    ``base`` (version and content) is what a reconnecting tab was showing when it is older
    than ``stored``: the tab's edit is then saved from it, so a save by someone else since
    shows as a conflict instead of being overwritten.
    """
    step = st.session_state.get(session.STEP_KEY, 0)
    case = (base[1] if base else stored.case).model_copy(deep=True)
    session.replace_case(case)
    st.session_state[session.STEP_KEY] = step
    st.session_state.pop(CONFLICT, None)
    st.session_state.pop(SAVE_ERROR, None)
    record().bind(stored, case, base)
    st.query_params[CASE_PARAM] = stored.id


def start_new(case: Case) -> None:
    """Make ``case`` the case in progress as a new case, tied to no record.

    Nothing of the case open before may leak into it: not its status (a decided case's lock), not its id
    in the address (which would open it again on the next run), not its place in the walk.
    """
    session.replace_case(case)
    record().detach(case)
    st.session_state[OPENED_AS] = _fingerprint(case)
    for key in (CONFLICT, SAVE_ERROR, ORGANISATION_SAVES, SIMILAR):
        st.session_state.pop(key, None)
    for param in (CASE_PARAM, VERSION_PARAM):
        if param in st.query_params:
            del st.query_params[param]


@dataclass
class RecordRun:
    """What before_page found, handed to after_page in the same run."""

    state: RegisterState
    access: AccessSettings
    login: LoginState
    status_slot: Any = field(default=None)
    url_error: str = ""
    waiting_for: str = ""
    """The id of a ``?case=`` link that cannot be opened while the register is out of reach."""

    @property
    def who(self) -> Identity | None:
        return self.login.identity

    def desk(self) -> CaseDesk | None:
        if self.state.register is None or self.state.audit is None:
            return None
        return CaseDesk(self.state.register, self.state.audit, self.who, self.access)


def before_page(access: AccessSettings) -> RecordRun:
    """Before anything is drawn: find the register and the user, and open the case named in the URL.

    Opening replaces the case and re-seeds its widgets, so it must happen before the
    sidebar draws any of them. In the first run of a tab that reconnected after a
    restart, the browser's values are the user's edit: the case is opened at the
    version the tab showed and those values are kept (``session.seeded``).
    Organisation mode never opens a case from the register; in official mode the
    guarded register decides, and logs a refusal.
    """
    reconnected = session.CASE_KEY not in st.session_state and session.browser_sent_values()
    run = RecordRun(register_state(), access, login_state(access))
    _log_login(access, run.who)
    wanted = st.query_params.get(CASE_PARAM)
    if session.is_organisation():
        if wanted:
            del st.query_params[CASE_PARAM]
            st.query_params.pop(VERSION_PARAM, None)
    elif wanted and wanted != record_id():
        found = run.desk()
        if found is None:
            run.waiting_for = wanted
        else:
            try:
                stored = found.open_case(wanted)
                base = _shown_version(found.register, stored) if reconnected else None
            except (AccessDenied, CaseNotFound) as exc:
                verb = "kan" if isinstance(exc, AccessDenied) else "kunde"
                run.url_error = f"Ärendet i adressen {verb} inte öppnas. {exc}"
                del st.query_params[CASE_PARAM]
                st.query_params.pop(VERSION_PARAM, None)
            except StoreError:
                run.waiting_for = wanted
            else:
                open_record(stored, base)
    # The browser's values win over re-seeding only in a reconnected tab's first run, and only where
    # they can be edits: not on a locked case, whose fields are disabled.
    st.session_state[session.BROWSER_VALUES_WIN] = reconnected and not locked()
    return run


def _shown_version(register: CaseRegister, stored: StoredCase) -> tuple[int, Case] | None:
    """The version a reconnecting tab was showing, and its content, when older than the newest."""
    try:
        version = int(st.query_params.get(VERSION_PARAM, ""))
    except ValueError:
        return None
    if not 0 < version < stored.revision:
        return None
    shown = register.case_at(stored.id, version)
    return None if shown is None else (version, shown)


def _wait_for_register(run: RecordRun) -> None:
    """A ``?case=`` link while the register is out of reach: keep the id, say so, offer no blank case."""
    st.error(session.escape(
        f"Ärendet {run.waiting_for} kan inte öppnas just nu eftersom ärenderegistret inte går att nå. "
        "Länken finns kvar i adressfältet, och sidan öppnar ärendet av sig själv så snart registret "
        "går att nå igen. Ingenting har ändrats i ärendet."), icon=":material/cloud_off:")
    if st.button("Försök igen nu", icon=":material/refresh:", key="record:retry"):
        retry_register()
        st.rerun()
    _poll_register(run.waiting_for)
    st.stop()


@st.fragment(run_every=WAIT_SECONDS)
def _poll_register(case_id: str) -> None:
    """Look again every few seconds; once the case can be read, run the whole page again to open it."""
    state = register_state()
    if state.register is None:
        return
    try:
        state.register.load_case(case_id)
    except StoreError:
        return
    st.rerun(scope="app")


def draw(run: RecordRun) -> None:
    """The register's part of the sidebar, and above the page the conflict panel and the lock notice.

    A ``?case=`` link waiting for the register stops the page here: no blank case to type into.
    """
    _sidebar(run)
    run.login = login_state(run.access)  # the name may have been typed in this very run
    if run.login.problem:
        st.warning(run.login.problem, icon=":material/lock_clock:" if run.login.expired else ":material/lock:")
        if run.login.expired:
            st.button("Logga in igen", on_click=st.login, icon=":material/login:", type="primary", key="relogin")
    if run.url_error:
        st.error(session.escape(run.url_error))  # it quotes the id from the address
    if run.waiting_for:
        _wait_for_register(run)
    if run.state.register is None:
        return
    _conflict_panel(run)
    collisions = st.session_state.pop("record:merge_note", [])
    if collisions:
        st.info("Ändringarna är sammanslagna och sparade. Där ni båda ändrat samma sak behölls ditt värde:\n\n"
                + "\n".join(f"- {session.escape(c)}" for c in collisions))
    meanwhile = st.session_state.pop(LOCKED_MEANWHILE, "")
    if meanwhile:
        st.error("Din senaste ändring sparades inte: ärendet låstes medan du arbetade. "
                 + session.escape(meanwhile) + " Sidan visar nu ärendet som det är sparat.",
                 icon=":material/lock:")
    status = record_status()
    if status is not None and is_locked(status):  # in either mode: the inputs are disabled in either mode
        st.info(lock_notice(status), icon=":material/lock:")
    elif read_only(run.access) and record_id():
        st.info(f"Du har rollen {run.who.role_labels if run.who else 'ingen'}: ärendet visas men kan inte ändras "
                "här.", icon=":material/visibility:")
    if locked():
        # The locked case is there to be read: Streamlit greys disabled values like placeholders, so an
        # entered value could not be told from an empty field. Values and labels in full colour; an empty
        # field shows no "t.ex." placeholder, which would otherwise read as a value.
        st.html("<style>[data-testid='stMain'] :is(input, textarea):disabled { color: #31333f !important; "
                "-webkit-text-fill-color: #31333f !important; opacity: 1 !important; } "
                "[data-testid='stMain'] :is(input, textarea):disabled::placeholder { color: transparent !important; "
                "-webkit-text-fill-color: transparent !important; } "
                "[data-testid='stMain'] :is([data-testid='stWidgetLabel'], label:has(input:disabled)) * "
                "{ color: #31333f !important; opacity: 1 !important; } "
                # the sidebar's criteria set, disabled on a locked case: its label too (axe: 2.3:1 otherwise)
                "[data-testid='stSidebar'] [data-testid='stWidgetLabel'] * "
                "{ color: #31333f !important; opacity: 1 !important; }</style>")


def _fingerprint(case: Case) -> str:
    return json.dumps(case_content(case), sort_keys=True, default=str)


def _changed(case: Case, state: RecordState) -> bool:
    """Whether the case in progress holds something the register does not have yet."""
    if state.id is None:
        return case_content(case) != case_content(PRISTINE)
    return case_content(case) != state.saved_content and is_editable(state.status or CaseStatus.draft)


def after_page(run: RecordRun) -> None:
    """Save what changed as a draft revision (one per sitting), and keep ``?case=&version=`` in the URL.

    The record state is fetched before saving and changed with plain attribute writes after the
    commit: nothing between the two can be interrupted by a rerun. Every save goes through the
    guarded register (``CaseDesk``), which records the person and the role.
    """
    found = run.desk()
    case = session.current_case()
    state = record()
    if run.who is not None:
        st.session_state.pop(NAME_GIVEN, None)
    if state.bound is not case:
        state.detach(case)
        st.session_state[OPENED_AS] = _fingerprint(case)
        for key in (CONFLICT, SAVE_ERROR, ORGANISATION_SAVES):
            st.session_state.pop(key, None)
    organisation = session.is_organisation()
    organisation_declines = organisation and not st.session_state.get(ORGANISATION_SAVES)
    wanted = Action.edit_draft if state.id else Action.create_case
    if found is None or organisation_declines or not found.may(wanted):
        if found is not None and not organisation_declines and not run.access.login and run.who is None \
                and _changed(case, state):
            # The first edit without a name: ask, then save; never drop it silently. Opening an example or
            # a file is no edit. Asked again after the next edit if the question is closed unanswered (the
            # sidebar says meanwhile that nothing is saved).
            content = _fingerprint(case)
            edited = content != st.session_state.get(OPENED_AS)
            if edited and (st.session_state.get(ASKED_FOR) != content or st.session_state.get(NAME_MISSING)):
                st.session_state[ASKED_FOR] = content
                _ask_for_name()
        if _show_status(run, found):  # the organisation chose to save on the server
            st.session_state[ORGANISATION_SAVES] = True
            st.rerun()
        return
    if CONFLICT not in st.session_state:
        error = ""
        try:
            if state.id is None:
                if organisation:
                    state.bind(found.create_case(case, "Sparat av organisationen från självtestet",
                                                 from_organisation=True), case)
                elif _changed(case, state):
                    state.bind(found.create_case(case), case)
            elif _changed(case, state):
                state.bind(found.save_case(state.id, case, state.revision, sitting=state.sitting), case)
        except StaleRevision as exc:
            st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
            st.rerun()
        except InvalidTransition as exc:
            # Someone marked the case bedömd or beslutad after this tab opened it. The tab shows the case
            # as it now is, locked, and says on the page (not only in the sidebar) that the edit was not saved.
            try:
                open_record(found.read_case(record_id() or ""))
            except StoreError:
                st.session_state[SAVE_ERROR] = str(exc)
            else:
                st.session_state[LOCKED_MEANWHILE] = str(exc)
                st.rerun()
        except StoreError as exc:
            error = str(exc)
        if error:
            st.session_state[SAVE_ERROR] = error
        elif SAVE_ERROR in st.session_state:
            del st.session_state[SAVE_ERROR]
    if state.id and not organisation and (st.query_params.get(CASE_PARAM) != state.id
                                          or st.query_params.get(VERSION_PARAM) != str(state.revision)):
        st.query_params[CASE_PARAM] = state.id
        st.query_params[VERSION_PARAM] = str(state.revision)
    _show_status(run, found)


def save_now() -> str:
    """Save the case in progress at once if it changed, as after_page would; '' or why it was not saved.

    For a page that must read the register's copy in this very run (the archive package): what
    the user typed just before clicking is otherwise saved only after the page has run.
    """
    found, case_id = desk(), record_id()
    if found is None or case_id is None:
        return "Ärendet är inte sparat i ärenderegistret."
    why = found.refusal(Action.edit_draft)
    if why:
        return f"Ärendet kan inte sparas: {why}"
    if CONFLICT in st.session_state:
        return "Någon annan har sparat ärendet medan du arbetade; välj överst på sidan först."
    case = session.current_case()
    state = record()  # fetched before the save: recorded after it without touching session state
    if case_content(case) == state.saved_content or not is_editable(state.status or CaseStatus.draft):
        return ""
    try:
        state.bind(found.save_case(case_id, case, state.revision, sitting=state.sitting), case)
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
        return str(exc)
    except StoreError as exc:
        return str(exc)
    return ""


def take_name(name: str) -> None:
    """A name given anywhere but the sidebar: the sidebar's field shows it from the next run."""
    st.session_state[USER_NAME] = " ".join(name.split())
    st.session_state[NAME_SYNC] = True


def _name_given() -> None:
    """The first-edit question's button: runs before the next run, whether or not the question is drawn again."""
    typed = str(st.session_state.get(FIRST_EDIT_NAME, ""))
    if typed.strip():
        take_name(typed)
        st.session_state[NAME_GIVEN] = True
    else:
        st.session_state[NAME_MISSING] = True


@st.dialog("Vem arbetar med ärendet?")
def _ask_for_name() -> None:
    if st.session_state.pop(NAME_GIVEN, False):
        st.rerun()  # the whole page again: it saves the case now that the name is known, and the question closes
    st.markdown("Ärendet sparas i registret med ditt namn i historiken. Skriv ditt namn, så sparas ändringen "
                "du just gjorde och allt du gör sedan. Namnet kommer den här webbläsaren ihåg.")
    with st.form("record:name_form", border=False):
        st.text_input("Ditt namn", placeholder="Förnamn Efternamn", key=FIRST_EDIT_NAME)
        st.form_submit_button("Spara ärendet", type="primary", icon=":material/save:", on_click=_name_given)
    if st.session_state.pop(NAME_MISSING, False):
        st.error("Skriv ditt namn för att spara ärendet; det du har ändrat finns kvar.")


def _sidebar(run: RecordRun) -> None:
    with st.sidebar:
        st.divider()
        if run.access.login:
            if run.who is not None:
                st.caption(f"Inloggad som {session.escape(run.who.label)} · {run.who.role_labels}")
                if LOGIN_CLAIMS not in st.session_state:
                    st.button("Logga ut", on_click=_logout, icon=":material/logout:")
            else:
                st.button("Logga in", on_click=st.login, icon=":material/login:", type="primary")
        else:
            # Restore the name after a page change dropped the widget's key. A new session whose browser sent
            # the name it shows (a process died, the browser reconnected) keeps it, but only together with the
            # saved case it reopened: without a case in the address it may be an organisation's self-check (the
            # mode is not in the address), which must not start saving in the municipality's register. A name
            # given in the first-edit question (NAME_SYNC) goes into the field too.
            if st.session_state.pop(NAME_SYNC, False) or NAME_KEY not in st.session_state and (
                    USER_NAME in st.session_state or not (session.browser_sent(NAME_KEY) and record_id())):
                st.session_state[NAME_KEY] = st.session_state.get(USER_NAME, "")
            st.text_input("Ditt namn", key=NAME_KEY, placeholder="Förnamn Efternamn",
                          help="Sparas i ärendets historik vid varje ändring. Webbläsaren kommer ihåg namnet.")
            name = " ".join(str(st.session_state[NAME_KEY]).split())
            st.session_state[USER_NAME] = name
            with st.container(key="iop-name-cookie"):  # keeps the name across reloads, tabs and bookmarks
                st.html(remember_name_script(name), unsafe_allow_javascript=True)
            if not session.is_organisation():  # a note for whoever runs the register, not for an organisation
                st.caption(NO_LOGIN_NOTE[run.access.network])
        run.status_slot = st.empty()
        if record_id() is not None:
            # A saved case: should this process die, the browser's reconnect to another runs the page at
            # once, so the user's next edit is saved, not re-seeded away. Last in the sidebar, so that its
            # coming and going moves nothing. A session without a saved case has nothing to lose and skips it.
            reconnect.rerun_after_reconnect()


def _show_status(run: RecordRun, found: CaseDesk | None) -> bool:
    """The save status in the sidebar, written after the save so it is never one step behind.

    Returns True when the organisation has just asked to save its self-check on the server.
    """
    slot = run.status_slot
    if slot is None:
        return False
    with slot.container():
        if run.state.register is None or found is None:
            st.error(run.state.error, icon=":material/cloud_off:")
        elif session.is_organisation() and not st.session_state.get(ORGANISATION_SAVES):
            st.caption("Organisationsläge: ingenting sparas på servern. Under Exportera laddar ni ner en PDF "
                       "att skicka till kommunen.")
            if found.may(Action.create_case):
                return st.button("Spara vårt självtest hos kommunen", icon=":material/cloud_upload:",
                                 help="Självtestet sparas i kommunens ärenderegister, märkt som ert, "
                                      "och sparas sedan varje gång ni lämnar ett fält.")
            if not run.access.login:  # a name is all it takes here; with login only a municipal role can
                st.caption("Vill ni hellre spara självtestet hos kommunen? Skriv ert namn under Ditt namn ovan, "
                           "så visas knappen ”Spara vårt självtest hos kommunen” här.")
        elif read_only(run.access) and run.who is not None:
            st.caption(":material/visibility: Din roll får läsa men inte ändra ärendet.")
        elif not found.may(Action.edit_draft if record_id() else Action.create_case):
            st.warning("Ärendet sparas inte: " + (
                "skriv ditt namn ovan." if not run.access.login else "logga in först."),
                icon=":material/edit_off:")
        elif SAVE_ERROR in st.session_state:
            st.error(st.session_state[SAVE_ERROR], icon=":material/sync_problem:")
        elif CONFLICT in st.session_state:
            st.warning("Inte sparat: någon annan har sparat ärendet. Välj överst på sidan.",
                       icon=":material/sync_problem:")
        elif record_id() and record().saved_at is not None:
            saved_at = swedish_time(record().saved_at or dt.datetime.now(dt.UTC), "clock_seconds")
            st.caption(f":material/cloud_done: Sparat {saved_at}, version {record().revision}")
    return False


def _conflict_panel(run: RecordRun) -> None:
    conflict = st.session_state.get(CONFLICT)
    found = run.desk()
    if not conflict or run.who is None or found is None:
        return
    with st.container(border=True):
        st.warning(session.escape(conflict["message"]), icon=":material/group:")  # it names a person
        st.markdown("**Det här ändrade den andra personen:**\n\n" +
                    "\n".join(f"- {session.escape(c)}" for c in conflict["changes"]))
        merge_col, reload_col = st.columns(2)
        merge = merge_col.button("Slå ihop mina ändringar med den nya versionen", type="primary",
                                 icon=":material/merge:")
        reload = reload_col.button("Läs in den nya versionen (mina ändringar tas bort)", icon=":material/refresh:")
    case_id = record_id()
    if not case_id or not (merge or reload):
        return
    try:
        theirs = found.read_case(case_id)
        if reload:
            open_record(theirs)
        else:
            merged, collisions = found.merge(record().saved or theirs.case, session.current_case(), theirs.case)
            stored = found.save_case(case_id, merged, theirs.revision, note="Sammanslaget efter samtidig ändring")
            open_record(stored)
            if collisions:
                st.session_state["record:merge_note"] = collisions
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
    except StoreError as exc:
        st.session_state[SAVE_ERROR] = str(exc)
    st.rerun()
