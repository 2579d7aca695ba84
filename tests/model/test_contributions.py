"""What a party puts in: ``Contribution.contributes`` reads amounts and in-kind text exactly as documented."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iop.model.case import Contribution
from iop.rules.derivations import co_financing_from_contributions
from tests.helpers import make_case

AMOUNTS = st.one_of(st.none(), st.just(0), st.integers(min_value=1, max_value=10**6))
TEXTS = st.sampled_from(["", " ", "\n\t", "Lokal", " två timmar "])


@given(money=AMOUNTS, hours=AMOUNTS, premises=TEXTS, staff=TEXTS, material=TEXTS, other=TEXTS)
def test_anything_put_in_contributes_only_zeros_do_not_and_nothing_known_is_unknown(
        money, hours, premises, staff, material, other):
    contribution = Contribution(money_sek_per_year=money, volunteer_hours_per_year=hours, premises=premises,
                                staff=staff, material=material, other=other)
    in_kind = any(text.strip() for text in (premises, staff, material, other))
    if in_kind or money or hours:
        assert contribution.contributes() is True
    elif money == 0 or hours == 0:
        assert contribution.contributes() is False
    else:
        assert contribution.contributes() is None


def test_co_financing_reads_both_parties_contributions():
    case = make_case()
    case.public_party.contribution = Contribution(money_sek_per_year=100_000)
    case.organisation.contribution = Contribution(staff="  ")
    assert co_financing_from_contributions(case) is None
    case.organisation.contribution = Contribution(volunteer_hours_per_year=0)
    assert co_financing_from_contributions(case) == "public_only"
    case.organisation.contribution = Contribution(premises="Föreningens lokal")
    assert co_financing_from_contributions(case) == "both"
    case.public_party.contribution = Contribution(money_sek_per_year=0)
    assert co_financing_from_contributions(case) == "organisation_only"
