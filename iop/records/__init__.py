"""A case as a record in the register: status, revisions, locks, the case list, who is working."""


from iop.records.agreement import (
    CONTACT_FORMAT,
    FOLLOW_UP_LABEL,
    LINK_LABEL,
    PARTY_LABEL,
    SUBFORMS,
    Agreement,
    CaseLink,
    Contact,
    FollowUp,
    Reassessment,
    Schedule,
    contacts_from_text,
    contacts_to_text,
    decided_form,
    form_fits,
)
from iop.records.case_diff import (
    describe_changes,
    merge_cases,
)
from iop.records.case_list import (
    display_frame,
    filter_cases,
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
    DECISION_LABEL,
    STATUS_LABEL,
    STATUS_PREDICATE,
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
    frozen_assessment,
    record_meta_of,
)

__all__ = [
    "AccessPolicy",
    "Agreement",
    "CaseLink",
    "Contact",
    "CONTACT_FORMAT",
    "contacts_from_text",
    "contacts_to_text",
    "decided_form",
    "FOLLOW_UP_LABEL",
    "FollowUp",
    "form_fits",
    "LINK_LABEL",
    "PARTY_LABEL",
    "Reassessment",
    "Schedule",
    "SUBFORMS",
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
