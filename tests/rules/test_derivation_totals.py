"""The ``necessary``/``should`` totals are the one conjunction, ``weakest``, over the criteria of their kind."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iop.model.three_valued import BY_RANK, weakest
from iop.rules.derivations import necessary_total, should_total

CRITERIA = st.lists(st.tuples(st.sampled_from(sorted(BY_RANK)), st.sampled_from(["necessary", "should"])), max_size=10)


@given(CRITERIA)
def test_each_total_is_the_weakest_rank_of_its_kind_and_met_without_one(criteria):
    ranks = [rank for rank, _ in criteria]
    kinds = [kind for _, kind in criteria]
    assert necessary_total(ranks, kinds) == weakest(r for r, k in criteria if k == "necessary")
    assert should_total(ranks, kinds) == weakest(r for r, k in criteria if k == "should")


def test_ranks_and_kinds_of_different_lengths_are_refused():
    with pytest.raises(ValueError):
        necessary_total([0, 3], ["necessary"])

