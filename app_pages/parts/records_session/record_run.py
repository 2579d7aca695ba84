"""What one run of the app knows about the register and the person, from before the page to after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app_pages.parts.records_session.register_connection import RegisterState
from iop.records import AccessSettings, Identity, LoginState
from iop.store import CaseDesk


@dataclass
class RecordRun:
    """What before_page found, handed to after_page in the same run."""

    state: RegisterState
    access: AccessSettings
    login: LoginState
    status_slot: Any = field(default=None)
    url_error: str = ""
    waiting_for: str = ""
    """The id of a ``?case=`` link that cannot be opened while the register is out of reach."""

    @property
    def who(self) -> Identity | None:
        return self.login.identity

    def desk(self) -> CaseDesk | None:
        if self.state.register is None or self.state.audit is None:
            return None
        return CaseDesk(self.state.register, self.state.audit, self.who, self.access)
