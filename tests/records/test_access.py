"""Who may see and do what (iop.records.access): roles, settings, identities from claims, the network, the gate."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.records.access import (
    ALL_ROLES,
    EXPIRED,
    NETWORK_CLOSED,
    NETWORK_WORKSHOP_ONLY,
    ORGANISATION_NO_REGISTER,
    PERMISSIONS,
    AccessConfigError,
    AccessSettings,
    Action,
    Area,
    Identity,
    Network,
    Role,
    acting_role,
    four_eyes_refusal,
    gate,
    groups_overage,
    identity_from_claims,
    is_local_client,
    local_identity,
    may,
    refusal,
)

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
LOGIN = AccessSettings(login=True)
AUTH = {"auth": {"client_id": "iop"}}


def person(*roles: Role, subject: str = "s-1") -> Identity:
    return Identity(name="Dana", email="dana@kommun.se", subject=subject, roles=frozenset(roles), verified=True)


def claims(**extra: object) -> dict[str, object]:
    return {"is_logged_in": True, "name": "Dana Dahl", "email": "dana@kommun.se", "sub": "abc",
            "iat": NOW.timestamp() - 60, "exp": NOW.timestamp() + 3000, **extra}


# --- the permission table -------------------------------------------------------------------------

AFTER_DECISION = {Action.record_agreement, Action.record_follow_up, Action.link_cases}


@pytest.mark.parametrize(("role", "allowed"), [
    (Role.reader, {Action.read_case, Action.export_case}),
    (Role.case_officer, {Action.read_case, Action.export_case, Action.create_case, Action.edit_draft,
                         Action.import_self_check, Action.copy_case, Action.archive_case, Action.mark_assessed,
                         Action.run_workshop, *AFTER_DECISION}),
    (Role.reviewer, {Action.read_case, Action.export_case, Action.review, Action.reopen, Action.run_workshop,
                     *AFTER_DECISION}),
    (Role.decision_maker, {Action.read_case, Action.export_case, Action.register_decision, Action.reopen,
                           Action.archive_case, Action.run_workshop, *AFTER_DECISION}),
    (Role.administrator, {Action.view_audit_log, Action.view_settings}),
])
def test_each_role_allows_exactly_what_the_readme_table_says(role: Role, allowed: set[Action]) -> None:
    assert {a for a in Action if may(person(role), a, LOGIN)} == allowed


def test_an_administrator_reads_no_case_unless_the_setting_says_so_and_never_changes_one() -> None:
    admin = person(Role.administrator)
    assert not may(admin, Action.read_case, LOGIN)
    reading = AccessSettings(login=True, administrator_reads_cases=True)
    assert may(admin, Action.read_case, reading) and may(admin, Action.export_case, reading)
    assert not may(admin, Action.edit_draft, reading)


def test_every_action_is_in_the_table() -> None:
    assert set(PERMISSIONS) == set(Action)


def test_with_login_a_typed_name_or_nobody_may_nothing() -> None:
    typed = local_identity("Dana")
    assert typed is not None and typed.roles == ALL_ROLES
    assert not any(may(typed, a, LOGIN) for a in Action)
    assert not any(may(None, a, LOGIN) for a in Action)
    assert refusal(None, Action.read_case, LOGIN) == "Logga in med kommunens inloggning för att läsa ärenden."


def test_without_login_the_person_at_the_machine_has_every_role_once_named() -> None:
    assert local_identity("   ") is None
    dana = local_identity("  Dana   Dahl ")
    assert dana is not None and dana.name == "Dana Dahl"
    assert all(may(dana, a, AccessSettings()) for a in Action)
    assert "Skriv ditt namn" in refusal(None, Action.edit_draft, AccessSettings())
    # Before a name is given the person may read (nothing is written that would need the name).
    assert {a for a in Action if may(None, a, AccessSettings())} == {
        Action.read_case, Action.export_case, Action.run_workshop, Action.view_audit_log, Action.view_settings}


def test_a_refusal_names_the_role_that_would_help_and_the_role_the_person_has() -> None:
    text = refusal(person(Role.reader), Action.register_decision, LOGIN)
    assert "rollen läsare" in text and "behövs rollen beslutsfattare" in text
    nobody = refusal(person(), Action.read_case, LOGIN)
    assert "har ingen roll i IOP-stöd" in nobody
    assert "behövs rollen handläggare, granskare, beslutsfattare eller läsare" in nobody


def test_the_acting_role_is_the_one_that_allows_the_action() -> None:
    both = person(Role.reader, Role.decision_maker)
    assert acting_role(both, Action.register_decision, LOGIN) is Role.decision_maker
    assert acting_role(person(Role.case_officer, Role.reader), Action.read_case, LOGIN) is Role.case_officer
    assert acting_role(person(Role.reader), Action.edit_draft, LOGIN) is None


# --- settings -------------------------------------------------------------------------------------

def test_settings_read_roles_claims_and_rules() -> None:
    settings = AccessSettings.from_settings({**AUTH, "iop": {
        "roles": {"handlaggare": ["IOP.Handlaggare", "8f1c5a5e-0000-4000-8000-000000000001"],
                  "beslutsfattare": "IOP.Beslut"},
        "groups_claim": "grupper", "max_session_hours": 2, "four_eyes": True, "audit_retention_days": 90}})
    assert settings.login and settings.four_eyes and settings.max_session_hours == 2
    assert settings.role_names[Role.case_officer] == ("IOP.Handlaggare", "8f1c5a5e-0000-4000-8000-000000000001")
    assert settings.role_names[Role.decision_maker] == ("IOP.Beslut",)
    assert settings.role_names[Role.reader] == ()  # a mapping given replaces the defaults
    assert settings.groups_claim == "grupper" and settings.audit_retention_days == 90


def test_without_a_mapping_roles_are_named_like_themselves() -> None:
    assert AccessSettings.from_settings(AUTH).role_names[Role.reviewer] == ("granskare",)


@pytest.mark.parametrize(("section", "words"), [
    ({"roles": {"handläggare": ["x"]}}, "okänd roll: handläggare"),
    ({"roles": {"lasare": [3]}}, "lasare ska vara en lista"),
    ({"roles": ["lasare"]}, "[iop.roles] ska vara en tabell"),
    ({"max_session_hours": 0}, "max_session_hours"),
    ({"four_eyes": "ja"}, "four_eyes"),
    ({"network": "intranät"}, "network = 'intranät' känns inte igen"),
    ({"allowed_groups": ["iop"]}, "allowed_groups under [iop] används inte längre"),
])
def test_a_setting_that_cannot_be_used_is_refused_in_swedish_naming_it(section: dict[str, object], words: str) -> None:
    with pytest.raises(AccessConfigError) as caught:
        AccessSettings.from_settings({**AUTH, "iop": section})
    assert words in str(caught.value)


def test_the_network_comes_from_the_settings_or_the_environment() -> None:
    assert AccessSettings.from_settings({}).network is Network.loopback
    assert AccessSettings.from_settings({"iop": {"network": "Workshop"}}).network is Network.workshop
    assert AccessSettings.from_settings({"iop": {"network": "workshop"}}, {"IOP_NETWORK": "oppen"}).network \
        is Network.open


# --- identities from claims -------------------------------------------------------------------------

def test_roles_come_from_the_roles_claim_and_from_groups_by_name_or_object_id() -> None:
    settings = AccessSettings(login=True, role_names={
        Role.reader: ("iop-lasare",), Role.case_officer: ("IOP.Handlaggare",),
        Role.decision_maker: ("5b8e0c2a-1111-4222-8333-444455556666",)})
    state = identity_from_claims(claims(roles=["iop.handlaggare"],
                                        groups=["5B8E0C2A-1111-4222-8333-444455556666", "annat"]), settings, NOW)
    assert state.identity is not None and not state.problem
    assert state.identity.roles == {Role.case_officer, Role.decision_maker}
    assert state.identity.verified and state.identity.label == "Dana Dahl <dana@kommun.se>"


def test_the_subject_is_entras_object_id_when_there_is_one() -> None:
    state = identity_from_claims(claims(oid="0000-oid", roles=["lasare"]), LOGIN, NOW)
    assert state.identity is not None and state.identity.subject == "0000-oid"
    assert state.identity.key == "id:0000-oid"


def test_a_login_older_than_the_session_limit_is_expired() -> None:
    old = claims(iat=NOW.timestamp() - 9 * 3600, exp=NOW.timestamp() + 100, roles=["lasare"])
    state = identity_from_claims(old, LOGIN, NOW)
    assert state.expired and state.identity is None and state.problem == EXPIRED
    assert not identity_from_claims(old, AccessSettings(login=True, max_session_hours=10), NOW).expired
    no_iat = {k: v for k, v in claims(exp=NOW.timestamp() - 1).items() if k != "iat"}
    assert identity_from_claims(no_iat, LOGIN, NOW).expired


def test_entras_groups_overage_gives_a_message_naming_what_the_administrator_must_change() -> None:
    overage = claims(_claim_names={"groups": "src1"},
                     _claim_sources={"src1": {"endpoint": "https://graph.microsoft.com/v1.0/users/x/getMemberObjects"}})
    assert groups_overage(overage) and groups_overage(claims(hasgroups=True))
    state = identity_from_claims(overage, LOGIN, NOW)
    assert state.identity is not None and not state.identity.roles
    assert "över 200 grupper" in state.problem and "approll" in state.problem
    assert "Grupper som tilldelats programmet" in state.problem
    # An app role still works for a user in too many groups: the overage only matters without a role.
    assert not identity_from_claims({**overage, "roles": ["granskare"]}, LOGIN, NOW).problem


# --- the four-eyes rule ---------------------------------------------------------------------------

def test_four_eyes_the_assessor_may_not_decide_alone_unless_someone_else_reviewed() -> None:
    rule = AccessSettings(login=True, four_eyes=True)
    dana = person(Role.case_officer, Role.decision_maker)
    assert "fyra ögon" in four_eyes_refusal(dana, dana.key, [], rule)
    assert "fyra ögon" in four_eyes_refusal(dana, dana.key, [dana.key], rule)  # reviewing oneself is still alone
    assert four_eyes_refusal(dana, dana.key, ["id:someone-else"], rule) == ""
    assert four_eyes_refusal(dana, "id:someone-else", [], rule) == ""
    assert four_eyes_refusal(dana, dana.key, [], LOGIN) == ""  # the rule is off by default


# --- the network and the gate ---------------------------------------------------------------------

@pytest.mark.parametrize(("address", "headers", "local"), [
    (None, {}, True), ("127.0.0.1", {}, True), ("::1", {}, True), ("192.0.2.7", {}, False),
    (None, {"X-Forwarded-For": "192.0.2.7"}, False), ("127.0.0.1", {"forwarded": "for=192.0.2.7"}, False),
    ("inte-en-adress", {}, False),
    # a proxy on this machine forwarding a browser on this machine (scripts/serve-cluster)
    ("127.0.0.1", {"X-Forwarded-For": "127.0.0.1"}, True), ("127.0.0.1", {"x-forwarded-for": "::1"}, True),
    ("127.0.0.1", {"X-Forwarded-For": "192.0.2.7, 127.0.0.1"}, False),
    # the name the browser asked for: this computer's loopback names, or a page elsewhere whose name was pointed
    # at 127.0.0.1 (DNS rebinding) driving the browser at this machine
    ("127.0.0.1", {"Host": "localhost:8501"}, True), ("127.0.0.1", {"host": "127.0.0.1:8501"}, True),
    ("::1", {"Host": "[::1]:8501"}, True), ("127.0.0.1", {"Host": "LOCALHOST"}, True),
    ("127.0.0.1", {"Host": "iop.localhost:8501"}, True),
    ("127.0.0.1", {"Host": "evil.example:8501"}, False), ("127.0.0.1", {"Host": "127.0.0.1.nip.io:8501"}, False),
    (None, {"host": "evil.example"}, False), ("127.0.0.1", {"Host": "0.0.0.0:8501"}, False),
])
def test_a_client_is_local_only_from_loopback_and_not_through_a_proxy(
        address: str | None, headers: dict[str, str], local: bool) -> None:
    assert is_local_client(address, headers) is local


def test_without_login_only_this_computer_gets_in_unless_the_network_is_opened() -> None:
    closed = AccessSettings()
    assert gate(Area.register, None, closed, local=True).allowed
    assert gate(Area.participant, None, closed, local=False).message == NETWORK_CLOSED
    workshop = AccessSettings(network=Network.workshop)
    assert gate(Area.participant, None, workshop, local=False).allowed
    assert gate(Area.start, None, workshop, local=False).message == NETWORK_WORKSHOP_ONLY
    assert gate(Area.register, None, AccessSettings(network=Network.open), local=False).allowed
    assert gate(Area.public, None, closed, local=False).allowed  # the accessibility statement, from anywhere


def test_with_login_the_self_check_and_the_participant_page_need_no_account_and_the_rest_a_role() -> None:
    for area in (Area.start, Area.participant):
        assert gate(area, None, LOGIN, local=False).allowed
    assert gate(Area.official, None, LOGIN, local=False, organisation_mode=True).allowed
    refused = gate(Area.official, None, LOGIN, local=False)
    assert not refused.allowed and refused.offer_login
    outsider = gate(Area.register, person(), LOGIN, local=True)
    assert not outsider.allowed and not outsider.offer_login and "ingen roll" in outsider.message
    assert outsider.by_role and not gate(Area.participant, None, AccessSettings(), local=False).by_role
    assert gate(Area.register, person(Role.reader), LOGIN, local=False).allowed
    assert not gate(Area.workshop, person(Role.reader), LOGIN, local=False).allowed
    assert gate(Area.workshop, person(Role.reviewer), LOGIN, local=False).allowed
    assert not gate(Area.administration, person(Role.case_officer), LOGIN, local=False).allowed
    assert gate(Area.administration, person(Role.administrator), LOGIN, local=False).allowed


def test_organisation_mode_never_reaches_the_register_whatever_is_configured() -> None:
    for settings in (AccessSettings(), AccessSettings(network=Network.open), LOGIN):
        for area in (Area.register, Area.administration):  # the audit log names cases too
            refused = gate(area, person(*Role), settings, local=True, organisation_mode=True)
            assert not refused.allowed and refused.message == ORGANISATION_NO_REGISTER
