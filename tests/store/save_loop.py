"""Saves without end, for the kill-during-save test: run as a script.

    python tests/store/save_loop.py URL CASE_ID...

Each save puts a marker (``runde-N``) in the case's reasoning and, once
``save_case`` has returned (the transaction is committed), prints
``case_id revision marker`` on a line of its own, flushed: a confirmed save. The
test kills this process with SIGKILL at a random moment, in or between saves.
"""

from __future__ import annotations

import sys

from iop.model.case import Answer
from iop.store import open_register
from iop.store.records import CaseRegister


def main(url: str, case_ids: list[str]) -> None:
    register = CaseRegister(open_register(url))
    heads = {case_id: register.load_case(case_id) for case_id in case_ids}
    number = 0
    while True:
        for case_id in case_ids:
            number += 1
            stored = heads[case_id]
            marker = f"runde-{number}"
            case = stored.case.model_copy(update={"answers": {"initiative": Answer(value="organisation",
                                                                                   reasoning=marker)}})
            heads[case_id] = register.save_case(case_id, case, stored.revision, "Dödad")
            sys.stdout.write(f"{case_id} {heads[case_id].revision} {marker}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
