"""The case register's API: create, load, save, change status, copy, archive, list, history.

Every write is one transaction (``transaction``), so a failure half-way leaves
the register exactly as it was. Saves carry the revision they started from; the
head is advanced with a compare-and-set ``UPDATE … WHERE head_revision = base``,
so two people can never overwrite each other silently on SQLite or PostgreSQL:
the later save gets ``StaleRevision`` naming what the other person changed.

Other modules record their work on a case with :meth:`CaseRegister.append_revision`
(the workshop writes "från workshop N den D med M deltagare" through it).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from iop.io.event_log import log_event
from iop.model.assessment_record import Assessment
from iop.model.case import LIMITS, Case, stored_case
from iop.model.questions import QuestionCatalog
from iop.records.autosave import AUTOSAVE_NOTE, HeadRevision, coalesces
from iop.records.case_diff import case_name, describe_changes, merge_cases
from iop.records.case_list import with_search_text
from iop.records.record import (
    STATUS_LABEL,
    STATUS_PREDICATE,
    AnswersFrom,
    AssessmentSnapshot,
    CaseStatus,
    CaseSummary,
    Decision,
    Revision,
    StatusRecord,
    StoredCase,
    is_editable,
    may_change_status,
    status_change_refusal,
)
from iop.records.status_steps import status_note
from iop.store.database import reader_engine, redact, session_factory, transaction
from iop.store.errors import (
    CaseNotFound,
    InvalidTransition,
    StaleRevision,
    StoreDamaged,
    StoreError,
)
from iop.store.faults import DAMAGED, translate
from iop.store.portfolio_tables import BLOCKING_KEPT, CaseLinkRow, refresh_figures
from iop.store.tables import CaseRow, RevisionRow, StatusRecordRow
from iop.words.clock import swedish_time

if TYPE_CHECKING:
    import pandas as pd

Recommender = Callable[[Case], str | Assessment]
"""Computes what the case list shows: the recommendation code, or the whole assessment (the page passes
the engine's), from which the recommended sub-form and an undecided case's settling questions are kept too."""

TOUCHED = "iop.touched_cases"
"""``Session.info`` key: the cases a write touched, whose portfolio figures are refreshed before commit."""

LIST_COLUMNS = ["id", "diarienummer", "title", "organisation", "public_body", "committee", "status",
                "recommendation", "criteria_set", "year", "updated_at", "updated_by", "from_organisation",
                "subject", "officer", "decision_body", "secrecy", "retention",
                "decision", "decision_form", "org_number", "contacts", "answers_from"]

# What the case list reads: the list columns and the head revision, which makes the
# register's fingerprint (see ``CaseRegister.case_frame``) without a second scan.
LIST_QUERY = f"SELECT head_revision, {', '.join(LIST_COLUMNS)} FROM cases"


def case_content(case: Case) -> dict[str, Any]:
    """The stored form of a case: validated JSON of the Case fields only (a ReferenceCase's
    ``expected`` block is test data, not part of the record)."""
    return case.model_dump(mode="json", include=set(Case.model_fields))


def _case(content: dict[str, Any]) -> Case:
    """A stored case's content as a Case; a text saved before today's limits is kept (``stored_case``)."""
    return stored_case(content)


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns; they were written as UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _answers_from(row: CaseRow) -> AnswersFrom:
    """Whose answers the row holds; a row from before the column knows only the organisation flag."""
    if row.answers_from in ("official", "organisation", "workshop"):
        return row.answers_from  # type: ignore[return-value]
    return "organisation" if row.from_organisation else "official"


def _year(case: Case) -> int | None:
    day = case.date or case.activity.start
    return day.year if day else None


class CaseRegister:
    """All case-register operations over one engine; safe to share between sessions (stateless)."""

    def __init__(self, engine: Engine, recommender: Recommender | None = None,
                 catalog: QuestionCatalog | None = None) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)
        self.reader = reader_engine(engine)
        """Reads take no write lock on SQLite (see ``reader_engine``); the same engine on PostgreSQL."""
        self._reads = session_factory(self.reader)
        self._recommend = recommender or (lambda case: "")
        self._catalog = catalog
        self._frame_lock = threading.Lock()
        self._frame_cache: tuple[tuple[Any, ...], pd.DataFrame] | None = None
        self.damaged = False
        """Set once a read or write found the database damaged: from then on nothing is written to it."""

    # ----- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _write(self, what: str) -> Iterator[Session]:
        """A write transaction whose database errors become one Swedish message that says what is true.

        A database judged damaged is not written to again by this register: every later write is
        refused before it reaches the file.
        """
        if self.damaged:
            raise StoreDamaged(DAMAGED, detail=redact(str(self.engine.url)))
        try:
            with transaction(self._sessions) as session:
                yield session
                for case_id in sorted(session.info.pop(TOUCHED, ())):  # the portfolio's copy, same transaction
                    refresh_figures(session, case_id)
        except StoreError:
            raise
        except Exception as exc:
            raise self._fault(exc, what) from exc

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._reads() as session:
                yield session
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self._fault(exc, "Att läsa ärenderegistret") from exc

    def dispose(self) -> None:
        """Close every connection: the register's engine and its reader."""
        if self.reader is not self.engine:
            self.reader.dispose()
        self.engine.dispose()

    def _fault(self, exc: BaseException, what: str) -> StoreError:
        error = translate(exc, what, redact(str(self.engine.url)))
        if isinstance(error, StoreDamaged):
            self.damaged = True
        logging.getLogger("iop.store").warning("%s failed: %s", what, error.detail, exc_info=exc)
        return error

    @staticmethod
    def _row(session: Session, case_id: str) -> CaseRow:
        row = session.get(CaseRow, case_id)
        if row is None:
            raise CaseNotFound(f"Det finns inget ärende med id {case_id!r} i registret. Det kan ha "
                               "skapats i en annan databas; välj ett ärende under Ärenden.")
        return row

    def _fill_listing(self, row: CaseRow, case: Case) -> None:
        row.diarienummer = case.diarienummer
        row.title = case.title
        row.organisation = case.organisation.name
        row.public_body = case.public_party.name
        row.committee = case.public_party.committee
        row.org_number = case.organisation.org_number or ""
        row.contacts = " · ".join(c for c in (case.organisation.contact, case.public_party.contact) if c)[:600]
        row.criteria_set = case.criteria_set
        row.year = _year(case)
        row.recommendation, row.form, row.blocking = self._recommendation(case)
        registration = case.registration
        row.subject = case.subject[:500]
        row.officer = registration.officer.strip()[:200]
        row.decision_body = registration.decision_body.strip()[:300]
        row.secrecy = registration.secrecy.marking()[:300]
        row.retention = registration.retention.text()[:300]
        row.content = case_content(case)

    def _recommendation(self, case: Case) -> tuple[str, str, str]:
        """(recommendation, recommended sub-form, settling questions) for the list and the portfolio."""
        # The list column is a convenience: a case the engine cannot assess is still saved.
        try:
            made = self._recommend(case)
        except Exception:
            logging.getLogger("iop.store").exception("recommendation for the case list failed")
            return "", "", ""
        if isinstance(made, str):
            return made, "", ""
        settle = made.leaning.settle[:BLOCKING_KEPT] if made.leaning else []
        return made.recommendation, made.form or "", ",".join(s.question for s in settle)

    @staticmethod
    def _stored(row: CaseRow) -> StoredCase:
        return StoredCase(id=row.id, revision=row.head_revision, status=CaseStatus(row.status),
                          case=_case(row.content), updated_at=_utc(row.updated_at),
                          updated_by=row.updated_by, from_organisation=row.from_organisation,
                          answers_from=_answers_from(row))

    @staticmethod
    def _add_revision(session: Session, row: CaseRow, author: str, note: str, now: dt.datetime,
                      status_change: CaseStatus | None = None, sitting: str | None = None, *, role: str = "",
                      author_id: str = "") -> None:
        session.info.setdefault(TOUCHED, set()).add(row.id)
        session.add(RevisionRow(case_id=row.id, number=row.head_revision, author=author, created_at=now,
                                note=note, status=row.status,
                                status_change=status_change.value if status_change else None,
                                content=row.content, sitting=sitting, author_id=author_id, author_role=role))

    @staticmethod
    def _replace_head(session: Session, row: CaseRow, base_revision: int, author: str, note: str,
                      sitting: str | None, now: dt.datetime) -> bool:
        """Fold this save into the revision it started from, if ``iop.records.autosave`` says it belongs to its sitting.

        The revision takes the new number, content and time, so the head still advances on every
        write (the compare-and-set in ``_advance`` sees every save) and no number is used twice.
        """
        if sitting is None or note != AUTOSAVE_NOTE:
            return False
        head = session.scalars(select(RevisionRow).where(RevisionRow.case_id == row.id,
                                                         RevisionRow.number == base_revision)).one_or_none()
        if head is None or not coalesces(
                HeadRevision(author=head.author, note=head.note, status=CaseStatus(head.status),
                             status_change=CaseStatus(head.status_change) if head.status_change else None,
                             sitting=head.sitting, saved_at=_utc(head.created_at)),
                author=author, note=note, sitting=sitting, now=now):
            return False
        head.number, head.content, head.created_at = row.head_revision, row.content, now
        return True

    def _advance(self, session: Session, case_id: str, base_revision: int, author: str,
                 now: dt.datetime) -> CaseRow:
        """Move the head from ``base_revision`` to the next, or raise StaleRevision if someone was first."""
        session.info.setdefault(TOUCHED, set()).add(case_id)  # its portfolio figures, even when a save folds
        result = session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id, CaseRow.head_revision == base_revision)
            .values(head_revision=base_revision + 1, updated_at=now, updated_by=author)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            row = self._row(session, case_id)
            log_event("refused", reason="conflict", case_id=case_id, user=author, revision=base_revision)
            raise self._stale(session, row, base_revision, author)
        session.expire_all()
        return self._row(session, case_id)

    def _stale(self, session: Session, row: CaseRow, base_revision: int, author: str) -> StaleRevision:
        # The revision the save started from, or (replaced since by a later autosave of its sitting)
        # the newest one before it.
        base = session.scalars(select(RevisionRow).where(RevisionRow.case_id == row.id,
                                                         RevisionRow.number <= base_revision)
                               .order_by(RevisionRow.number.desc()).limit(1)).one_or_none()
        head_case = _case(row.content)
        changes = (describe_changes(_case(base.content), head_case, self._catalog)
                   if base is not None else [])
        if row.head_revision > base_revision and not changes:
            changes = ["Ärendets status eller anteckningar ändrades, men inga svar."]
        when = swedish_time(_utc(row.updated_at))
        who = ("Du sparade själv ärendet i en annan flik eller ett annat fönster"
               if row.updated_by == author else f"{row.updated_by} sparade ärendet")
        return StaleRevision(
            f"{who} {when} medan du arbetade här "
            f"(version {row.head_revision}; du utgick från version {base_revision}). Dina ändringar "
            "har inte sparats ännu: välj att slå ihop dem med den nya versionen eller att läsa in den nya "
            "versionen.",
            base=base_revision, head=row.head_revision, head_author=row.updated_by, changes=changes,
        )

    # ----- cases ----------------------------------------------------------------------------

    def create_case(self, case: Case, author: str, note: str = "Ärendet skapades",
                    from_organisation: bool = False, answers_from: AnswersFrom | None = None,
                    copied_from: str | None = None, *, role: str = "", author_id: str = "") -> StoredCase:
        """Store ``case`` as a new draft (revision 1) and return it with its new id.

        ``answers_from`` says whose answers the case holds (an import names it); it defaults to the
        organisation's when ``from_organisation`` is set, else an official's. ``copied_from`` links the
        new case to the one it was copied from (a ``copy`` link). ``role`` and ``author_id`` (here and
        on every write) say in which role and as whom the revision was made (``iop.records.access``);
        the guarded register (``iop.store.desk``) fills them.
        """
        now = _now()
        source: AnswersFrom = answers_from or ("organisation" if from_organisation else "official")
        with self._write("Att skapa ärendet") as session:
            row = CaseRow(id=secrets.token_hex(8), head_revision=1, status=CaseStatus.draft.value,
                          created_at=now, created_by=author, updated_at=now, updated_by=author,
                          from_organisation=source == "organisation", answers_from=source)
            self._fill_listing(row, case)
            session.add(row)
            session.flush()
            if copied_from is not None:
                session.add(CaseLinkRow(predecessor_id=copied_from, successor_id=row.id, kind="copy", copied=True,
                                        created_at=now, created_by=author))
            self._add_revision(session, row, author, note, now, CaseStatus.draft, role=role, author_id=author_id)
            stored = self._stored(row)
        log_event("case_created", case_id=stored.id, user=author, revision=stored.revision,
                  kind="organisation" if from_organisation else None)
        return stored

    def load_case(self, case_id: str) -> StoredCase:
        with self._read() as session:
            return self._stored(self._row(session, case_id))

    def save_case(self, case_id: str, case: Case, base_revision: int, author: str,
                  note: str = AUTOSAVE_NOTE, sitting: str | None = None, *, role: str = "",
                  author_id: str = "") -> StoredCase:
        """Save new content as the next revision; refused if someone saved since ``base_revision``.

        An autosave (``note`` AUTOSAVE_NOTE) that names its ``sitting`` replaces the head revision when
        ``iop.autosave.coalesces`` says it continues that revision's sitting; the case's revision number
        advances either way.
        """
        now = _now()
        with self._write("Att spara ärendet") as session:
            current = self._row(session, case_id)
            if not is_editable(CaseStatus(current.status)):
                raise InvalidTransition(
                    f"Ärendet är {STATUS_PREDICATE[CaseStatus(current.status)]} och kan inte ändras. "
                    "Ett bedömt ärende kan öppnas som utkast igen; annars kopiera det som ett nytt ärende."
                )
            row = self._advance(session, case_id, base_revision, author, now)
            self._fill_listing(row, case)
            if not self._replace_head(session, row, base_revision, author, note, sitting, now):
                self._add_revision(session, row, author, note, now, sitting=sitting if note == AUTOSAVE_NOTE
                                   else None, role=role, author_id=author_id)
            stored = self._stored(row)
        log_event("case_saved", case_id=case_id, user=author, revision=stored.revision)
        return stored

    def append_revision(self, case_id: str, author: str, note: str, case: Case | None = None,
                        base_revision: int | None = None,
                        also: Callable[[Session, int, dt.datetime], None] | None = None, *, role: str = "",
                        author_id: str = "") -> StoredCase:
        """Add a revision with ``author`` and ``note``; new content if ``case`` is given.

        For other modules (the workshop, the agreement's follow-ups) that record their work on a
        case. Without ``base_revision`` the revision goes on top of the current head (the note is
        added even to a bedömd or beslutad case, content only to a draft). ``also`` writes the
        module's own rows in the same transaction, given the session, the new revision's number
        and its time, so the revision and what it records are stored together or not at all.
        """
        now = _now()
        with self._write("Att lägga till en version") as session:
            current = self._row(session, case_id)
            if case is not None and not is_editable(CaseStatus(current.status)):
                raise InvalidTransition("Ärendet är inte ett utkast; svaren kan inte ändras.")
            base = current.head_revision if base_revision is None else base_revision
            row = self._advance(session, case_id, base, author, now)
            if case is not None:
                self._fill_listing(row, case)
            self._add_revision(session, row, author, note, now, role=role, author_id=author_id)
            if also is not None:
                also(session, row.head_revision, now)
            stored = self._stored(row)
        log_event("case_saved", case_id=case_id, user=author, revision=stored.revision)
        return stored

    def change_status(self, case_id: str, new: CaseStatus, base_revision: int, author: str,
                      snapshot: AssessmentSnapshot | None = None, decision: Decision | None = None,
                      note: str = "", *, role: str = "", author_id: str = "") -> StoredCase:
        """Move the case to ``new``; bedömd needs a snapshot, beslutad a decision. Frozen in the same transaction."""
        if new is CaseStatus.assessed and snapshot is None:
            raise InvalidTransition("Ett ärende kan bara bli bedömt med en fryst bedömning.")
        if new is CaseStatus.decided and decision is None:
            raise InvalidTransition("Ett ärende kan bara bli beslutat med ett registrerat beslut.")
        now = _now()
        with self._write("Att ändra status") as session:
            current = CaseStatus(self._row(session, case_id).status)
            if not may_change_status(current, new):
                raise InvalidTransition(status_change_refusal(current, new))
            row = self._advance(session, case_id, base_revision, author, now)
            row.status = new.value
            if new is CaseStatus.archived:
                row.status_before_archive = current.value
            if decision is not None:
                row.decision, row.decision_form = decision.decision, decision.form or ""
            self._add_revision(session, row, author, note or status_note(new), now, new, role=role,
                               author_id=author_id)
            if snapshot is not None or decision is not None:
                payload: dict[str, Any] = {
                    "snapshot": snapshot.model_dump(mode="json") if snapshot else None,
                    "decision": decision.model_dump(mode="json") if decision else None,
                }
                session.add(StatusRecordRow(case_id=case_id, revision_number=row.head_revision,
                                            status=new.value, author=author, created_at=now, payload=payload,
                                            author_id=author_id))
            elif new is CaseStatus.reviewed:  # the review itself is what the four-eyes rule looks for
                session.add(StatusRecordRow(case_id=case_id, revision_number=row.head_revision,
                                            status=new.value, author=author, created_at=now,
                                            payload={"snapshot": None, "decision": None}, author_id=author_id))
            stored = self._stored(row)
        log_event("status_changed", case_id=case_id, user=author, revision=stored.revision,
                  status=new.value, previous_status=current.value)
        return stored

    def restore(self, case_id: str, author: str, *, role: str = "", author_id: str = "") -> StoredCase:
        """Bring an archived case back to the status it had; nothing is ever deleted."""
        now = _now()
        with self._write("Att återställa ärendet") as session:
            current = self._row(session, case_id)
            if current.status != CaseStatus.archived.value:
                raise InvalidTransition("Ärendet är inte arkiverat.")
            back = CaseStatus(current.status_before_archive or CaseStatus.draft.value)
            row = self._advance(session, case_id, current.head_revision, author, now)
            row.status, row.status_before_archive = back.value, None
            self._add_revision(session, row, author, f"Återställt från arkivet som {STATUS_LABEL[back].lower()}",
                               now, back, role=role, author_id=author_id)
            stored = self._stored(row)
        log_event("status_changed", case_id=case_id, user=author, revision=stored.revision,
                  status=back.value, previous_status=CaseStatus.archived.value)
        return stored

    def copy_case(self, case_id: str, author: str, *, role: str = "", author_id: str = "") -> StoredCase:
        """A new draft with the same content, titled as a copy, so a decided case can be reused."""
        source = self.load_case(case_id)
        title = f"Kopia av {source.case.title}"
        if len(title) > LIMITS["title"]:  # the copy's title is made here: cut to fit, the original keeps its own
            title = title[:LIMITS["title"] - 1] + "…"
        copy = source.case.model_copy(update={"title": title, "diarienummer": ""})
        name = case_name(source.case.title, source.case.diarienummer)
        return self.create_case(copy, author, note=f"Kopierat från {name} version {source.revision}",
                                copied_from=case_id, role=role, author_id=author_id)

    # ----- reading --------------------------------------------------------------------------

    def list_cases(self) -> list[CaseSummary]:
        frame = self.case_frame()
        return [CaseSummary.model_validate(record) for record in frame.to_dict("records")]

    def case_frame(self) -> pd.DataFrame:
        """Every case's list columns as a DataFrame (archived included; the page filters).

        The Ärenden page reruns on every keystroke in its filters, so the frame is kept
        between calls and re-fetched only when the register changed. The check is one
        aggregate query: every write adds a case or advances a head revision, so
        ``(count, sum of head revisions)`` changes with every write. With nothing kept,
        that fingerprint comes from the fetched rows themselves, not from a second scan.
        The fetch goes through the driver's cursor straight into pandas: building ORM rows and parsing timestamps
        one by one cost three times the bare SELECT on 10,000 cases.
        """
        import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
        try:
            with self.reader.connect() as connection:
                with self._frame_lock:
                    kept = self._frame_cache
                if kept is not None:
                    fingerprint = tuple(connection.execute(
                        select(func.count(), func.coalesce(func.sum(CaseRow.head_revision), 0))).one())
                    if kept[0] == fingerprint:
                        return kept[1].copy()
                rows = connection.exec_driver_sql(LIST_QUERY).cursor.fetchall()
        except (DBAPIError, SQLAlchemyError, self.reader.dialect.loaded_dbapi.Error) as exc:
            # the rows are fetched from the driver's own cursor, whose errors SQLAlchemy does not wrap
            raise self._fault(exc, "Att läsa ärendelistan") from exc
        # The rows of one SELECT are one consistent reading, so their own count and sum of
        # head revisions is the fingerprint the next call compares against.
        fingerprint = (len(rows), sum(row[0] for row in rows))
        frame = pd.DataFrame.from_records(rows, columns=["head_revision", *LIST_COLUMNS]).drop(columns="head_revision")
        frame["year"] = frame["year"].astype("Int64")
        frame["from_organisation"] = frame["from_organisation"].astype(bool)
        frame["updated_at"] = pd.to_datetime(frame["updated_at"], utc=True, format="ISO8601")
        frame = with_search_text(frame)  # folded once per fetch, not on every keystroke in the search field
        with self._frame_lock:
            self._frame_cache = (fingerprint, frame)
        return frame.copy()

    def history(self, case_id: str) -> list[Revision]:
        """Every revision, oldest first."""
        with self._read() as session:
            self._row(session, case_id)
            rows = session.scalars(select(RevisionRow).where(RevisionRow.case_id == case_id)
                                   .order_by(RevisionRow.number)).all()
            return [Revision(number=r.number, author=r.author, created_at=_utc(r.created_at), note=r.note,
                             status=CaseStatus(r.status),
                             status_change=CaseStatus(r.status_change) if r.status_change else None,
                             case=_case(r.content), author_id=r.author_id, role=r.author_role) for r in rows]

    def case_at(self, case_id: str, revision: int) -> Case | None:
        """The content of revision ``revision``, or of the newest before it when an autosave of its
        sitting has replaced it since (see ``iop.records.autosave``); None if there is none."""
        with self._read() as session:
            row = session.scalars(select(RevisionRow).where(RevisionRow.case_id == case_id,
                                                            RevisionRow.number <= revision)
                                  .order_by(RevisionRow.number.desc()).limit(1)).one_or_none()
            return None if row is None else _case(row.content)

    def status_records(self, case_id: str) -> list[StatusRecord]:
        """The frozen snapshots and decisions, oldest first, each with the revision it happened on."""
        with self._read() as session:
            rows = session.scalars(select(StatusRecordRow).where(StatusRecordRow.case_id == case_id)
                                   .order_by(StatusRecordRow.id)).all()
            return [StatusRecord(status=CaseStatus(r.status), revision=r.revision_number, author=r.author,
                                 created_at=_utc(r.created_at), author_id=r.author_id,
                                 snapshot=AssessmentSnapshot.model_validate(r.payload["snapshot"])
                                 if r.payload.get("snapshot") else None,
                                 decision=Decision.model_validate(r.payload["decision"])
                                 if r.payload.get("decision") else None) for r in rows]

    def describe(self, old: Case, new: Case) -> list[str]:
        """The changes from ``old`` to ``new`` in words, with the question texts of this register's catalog."""
        return describe_changes(old, new, self._catalog)

    def merge(self, base: Case, mine: Case, theirs: Case) -> tuple[Case, list[str]]:
        """Three-way merge (see ``merge_cases``) with the question texts of this register's catalog."""
        return merge_cases(base, mine, theirs, self._catalog)
