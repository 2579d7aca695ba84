"""What the record knows about a case besides its facts: status, assessor, decision.

The decision document prints these, but nothing stores them yet. The CLI and
the Export page fill a ``RecordMeta`` with what they know (today: when the
document was made, and on the command line who assessed it). The records store
(a later issue) is meant to build one from a stored case, e.g.
``RecordMeta(status=stored.status, assessed_by=stored.assessed_by, ...)``,
and pass it to ``decision_outline``; the document needs no other change.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Status = Literal["utkast", "bedomd", "beslutad"]

STATUS_LABEL: dict[str, str] = {"utkast": "Utkast", "bedomd": "Bedömd", "beslutad": "Beslutad"}


class RecordMeta(BaseModel):
    """Status, who assessed and when, and (once decided) the decision."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = "utkast"
    assessed_by: str = ""
    assessed_at: dt.datetime | None = None
    decision: str = ""
    """The decision as the committee worded it; only printed once the status is beslutad."""
    decided_by: str = ""
    decided_at: dt.date | None = None
    stored_id: str | None = Field(default=None)
    """The records store's id for the case, when the document was made from a stored case."""

    @model_validator(mode="after")
    def _decision_needs_decided_status(self) -> RecordMeta:
        if (self.decision or self.decided_at) and self.status != "beslutad":
            raise ValueError("ett beslut kan bara anges när status är beslutad")
        return self
