"""Opening pages of app.py in AppTest the way a person gets there (shared by the page tests)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.helpers import REPO


def status_page(case_id: str, name: str = "Anna Andersson") -> AppTest:
    """Status och historik for a saved case, opened from its link by someone who has given a name."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.query_params["case"] = case_id
    at.run()
    at.sidebar.text_input(key="record:name").input(name).run()
    at.switch_page("app_pages/case_record.py").run()
    assert not at.exception
    return at
