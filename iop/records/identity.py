"""Who is working, and whether they may open the case register.

Two set-ups: with an OpenID Connect provider configured (Streamlit's ``st.login``)
the identity is the provider's and only members of the allowed groups may open
the register; without one (the embedded default for one person or a demo) the
user types a name, which is recorded on every revision but proves nothing, and
the app says so. The rule lives here, free of Streamlit, so it is tested with
injected identities.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    email: str = ""
    groups: tuple[str, ...] = ()
    verified: bool = False
    """True when the identity comes from the identity provider, False for a typed name."""

    @property
    def label(self) -> str:
        """How the identity is written in the history: name, and e-mail when there is one."""
        return f"{self.name} <{self.email}>" if self.email else self.name


class AccessPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    login_configured: bool = False
    allowed_groups: tuple[str, ...] = Field(default=())
    """Groups (from the provider's groups claim) that may open the register; empty: any logged-in user."""


NOT_ACCESS_CONTROLLED = (
    "Ärenderegistret är inte åtkomststyrt: inloggning är inte konfigurerad, så vem som helst som når "
    "verktyget kan läsa och ändra ärendena, och namnet du skriver kontrolleras inte. Använd det "
    "för en person eller en demonstration; se README för hur kommunens inloggning kopplas på."
)


def may_open_register(identity: Identity | None, policy: AccessPolicy) -> bool:
    """The rule: who may open, read and change the case register."""
    if identity is None or not identity.name.strip():
        return False
    if not policy.login_configured:
        return True
    if not identity.verified:
        return False
    return not policy.allowed_groups or bool(set(identity.groups) & set(policy.allowed_groups))


def refusal(identity: Identity | None, policy: AccessPolicy) -> str:
    """Why ``identity`` may not open the register, in Swedish; empty when it may."""
    if may_open_register(identity, policy):
        return ""
    if not policy.login_configured:
        return "Skriv ditt namn i sidofältet för att spara och öppna ärenden; namnet sparas i historiken."
    if identity is None or not identity.verified:
        return "Logga in med kommunens inloggning för att öppna ärenderegistret."
    return (f"Du är inloggad som {identity.label} men ingår inte i någon av grupperna som får öppna "
            f"ärenderegistret ({', '.join(policy.allowed_groups)}). Be din administratör om behörighet.")
