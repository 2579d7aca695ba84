"""Whether a case can be changed, and what to tell someone who wants to change a locked one.

A case in the register is locked once it is bedömd (its assessment is frozen),
granskad, beslutad or arkiverad. The store refuses to save a locked case; the pages
disable every input of a locked case and show ``lock_notice`` instead, so the
page, the register, the YAML file and the decision document cannot drift apart.
Each notice names the one action that makes the case editable again, because
an official who finds a locked case wants to know what to do, not only why.
"""

from __future__ import annotations

from iop.records.record import STATUS_PREDICATE, CaseStatus, is_editable

_WAY_OUT: dict[CaseStatus, str] = {
    CaseStatus.assessed: (
        "Vill du ändra något, välj ”Öppna som utkast igen” under Status och historik. Ärendet blir då ett "
        "utkast i en ny version, och den frysta bedömningen finns kvar i historiken."),
    CaseStatus.reviewed: (
        "Vill du ändra något, välj ”Öppna som utkast igen” under Status och historik. Ärendet blir då ett "
        "utkast i en ny version, och den frysta bedömningen och granskningen finns kvar i historiken."),
    CaseStatus.decided: (
        "Ett beslutat ärende ändras inte. Vill du arbeta vidare med samma uppgifter, välj ”Kopiera som nytt "
        "ärende” under Ärenden; kopian blir ett nytt utkast."),
    CaseStatus.archived: (
        "Vill du arbeta vidare, återställ ärendet under Ärenden (Visa arkiverade ärenden)."),
}

_WHAT_IS_FROZEN: dict[CaseStatus, str] = {
    CaseStatus.assessed: "Svaren och bedömningen är frysta som de var när ärendet markerades som bedömt.",
    CaseStatus.reviewed: "Svaren och bedömningen är frysta som de var när ärendet markerades som bedömt, och "
                         "ärendet är granskat.",
    CaseStatus.decided: "Svaren, bedömningen och beslutet är frysta.",
    CaseStatus.archived: "Svaren visas som de var när ärendet arkiverades.",
}


def is_locked(status: CaseStatus | None) -> bool:
    """Whether the case's inputs must be disabled: a register case that is no longer a draft.

    ``None`` is a case outside the register (not saved yet, or a file): nothing froze it.
    """
    return status is not None and not is_editable(status)


def lock_notice(status: CaseStatus) -> str:
    """What a locked case's pages say above everything else: locked, what is frozen, how to change it.

    Markdown (the status in bold). Raises ValueError for a draft, which is never locked.
    """
    if not is_locked(status):
        raise ValueError(f"ett ärende med status {status.value} är inte låst")
    return (f"Ärendet är **{STATUS_PREDICATE[status]}** och låst: inget på sidorna Ärendet och Kriterierna kan ändras. "
            f"{_WHAT_IS_FROZEN[status]} {_WAY_OUT[status]}")
