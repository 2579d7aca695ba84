"""The app's writes in a process of its own, for the backup tests: run as a script.

    python tests/store/backup_writer.py URL FOLDER

Phase one writes cases with and without the workshop (autosaves in a sitting, a
status change, a workshop whose conclusions go into its case), then writes
FOLDER/ready and stays running with its connections open, as the app does.
When FOLDER/write appears it saves continuously until FOLDER/stop appears, and
writes the number of confirmed saves to FOLDER/confirmed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from iop.engine.evaluation import Engine
from iop.model.case import Answer, Case
from iop.records.record import AssessmentSnapshot, CaseStatus
from iop.rules.rulebook import load_rulebook
from iop.store import open_register
from iop.store.records import CaseRegister
from iop.store.workshop_store import WorkshopStore
from iop.workshop.live import Phase
from iop.workshop.statements import statements_from_case


def main(url: str, folder: Path) -> None:
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    database = open_register(url)
    register = CaseRegister(database, lambda case: engine.assess(case, explain_changes=False).recommendation,
                            rulebook.questions)
    store = WorkshopStore(database, register=register)
    ids = []
    for number in range(1, 4):  # cases without the workshop
        stored = register.create_case(Case(title=f"Ärende {number}", diarienummer=f"KS 2026/{number}"), "Anna")
        for step in range(1, 6):
            case = stored.case.model_copy(update={"activity": stored.case.activity.model_copy(
                update={"description": f"Beskrivning {step}"})})
            stored = register.save_case(stored.id, case, stored.revision, "Anna", sitting=f"flik-{number}")
        if number == 2:
            stored = register.change_status(stored.id, CaseStatus.assessed, stored.revision, "Bo",
                                            snapshot=AssessmentSnapshot.of(engine.assess(stored.case)))
        ids.append(stored.id)
    for number in range(4, 6):  # cases with the workshop: its conclusions become revisions of the case
        stored = register.create_case(Case(title=f"Workshopärende {number}"), "Cecilia")
        workshop, _key = store.create(f"Workshop om ärende {number}", statements_from_case(stored.case, rulebook),
                                      case_id=stored.id, criteria_set=stored.case.criteria_set)
        tokens = [store.join(workshop.id, f"Deltagare {i}").token for i in range(4)]
        for statement in workshop.statements[:2]:
            store.set_active(workshop.id, statement.id)
            for i, token in enumerate(tokens):
                store.submit(token, statement.id, (i % 5) + 1, f"Kommentar {i}")
            store.move(workshop.id, statement.id, Phase.revealed)
            question = statement.question_ids[0]
            option = next(iter(rulebook.questions.questions[question].options))
            store.record_conclusion(workshop.id, statement.id, {question: option}, "Gruppen var enig",
                                    author=f"Cecilia (workshop {workshop.number})")
        ids.append(stored.id)
    (folder / "ready").write_text("\n".join(ids), encoding="utf-8")
    while not (folder / "write").exists():
        time.sleep(0.02)
    confirmed = 0
    stored = register.load_case(ids[0])
    while not (folder / "stop").exists():
        answer = Answer(value="organisation", reasoning=f"Sparning {confirmed + 1}")
        case = stored.case.model_copy(update={"answers": {"initiative": answer}})
        stored = register.save_case(stored.id, case, stored.revision, "Dag")
        confirmed += 1
    (folder / "confirmed").write_text(str(confirmed), encoding="utf-8")
    store.close()
    database.dispose()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
