"""Shared fixtures' building blocks for the domain tests."""

from __future__ import annotations

from pathlib import Path

from iop.model.case import Case

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "cases"

IOP_LIKE_ANSWERS: dict[str, str] = {
    "initiative": "organisation",
    "political_programme": "names_and_covers",
    "normed_grant_fit": "does_not_fit",
    "companies_offer": "no",
    "procured_before": "no",
    "organisation_profit": "no",
    "co_financing": "both",
    "detail_regulation": "no",
    "long_duration": "yes",
    "local_development": "yes",
    "independent_actor": "yes",
    "common_need": "yes",
    "joint_governance": "yes",
    "joint_follow_up": "yes",
    "need_defined_by": "organisation",
    "payment_basis": "contribution",
    "binding_obligations": "no",
    "sanctions": "no",
    "direct_economic_interest": "no",
    "general_interest": "yes",
    "equal_treatment": "yes",
    "business_support": "no",
    "economic_activity": "no",
}
"""A case that meets every criterion of every set and passes every gate."""


def make_case(**answers: str) -> Case:
    """An IOP-like case with some answers replaced (``vet_ej`` makes one unknown)."""
    merged = {**IOP_LIKE_ANSWERS, **answers}
    return Case(title="Testärende", date="2026-06-01", answers=merged)  # type: ignore[arg-type]
