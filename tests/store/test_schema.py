"""The schema version a current register reports, and opening one without Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import text

from iop.store import head_revision, open_register
from iop.store.schema import HEAD_REVISION, alembic_config

REPO = Path(__file__).resolve().parents[2]


def test_the_written_out_head_is_alembics_head() -> None:
    # A new migration that forgets HEAD_REVISION would leave every register "behind" and migrate on each start.
    assert HEAD_REVISION == head_revision()


def _open_in_a_new_process(url: str) -> str:
    program = ("import sys\nfrom iop.store import open_register\nopen_register(sys.argv[1]).dispose()\n"
               "print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", program, url], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.strip()


def test_a_current_register_opens_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    assert _open_in_a_new_process(url) == "True"  # a new register is created by the migrations
    assert _open_in_a_new_process(url) == "False"  # at the head: nothing to migrate, Alembic never loaded


def test_a_register_behind_the_head_is_still_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    open_register(url).dispose()
    engine = open_register(url)
    with engine.begin() as connection:  # as if the version before the newest migration had written it
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() != HEAD_REVISION
    engine.dispose()
    engine = open_register(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
    engine.dispose()
