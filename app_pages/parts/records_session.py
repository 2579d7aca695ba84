"""The case register in the app: who is working, ``?case=`` in the URL, autosave, conflicts.

Streamlit glue only; every rule lives in ``iop`` (``iop.records.access`` for who may do
what, ``iop.store.desk`` for the register behind those rules). app.py calls
:func:`before_page` before the page runs (the user, the case named in the URL)
and :func:`after_page` after it (saving what changed as a draft revision and
putting the case id in the URL). A save that someone else beat is not retried
silently: the user chooses merge or reload.

Who is working: with login configured, the identity provider's user (Streamlit's
auth cookie keeps it across reloads and tabs) with the roles ``iop.records.access`` reads
from the ID token; without login, the name the person typed, kept in a cookie of
this browser so that a reload, a new tab or a bookmark still knows it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

import streamlit as st

from app_pages.parts import session
from iop.model import Case
from iop.records import (
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
    CaseRegister,
    StaleRevision,
    StoreError,
    case_content,
    open_register,
    resolve_database_url,
)

RECORD_ID = "record:id"
RECORD_REVISION = "record:revision"
RECORD_STATUS = "record:status"
SAVED = "record:saved"
"""A deep copy of the case as last saved or loaded: what 'changed' is measured against."""
BOUND = "record:bound"
"""The Case object the record belongs to; a different object means the user started another case."""
CONFLICT = "record:conflict"
SAVE_ERROR = "record:save_error"
SAVED_CONTENT = "record:saved_content"
SAVED_AT = "record:saved_at"
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
PRISTINE = Case(title="Nytt ärende")
"""The case a fresh session starts with: not saved until the user changes something."""
RETRY_SECONDS = 30
NO_LOGIN_NOTE = {
    Network.loopback: "Ingen inloggning: IOP-stöd nås bara från den här datorn, och namnet kontrolleras inte.",
    Network.workshop: "Ingen inloggning: IOP-stöd nås bara från den här datorn (deltagarsidan från nätverket), och "
                      "namnet kontrolleras inte.",
    Network.open: "Ingen inloggning och öppet för nätverket: vem som helst som når adressen kan ändra ärendena.",
}
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
            recommender=lambda case: engine.assess(case, explain_changes=False).recommendation,
            catalog=engine.rulebook.questions,
        ), audit=AuditLog(db))
    except StoreError as exc:
        return RegisterState(None, str(exc))


def register_state() -> RegisterState:
    try:
        url = resolve_database_url()
    except StoreError as exc:
        return RegisterState(None, str(exc))
    state = _open(url)
    if state.register is None and time.monotonic() - state.at > RETRY_SECONDS:
        _open.clear()  # only failures are retried; a working register is never reopened
        state = _open(url)
    return state


# --- settings and the person --------------------------------------------------------------------

def _secrets() -> dict[str, Any]:
    try:
        return {key: st.secrets[key] for key in ("auth", "iop") if key in st.secrets}
    except Exception:  # noqa: BLE001  (no secrets file, or an unreadable one: login is simply not configured)
        return {}


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
    """A new session (reload, new tab, bookmark) takes the name this browser was given before."""
    if USER_NAME in st.session_state:
        return
    remembered = unquote(cookie(NAME_COOKIE))
    st.session_state[USER_NAME] = " ".join(remembered.split())[:200]


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
        st.stop()
    access = settings()
    found = desk(access)
    assert found is not None
    why = found.refusal(action)
    if why:
        st.warning(why, icon=":material/lock:")
        st.stop()
    return found


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


def record_id() -> str | None:
    return st.session_state.get(RECORD_ID)


def record_status() -> CaseStatus | None:
    return st.session_state.get(RECORD_STATUS)


def locked() -> bool:
    """Whether the case in progress cannot be changed here: a locked register case, or a role that only reads."""
    return is_locked(record_status()) or read_only()


def bind(stored: StoredCase, case: Case) -> None:
    """Tie the case in progress to ``stored``: later edits are saved as its next revisions."""
    st.session_state[RECORD_ID] = stored.id
    st.session_state[RECORD_REVISION] = stored.revision
    st.session_state[RECORD_STATUS] = stored.status
    st.session_state[SAVED] = stored.case.model_copy(deep=True)
    st.session_state[SAVED_CONTENT] = case_content(stored.case)
    st.session_state[BOUND] = case
    st.session_state[SAVED_AT] = stored.updated_at
    st.session_state.pop(SAVE_ERROR, None)


def open_record(stored: StoredCase) -> None:
    """Make ``stored`` the case in progress, keeping the user's place in the walk."""
    step = st.session_state.get(session.STEP_KEY, 0)
    case = stored.case.model_copy(deep=True)
    session.replace_case(case)
    st.session_state[session.STEP_KEY] = step
    st.session_state.pop(CONFLICT, None)
    bind(stored, case)
    st.query_params["case"] = stored.id


def _detach(case: Case) -> None:
    for key in (RECORD_ID, RECORD_REVISION, RECORD_STATUS, SAVED, SAVED_CONTENT, SAVED_AT, CONFLICT, SAVE_ERROR,
                ORGANISATION_SAVES):
        st.session_state.pop(key, None)
    st.session_state[BOUND] = case
    st.session_state[OPENED_AS] = _fingerprint(case)


def _fingerprint(case: Case) -> str:
    return json.dumps(case_content(case), sort_keys=True, default=str)


def log_refused_page(page: str, kind: AuditKind, access: AccessSettings) -> None:
    """Log a page the gate refused (once per session and page): who tried, and which case the link named."""
    wanted = st.query_params.get("case")
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


def logged_download(what: str, make: Callable[[], str | bytes]) -> Callable[[], str | bytes]:
    """``make`` for a download button, logged as a download of the register case when it is one.

    Streamlit calls a download's callable outside the page's run (no session, no login there), so
    the person is taken now, while the page is drawn, and the check and the log happen on the click.
    """
    case_id = record_id()
    found = desk()
    if case_id is None or session.is_organisation() or found is None:
        return make

    def logged() -> str | bytes:
        found.exported(case_id, what)
        return make()
    return logged


@dataclass
class RecordRun:
    """What before_page found, handed to after_page in the same run."""

    state: RegisterState
    access: AccessSettings
    login: LoginState
    status_slot: Any = field(default=None)
    url_error: str = ""

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
    sidebar draws any of them. Organisation mode never opens a case from the register;
    in official mode the guarded register decides, and logs a refusal.
    """
    run = RecordRun(register_state(), access, login_state(access))
    wanted = st.query_params.get("case")
    if session.is_organisation():
        if wanted:
            del st.query_params["case"]
        return run
    found = run.desk()
    if found is not None and wanted and wanted != record_id():
        try:
            open_record(found.open_case(wanted))
        except AccessDenied as exc:
            run.url_error = f"Ärendet i adressen kan inte öppnas. {exc}"
            del st.query_params["case"]
        except StoreError as exc:
            run.url_error = f"Ärendet i adressen kunde inte öppnas. {exc}"
            del st.query_params["case"]
    return run


def draw(run: RecordRun) -> None:
    """The register's part of the sidebar, and above the page the conflict panel and the lock notice."""
    _sidebar(run)
    run.login = login_state(run.access)  # the name may have been typed in this very run
    if run.login.problem:
        st.warning(run.login.problem, icon=":material/lock_clock:" if run.login.expired else ":material/lock:")
        if run.login.expired:
            st.button("Logga in igen", on_click=st.login, icon=":material/login:", type="primary", key="relogin")
    if run.url_error:
        st.error(run.url_error)
    if run.state.register is None:
        return
    _conflict_panel(run)
    collisions = st.session_state.pop("record:merge_note", [])
    if collisions:
        st.info("Ändringarna är sammanslagna och sparade. Där ni båda ändrat samma sak behölls ditt värde:\n\n"
                + "\n".join(f"- {session.escape(c)}" for c in collisions))
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
                "{ color: #31333f !important; opacity: 1 !important; }</style>")


def _changed(case: Case) -> bool:
    """Whether the case in progress holds something the register does not have yet."""
    if record_id() is None:
        return case_content(case) != case_content(PRISTINE)
    return case_content(case) != st.session_state.get(SAVED_CONTENT) and is_editable(record_status()
                                                                                    or CaseStatus.draft)


def after_page(run: RecordRun) -> None:
    """Save what changed as the next draft revision, and keep ``?case=`` in the URL."""
    found = run.desk()
    case = session.current_case()
    if run.who is not None:
        st.session_state.pop(NAME_GIVEN, None)
    if st.session_state.get(BOUND) is not case:
        _detach(case)
    organisation = session.is_organisation()
    organisation_declines = organisation and not st.session_state.get(ORGANISATION_SAVES)
    wanted = Action.edit_draft if record_id() else Action.create_case
    if found is None or organisation_declines or not found.may(wanted):
        if found is not None and not organisation_declines and not run.access.login and run.who is None \
                and _changed(case):
            # The first edit without a name: ask, then save; never drop it silently. Asked again after the
            # next edit if the question is closed unanswered (the sidebar says meanwhile that nothing is saved).
            content = _fingerprint(case)
            edited = content != st.session_state.get(OPENED_AS)  # opening an example or a file is not an edit
            if edited and (st.session_state.get(ASKED_FOR) != content or st.session_state.get(NAME_MISSING)):
                st.session_state[ASKED_FOR] = content
                _ask_for_name()
        if _show_status(run, found):  # the organisation chose to save on the server
            st.session_state[ORGANISATION_SAVES] = True
            st.rerun()
        return
    if CONFLICT not in st.session_state:
        try:
            if record_id() is None:
                if organisation:
                    bind(found.create_case(case, "Sparat av organisationen från självtestet",
                                           from_organisation=True), case)
                elif _changed(case):
                    bind(found.create_case(case), case)
            elif _changed(case):
                bind(found.save_case(record_id() or "", case, st.session_state[RECORD_REVISION]), case)
        except StaleRevision as exc:
            st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
            st.rerun()
        except StoreError as exc:
            st.session_state[SAVE_ERROR] = str(exc)
    if record_id() and not organisation and st.query_params.get("case") != record_id():
        st.query_params["case"] = record_id() or ""
    _show_status(run, found)


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
                    st.button("Logga ut", on_click=st.logout, icon=":material/logout:")
            else:
                st.button("Logga in", on_click=st.login, icon=":material/login:", type="primary")
        else:
            if NAME_KEY not in st.session_state or st.session_state.pop(NAME_SYNC, False):
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
            st.caption("Organisationsläge: ingenting sparas på servern. Ladda ner ert resultat under "
                       "Exportera och skicka filen till kommunen.")
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
        elif record_id():
            saved_at = st.session_state[SAVED_AT].astimezone().strftime("%H:%M:%S")
            st.caption(f":material/cloud_done: Sparat {saved_at}, version {st.session_state[RECORD_REVISION]}")
    return False


def _conflict_panel(run: RecordRun) -> None:
    conflict = st.session_state.get(CONFLICT)
    found = run.desk()
    if not conflict or run.who is None or found is None:
        return
    with st.container(border=True):
        st.warning(conflict["message"], icon=":material/group:")
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
            merged, collisions = found.merge(st.session_state[SAVED], session.current_case(), theirs.case)
            stored = found.save_case(case_id, merged, theirs.revision, note="Sammanslaget efter samtidig ändring")
            open_record(stored)
            if collisions:
                st.session_state["record:merge_note"] = collisions
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
    except StoreError as exc:
        st.session_state[SAVE_ERROR] = str(exc)
    st.rerun()
