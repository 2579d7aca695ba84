"""The case register in the app: who is working, ``?case=`` in the URL, autosave, conflicts.

Streamlit glue only; every rule lives in ``iop`` (identity, record, store). app.py
calls :func:`before_page` before the page runs (sidebar, loading the case named in
the URL, the conflict panel) and :func:`after_page` after it (saving what changed
as a draft revision and putting the case id in the URL). A save that someone else
beat is not retried silently: the user chooses merge or reload.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import streamlit as st

from app_pages.parts import reconnect, session
from iop.io import log_event
from iop.model import Case
from iop.records import (
    STATUS_LABEL,
    STATUS_PREDICATE,
    AccessPolicy,
    CaseStatus,
    Identity,
    StoredCase,
    case_name,
    duplicates_of,
    is_editable,
    is_locked,
    lock_notice,
    may_open_register,
    refusal,
)
from iop.store import (
    CaseRegister,
    InvalidTransition,
    StaleRevision,
    StoreError,
    case_content,
    open_register,
    resolve_database_url,
)
from iop.words import swedish_time

RECORD_ID = "record:id"
RECORD_REVISION = "record:revision"
RECORD_STATUS = "record:status"
SAVED = "record:saved"
"""A deep copy of the case as last saved or loaded: what 'changed' is measured against."""
BOUND = "record:bound"
"""The Case object the record belongs to; a different object means the user started another case."""
CONFLICT = "record:conflict"
SAVE_ERROR = "record:save_error"
LOCKED_MEANWHILE = "record:locked_meanwhile"
SIMILAR = "record:similar"
"""The last duplicate check on Ärendet: (what was asked, what was found)."""
"""Set when this tab's edit was refused because the case was locked after the tab opened it."""
SAVED_CONTENT = "record:saved_content"
SAVED_AT = "record:saved_at"
ORGANISATION_SAVES = "record:organisation_saves"
"""Set when an organisation chose to save its self-check on the server (off by default)."""
NAME_KEY = "record:name"
USER_NAME = "record:user_name"
"""The typed name, kept apart from the widget's key, which Streamlit drops when the page changes."""
LOGIN_IDENTITY = "record:login_identity"
"""Test seam: an Identity as the identity provider would give it (only read when login is configured)."""
PRISTINE = Case(title="Nytt ärende")
"""The case a fresh session starts with: not saved until the user changes something."""
RETRY_SECONDS = 30
LOGGED_IN_AS = "record:logged_in_as"
"""The login already logged for this session (a login is logged once, not on every rerun)."""
REFUSED_AS = "record:refused_as"
"""The user whose refusal (not in the allowed groups) is already logged for this session."""
T = TypeVar("T")
SAVED_ON_LEAVE = "Allt sparas när du lämnar ett fält (eller trycker Ctrl+Enter i ett textfält)."
"""What is true: Streamlit sends a text field's value only when it loses focus or on (Ctrl+)Enter."""


@dataclass(frozen=True)
class RegisterState:
    register: CaseRegister | None
    error: str = ""
    at: float = field(default_factory=time.monotonic)


@st.cache_resource(show_spinner=False)
def _open(url: str) -> RegisterState:
    """One register per database URL and process; migrations run here once.

    A failure is cached too, so an unreachable server does not cost a connection
    timeout on every rerun; ``register_state`` retries it after RETRY_SECONDS.
    CaseRegister keeps only a lock-guarded list cache, so sharing it is safe.
    """
    try:
        engine = session.engine()
        return RegisterState(CaseRegister(
            open_register(url),
            recommender=lambda case: engine.assess(case, explain_changes=False).recommendation,
            catalog=engine.rulebook.questions,
        ))
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


def _secrets() -> dict[str, Any]:
    # One look at st.secrets: without a secrets file (the default) each access (``in``, ``[]``) looks for
    # one again, opening every candidate path and raising inside, and four of those a call were a
    # noticeable share of a page's CPU.
    try:
        found = st.secrets.to_dict()
    except Exception:  # noqa: BLE001  (no secrets file, or an unreadable one: login is simply not configured)
        return {}
    return {key: found[key] for key in ("auth", "iop") if key in found}


def _iop_settings(secrets: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    section = (_secrets() if secrets is None else secrets).get("iop", {})
    return section if isinstance(section, Mapping) else {}


def policy() -> AccessPolicy:
    """Login is configured when secrets.toml has an ``[auth]`` section (what st.login reads)."""
    secrets = _secrets()
    groups = _iop_settings(secrets).get("allowed_groups", ())
    if isinstance(groups, str):
        groups = (groups,)
    return AccessPolicy(login_configured="auth" in secrets, allowed_groups=tuple(str(g) for g in groups))


def identity(access: AccessPolicy) -> Identity | None:
    """The identity provider's user when login is configured, else the typed name."""
    if access.login_configured:
        if LOGIN_IDENTITY in st.session_state:
            return st.session_state[LOGIN_IDENTITY]  # type: ignore[no-any-return]
        if not st.user.get("is_logged_in", False):
            return None
        claim = str(_iop_settings().get("groups_claim", "groups"))
        claimed: Any = st.user.get(claim) or []
        groups: list[Any] = [claimed] if isinstance(claimed, str) else list(claimed) \
            if isinstance(claimed, (list, tuple)) else []
        return Identity(name=str(st.user.get("name") or st.user.get("email") or "okänd användare"),
                        email=str(st.user.get("email") or ""), groups=tuple(str(g) for g in groups),
                        verified=True)
    name = str(st.session_state.get(USER_NAME, "")).strip()
    return Identity(name=name) if name else None


def register_or_stop() -> tuple[CaseRegister, Identity | None]:
    """The register and the user for a register page; otherwise the reason, and the page stops.

    An unreachable database or a user outside the allowed groups ends the page with
    a Swedish message rather than half a page.
    """
    state = register_state()
    access = policy()
    who = identity(access)
    if state.register is None:
        st.error(state.error, icon=":material/cloud_off:")
        st.stop()
    if not may_open_register(who, access):
        if who is not None and st.session_state.get(REFUSED_AS) != who.label:
            st.session_state[REFUSED_AS] = who.label
            log_event("refused", reason="not_allowed", user=who.label)
        st.warning(refusal(who, access), icon=":material/lock:")
        st.stop()
    assert state.register is not None  # st.stop() above ends the run
    return state.register, who


def saving_promise() -> str:
    """What happens to the user's edits right now, in one sentence: the page must not promise more.

    Mirrors the conditions under which ``after_page`` saves a revision.
    """
    if session.is_organisation() and not st.session_state.get(ORGANISATION_SAVES):
        return "Inget sparas på servern i organisationsläget: ladda ner ert resultat under Exportera."
    state = register_state()
    access = policy()
    if state.register is None:
        return ("Ärenderegistret kan inte nås just nu, så ingenting sparas: ladda ner ärendet under "
                "Exportera för att inte förlora det.")
    if not may_open_register(identity(access), access):
        return ("Ärendet sparas när du har loggat in med ett konto som får använda registret."
                if access.login_configured else "Ärendet sparas först när du har skrivit ditt namn i sidofältet.")
    status = record_status()
    if status is not None and is_locked(status):
        return f"Ärendet är {STATUS_PREDICATE[status]} och låst: inget här kan ändras."
    return SAVED_ON_LEAVE


def similar_cases(case: Case) -> list[str]:
    """Saved cases that look like ``case`` (same title and organisation), named by title, Dnr and status.

    Only for an official who may open the register: an organisation never learns what else is registered.
    """
    if session.is_organisation():
        return []
    state = register_state()
    access = policy()
    if state.register is None or not may_open_register(identity(access), access):
        return []
    # Looked up again only when what makes a duplicate changed: every other edit saves a revision, and
    # reading the whole list after each save would cost a large register a fetch per keystroke.
    asked = (record_id(), case.title, case.organisation.name, case.organisation.org_number or "")
    kept = st.session_state.get(SIMILAR)
    if kept is not None and kept[0] == asked:
        return list(kept[1])
    try:
        frame = state.register.case_frame()
    except StoreError:
        return []
    same = duplicates_of(frame, *asked[1:], exclude=asked[0])
    found = [f"{case_name(str(r.title), str(r.diarienummer or ''))}, {STATUS_LABEL[CaseStatus(r.status)].lower()}"
             for r in same.itertuples()]
    st.session_state[SIMILAR] = (asked, found)
    return found


def record_id() -> str | None:
    return st.session_state.get(RECORD_ID)


def user_label() -> str | None:
    """Who is working, as the history names them (a login or the typed name); None when nobody is named."""
    who = identity(policy())
    return who.label if who is not None else None


def logged_export(produce: Callable[[], T], *, kind: str, format: str,  # noqa: A002 (the log's field name)
                  case_id: str | None = None, workshop: int | None = None) -> Callable[[], T]:
    """``produce`` for a download button, logging the export (kind, format, case, user) when it is downloaded.

    Streamlit calls the function when the button is clicked, in a server thread: who and which
    case are taken now, while the page runs.
    """
    user, case = user_label(), case_id if case_id is not None or workshop is not None else record_id()

    def produce_and_log() -> T:
        data = produce()
        log_event("exported", case_id=case, user=user, kind=kind, format=format, workshop=workshop)
        return data
    return produce_and_log


def _log_login(access: AccessPolicy, who: Identity | None) -> None:
    """A login through the identity provider, once per session and user."""
    if access.login_configured and who is not None and st.session_state.get(LOGGED_IN_AS) != who.label:
        st.session_state[LOGGED_IN_AS] = who.label
        log_event("login", user=who.label)


def _logout() -> None:
    log_event("logout", user=st.session_state.pop(LOGGED_IN_AS, None))
    st.logout()


def record_status() -> CaseStatus | None:
    return st.session_state.get(RECORD_STATUS)


def locked() -> bool:
    """Whether the case in progress is a bedömd, beslutad or arkiverad register case: its inputs are disabled."""
    return is_locked(record_status())


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


def start_new(case: Case) -> None:
    """Make ``case`` the case in progress as a new case, tied to no record.

    Nothing of the case open before may leak into it: not its status (a decided case's lock), not its id
    in the address (which would open it again on the next run), not its place in the walk.
    """
    session.replace_case(case)
    _detach(case)
    if "case" in st.query_params:
        del st.query_params["case"]


def _detach(case: Case) -> None:
    for key in (RECORD_ID, RECORD_REVISION, RECORD_STATUS, SAVED, SAVED_CONTENT, SAVED_AT, CONFLICT, SAVE_ERROR,
                ORGANISATION_SAVES):
        st.session_state.pop(key, None)
    st.session_state[BOUND] = case


@dataclass
class RecordRun:
    """What before_page found, handed to after_page in the same run."""

    state: RegisterState
    access: AccessPolicy
    who: Identity | None
    status_slot: Any = field(default=None)
    url_error: str = ""


def before_page() -> RecordRun:
    """Before anything is drawn: find the register and the user, and open the case named in the URL.

    Opening replaces the case and re-seeds its widgets, so it must happen before the
    sidebar draws any of them.
    """
    state = register_state()
    access = policy()
    run = RecordRun(state, access, identity(access))
    _log_login(access, run.who)
    register = state.register
    allowed = may_open_register(run.who, run.access) or not access.login_configured
    wanted = st.query_params.get("case")
    if register is not None and wanted and wanted != record_id() and allowed:
        try:
            open_record(register.load_case(wanted))
        except StoreError as exc:
            run.url_error = f"Ärendet i adressen kunde inte öppnas. {exc}"
            del st.query_params["case"]
    return run


def draw(run: RecordRun) -> None:
    """The register's part of the sidebar, and above the page the conflict panel and the lock notice."""
    _sidebar(run)
    run.who = identity(run.access)  # the name may have been typed in this very run
    if run.url_error:
        st.error(run.url_error)
    if run.state.register is None:
        return
    _conflict_panel(run.state.register, run.who)
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
        # The locked case is there to be read: Streamlit greys disabled values like placeholders, so an
        # entered value could not be told from an empty field. Values and labels in full colour; an empty
        # field shows no "t.ex." placeholder, which would otherwise read as a value.
        st.html("<style>[data-testid='stMain'] :is(input, textarea):disabled { color: #31333f !important; "
                "-webkit-text-fill-color: #31333f !important; opacity: 1 !important; } "
                "[data-testid='stMain'] :is(input, textarea):disabled::placeholder { color: transparent !important; "
                "-webkit-text-fill-color: transparent !important; } "
                "[data-testid='stMain'] :is([data-testid='stWidgetLabel'], label:has(input:disabled)) * "
                "{ color: #31333f !important; opacity: 1 !important; }</style>")


def after_page(run: RecordRun) -> None:
    """Save what changed as the next draft revision, and keep ``?case=`` in the URL."""
    register = run.state.register
    case = session.current_case()
    if st.session_state.get(BOUND) is not case:
        _detach(case)
    organisation_declines = session.is_organisation() and not st.session_state.get(ORGANISATION_SAVES)
    if register is None or organisation_declines or not may_open_register(run.who, run.access):
        if _show_status(run):  # the organisation chose to save on the server
            st.session_state[ORGANISATION_SAVES] = True
            st.rerun()
        return
    assert run.who is not None
    if CONFLICT not in st.session_state:
        try:
            if record_id() is None:
                if session.is_organisation():
                    bind(register.create_case(case, run.who.label, from_organisation=True,
                                              note="Sparat av organisationen från självtestet"), case)
                elif case_content(case) != case_content(PRISTINE):
                    bind(register.create_case(case, run.who.label), case)
            elif case_content(case) != st.session_state[SAVED_CONTENT] and is_editable(
                    record_status() or CaseStatus.draft):
                bind(register.save_case(record_id() or "", case, st.session_state[RECORD_REVISION],
                                        run.who.label), case)
        except StaleRevision as exc:
            st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
            st.rerun()
        except InvalidTransition as exc:
            # Someone marked the case bedömd or beslutad after this tab opened it. The tab shows the case
            # as it now is, locked, and says on the page (not only in the sidebar) that the edit was not saved.
            try:
                open_record(register.load_case(record_id() or ""))
            except StoreError:
                st.session_state[SAVE_ERROR] = str(exc)
            else:
                st.session_state[LOCKED_MEANWHILE] = str(exc)
                st.rerun()
        except StoreError as exc:
            st.session_state[SAVE_ERROR] = str(exc)
    if record_id() and st.query_params.get("case") != record_id():
        st.query_params["case"] = record_id() or ""
    _show_status(run)


def save_now() -> str:
    """Save the case in progress at once if it changed, as after_page would; '' or why it was not saved.

    For a page that must read the register's copy in this very run (the archive package): what
    the user typed just before clicking is otherwise saved only after the page has run.
    """
    register, case_id = register_state().register, record_id()
    access = policy()
    who = identity(access)
    if register is None or case_id is None:
        return "Ärendet är inte sparat i ärenderegistret."
    if who is None or not may_open_register(who, access):
        return "Ärendet kan inte sparas: " + ("logga in först." if access.login_configured
                                              else "skriv ditt namn i sidofältet.")
    if CONFLICT in st.session_state:
        return "Någon annan har sparat ärendet medan du arbetade; välj överst på sidan först."
    case = session.current_case()
    unchanged = case_content(case) == st.session_state.get(SAVED_CONTENT)
    if unchanged or not is_editable(record_status() or CaseStatus.draft):
        return ""
    try:
        bind(register.save_case(case_id, case, st.session_state[RECORD_REVISION], who.label), case)
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
        return str(exc)
    except StoreError as exc:
        return str(exc)
    return ""


def _sidebar(run: RecordRun) -> None:
    with st.sidebar:
        st.divider()
        if run.access.login_configured:
            if run.who is not None:
                st.caption(f"Inloggad som {session.escape(run.who.label)}")
                if LOGIN_IDENTITY not in st.session_state:
                    st.button("Logga ut", on_click=_logout, icon=":material/logout:")
            else:
                st.button("Logga in", on_click=st.login, icon=":material/login:", type="primary")
        else:
            # Restore the name after a page change dropped the widget's key. A session that has no name yet
            # leaves the widget alone: when a process dies and the browser reconnects to another one, the
            # browser sends the name it shows, and the new session takes it from there.
            if NAME_KEY not in st.session_state and USER_NAME in st.session_state:
                st.session_state[NAME_KEY] = st.session_state[USER_NAME]
            st.text_input("Ditt namn", key=NAME_KEY, placeholder="Förnamn Efternamn",
                          help="Sparas i ärendets historik vid varje ändring.")
            st.session_state[USER_NAME] = st.session_state[NAME_KEY]
            if not session.is_organisation():  # a note for whoever runs the register, not for an organisation
                st.caption("Ärenderegistret är inte åtkomststyrt: inloggning är inte konfigurerad.")
        run.status_slot = st.empty()
        if record_id() is not None:
            # A saved case: should this process die, the browser's reconnect to another runs the page at
            # once, so the user's next edit is saved, not re-seeded away. Last in the sidebar, so that its
            # coming and going moves nothing. A session without a saved case has nothing to lose and skips it.
            reconnect.rerun_after_reconnect()


def _show_status(run: RecordRun) -> bool:
    """The save status in the sidebar, written after the save so it is never one step behind.

    Returns True when the organisation has just asked to save its self-check on the server.
    """
    slot = run.status_slot
    if slot is None:
        return False
    with slot.container():
        if run.state.register is None:
            st.error(run.state.error, icon=":material/cloud_off:")
        elif session.is_organisation() and not st.session_state.get(ORGANISATION_SAVES):
            st.caption("Organisationsläge: ingenting sparas på servern. Under Exportera laddar ni ner en PDF "
                       "att skicka till kommunen.")
            if may_open_register(run.who, run.access):
                return st.button("Spara vårt självtest hos kommunen", icon=":material/cloud_upload:",
                                 help="Självtestet sparas i kommunens ärenderegister, märkt som ert, "
                                      "och sparas sedan varje gång ni lämnar ett fält.")
            # The button needs a name (or a login) for the case history; say how to get it rather than hide it.
            st.caption("Vill ni hellre spara självtestet hos kommunen? "
                       + ("Skriv ert namn under Ditt namn ovan" if not run.access.login_configured
                          else "Logga in ovan")
                       + ", så visas knappen ”Spara vårt självtest hos kommunen” här.")
        elif not may_open_register(run.who, run.access):
            st.warning("Ärendet sparas inte: " + (
                "skriv ditt namn ovan." if not run.access.login_configured else "logga in först."),
                icon=":material/edit_off:")
        elif SAVE_ERROR in st.session_state:
            st.error(st.session_state[SAVE_ERROR], icon=":material/sync_problem:")
        elif CONFLICT in st.session_state:
            st.warning("Inte sparat: någon annan har sparat ärendet. Välj överst på sidan.",
                       icon=":material/sync_problem:")
        elif record_id():
            saved_at = swedish_time(st.session_state[SAVED_AT], "clock_seconds")
            st.caption(f":material/cloud_done: Sparat {saved_at}, version {st.session_state[RECORD_REVISION]}")
    return False


def _conflict_panel(register: CaseRegister, who: Identity | None) -> None:
    conflict = st.session_state.get(CONFLICT)
    if not conflict or who is None:
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
        theirs = register.load_case(case_id)
        if reload:
            open_record(theirs)
        else:
            merged, collisions = register.merge(st.session_state[SAVED], session.current_case(), theirs.case)
            stored = register.save_case(case_id, merged, theirs.revision, who.label,
                                        note="Sammanslaget efter samtidig ändring")
            open_record(stored)
            if collisions:
                st.session_state["record:merge_note"] = collisions
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
    except StoreError as exc:
        st.session_state[SAVE_ERROR] = str(exc)
    st.rerun()
