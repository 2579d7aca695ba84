"""A case as a record in the register: status, revisions, locks, the case list, who is working."""


from iop.records.autosave import AUTOSAVE_NOTE
from iop.records.case_diff import (
    case_name,
    describe_between,
    describe_changes,
    merge_cases,
    name_case_ids,
)
from iop.records.case_list import (
    DECISION_SHORT,
    NO_DECISION,
    SHOWN_COLUMNS,
    display_frame,
    duplicates_of,
    filter_cases,
    fold,
    with_search_text,
)
from iop.records.case_lock import (
    is_locked,
    lock_notice,
)
from iop.records.identity import (
    NOT_ACCESS_CONTROLLED,
    AccessPolicy,
    Identity,
    may_open_register,
    refusal,
)
from iop.records.record import (
    ANSWERS_FROM_LABEL,
    DECISION_FORMS,
    DECISION_LABEL,
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
)
from iop.records.record_meta import (
    RecordMeta,
    decision_terms,
    frozen_assessment,
    record_meta_of,
)

__all__ = [
    "AUTOSAVE_NOTE",
    "ANSWERS_FROM_LABEL",
    "AnswersFrom",
    "NO_DECISION",
    "SHOWN_COLUMNS",
    "DECISION_SHORT",
    "duplicates_of",
    "fold",
    "with_search_text",
    "case_name",
    "describe_between",
    "name_case_ids",
    "DECISION_FORMS",
    "decision_terms",
    "AccessPolicy",
    "AssessmentSnapshot",
    "CaseStatus",
    "CaseSummary",
    "Decision",
    "DECISION_LABEL",
    "describe_changes",
    "display_frame",
    "filter_cases",
    "frozen_assessment",
    "Identity",
    "is_editable",
    "is_locked",
    "lock_notice",
    "may_change_status",
    "may_open_register",
    "merge_cases",
    "NOT_ACCESS_CONTROLLED",
    "record_meta_of",
    "RecordMeta",
    "refusal",
    "Revision",
    "STATUS_LABEL",
    "STATUS_PREDICATE",
    "StatusRecord",
    "StoredCase",
]
