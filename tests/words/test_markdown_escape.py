"""What a user types is shown as typed: the two Markdown escapers, checked by an independent renderer.

markdown-it-py is a CommonMark implementation of its own (with the GFM table
and strikethrough rules Streamlit's renderer also has), so a rendering it
agrees with is not our escaper agreeing with itself. Streamlit's extras that
markdown-it lacks ($ math, :color[...] and :material/...: directives, emoji
shortcodes) are checked on the source: every ASCII punctuation character is
escaped, and no shortcode survives in the rendered text. The browser test in
tests/e2e/test_typed_text_shown.py checks the same in real Chromium.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from iop.model.case import Case
from iop.words.markdown_escape import WORD_JOINER, app_markdown, markdown_document
from tests.helpers import REPO

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# remark-emoji's pattern (Streamlit's frontend) and Streamlit's icon shortcode.
SHORTCODE = re.compile(r":\+1:|:-1:|:[\w-]+:|:material/\w+:", re.ASCII)
ASCII_PUNCTUATION = re.compile(r"""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")

# Text a person can type or a YAML file can carry (no NUL and other C0 controls, no lone
# surrogates), with the constructs Streamlit would otherwise render mixed in.
TYPED = st.lists(st.one_of(
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
    st.sampled_from(["$x^2$", "$$", ":smile:", ":+1:", ":material/home:", ":red[röd]", ":blue-background[x]",
                     "\r===", "\n---\n", "\r\n", "\n", "\t", "    kod", "# rubrik", "> citat", "1. lista", "- punkt",
                     "**fet**", "_kursiv_", "~~struken~~", "`kod`", "[länk](https://x.se)", "![bild](https://x.se/a.png)",
                     "<img src=x onerror=alert(1)>", "&amp;", "&#32;", "\\", "|a|b|\n|-|-|", "www.exempel.se",
                     "https://x.se", "a@b.se", "\x85", "\u2028", "…"]),
), max_size=8).map("".join)


def rendered(source: str) -> tuple[list[str], str]:
    """Block token types, and the text a reader sees (hard and soft breaks as newlines)."""
    tokens = MD.parse(source)
    text: list[str] = []
    for token in tokens:
        if token.type == "paragraph_close":
            text.append("\n")
        for child in token.children or []:
            if child.type == "text":
                text.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                text.append("\n")
            else:
                text.append(f"<{child.type}>")  # any markup at all fails the comparison
    return [t.type for t in tokens], "".join(text).removesuffix("\n")


def _as_a_browser_shows(text: str) -> str:
    """Line endings as one, blanks collapsed and trimmed around breaks, as HTML displays text;
    word joiners (invisible, and what the escaper inserts to break up shortcodes) left out."""
    text = re.sub(r"\r\n|\r", "\n", text.replace(WORD_JOINER, ""))
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r" ?\n ?", "\n", text).strip()


@settings(max_examples=400, deadline=None, derandomize=True)
@given(TYPED)
def test_streamlit_escape_renders_as_exactly_the_typed_text(text: str):
    source = app_markdown(text)
    blocks, shown = rendered(source)
    assert blocks in ([], ["paragraph_open", "inline", "paragraph_close"])
    assert _as_a_browser_shows(shown) == _as_a_browser_shows(text)
    # Streamlit's own syntax: nothing unescaped is left, and no shortcode survives rendering.
    assert not ASCII_PUNCTUATION.search(re.sub(r"\\[\s\S]|&#(?:32|9);", "", source))
    assert not SHORTCODE.search(shown)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(TYPED)
def test_export_escape_renders_as_the_typed_text_and_leaves_ordinary_punctuation_alone(text: str):
    source = markdown_document(text)
    blocks, shown = rendered(source)
    assert set(blocks) <= {"paragraph_open", "inline", "paragraph_close"}  # a blank line may split paragraphs
    assert re.sub(r"\s+", " ", shown).strip() == re.sub(r"\s+", " ", text).strip()
    for ordinary in ".,;:!?()'\"/-+=#@%":  # readable as plain text: no backslash before these mid-line
        assert f"a\\{ordinary}" not in markdown_document(f"a{ordinary}")


def test_export_escape_keeps_sentences_readable():
    typed = "Föreningen (org.nr 802000-0000) ska – enligt avtal 2026:3 – rapportera 2 ggr/år; kostnad 50 %."
    assert markdown_document(typed) == typed
    assert markdown_document("kalas $5 och $6") == "kalas \\$5 och \\$6"
    assert markdown_document("rad ett\r===") == "rad ett  \n\\==="


def test_export_keeps_underscores_inside_words_and_escapes_the_ones_that_could_emphasise():
    for typed in ["dnr_2026_14", "fil_namn.docx", "snake__case", "Å_Ä_Ö"]:
        source = markdown_document(typed)
        assert source == typed
        assert rendered(source)[1].strip() == typed
    for typed in ["_kursiv_", "__fet__ text", "slut_ ", "a _b_ c"]:
        source = markdown_document(typed)
        assert "\\_" in source
        assert rendered(source)[1].strip() == typed.strip()


def _sidebar_case_text(at: AppTest) -> str:
    return next(m.value for m in at.sidebar.markdown if m.value.startswith("**Ärende:**"))


@settings(max_examples=8, deadline=None, derandomize=True)  # a full app run each: the escaper's own
@given(TYPED.filter(lambda s: s.strip()))                       # property above has the large budget
def test_the_case_title_in_the_sidebar_renders_as_typed(title: str):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.session_state["case"] = Case(title=title)
    at.run()
    assert not at.exception
    _, shown = rendered(_sidebar_case_text(at))
    label = "<strong_open>Ärende:<strong_close> "  # the page's own markup, and only that
    assert shown.startswith(label)
    assert _as_a_browser_shows(shown.removeprefix(label)) == _as_a_browser_shows(title)


def test_the_org_number_error_quotes_the_input_without_rendering_it():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run().switch_page("app_pages/case.py").run()
    field = next(t for t in at.text_input if t.label == "Organisationsnummer")
    typed = "![x](https://angripare.example/spåra.png) :smile: $x$"
    field.input(typed).run()
    shown = next(text for text in (rendered(e.value)[1] for e in at.error) if "NNNNNN-NNNN" in text)
    assert "<image>" not in shown and "<link>" not in shown
    assert typed in shown.replace(WORD_JOINER, "")
    assert at.text_input(key=field.key).value == typed  # what was typed is kept in the field


NASTY_REASONS = ["$x^2$ och :smile:", "rad ett\r===", "![bild](https://x.invalid/a.png)", ":red[röd] :material/home:",
                 "<b>fet</b> **fet** | a | b |", "    fyra blanksteg", "1. inte en lista\n- inte en punkt"]


def test_reasoning_on_the_recommendation_page_renders_as_typed():
    from iop.engine.case_import import load_case
    from iop.rules.rulebook import load_rulebook
    from tests.helpers import CASES

    case = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    for qid, reason in zip(["initiative", "political_programme", "normed_grant_fit", "detail_regulation",
                            "long_duration", "companies_offer", "local_development"], NASTY_REASONS, strict=True):
        case.answers[qid].reasoning = reason
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.session_state["case"] = case
    at.run()
    at.switch_page("app_pages/recommendation.py").run()
    assert not at.exception
    shown = [rendered(m.value)[1] for m in at.markdown]
    for reason in NASTY_REASONS:
        assert any(_as_a_browser_shows(reason) in _as_a_browser_shows(s) for s in shown), reason
    assert not any(re.search(r"<(link_open|image|html_inline|code_inline|s_open)>", s) for s in shown)


def test_the_export_leaves_streamlit_icons_and_times_as_typed_but_escapes_emoji_shortcodes():
    assert markdown_document(":material/warning: kl. 10:30:00") == ":material/warning: kl. 10:30:00"
    assert markdown_document(":warning: :+1:") == "\\:warning: \\:+1:"
