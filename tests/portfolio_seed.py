"""A small register for the page tests, written through the register's own API as the app writes it.

    Läxhjälp 2023   bidrag (verksamhetsbidrag), Socialnämnden, agreement with a follow-up long overdue
    Läxhjälp 2025   IOP, continues Läxhjälp 2023 (a move bidrag → IOP), Socialnämnden
    Kulturhuset     IOP recommended, decided as bidrag with a reason, Kulturnämnden
    Mötesplatsen    a draft that cannot be decided yet (a market is unknown), Socialnämnden
    Kopia av …      a copy of Läxhjälp 2023, a draft
"""

from __future__ import annotations

import datetime as dt

from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.portfolio import today
from iop.records import AssessmentSnapshot, CaseStatus, Decision
from iop.records.agreement import Agreement, Contact
from iop.store import CaseRegister, PortfolioStore
from tests.helpers import make_case

AUTHOR = "Anna Andersson"


def _case(title: str, committee: str, money: int | None, **answers: str) -> Case:
    case = make_case(**answers).model_copy(update={"title": title, "diarienummer": f"SN {title[:3].upper()}"})
    case.public_party.committee = committee
    case.public_party.contribution.money_sek_per_year = money
    case.organisation.name = "Läxhjälpen i Gottsunda"
    case.organisation.org_number = "802001-1234"
    case.activity.area = "Gottsunda"
    case.activity.target_group = "Elever i årskurs 4–9"
    return case


def _decide(register: CaseRegister, engine: Engine, case: Case, decision: str, day: dt.date,
            reason: str = "") -> str:
    stored = register.create_case(case, AUTHOR)
    snapshot = AssessmentSnapshot.of(engine.assess(stored.case))
    register.change_status(stored.id, CaseStatus.assessed, stored.revision, AUTHOR, snapshot=snapshot)
    made = Decision(decision=decision, body="Socialnämnden", date=day, paragraph="§ 12",  # type: ignore[arg-type]
                    recommendation=snapshot.recommendation, deviation_reason=reason)
    register.change_status(stored.id, CaseStatus.decided, stored.revision + 1, AUTHOR, decision=made)
    return stored.id


def seed(register: CaseRegister, engine: Engine) -> dict[str, str]:
    """The register above; returns title -> case id."""
    store = PortfolioStore(register)
    now = today()
    ids: dict[str, str] = {}
    ids["Läxhjälp 2023"] = _decide(register, engine, _case("Läxhjälp 2023", "Socialnämnden", 200_000,
                                                           normed_grant_fit="fits"),
                                   "bidrag", dt.date(2023, 3, 1))
    store.save_agreement(ids["Läxhjälp 2023"], Agreement(
        start=now - dt.timedelta(days=500), end=now + dt.timedelta(days=400), notice_months=3, follow_up_months=12,
        evaluation_months_before_end=6, contacts=(Contact(name="Karin Lind", party="kommun"),)), AUTHOR)
    ids["Läxhjälp 2025"] = _decide(register, engine, _case("Läxhjälp 2025", "Socialnämnden", 350_000), "iop",
                                   dt.date(2025, 2, 1))
    store.link(ids["Läxhjälp 2023"], ids["Läxhjälp 2025"], AUTHOR)
    ids["Kulturhuset"] = _decide(register, engine, _case("Kulturhuset", "Kulturnämnden", 500_000), "bidrag",
                                 dt.date(2024, 5, 1), reason="Ett vanligt bidrag räcker för verksamheten")
    ids["Mötesplatsen"] = register.create_case(_case("Mötesplatsen", "Socialnämnden", None, companies_offer="vet_ej",
                                                     procured_before="vet_ej"), AUTHOR).id
    ids["Kopia"] = register.copy_case(ids["Läxhjälp 2023"], AUTHOR).id
    return ids
