"""Closed by default: where scripts/start listens, what the server log says, and what a clean install needs to log in."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

from app_pages.parts.network_guard import bind_address, startup_note
from iop.records.access import AccessSettings, Network
from tests.helpers import REPO


def test_scripts_start_listens_on_the_network_only_when_login_or_the_setting_opens_it() -> None:
    assert bind_address(AccessSettings()) == "127.0.0.1"
    assert bind_address(None) == "127.0.0.1"  # settings that cannot be used close it
    assert bind_address(AccessSettings(network=Network.workshop)) == "0.0.0.0"
    assert bind_address(AccessSettings(network=Network.open)) == "0.0.0.0"
    assert bind_address(AccessSettings(login=True)) == "0.0.0.0"


def test_scripts_start_asks_the_app_where_to_listen(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "app_pages.parts.network_guard"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    assert subprocess.run(run, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout.strip() \
        == "127.0.0.1"
    opened = subprocess.run(run, cwd=REPO, env={**env, "IOP_NETWORK": "workshop"}, capture_output=True, text=True,
                            check=True)
    assert opened.stdout.strip() == "0.0.0.0"
    assert "network_guard" in (REPO / "scripts" / "start").read_text(encoding="utf-8")


def test_the_server_log_says_when_the_address_is_open_but_the_app_refuses_others() -> None:
    assert startup_note("127.0.0.1", AccessSettings()) == ""
    assert startup_note("0.0.0.0", AccessSettings(login=True)) == ""
    note = startup_note("0.0.0.0", AccessSettings())
    assert "bara anslutningar från den här datorn besvaras" in note and "network" in note


def test_the_project_config_binds_to_loopback() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"


def test_a_clean_install_has_what_st_login_needs() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.replace(" ", "").startswith("streamlit[auth]") for d in project["dependencies"])
    for module in ("authlib.integrations.starlette_client", "httpx"):
        importlib.import_module(module)  # what Streamlit's login routes import; missing, "Logga in" gave an error
