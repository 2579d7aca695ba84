"""Text a user typed, made safe for the two Markdown dialects it ends up in.

There is one function per target, and every place that shows user text for
that target uses it:

* ``app_markdown`` for everything Streamlit renders as Markdown
  (st.markdown, st.caption, st.header, the bodies of st.error/st.warning/
  st.info/st.success, expander and widget labels and help). Nobody reads
  its output as source, so it escapes everything that could mean something:
  every ASCII punctuation character gets a backslash (CommonMark allows that
  before any of them, and it stops GFM tables, strikethrough and autolinks,
  ``$`` LaTeX, and Streamlit's ``:color[...]`` and ``:material/...:``
  directives); each line ending (``\\r\\n``, ``\\r``, ``\\n``) becomes a hard
  line break, so ``\\r===`` can never underline a heading; leading blanks
  become character references, so four spaces never start a code block.
  Emoji shortcodes (``:smile:``) and GFM's bare links (``https://…``,
  ``www.…``, ``namn@exempel.se``) are recognised after parsing, escapes and
  all, so a WORD JOINER (U+2060, invisible and zero-width) breaks them up.

* ``markdown_document`` for the Markdown export file, which people also read
  as plain text. It escapes only what would otherwise turn into markup, so
  ordinary punctuation stays as typed.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"

_ASCII_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_LINE_END = re.compile(r"\r\n|\r|\n")
# Where an invisible WORD JOINER goes: after a colon that could open a shortcode, and inside
# what GFM would turn into a link after parsing (https://, www., an e-mail address).
_JOIN_HERE = re.compile(r"(?<=:)(?=[^\s:]+:)|(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
_LEADING_BLANKS = re.compile(r"^[ \t]+", re.MULTILINE)


def _blank_refs(match: re.Match[str]) -> str:
    return "".join("&#9;" if c == "\t" else "&#32;" for c in match.group())


def app_markdown(text: str) -> str:
    """``text`` for any Streamlit element that renders Markdown: shown exactly as typed, never as markup."""
    text = _JOIN_HERE.sub(WORD_JOINER, text)
    text = _ASCII_PUNCTUATION.sub(r"\\\1", text)
    # Trailing blanks and line endings are invisible, and a break at the very end renders as "\\".
    text = _LEADING_BLANKS.sub(_blank_refs, _LINE_END.sub("\n", text).rstrip())
    return text.replace("\n", "\\\n")


# Inline markup that can start anywhere on a line in CommonMark/GFM (and $ for LaTeX, : for emoji
# shortcodes such as :warning:, names of letters, digits, _, + and - with a letter in them, or one of
# GitHub's four without (:+1:, :-1:, :100:, :1234:), so a time like 10:30:00 stays as typed;
# ":material/warning:" is Streamlit's syntax, which no Markdown reader of the file renders, so it stays as typed).
# Underscores between letters or digits ("org_nr", "003_2337") never open or close emphasis in CommonMark,
# so they stay as typed; any other run of underscores is escaped.
_DOC_INLINE = re.compile(r"([\\`*\[\]<>|~$])|(&(?=#?\w+;))|(:(?=(?:[\w+\-]*[^\W\d_][\w+\-]*|[+\-]1|100|1234):))|(_+)")
# Block markup that only counts at the start of a line.
_DOC_LINE_START = re.compile(r"^(?:([#>+=\-])|(\d+)([.)]))")


def _doc_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return f"\\{match.group(1)}"
    return f"{match.group(2)}\\{match.group(3)}"


def _doc_inline(match: re.Match[str]) -> str:
    underscores = match.group(4)
    if underscores is None:
        return "\\" + match.group()
    start, end = match.span()
    text = match.string
    if 0 < start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
        return underscores  # intraword: literal in CommonMark, so no backslash for the plain-text reader
    return "\\_" * len(underscores)


def markdown_document(text: str, single_line: bool = False) -> str:
    """``text`` for a Markdown file: literal when rendered, readable as plain text.

    ``single_line`` is for headings and table cells, where a line break would
    end the construct: line endings become spaces. Elsewhere each becomes a
    hard line break (two trailing spaces), and the next line's block markers
    are escaped.
    """
    text = _DOC_INLINE.sub(_doc_inline, text)
    lines = _LINE_END.split(text)
    if single_line:
        return _doc_escape_start(" ".join(lines))
    return "  \n".join(_doc_escape_start(line) for line in lines)


def _doc_escape_start(line: str) -> str:
    if line[:1] in (" ", "\t"):  # indentation could start a code block: the first blank becomes a reference
        return ("&#9;" if line[0] == "\t" else "&#32;") + line[1:]
    return _DOC_LINE_START.sub(_doc_line_start, line)
