import iop


def test_public_api_is_what_the_package_documents():
    assert sorted(iop.__all__) == sorted([
        "ABSTAIN", "AccessPolicy", "AnonymousAnswer", "Answer", "answers_csv", "app_markdown", "Assessment",
        "CaseEffect", "Caution", "check_criteria",
        "AssessmentSnapshot", "Blocker", "blocking_questions", "Case", "case_from_bytes", "case_from_text",
        "case_to_yaml", "CaseNotFound", "CaseRegister", "CaseStatus", "CaseSummary", "check_template",
        "CHOICES", "compare_sets", "Conclusion", "Contribution", "CriteriaSet", "Criterion", "CriterionRow",
        "Decision", "DECISION_LABEL", "decision_outline", "DecisionTable", "describe", "describe_changes",
        "DISAGREEMENT_RULE", "display_frame", "Engine", "Evaluation", "filter_cases", "format_code", "frozen_assessment",
        "GivenAnswer", "headline", "Identity", "InputError", "InvalidTransition", "IopError", "is_editable",
        "is_token", "join_qr_png", "join_url", "lean", "Leaning", "leaning_sentence", "LegalForm",
        "load_case", "load_model", "load_rulebook", "load_yaml", "markdown_document", "may_change_status",
        "may_open_register", "merge_cases", "MIN_SHOWN", "MORE_STEP_ID", "MORE_TITLE", "normalise_code",
        "NOT_ACCESS_CONTROLLED", "open_register", "OpenQuestion", "Outcome", "Participant", "Phase",
        "PHASE_LABEL", "PLAIN_INTRO", "plain_leaning", "plain_text", "plan_for", "play_walk",
        "preparation_list", "preparation_text", "Problem", "Question", "QuestionCatalog", "RecordMeta",
        "ReferenceCase", "record_meta_of", "refusal", "render_docx", "render_pdf", "resolve_database_url", "Revision", "Rule",
        "Rulebook", "RulebookError", "RuleRef", "SCALE", "SEED_STATEMENTS", "SetColumn", "SetComparison",
        "spectrum_verdict", "SpectrumVerdict", "StaleRevision", "Statement", "StatementResult",
        "statements_from_case", "statements_from_text", "STATUS_LABEL", "STATUS_PREDICATE", "StatusRecord",
        "Step", "StoredCase", "StoreError", "StoreUnavailable", "summarise", "summary_markdown", "summary_outline",
        "TemplateError", "walk_plan", "walk_steps", "WalkPlan", "WalkRun", "Workshop", "WorkshopError",
        "WorkshopStore",
    ])
    for name in iop.__all__:
        assert hasattr(iop, name)


def test_domain_never_imports_streamlit():
    from pathlib import Path

    for path in Path(iop.__file__).parent.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name
