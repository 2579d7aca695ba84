"""This machine as the network sees it: the address phones in the same room can reach it by."""

from __future__ import annotations

import socket


def network_host() -> str | None:
    """This machine's IPv4 address on the network it routes through, or None when it has none.

    Connecting a UDP socket sends nothing; it only makes the system pick the interface
    it would route through (192.0.2.1 is a documentation address, never a real host).
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
    except OSError:
        return None
