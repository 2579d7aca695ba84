"""Who is working, from the settings and the login (iop.records.access): the login state with or without login,
the name a browser remembered, who starts in organisation mode, and who may only read the case in progress."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from iop.records.access import (
    ALL_ROLES,
    EXPIRED,
    NAME_LIMIT,
    OVERAGE,
    AccessSettings,
    Identity,
    LoginState,
    Role,
    login_state,
    only_reads,
    remembered_name,
    starts_as_organisation,
    typed_name,
)

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
LOGIN = AccessSettings(login=True)
LOCAL = AccessSettings()
ISSUED = NOW.timestamp() - 60


def test_with_login_the_identity_comes_from_the_token_and_a_typed_name_counts_for_nothing():
    state = login_state(LOGIN, claims={"name": "Dana", "email": "dana@kommun.se", "iat": ISSUED,
                                       "roles": ["IOP.Handlaggare", "handlaggare"]}, typed="Eve", now=NOW)
    assert state.identity is not None and state.identity.name == "Dana" and state.identity.verified
    assert state.identity.roles == {Role.case_officer}
    assert login_state(LOGIN, claims=None, typed="Eve", now=NOW) == LoginState()


def test_with_login_an_old_login_or_too_many_groups_is_said_in_swedish():
    old = login_state(LOGIN, claims={"name": "Dana", "iat": NOW.timestamp() - 9 * 3600}, typed="", now=NOW)
    assert old.expired and old.problem == EXPIRED and old.identity is None
    crowded = login_state(LOGIN, claims={"name": "Dana", "iat": ISSUED, "_claim_names": {"groups": "src1"}},
                          typed="", now=NOW)
    assert crowded.problem == OVERAGE.format(who="Dana")


def test_without_login_the_typed_name_is_who_works_with_every_role():
    state = login_state(LOCAL, claims={"name": "Ignored", "roles": ["handlaggare"]}, typed="  Anna   Berg ", now=NOW)
    assert state.identity == Identity(name="Anna Berg", roles=ALL_ROLES)
    assert login_state(LOCAL, claims=None, typed="   ", now=NOW).identity is None


def test_a_remembered_name_is_decoded_tidied_and_cut_like_a_typed_one():
    assert remembered_name(quote("Anna  Berg")) == "Anna Berg"
    assert remembered_name(quote("Åsa Öberg")) == "Åsa Öberg"
    assert remembered_name("") == ""
    assert len(remembered_name(quote("x" * 500))) == NAME_LIMIT
    assert typed_name("  Anna \t Berg\n") == "Anna Berg"


def test_with_login_a_visitor_without_a_role_starts_with_the_self_check():
    nobody, outsider = LoginState(), LoginState(identity=Identity(name="Ola", verified=True))
    officer = LoginState(identity=Identity(name="Dana", verified=True, roles=frozenset({Role.case_officer})))
    assert starts_as_organisation(LOGIN, nobody, case_link=False)
    assert starts_as_organisation(LOGIN, outsider, case_link=False)
    assert not starts_as_organisation(LOGIN, officer, case_link=False)
    assert not starts_as_organisation(LOGIN, nobody, case_link=True)  # an official's link to a case
    assert not starts_as_organisation(LOGIN, LoginState(problem=EXPIRED, expired=True), case_link=False)
    assert not starts_as_organisation(LOCAL, nobody, case_link=False)  # without login the person chooses


def test_only_a_logged_in_role_that_may_not_edit_only_reads():
    reader = Identity(name="Lisa", verified=True, roles=frozenset({Role.reader}))
    officer = Identity(name="Dana", verified=True, roles=frozenset({Role.case_officer}))
    assert only_reads(reader, LOGIN, organisation=False, saved=True)
    assert only_reads(reader, LOGIN, organisation=False, saved=False)
    assert not only_reads(officer, LOGIN, organisation=False, saved=True)
    assert only_reads(None, LOGIN, organisation=False, saved=True)
    assert not only_reads(reader, LOGIN, organisation=True, saved=False)  # the self-check is never read-only
    assert not only_reads(None, LOCAL, organisation=False, saved=True)  # without login the name is asked for
