"""The live workshop's shared state in the register's database.

Everything a workshop knows lives here, not in a Streamlit process, so several
app processes behind one address (and a facilitator who closes the tab and comes
back) see the same workshop. Every write is one transaction.

Concurrency: an answer is written first and the statement's phase is read after,
in the same transaction. On SQLite the write takes the database's write lock, so
the phase read is the newest; on PostgreSQL the phase is read ``FOR SHARE``, so a
facilitator's close waits for answers in flight and no answer lands on a closed
statement. A double submit (two clicks, two tabs) updates the participant's one
answer row: the unique key makes it impossible to count a person twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from iop.model.case import LIMITS, Answer, Case, stored_case
from iop.records.record import CaseStatus
from iop.store.database import reader_engine, session_factory, transaction
from iop.store.desk import CaseDesk
from iop.store.errors import StoreDamaged, StoreError, StoreUnavailable
from iop.store.faults import DAMAGED, Fault, classify, translate
from iop.store.records import CaseRegister
from iop.store.workshop_tables import (
    WorkshopAnswerRow,
    WorkshopConclusionRow,
    WorkshopParticipantRow,
    WorkshopRow,
)
from iop.workshop.codes import is_token, new_code, new_token
from iop.workshop.facilitation import takes_conclusions
from iop.workshop.live import (
    JOIN_WINDOW,
    MAX_COMMENT_LENGTH,
    MAX_NAME_LENGTH,
    WORKSHOP_LIFETIME,
    AnonymousAnswer,
    Conclusion,
    GivenAnswer,
    Participant,
    Phase,
    Workshop,
    WorkshopError,
    check_move,
    history_note,
    join_refusal,
    not_for_conclusions,
)
from iop.workshop.results import CHOICES
from iop.workshop.statements import Statement

Clock = Callable[[], dt.datetime]
T = TypeVar("T")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def browser_key(browser: str | None) -> str | None:
    """What is stored for a browser id: its hash, so the database never holds the cookie itself."""
    if not browser or not is_token(browser):
        return None
    return hashlib.sha256(browser.encode("ascii")).hexdigest()


BUSY = ("Workshopdatabasen är upptagen eller går inte att nå just nu, så det sparades inte. "
        "Försök igen om en stund; det du har valt finns kvar.")
WRITE_ATTEMPTS = 3
"""A write that meets a locked SQLite file (a burst of answers) is tried again before giving up."""


@contextmanager
def _translated(what: str = "Workshoppen") -> Iterator[None]:
    """Database faults become one Swedish message that says what is true; the store's own refusals pass."""
    try:
        yield
    except (StoreError, WorkshopError):
        raise
    except (DBAPIError, SQLAlchemyError) as exc:
        if classify(exc) in (Fault.busy, Fault.unreachable):
            raise StoreUnavailable(BUSY, detail=str(getattr(exc, "orig", None) or exc)) from exc
        raise translate(exc, what) from exc


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes even for timezone=True columns; everything stored is UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class WorkshopStore:
    """Create, run and read workshops; every method is safe to call from any process."""

    def __init__(self, engine: Engine, clock: Clock = utcnow, register: CaseRegister | None = None) -> None:
        self.engine = engine
        self.sessions = session_factory(engine)
        self.clock = clock
        self.register = register or CaseRegister(engine)
        """The case register the conclusions go into (pass one with the app's recommender)."""
        self.reader = reader_engine(engine)
        self.reads: sessionmaker[Session] = session_factory(self.reader)

    def close(self) -> None:
        """Release the reader's connections (the shared engine belongs to whoever made it)."""
        if self.reader is not self.engine:
            self.reader.dispose()

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with _translated(), self.reads() as session:
            yield session

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction; none at all once the register has been found damaged."""
        if self.register.damaged:
            raise StoreDamaged(DAMAGED)
        try:
            with _translated(), transaction(self.sessions) as session:
                yield session
        except StoreDamaged:
            self.register.damaged = True
            raise

    def _retry(self, write: Callable[[], T]) -> T:
        """Run a write, again if SQLite said the file was locked (a burst of answers)."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                return write()
            except StoreUnavailable as exc:
                locked = isinstance(exc.__cause__, OperationalError) and "locked" in str(exc.__cause__)
                if not locked or attempt == WRITE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    # --- the facilitator -------------------------------------------------------------

    def create(self, title: str, statements: Sequence[Statement], *, case_id: str | None = None,
               criteria_set: str | None = None) -> tuple[Workshop, str]:
        """A new workshop and the facilitator's secret key (which goes in the facilitator's URL)."""
        if not statements:
            raise WorkshopError("En workshop behöver minst ett påstående.")
        ids = [s.id for s in statements]
        if len(set(ids)) != len(ids):
            raise WorkshopError("Två påståenden har samma id; skapa listan på nytt.")
        title = title.strip() or "Workshop"
        if case_id is not None:
            stored = self.register.load_case(case_id)  # CaseNotFound, in Swedish, for a case that is gone
            if not takes_conclusions(stored.status):
                # Refused at the start, not when the first conclusion is recorded: the room would discuss for
                # nothing. The page offers a copy, or a workshop from the case that records into no case.
                raise WorkshopError(not_for_conclusions(stored.status))
        now = self.clock()
        if self.register.damaged:
            raise StoreDamaged(DAMAGED)
        with _translated():
            return self._create(title, statements, case_id, criteria_set, now)

    def _create(self, title: str, statements: Sequence[Statement], case_id: str | None,
                criteria_set: str | None, now: dt.datetime) -> tuple[Workshop, str]:
        for _attempt in range(20):  # a code collision is rare; try another code
            key = new_token()
            try:
                with transaction(self.sessions) as session:
                    row = WorkshopRow(
                        code=new_code(), facilitator_key=key, title=title[:300], created_at=now,
                        expires_at=now + WORKSHOP_LIFETIME, case_id=case_id, criteria_set=criteria_set,
                        statements={"items": [s.model_dump(mode="json") for s in statements]},
                        phases={s.id: Phase.waiting.value for s in statements},
                    )
                    session.add(row)
                    session.flush()
                    return _workshop(row), key
            except IntegrityError:
                continue
        raise WorkshopError("Ingen ledig kod hittades; försök igen.")

    def by_facilitator_key(self, key: str) -> tuple[Workshop, str] | None:
        with self._reading() as session:
            row = session.scalars(select(WorkshopRow).where(WorkshopRow.facilitator_key == key)).first()
            return None if row is None else (_workshop(row), row.facilitator_key)

    def ongoing(self) -> list[tuple[Workshop, str]]:
        """Workshops not ended and not expired, newest first, with their facilitator keys."""
        with self._reading() as session:
            rows = session.scalars(select(WorkshopRow).where(WorkshopRow.ended_at.is_(None))
                                   .order_by(WorkshopRow.id.desc())).all()
            now = self.clock()
            return [(w, r.facilitator_key) for r in rows if (w := _workshop(r)).joinable(now)]

    def set_active(self, workshop_id: int, statement_id: str) -> Workshop:
        """Show ``statement_id`` on the phones; a waiting statement opens for answers at once."""
        with self._writing() as session:
            row = self._row(session, workshop_id, lock=True)
            phases = dict(row.phases)
            if statement_id not in phases:
                raise WorkshopError("Påståendet finns inte i workshoppen.")
            if phases[statement_id] == Phase.waiting.value:
                phases[statement_id] = Phase.open.value
            row.phases = phases
            row.active = statement_id
            return _workshop(row)

    def move(self, workshop_id: int, statement_id: str, target: Phase) -> Workshop:
        with self._writing() as session:
            row = self._row(session, workshop_id, lock=True)
            phases = dict(row.phases)
            if statement_id not in phases:
                raise WorkshopError("Påståendet finns inte i workshoppen.")
            check_move(Phase(phases[statement_id]), target)
            phases[statement_id] = target.value
            row.phases = phases
            return _workshop(row)

    def end(self, workshop_id: int) -> Workshop:
        """Stop the code working; answers and conclusions stay for export."""
        with self._writing() as session:
            row = self._row(session, workshop_id, lock=True)
            if row.ended_at is None:
                row.ended_at = self.clock()
                row.phases = {sid: (Phase.closed.value if p == Phase.open.value else p)
                              for sid, p in row.phases.items()}
            return _workshop(row)

    # --- participants ----------------------------------------------------------------

    def by_code(self, code: str) -> Workshop | None:
        with self._reading() as session:
            row = session.scalars(select(WorkshopRow).where(WorkshopRow.code == code)).first()
            return None if row is None else _workshop(row)

    def get(self, workshop_id: int) -> Workshop:
        with self._reading() as session:
            return _workshop(self._row(session, workshop_id))

    def join(self, workshop_id: int, display_name: str = "", browser: str | None = None) -> Participant:
        """A participant for this workshop, or the one this browser already is.

        ``browser`` is the browser's own random id (a cookie the participant page sets): a
        browser that joined before gets its participant back, with its answers, so one browser
        answers each statement once however often it joins. New participants are limited per
        workshop and minute (``join_refusal``), so a script cannot stuff the barometer.
        """
        return self._retry(lambda: self._join(workshop_id, display_name, browser_key(browser)))

    def _join(self, workshop_id: int, display_name: str, browser: str | None) -> Participant:
        name = " ".join(display_name.split())[:MAX_NAME_LENGTH]
        now = self.clock()
        with self._writing() as session:
            workshop = _workshop(self._row(session, workshop_id, lock=True))
            reason = workshop.closed_reason(now)
            if reason:
                raise WorkshopError(reason)
            if browser is not None:
                known = session.scalars(select(WorkshopParticipantRow).where(
                    WorkshopParticipantRow.workshop_id == workshop_id,
                    WorkshopParticipantRow.browser == browser)).first()
                if known is not None:
                    return _participant(known)
            counted = select(func.count()).select_from(WorkshopParticipantRow).where(
                WorkshopParticipantRow.workshop_id == workshop_id)
            recent = session.scalar(counted.where(WorkshopParticipantRow.joined_at >= now - JOIN_WINDOW)) or 0
            refused = join_refusal(recent, session.scalar(counted) or 0)
            if refused:
                raise WorkshopError(refused)
            row = WorkshopParticipantRow(token=new_token(), workshop_id=workshop_id, display_name=name,
                                         joined_at=now, browser=browser)
            session.add(row)
            session.flush()
            return _participant(row)

    def browser_participant(self, workshop_id: int, browser: str | None) -> Participant | None:
        """The participant this browser already is in the workshop, if it has joined."""
        key = browser_key(browser)
        if key is None:
            return None
        with self._reading() as session:
            row = session.scalars(select(WorkshopParticipantRow).where(
                WorkshopParticipantRow.workshop_id == workshop_id, WorkshopParticipantRow.browser == key)).first()
            return None if row is None else _participant(row)

    def participant(self, token: str) -> Participant | None:
        with self._reading() as session:
            row = session.get(WorkshopParticipantRow, token)
            return None if row is None else _participant(row)

    def participant_count(self, workshop_id: int) -> int:
        with self._reading() as session:
            return session.scalar(select(func.count()).select_from(WorkshopParticipantRow)
                                  .where(WorkshopParticipantRow.workshop_id == workshop_id)) or 0

    def submit(self, token: str, statement_id: str, value: int, comment: str = "") -> GivenAnswer:
        """Give or change this participant's answer; refused once the statement is closed."""
        return self._retry(lambda: self._submit(token, statement_id, value, comment))

    def _submit(self, token: str, statement_id: str, value: int, comment: str) -> GivenAnswer:
        if value not in CHOICES:
            raise WorkshopError("Välj ett av svarsalternativen.")
        comment = comment.strip()
        if len(comment) > MAX_COMMENT_LENGTH:
            raise WorkshopError(f"Kommentaren är {len(comment)} tecken; korta den till högst "
                                f"{MAX_COMMENT_LENGTH}.")
        now = self.clock()
        with self._writing() as session:
            participant = session.get(WorkshopParticipantRow, token)
            if participant is None:
                raise WorkshopError("Din deltagarlänk känns inte igen. Gå med på nytt med koden.")
            values: dict[str, Any] = {"workshop_id": participant.workshop_id, "statement_id": statement_id,
                                      "participant": token, "value": value, "comment": comment,
                                      "changed_at": now}
            session.execute(_upsert(session, values))
            row = self._row(session, participant.workshop_id, lock=True, share=True)
            workshop = _workshop(row)
            reason = workshop.closed_reason(now)
            if reason:
                raise WorkshopError(reason)
            phase = workshop.phases.get(statement_id)
            if phase is None:
                raise WorkshopError("Påståendet finns inte i workshoppen.")
            if phase is not Phase.open:
                raise WorkshopError("Påståendet är stängt, så svaret kunde inte sparas. "
                                    "Vänta på nästa påstående.")
            return GivenAnswer(statement_id=statement_id, value=value, comment=comment, changed_at=now)

    def my_answer(self, token: str, statement_id: str) -> GivenAnswer | None:
        with self._reading() as session:
            row = session.scalars(select(WorkshopAnswerRow).where(
                WorkshopAnswerRow.participant == token, WorkshopAnswerRow.statement_id == statement_id)).first()
            if row is None:
                return None
            return GivenAnswer(statement_id=row.statement_id, value=row.value, comment=row.comment,
                               changed_at=_aware(row.changed_at))

    # --- results ---------------------------------------------------------------------

    def answer_counts(self, workshop_id: int) -> dict[str, int]:
        """statement id -> how many have answered: the only thing shown before a reveal."""
        with self._reading() as session:
            rows = session.execute(
                select(WorkshopAnswerRow.statement_id, func.count())
                .where(WorkshopAnswerRow.workshop_id == workshop_id)
                .group_by(WorkshopAnswerRow.statement_id)).all()
            return {sid: int(n) for sid, n in rows}

    def revealed_answers(self, workshop_id: int) -> dict[str, list[AnonymousAnswer]]:
        """Anonymous answers of the revealed statements only: hidden ones never leave the store."""
        with self._reading() as session:
            workshop = _workshop(self._row(session, workshop_id))
            shown = [sid for sid, phase in workshop.phases.items() if phase is Phase.revealed]
            rows = session.execute(
                select(WorkshopAnswerRow.statement_id, WorkshopAnswerRow.value, WorkshopAnswerRow.comment)
                .where(WorkshopAnswerRow.workshop_id == workshop_id,
                       WorkshopAnswerRow.statement_id.in_(shown))
                .order_by(WorkshopAnswerRow.value, WorkshopAnswerRow.comment)).all()
            out: dict[str, list[AnonymousAnswer]] = {sid: [] for sid in shown}
            for sid, value, comment in rows:
                out[sid].append(AnonymousAnswer(value=value, comment=comment))
            return out

    # --- the case a workshop starts from ----------------------------------------------

    def saved_cases(self) -> list[tuple[str, str]]:
        """(case id, label) of the register's cases that are not archived, newest change first."""
        summaries = sorted(self.register.list_cases(), key=lambda c: c.updated_at, reverse=True)
        return [(c.id, f"{c.title} ({c.diarienummer})" if c.diarienummer else c.title)
                for c in summaries if c.status is not CaseStatus.archived]

    def saved_case(self, case_id: str) -> Case:
        return self.register.load_case(case_id).case

    def case_status(self, case_id: str) -> CaseStatus:
        """Where the case stands: only a draft can take a workshop's conclusions."""
        return self.register.load_case(case_id).status

    def copy_for_workshop(self, case_id: str, author: str) -> str:
        """A draft copy of a bedömd or beslutad case for a workshop to conclude into; its id."""
        return self.register.copy_case(case_id, author).id

    # --- the conclusion into the case -------------------------------------------------

    def record_conclusion(self, workshop_id: int, statement_id: str, answers: Mapping[str, str],
                          reasoning: str, author: str = "", *, desk: CaseDesk | None = None) -> Conclusion:
        """Write the group's conclusion on one criterion into the case, as a new case revision.

        The answers of the criterion's questions are set with the reasoning, through the
        register's ``append_revision`` with a note saying which workshop, on what date and
        with how many participants. It starts from the revision it read, so if an official
        saved the case in between, the register refuses it (StaleRevision) rather than
        overwrite; the page then asks the facilitator to record it again. A case that is no
        longer a draft is refused by the register with its own Swedish message.

        With ``desk`` (the app's way) the case is read and written as that person, checked
        against their roles and logged; ``author`` is then ignored.
        """
        reasoning = reasoning.strip()
        if not reasoning:
            raise WorkshopError("Skriv gruppens motivering innan slutsatsen förs in i ärendet.")
        workshop = self.get(workshop_id)
        if workshop.case_id is None:
            raise WorkshopError("Workshoppen är inte kopplad till något ärende; exportera sammanfattningen i stället.")
        statement = workshop.statement(statement_id)
        if statement.criterion_id is None:
            raise WorkshopError("Påståendet hör inte till något kriterium.")
        unknown = sorted(set(answers) - set(statement.question_ids))
        if unknown:
            raise WorkshopError(f"Frågorna {', '.join(unknown)} hör inte till kriteriet.")
        participants = self.participant_count(workshop_id)
        note = history_note(workshop, participants, statement.text)
        room = LIMITS["reasoning"] - len(note) - 3
        if len(reasoning) > room:
            raise WorkshopError(f"Motiveringen är {len(reasoning)} tecken lång; högst {room} tecken får plats "
                                "(resten av svarets motivering är workshoppens anteckning). Korta den.")
        stored = desk.read_case(workshop.case_id) if desk else self.register.load_case(workshop.case_id)
        case = stored.case.model_copy(deep=True)
        for qid, option in answers.items():
            previous = case.answers.get(qid)
            case.answers[qid] = Answer(value=option, reasoning=f"{reasoning} ({note})",
                                       evidence=list(previous.evidence) if previous else [])
        updated = stored_case(case.model_dump(mode="json"))
        saved = (desk.append_revision(workshop.case_id, note, updated, base_revision=stored.revision,
                                      author_suffix=f" (workshop {workshop.number})") if desk
                 else self.register.append_revision(workshop.case_id, author, note, updated,
                                                    base_revision=stored.revision))
        now = self.clock()
        with self._writing() as session:
            conclusion = WorkshopConclusionRow(
                workshop_id=workshop_id, statement_id=statement_id, criterion_id=statement.criterion_id,
                answers=dict(answers), reasoning=reasoning, participants=participants, recorded_at=now,
                case_revision=saved.revision)
            session.merge(conclusion)
            return _conclusion(conclusion)

    def conclusions(self, workshop_id: int) -> list[Conclusion]:
        with self._reading() as session:
            rows = session.scalars(select(WorkshopConclusionRow)
                                   .where(WorkshopConclusionRow.workshop_id == workshop_id)).all()
            return [_conclusion(r) for r in rows]

    # --- helpers ----------------------------------------------------------------------

    def _row(self, session: Session, workshop_id: int, *, lock: bool = False, share: bool = False) -> WorkshopRow:
        query = select(WorkshopRow).where(WorkshopRow.id == workshop_id)
        if lock:
            query = query.with_for_update(read=share)
        row = session.scalars(query).first()
        if row is None:
            raise WorkshopError("Workshoppen finns inte.")
        return row


def _upsert(session: Session, values: dict[str, Any]) -> Any:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(WorkshopAnswerRow).values(**values)
    return statement.on_conflict_do_update(
        index_elements=["workshop_id", "statement_id", "participant"],
        set_={"value": values["value"], "comment": values["comment"], "changed_at": values["changed_at"]},
    )


def _workshop(row: WorkshopRow) -> Workshop:
    return Workshop(
        id=row.id, number=row.id, code=row.code, title=row.title, created_at=_aware(row.created_at),
        expires_at=_aware(row.expires_at), ended_at=_aware(row.ended_at) if row.ended_at else None,
        case_id=row.case_id, criteria_set=row.criteria_set,
        statements=tuple(Statement.model_validate(s) for s in row.statements["items"]),
        phases={sid: Phase(p) for sid, p in row.phases.items()}, active=row.active,
    )


def _participant(row: WorkshopParticipantRow) -> Participant:
    return Participant(token=row.token, workshop_id=row.workshop_id, display_name=row.display_name,
                       joined_at=_aware(row.joined_at))


def _conclusion(row: WorkshopConclusionRow) -> Conclusion:
    return Conclusion(statement_id=row.statement_id, criterion_id=row.criterion_id, answers=dict(row.answers),
                      reasoning=row.reasoning, participants=row.participants,
                      recorded_at=_aware(row.recorded_at))
