"""The participants' link: an address a phone in the room can open, or the reason it cannot."""

from __future__ import annotations

import pytest

from iop.records import Network
from iop.workshop import participants_link
from iop.workshop.codes import CLOSED_TO_PHONES, NO_ADDRESS_FOR_PHONES


@pytest.mark.parametrize("page", ["http://localhost:8501/workshop?leda=x", "http://127.0.0.1:8501/workshop",
                                  "http://[::1]:8501/workshop"])
def test_a_facilitator_on_localhost_gets_a_link_with_the_machines_network_address(page: str) -> None:
    url, problem = participants_link(page, "ACD346", network=Network.workshop, login=False,
                                     network_host="192.168.1.10")
    assert (url, problem) == ("http://192.168.1.10:8501/delta?kod=ACD346", None)


def test_an_ipv6_network_address_is_bracketed() -> None:
    url, _ = participants_link("http://localhost:8501/workshop", "ACD346", network=Network.open, login=False,
                               network_host="fd00::10")
    assert url == "http://[fd00::10]:8501/delta?kod=ACD346"


def test_an_address_phones_can_already_reach_is_kept_with_its_path() -> None:
    page = "https://iop.kommun.se/verktyg/workshop?leda=x"
    url, problem = participants_link(page, "ACD346", network=Network.loopback, login=True, network_host="10.0.0.5")
    assert (url, problem) == ("https://iop.kommun.se/verktyg/delta?kod=ACD346", None)


def test_login_on_localhost_also_names_the_network_address() -> None:
    url, problem = participants_link("http://localhost:8501/workshop", "ACD346", network=Network.loopback,
                                     login=True, network_host="10.0.0.5")
    assert (url, problem) == ("http://10.0.0.5:8501/delta?kod=ACD346", None)


def test_without_a_network_address_the_page_says_what_to_do() -> None:
    for host in (None, "127.0.1.1"):
        url, problem = participants_link("http://localhost:8501/workshop", "ACD346", network=Network.workshop,
                                         login=False, network_host=host)
        assert url == "http://localhost:8501/delta?kod=ACD346" and problem == NO_ADDRESS_FOR_PHONES


def test_closed_to_the_network_the_page_says_phones_cannot_join() -> None:
    _, problem = participants_link("http://localhost:8501/workshop", "ACD346", network=Network.loopback,
                                   login=False, network_host="192.168.1.10")
    assert problem == CLOSED_TO_PHONES


def test_this_machine_has_a_network_address_or_none_never_loopback() -> None:
    from iop.io import network_host

    host = network_host()
    assert host is None or not host.startswith("127.")
