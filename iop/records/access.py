"""Who may see and do what: roles, the actions they allow, identities from the login, and the network.

A case register in a municipality holds allmänna handlingar and personal data, so
who may read, edit, assess and decide follows the delegationsordning. The rules
live here, free of any user interface, and every page and every register action
asks them (``refusal``); the store's guarded register (``iop.store.desk``) asks
again before it touches a case, so a page that forgets cannot open a door.

Three set-ups, from the settings (``AccessSettings.from_settings``):

* **No login, one computer** (the default). The app answers only on loopback; the
  one person at the machine types a name, which is recorded but proves nothing,
  and has every role.
* **No login, open network** (``network = "oppen"``, an explicit choice). Everyone
  who reaches the address has every role; every page says so in a banner.
  ``network = "workshop"`` opens only the workshop participant page to the network.
* **Login** (an ``[auth]`` section for the OpenID Connect provider). Roles come from
  the ID token's ``roles`` claim (Entra ID app roles) or from groups, by name or
  object id, as ``[iop.roles]`` maps them. Without a role, a user reaches only
  what needs no account: the organisation's self-check and the workshop
  participant page.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict, Field


class Role(str, Enum):
    reader = "lasare"
    case_officer = "handlaggare"
    reviewer = "granskare"
    decision_maker = "beslutsfattare"
    administrator = "administrator"


ROLE_LABEL: dict[Role, str] = {
    Role.reader: "Läsare",
    Role.case_officer: "Handläggare",
    Role.reviewer: "Granskare",
    Role.decision_maker: "Beslutsfattare",
    Role.administrator: "Administratör",
}

ROLE_ORDER = (Role.case_officer, Role.reviewer, Role.decision_maker, Role.reader, Role.administrator)
"""Which role is named as the one acting when a person has several that allow the action."""


class Action(str, Enum):
    read_case = "read_case"
    """List, open and read cases, their history and frozen records."""
    export_case = "export_case"
    """Download a case file or its decision document."""
    create_case = "create_case"
    edit_draft = "edit_draft"
    import_self_check = "import_self_check"
    copy_case = "copy_case"
    archive_case = "archive_case"
    """Archive a case, or restore it from the archive."""
    mark_assessed = "mark_assessed"
    review = "review"
    """Mark a bedömd case as granskad."""
    reopen = "reopen"
    """Send a bedömd or granskad case back to draft (a granskare returns it, a beslutsfattare reopens it)."""
    register_decision = "register_decision"
    record_agreement = "record_agreement"
    """Record or change the agreement of a decided case (period when the decision gives none, notice,
    follow-up schedule, evaluation, contacts, in-kind values). The decision's terms (form, the
    municipality's money) on the agreement need ``register_decision`` too."""
    record_follow_up = "record_follow_up"
    """Record a follow-up of an agreement (with changed facts and the re-assessment)."""
    link_cases = "link_cases"
    """Link a case as the successor of another (the trend), or undo the link."""
    run_workshop = "run_workshop"
    """Start, take up, run, reveal, end and export a workshop, and see the list of running ones."""
    view_audit_log = "view_audit_log"
    view_settings = "view_settings"


ACTION_TEXT: dict[Action, str] = {
    Action.read_case: "läsa ärenden",
    Action.export_case: "ladda ner ärenden och beslutsunderlag",
    Action.create_case: "skapa ärenden",
    Action.edit_draft: "ändra utkast",
    Action.import_self_check: "importera organisationers självtest",
    Action.copy_case: "kopiera ärenden",
    Action.archive_case: "arkivera och återställa ärenden",
    Action.mark_assessed: "markera ärenden som bedömda",
    Action.review: "markera ärenden som granskade",
    Action.reopen: "återlämna eller öppna bedömda ärenden som utkast",
    Action.register_decision: "registrera beslut",
    Action.record_agreement: "registrera överenskommelser efter beslut",
    Action.record_follow_up: "registrera uppföljningar av överenskommelser",
    Action.link_cases: "koppla ärenden som föregångare och efterföljare",
    Action.run_workshop: "starta och leda workshoppar",
    Action.view_audit_log: "se åtkomstloggen",
    Action.view_settings: "se inställningarna för åtkomst",
}
"""What the action is, after "får inte …" / "får …"."""

_CASE_ROLES = frozenset({Role.reader, Role.case_officer, Role.reviewer, Role.decision_maker})
_WORKSHOP_ROLES = frozenset({Role.case_officer, Role.reviewer, Role.decision_maker})
_AFTER_DECISION_ROLES = frozenset({Role.case_officer, Role.reviewer, Role.decision_maker})
"""The agreement's life after the decision: the handläggare who follows it up, and the roles after it."""

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.read_case: _CASE_ROLES,
    Action.export_case: _CASE_ROLES,
    Action.create_case: frozenset({Role.case_officer}),
    Action.edit_draft: frozenset({Role.case_officer}),
    Action.import_self_check: frozenset({Role.case_officer}),
    Action.copy_case: frozenset({Role.case_officer}),
    Action.archive_case: frozenset({Role.case_officer, Role.decision_maker}),
    Action.mark_assessed: frozenset({Role.case_officer}),
    Action.review: frozenset({Role.reviewer}),
    Action.reopen: frozenset({Role.reviewer, Role.decision_maker}),
    Action.register_decision: frozenset({Role.decision_maker}),
    Action.record_agreement: _AFTER_DECISION_ROLES,
    Action.record_follow_up: _AFTER_DECISION_ROLES,
    Action.link_cases: _AFTER_DECISION_ROLES,
    Action.run_workshop: _WORKSHOP_ROLES,
    Action.view_audit_log: frozenset({Role.administrator}),
    Action.view_settings: frozenset({Role.administrator}),
}
"""The table the README prints: which roles allow which action. Roles are not ranked; a person may have several."""

ADMINISTRATOR_CASE_ACTIONS = frozenset({Action.read_case, Action.export_case})
"""What ``administrator_reads_cases = true`` adds for an administrator: reading, never changing."""


class Network(str, Enum):
    loopback = "lokal"
    """Only this computer (the default without login)."""
    workshop = "workshop"
    """The workshop participant page from the network; everything else only from this computer."""
    open = "oppen"
    """Everything from the network, without login: a banner on every page says so."""


class AccessConfigError(ValueError):
    """The access settings cannot be used; ``str()`` is a Swedish message naming the setting."""


class Identity(BaseModel):
    """Who is working: from the identity provider (verified) or a typed name (not verified)."""

    model_config = ConfigDict(frozen=True)

    name: str
    email: str = ""
    subject: str = ""
    """The provider's stable id for the person (Entra's ``oid``, else ``sub``); empty for a typed name."""
    roles: frozenset[Role] = frozenset()
    verified: bool = False

    @property
    def label(self) -> str:
        """How the identity is written in the history: name, and e-mail when there is one."""
        return f"{self.name} <{self.email}>" if self.email else self.name

    @property
    def key(self) -> str:
        """What says two actions were done by the same person: the provider's id, else the written name."""
        return f"id:{self.subject}" if self.subject else f"namn:{' '.join(self.label.split()).casefold()}"

    @property
    def role_labels(self) -> str:
        return ", ".join(ROLE_LABEL[r].lower() for r in ROLE_ORDER if r in self.roles) or "ingen roll"


def reads_only_because(identity: Identity | None) -> str:
    """Why a person sees a case but cannot change it, in words true for who they are.

    Nobody yet (no name typed, a login that lapsed) is told to say who they are; a person
    without a role that changes cases is told which roles they have, or that they have none.
    """
    if identity is None:
        return "Ärendet visas men kan inte ändras förrän du har angett vem du är (ditt namn, eller logga in)."
    if not identity.roles:
        return "Du har ingen roll som får ändra ärenden: ärendet visas men kan inte ändras här."
    return f"Du har rollen {identity.role_labels}: ärendet visas men kan inte ändras här."


ALL_ROLES = frozenset(Role)

DEFAULT_ROLE_NAMES: dict[Role, tuple[str, ...]] = {r: (r.value,) for r in Role}
"""Without ``[iop.roles]``: app roles (or groups) named like the roles themselves, e.g. ``handlaggare``."""


def local_identity(name: str) -> Identity | None:
    """The person at the machine without login: a typed name with every role, or None before a name is given."""
    cleaned = " ".join(name.split())
    return Identity(name=cleaned, roles=ALL_ROLES) if cleaned else None


class AccessSettings(BaseModel):
    """Everything the access rules read from the settings (``[auth]`` and ``[iop]`` in secrets.toml)."""

    model_config = ConfigDict(frozen=True)

    login: bool = False
    role_names: dict[Role, tuple[str, ...]] = Field(default_factory=lambda: dict(DEFAULT_ROLE_NAMES))
    """Values in the roles or groups claim that give each role (compared without regard to case)."""
    roles_claim: str = "roles"
    groups_claim: str = "groups"
    max_session_hours: float = 8.0
    """A login older than this (from the token's ``iat``) must be renewed."""
    four_eyes: bool = False
    """The one who marked a case bedömd may not register its decision unless someone else has reviewed it."""
    administrator_reads_cases: bool = False
    audit_retention_days: int = 730
    network: Network = Network.loopback

    @classmethod
    def from_settings(cls, secrets: Mapping[str, Any], env: Mapping[str, str] | None = None) -> AccessSettings:
        """Read the settings; raises AccessConfigError (Swedish, naming the setting) for one that cannot be used.

        ``secrets`` holds the ``auth`` and ``iop`` sections; ``env`` may override the
        network with ``IOP_NETWORK`` (a container or a test run, like ``IOP_DATABASE_URL``).
        """
        section = secrets.get("iop") or {}
        if not isinstance(section, Mapping):
            raise AccessConfigError("Avsnittet [iop] i secrets.toml ska vara en tabell.")
        if "allowed_groups" in section:
            raise AccessConfigError(
                "Inställningen allowed_groups under [iop] används inte längre: ange i stället vilka grupper "
                "eller approller som ger vilken roll under [iop.roles] (se README, Inloggning och roller). "
                "Ingen får öppna ärenderegistret förrän inställningen är ändrad.")
        values: dict[str, Any] = {"login": bool(secrets.get("auth"))}
        roles = section.get("roles")
        if roles is not None:
            values["role_names"] = _role_names(roles)
        for key in ("roles_claim", "groups_claim"):
            if key in section:
                values[key] = _text(section[key], key)
        if "max_session_hours" in section:
            values["max_session_hours"] = _positive(section["max_session_hours"], "max_session_hours")
        if "audit_retention_days" in section:
            days = _positive(section["audit_retention_days"], "audit_retention_days")
            values["audit_retention_days"] = max(1, int(days))
        for key in ("four_eyes", "administrator_reads_cases"):
            if key in section:
                if not isinstance(section[key], bool):
                    raise AccessConfigError(f"Inställningen {key} under [iop] ska vara true eller false.")
                values[key] = section[key]
        network = (env or {}).get("IOP_NETWORK", "").strip() or section.get("network")
        if network is not None:
            try:
                values["network"] = Network(str(network).strip().lower())
            except ValueError:
                raise AccessConfigError(
                    f"Inställningen network = {network!r} känns inte igen. Ange \"lokal\" (bara den här datorn), "
                    "\"workshop\" (deltagarsidan från nätverket) eller \"oppen\" (allt från nätverket).") from None
        return cls(**values)


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AccessConfigError(f"Inställningen {key} under [iop] ska vara namnet på ett anspråk, t.ex. \"groups\".")
    return value.strip()


def _positive(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise AccessConfigError(f"Inställningen {key} under [iop] ska vara ett tal större än noll.")
    return float(value)


def _role_names(table: Any) -> dict[Role, tuple[str, ...]]:
    if not isinstance(table, Mapping):
        raise AccessConfigError("[iop.roles] ska vara en tabell, t.ex. handlaggare = [\"IOP.Handlaggare\"].")
    known = {r.value: r for r in Role}
    unknown = sorted(str(k) for k in table if str(k) not in known)
    if unknown:
        raise AccessConfigError(
            f"[iop.roles] har en okänd roll: {', '.join(unknown)}. Rollerna heter "
            f"{', '.join(r.value for r in Role)}.")
    names: dict[Role, tuple[str, ...]] = {r: () for r in Role}
    for key, value in table.items():
        listed = [value] if isinstance(value, str) else value
        if not isinstance(listed, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in listed):
            raise AccessConfigError(
                f"[iop.roles] {key} ska vara en lista med approller eller grupper (namn eller objekt-id), "
                "t.ex. [\"IOP.Handlaggare\", \"0b6c5e1a-…\"].")
        names[known[str(key)]] = tuple(v.strip() for v in listed)
    return names


# --- identities from the identity provider's claims ----------------------------------------------

class LoginState(BaseModel):
    """What the login gives: an identity, or why it cannot be used (a Swedish sentence)."""

    model_config = ConfigDict(frozen=True)

    identity: Identity | None = None
    problem: str = ""
    expired: bool = False


def _claim_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if isinstance(v, (str, int))]
    return []


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def groups_overage(claims: Mapping[str, Any], groups_claim: str = "groups") -> bool:
    """Whether Entra ID left the groups out because the user is in too many (the "groups overage").

    Entra then sends ``_claim_names`` pointing at a Graph query instead of the groups
    (ID tokens: over 200 groups), or ``hasgroups: true`` (implicit flow).
    """
    names = claims.get("_claim_names")
    return bool(claims.get("hasgroups")) or (isinstance(names, Mapping) and (groups_claim in names
                                                                           or "groups" in names))


OVERAGE = (
    "Du är inloggad som {who}, men ditt konto är med i så många grupper att Entra ID inte skickar dem med "
    "inloggningen (över 200 grupper: gruppanspråket ersätts då av en hänvisning). IOP-stöd kan därför inte se "
    "vilken roll du har. Be den som administrerar appregistreringen för IOP-stöd i Entra ID att antingen "
    "tilldela dig en approll (Approller, anspråket roles: rekommenderas, och inte begränsat av antalet grupper) "
    "eller, under Tokenkonfiguration, begränsa gruppanspråket till \"Grupper som tilldelats programmet\" och "
    "tilldela appen de grupper som ger roller.")

EXPIRED = ("Din inloggning har gått ut, så det du ändrar nu sparas inte. Logga in igen för att fortsätta; det som "
           "redan är sparat finns kvar i ärendet.")


def identity_from_claims(claims: Mapping[str, Any], settings: AccessSettings, now: dt.datetime) -> LoginState:
    """The identity in a logged-in user's ID-token claims, with the roles the settings give it.

    A login older than ``max_session_hours`` (from ``iat``; else past ``exp``) is expired.
    Roles come from the roles claim and the groups claim, matched without regard to
    case against ``role_names``. A user whose groups were left out (overage) and who
    has no role otherwise gets the message naming what the administrator must change.
    """
    name = next((str(claims[k]).strip() for k in ("name", "preferred_username", "email", "sub")
                 if isinstance(claims.get(k), str) and str(claims[k]).strip()), "okänd användare")
    email = str(claims.get("email") or claims.get("preferred_username") or "")
    email = email if "@" in email else ""
    subject = str(claims.get("oid") or claims.get("sub") or "")
    moment = now.timestamp()
    issued, expires = _number(claims.get("iat")), _number(claims.get("exp"))
    if (issued is not None and moment >= issued + settings.max_session_hours * 3600) or (
            issued is None and expires is not None and moment >= expires):
        return LoginState(problem=EXPIRED, expired=True)
    values = {v.casefold() for v in _claim_values(claims.get(settings.roles_claim))
              + _claim_values(claims.get(settings.groups_claim))}
    roles = frozenset(role for role, names in settings.role_names.items()
                      if any(n.casefold() in values for n in names))
    identity = Identity(name=name, email=email, subject=subject, roles=roles, verified=True)
    if not roles and groups_overage(claims, settings.groups_claim):
        return LoginState(identity=identity, problem=OVERAGE.format(who=identity.label))
    return LoginState(identity=identity)


NAME_LIMIT = 200
"""The longest typed name kept (a name from a cookie is cut there too)."""


def typed_name(text: str) -> str:
    """A name as typed, with its spaces tidied (leading, trailing and runs of spaces)."""
    return " ".join(text.split())


def remembered_name(cookie_value: str) -> str:
    """The name a browser kept in its cookie (URL-encoded), tidied and cut like a typed one; '' for none."""
    return typed_name(unquote(cookie_value))[:NAME_LIMIT]


def login_state(settings: AccessSettings, *, claims: Mapping[str, Any] | None, typed: str,
                now: dt.datetime) -> LoginState:
    """Who is working: with login the ID token's claims (None before logging in), without it the typed name."""
    if settings.login:
        return LoginState() if claims is None else identity_from_claims(claims, settings, now)
    return LoginState(identity=local_identity(typed))


def starts_as_organisation(settings: AccessSettings, login: LoginState, *, case_link: bool) -> bool:
    """Whether a new session starts in organisation mode: with login, for a visitor with no account or no
    role (the self-check is what there is), unless the address names a case (an official's link) or the
    login just expired (the official logs in again)."""
    return (settings.login and not case_link and not login.expired
            and (login.identity is None or not login.identity.roles))


# --- permissions ------------------------------------------------------------------------------------

def granting_roles(action: Action, settings: AccessSettings) -> frozenset[Role]:
    roles = PERMISSIONS[action]
    if settings.administrator_reads_cases and action in ADMINISTRATOR_CASE_ACTIONS:
        roles = roles | {Role.administrator}
    return roles


UNNAMED_LOCAL = frozenset({Action.read_case, Action.export_case, Action.run_workshop, Action.view_audit_log,
                           Action.view_settings})
"""Without login, what the person at the machine may do before giving a name: read, and run a workshop's room.
Anything that writes to a case (a revision, a workshop's conclusion) needs the name the history records."""


def may(identity: Identity | None, action: Action, settings: AccessSettings) -> bool:
    """The rule every page and every register action asks."""
    if identity is None or not identity.name.strip():
        return not settings.login and action in UNNAMED_LOCAL
    if settings.login and not identity.verified:
        return False
    return bool(identity.roles & granting_roles(action, settings))


def acting_role(identity: Identity | None, action: Action, settings: AccessSettings) -> Role | None:
    """The role a permitted action is done in, as the revision records it; None if not permitted or unnamed."""
    if identity is None or not may(identity, action, settings):
        return None
    granting = granting_roles(action, settings)
    return next(r for r in ROLE_ORDER if r in identity.roles and r in granting)


def _role_list(roles: Iterable[Role]) -> str:
    labels = [ROLE_LABEL[r].lower() for r in ROLE_ORDER if r in set(roles)]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " eller " + labels[-1]


def refusal(identity: Identity | None, action: Action, settings: AccessSettings) -> str:
    """Why ``identity`` may not do ``action``, in Swedish and saying what would help; empty when it may."""
    if may(identity, action, settings):
        return ""
    needed = _role_list(granting_roles(action, settings))
    if not settings.login:
        return f"Skriv ditt namn för att {ACTION_TEXT[action]}; namnet sparas i ärendets historik."
    if identity is None or not identity.verified:
        return f"Logga in med kommunens inloggning för att {ACTION_TEXT[action]}."
    if not identity.roles:
        return (f"Du är inloggad som {identity.label} men har ingen roll i IOP-stöd. För att {ACTION_TEXT[action]} "
                f"behövs rollen {needed}. Be din administratör om behörighet.")
    return (f"Du är inloggad som {identity.label} med rollen {identity.role_labels}. För att {ACTION_TEXT[action]} "
            f"behövs rollen {needed}. Be din administratör om behörighet.")


def only_reads(identity: Identity | None, settings: AccessSettings, *, organisation: bool, saved: bool) -> bool:
    """Whether this person may only read the case in progress (a läsare, granskare or beslutsfattare).

    ``saved``: the case is a register case (editing its draft), else a new case (creating one).
    Without login nobody is read-only (the name is asked for on the first edit), nor is an organisation.
    """
    if organisation or not settings.login:
        return False
    return not may(identity, Action.edit_draft if saved else Action.create_case, settings)


def four_eyes_refusal(identity: Identity, assessed_by: str, reviewed_by: Iterable[str],
                      settings: AccessSettings) -> str:
    """The optional rule: who marked the case bedömd may not also register its decision alone.

    ``assessed_by`` and ``reviewed_by`` are identity keys (``Identity.key``) from the
    status records. Someone else's review since the assessment makes it not alone.
    """
    if not settings.four_eyes or identity.key != assessed_by:
        return ""
    if any(key != identity.key for key in reviewed_by):
        return ""
    return ("Du markerade själv ärendet som bedömt, och här gäller regeln om fyra ögon: beslutet registreras av "
            "någon annan, eller efter att en annan person har granskat ärendet.")


# --- where a request comes from ----------------------------------------------------------------------



def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip().strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def loopback_name(host: str) -> bool:
    """Whether a Host header names this computer by a loopback name: localhost (or a name under it), 127.x, [::1]."""
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1:name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    name = name.rstrip(".")
    return name == "localhost" or name.endswith(".localhost") or _loopback(name)


def is_local_client(address: str | None, headers: Mapping[str, str]) -> bool:
    """Whether a connection comes from this computer: a loopback peer, and any proxy says so too.

    ``address`` None means loopback (as the web server reports it). A proxy on this machine
    (HAProxy with ``option forwardfor``) names the browser's address in ``X-Forwarded-For``;
    only if every address it names is loopback is the browser on this computer. Any other
    forwarding header means the person is somewhere else.

    The browser must also have asked for this computer by a loopback name (``Host``):
    a page on another site whose name has been pointed at 127.0.0.1 (DNS rebinding)
    would otherwise drive the browser of the person at this machine into the register.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    if "forwarded" in lowered or "x-real-ip" in lowered:
        return False
    host = lowered.get("host")
    if host is not None and not loopback_name(host):
        return False
    forwarded_for = lowered.get("x-forwarded-for")
    if forwarded_for is not None and not all(_loopback(a) for a in forwarded_for.split(",")):
        return False
    return address is None or _loopback(address)


class Area(str, Enum):
    """What a page is, for who may reach it."""

    start = "start"
    """Start: choosing the mode. Reachable by anyone the network lets in."""
    self_check = "self_check"
    """The case pages in organisation mode: no account needed, never the register."""
    official = "official"
    """The case pages in official mode."""
    register = "register"
    """Ärenden and Status och historik: listing and opening the register."""
    workshop = "workshop"
    """The facilitator's page."""
    participant = "participant"
    """The workshop participant page: no account needed, nothing else reachable from it."""
    administration = "administration"
    """The audit log and the access settings."""
    public = "public"
    """Pages every visitor reaches from anywhere, such as the accessibility statement (Digg: from every page)."""


AREA_ACTION: dict[Area, Action] = {
    Area.official: Action.read_case,
    Area.register: Action.read_case,
    Area.workshop: Action.run_workshop,
    Area.administration: Action.view_audit_log,
}

NETWORK_CLOSED = (
    "IOP-stöd tar bara emot anslutningar från datorn det körs på, eftersom ingen inloggning är konfigurerad. "
    "Den som driver verktyget kan koppla på kommunens inloggning, eller öppna det för nätverket med "
    "inställningen network (se README, Inloggning och roller).")
LOOPBACK_NAME_ONLY = (
    "IOP-stöd svarar bara när det öppnas med adressen localhost (eller 127.0.0.1) på datorn det körs på, eftersom "
    "ingen inloggning är konfigurerad. Öppna det med http://localhost och portnumret, som när det startades.")
NETWORK_WORKSHOP_ONLY = (
    "Från nätverket nås bara workshoppens deltagarsida, eftersom ingen inloggning är konfigurerad. "
    "Ärenderegistret och allt annat nås bara från datorn som kör IOP-stöd.")
OPEN_BANNER = (
    "Ärenderegistret är öppet för alla som kan nå den här adressen: ingen inloggning är konfigurerad, så vem som "
    "helst kan läsa, ändra och besluta i alla ärenden, och namnen som skrivs kontrolleras inte "
    "(inställningen network = \"oppen\").")
LOCAL_NOTE = (
    "Ingen inloggning är konfigurerad: IOP-stöd nås bara från den här datorn, och namnet du skriver "
    "kontrolleras inte. Se README för hur kommunens inloggning kopplas på.")
ORGANISATION_NO_REGISTER = (
    "I läget Organisation visas inga sparade ärenden. Välj läget Tjänsteperson på Start för att arbeta "
    "med ärenderegistret.")


class Gate(BaseModel):
    """Whether a page may be shown, and if not, why, and whether logging in could help."""

    model_config = ConfigDict(frozen=True)

    allowed: bool
    message: str = ""
    offer_login: bool = False
    by_role: bool = False
    """Refused for the person's roles (or their absence), not for the network or the mode: an attempt to log."""


def network_refusal(area: Area, local: bool, settings: AccessSettings) -> str:
    """Why a client may not reach ``area`` from where it is; empty when the network lets it.

    With login everything is reachable and the roles decide; without login the
    network setting decides what anyone but this computer reaches.
    """
    if local or settings.login or settings.network is Network.open or area is Area.public:
        return ""
    if settings.network is Network.workshop:
        return "" if area is Area.participant else NETWORK_WORKSHOP_ONLY
    return NETWORK_CLOSED


def gate(area: Area, identity: Identity | None, settings: AccessSettings, *, local: bool,
         organisation_mode: bool = False) -> Gate:
    """Who may reach a page: the network first, then the mode, then the role."""
    blocked = network_refusal(area, local, settings)
    if blocked:
        return Gate(allowed=False, message=blocked)
    if area in (Area.register, Area.administration) and organisation_mode:
        return Gate(allowed=False, message=ORGANISATION_NO_REGISTER)
    action = AREA_ACTION.get(area)
    if action is None or (area is Area.official and organisation_mode):
        return Gate(allowed=True)
    if not settings.login:  # one person at the machine, or everyone on an open network: every role
        return Gate(allowed=True)
    why = refusal(identity, action, settings)
    return Gate(allowed=not why, message=why, offer_login=bool(why) and (identity is None or not identity.verified),
                by_role=bool(why))
