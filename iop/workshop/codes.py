"""Join codes people read off a projector and type on a phone, and the secret tokens.

The code alphabet leaves out every character that is easily misread or mistyped
(0/O, 1/I/L, U/V, and 5/S, 2/Z, 8/B), so a code copied from a wall across a
room is right or plainly wrong. Six characters from 22 give about 113 million
codes: with a handful of workshops alive at once a guess hits one with odds far
below one in a million, and the store refuses a code that is already in use.
Tokens (the participant's identity, the facilitator's key) come from
``secrets`` and are never shown on the projector.
"""

from __future__ import annotations

import io
import re
import secrets
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

from iop.records.access import Network, loopback_name

CODE_ALPHABET = "ACDEFGHJKMNPQRTWXY3467"
CODE_LENGTH = 6
JOIN_PAGE = "delta"
"""The participants' page's url_path in app.py."""
_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``ACD346`` -> ``ACD 346``: two groups of three are easier to read aloud."""
    return f"{code[:3]} {code[3:]}" if len(code) == CODE_LENGTH else code


def normalise_code(typed: str) -> str | None:
    """What the participant typed as a code, or None when it cannot be one.

    Spaces, dashes and lower case are forgiven; a character outside the
    alphabet means a typo, which the page reports rather than guessing.
    """
    cleaned = re.sub(r"[\s\-–.]", "", typed or "").upper()
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        return None
    return cleaned


def new_token() -> str:
    return secrets.token_urlsafe(18)


def is_token(value: str | None) -> bool:
    """Whether a value from the URL is shaped like a token (before it is looked up)."""
    return bool(value) and bool(_TOKEN_PATTERN.match(value or ""))


def join_url(page_url: str, code: str) -> str:
    """The participants' link: the app's address with the join page and the code.

    ``page_url`` is the address the facilitator's browser uses (any page of the
    app); behind a proxy that is also the address participants can reach.
    """
    parts = urlsplit(page_url)
    base_path = parts.path.rsplit("/", 1)[0] if parts.path.count("/") > 1 else ""
    return urlunsplit((parts.scheme, parts.netloc, f"{base_path}/{JOIN_PAGE}", urlencode({"kod": code}), ""))


NO_ADDRESS_FOR_PHONES = (
    "Telefonerna kan inte använda länken: appen är öppnad med datorns eget namn (localhost), och "
    "datorns adress i nätverket gick inte att ta reda på. Öppna appen med datorns adress i nätverket "
    "(t.ex. http://192.168.1.10:8501) och starta workshoppen därifrån, så visas en länk som fungerar."
)
CLOSED_TO_PHONES = (
    "Telefonerna når inte deltagarsidan: appen svarar bara den här datorn. Starta appen med "
    "network = \"workshop\" (se README, En workshop med telefoner) eller med inloggning."
)


def participants_link(page_url: str, code: str, *, network: Network, login: bool,
                      network_host: str | None) -> tuple[str, str | None]:
    """The link phones use to join, and what stops them when nothing can (None: the link works).

    The facilitator usually opens the app on the machine that runs it, by ``localhost``,
    which names each phone itself. When the app is open to the network (the workshop or
    open setting, or login), the link names the machine by its address in the network
    instead (``network_host``, found by the page), with the same scheme, port and path.
    Without login and with the default setting the app answers nobody else, so the link
    is drawn but the page says why phones cannot use it.
    """
    url = join_url(page_url, code)
    if not login and network is Network.loopback:
        return url, CLOSED_TO_PHONES
    parts = urlsplit(url)
    if not loopback_name(parts.netloc):
        return url, None
    if network_host is None or loopback_name(network_host):
        return url, NO_ADDRESS_FOR_PHONES
    host = f"[{network_host}]" if ":" in network_host else network_host
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")), None


def join_qr_png(url: str, scale: int = 10) -> bytes:
    """A QR code for ``url`` as PNG (segno, no image library needed); medium error correction
    so a projected code still reads with some glare."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
