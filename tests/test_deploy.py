"""The production configuration under deploy/ is what the README shows and what the test run starts."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from deploy.cluster import APP_UNIT, APP_VARIABLES, HAPROXY_CONFIG, app_arguments, haproxy_binary, self_signed_pem
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DEPLOY = REPO / "deploy"


def _unit_value(unit: Path, key: str) -> str:
    [value] = [line.split("=", 1)[1] for line in unit.read_text(encoding="utf-8").splitlines()
               if line.startswith(f"{key}=")]
    return value


@pytest.mark.parametrize("name", ["haproxy.cfg", "iop-stod.env", "systemd/iop-stod@.service",
                                  "systemd/iop-stod-backup.service", "systemd/iop-stod-backup.timer"])
def test_the_readme_shows_each_production_file_exactly_as_checked_in(name: str) -> None:
    text = (DEPLOY / name).read_text(encoding="utf-8").rstrip()
    assert f"\n{text}\n```" in README, f"README visar inte deploy/{name} som filen står"


def test_the_systemd_unit_runs_the_command_the_test_run_starts() -> None:
    command = shlex.split(_unit_value(APP_UNIT, "ExecStart"))
    assert command[0].endswith("/.venv/bin/streamlit")
    assert command[1:] == app_arguments(8601)[:3] + ["%i"] + app_arguments(8601)[4:]
    assert Path(_unit_value(APP_UNIT, "WorkingDirectory")).name == "iop-stod"


def test_the_environment_file_sets_what_the_test_run_gives_each_process() -> None:
    names = {line.split("=", 1)[0] for line in (DEPLOY / "iop-stod.env").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")}
    assert names == set(APP_VARIABLES)


def test_the_haproxy_environment_example_names_every_variable_the_configuration_reads() -> None:
    config = HAPROXY_CONFIG.read_text(encoding="utf-8")
    read = set(re.findall(r"\$\{(IOP_[A-Z0-9_]+)-", config))
    example = set(re.findall(r"^#(IOP_[A-Z0-9_]+)=", (DEPLOY / "haproxy.env").read_text(encoding="utf-8"), re.M))
    assert read == example == {"IOP_BIND", "IOP_TLS_PEM", "IOP_APP_1", "IOP_APP_2", "IOP_STATS_SOCKET", "IOP_LOG"}


def test_haproxy_accepts_the_configuration_with_its_production_defaults(tmp_path: Path) -> None:
    """Only the certificate path is pointed elsewhere (no certificate at /etc/haproxy here)."""
    env = {"PATH": os.environ.get("PATH", ""), "IOP_TLS_PEM": str(self_signed_pem(tmp_path / "test.pem"))}
    if os.geteuid() != 0:
        env["IOP_HAPROXY_UNPRIVILEGED"] = "1"
    checked = subprocess.run([haproxy_binary(), "-c", "-f", str(HAPROXY_CONFIG)], env=env, capture_output=True,
                             text=True, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_backup_unit_runs_the_checked_in_backup_script_nightly() -> None:
    backup = DEPLOY / "systemd" / "iop-stod-backup.service"
    script = _unit_value(backup, "ExecStart")
    assert script.startswith("/opt/iop-stod/") and (REPO / script.removeprefix("/opt/iop-stod/")).is_file()
    assert os.access(REPO / script.removeprefix("/opt/iop-stod/"), os.X_OK)
    assert _unit_value(DEPLOY / "systemd" / "iop-stod-backup.timer", "OnCalendar") == "*-*-* 02:30:00"


def test_the_test_run_installs_haproxy_and_postgresql() -> None:
    assert "bash scripts/cluster-system-packages" in (REPO / "scripts" / "test").read_text(encoding="utf-8")
    assert "bash scripts/cluster-system-packages" in (REPO / "scripts" / "serve-cluster").read_text(encoding="utf-8")
    packages = (REPO / "scripts" / "cluster-system-packages").read_text(encoding="utf-8")
    assert "needed+=(haproxy)" in packages and "needed+=(postgresql)" in packages
