import iop


def test_public_api_is_what_the_package_documents():
    assert sorted(iop.__all__) == sorted([
        "ABSTAIN", "Activity", "AnonymousAnswer", "Answer", "answers_csv", "app_markdown",
        "Assessment", "AssessmentSnapshot", "Blocker", "blockers_heading", "blocking_questions", "build_outline", "Bullets", "Case",
        "case_content", "case_facts", "case_from_bytes", "case_from_text", "case_to_yaml", "CaseEffect",
        "CaseNotFound", "CaseRegister", "CaseStatus", "CaseSummary", "Caution", "check_criteria", "check_template",
        "CHOICES", "compare_sets", "Conclusion", "Contribution", "CriteriaSet", "Criterion", "CriterionRow",
        "Decision", "DECISION_LABEL", "decision_outline", "DecisionTable", "DEFAULT_CRITERIA_DIR", "describe",
        "describe_changes", "DISAGREEMENT_RULE", "DISCLAIMER", "display_frame", "DONT_KNOW", "DONT_KNOW_LABEL",
        "Engine", "Evaluation", "filter_cases", "format_code", "frozen_assessment", "GivenAnswer", "Heading",
        "headline", "InputError", "InvalidTransition", "IopError", "is_editable", "is_locked", "is_token", "lock_notice",
        "join_qr_png", "join_url", "KIND", "lean", "Leaning", "leaning_section", "leaning_sentence", "LEGAL_FORM",
        "LegalForm", "load_case", "load_model", "load_rulebook", "load_spectrum", "load_yaml", "markdown_document",
        "may_change_status", "merge_cases", "MIN_SHOWN", "MORE_STEP_ID", "MORE_TITLE",
        "normalise_code", "open_register", "OpenQuestion", "Organisation", "Outcome",
        "Outline", "Paragraph", "Participant", "Phase", "PHASE_LABEL", "place", "Placement", "PLAIN_INTRO",
        "PLAIN_DISCLAIMER", "PLAIN_KIND", "plain_leaning", "settle_line", "plain_text", "plain_verdict_sentence", "plain_wording", "plan_for", "play_walk", "POSITION", "preparation_list", "preparation_text",
        "Problem", "problems_from_validation", "PublicParty", "Question", "QuestionCatalog", "RECOMMENDATION_SHORT",
        "record_meta_of", "RecordMeta", "ReferenceCase", "render_docx", "render_pdf",
        "resolve_database_url", "Revision", "Rule", "Rulebook", "RulebookError", "RuleRef", "SCALE",
        "SEED_STATEMENTS", "SetColumn", "SetComparison", "spectrum_verdict", "SpectrumVerdict", "StaleRevision",
        "StateAidInput", "Statement", "StatementResult", "statements_from_case", "statements_from_text",
        "STATUS_LABEL", "STATUS_PREDICATE", "StatusRecord", "Step", "StoredCase", "StoreError", "StoreUnavailable",
        "summarise", "summary_markdown", "summary_outline", "swedish_number", "Table", "TemplateError",
        "to_markdown", "UNKNOWN", "verdict_sentence", "walk_plan", "walk_steps", "WalkPlan", "WalkRun", "Wording", "Workshop",
        "WorkshopError", "WorkshopStore", "YES_NO_UNKNOWN", "YesNoUnknown",
    ] + ["PAGE_WORDS", "pages_with_quote", "quote_stands_on", "Source", "split_pages"]
      + ["AmountError", "format_hours", "format_kronor", "WholeNumber", "parse_hours", "parse_kronor",
         "format_months", "parse_months", "parse_sek_per_eur"]
      + ["not_yet_below_box", "plain_leaning_below_box", "settle_below_box", "warnings_below_box"])
    for name in iop.__all__:
        assert hasattr(iop, name)


def test_domain_never_imports_streamlit():
    from pathlib import Path

    for path in Path(iop.__file__).parent.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name
