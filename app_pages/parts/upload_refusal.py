"""A visible Swedish message when the browser refuses a file in the uploader (too large, wrong type).

Streamlit's uploader checks the size (``server.maxUploadSize``, 1 MB here) and
the file type in the browser, before anything is sent: a refused file never
reaches the server, so no script run can react to it. Streamlit itself shows
the refusal only as a red file entry whose reason is a tooltip (and a
screen-reader alert): a sighted user has to hover to learn what is wrong.

So each uploader page draws both messages once, hidden by a stylesheet, and
the in-page script (``swedish_chrome``) marks the document with the kind of
refusal the uploader shows (``data-iop-upload-refused="size"`` or ``"type"``),
which reveals the matching message, and writes the refused file's size into
it ("Filen är för stor (3,1 MB): …"). Nothing is sent or rerun, so whatever the
user has typed elsewhere on the page stays as it was. The 1 MB limit holds as
before: the browser refuses the bytes, and ``iop`` still checks the size
(``MAX_FILE_BYTES``) before any parser sees a file that does arrive.

Raising the uploader's own limit (the per-widget ``max_upload_size`` of
Streamlit 1.67, or ``server.maxUploadSize``) so that the server could refuse
with the exact size was considered: it would accept far larger uploads into
server memory and make the uploader promise a limit ("Högst 20 MB per fil")
that is not the real one.
"""

from __future__ import annotations

from html import escape

import streamlit as st

_STYLE = """<style>
.iop-upload-refusal { display: none; padding: 1rem; border-radius: 0.5rem; line-height: 1.6;
  background: rgba(255, 43, 43, 0.09); color: rgb(125, 53, 59); }
html[data-iop-upload-refused="size"] .iop-upload-refusal[data-refusal="size"],
html[data-iop-upload-refused="type"] .iop-upload-refusal[data-refusal="type"] { display: block; }
html:is(:not([data-iop-upload-refused]), [data-iop-upload-refused=""])
  [data-testid="stElementContainer"]:has(.iop-upload-refusal) { display: none !important; }
</style>"""
"""Both messages hidden, with no gap left where they stand, until the document names a refusal."""


def limit_mb() -> int:
    """The upload limit the browser applies, in MB (``server.maxUploadSize``)."""
    return int(st.get_option("server.maxUploadSize"))


def too_large_message(unchanged: str) -> tuple[str, str]:
    """What is wrong with a file over the limit and how to fix it; ``unchanged`` says what was kept.

    In two parts, around the place where the in-page script writes the refused file's size:
    "Filen är för stor" and ": högst 1 MB …", which read as one sentence.
    """
    return ("Filen är för stor",
            f": högst {limit_mb()} MB går att läsa in. En ärendefil är normalt några kilobyte – kontrollera att du "
            "valt rätt fil. Ta bort den med krysset och välj ärendefilen (PDF, .yaml eller .yml). "
            f"{unchanged}")


def wrong_type_message(unchanged: str) -> str:
    """What is wrong with a file of another type and how to fix it."""
    return ("Filen är inte en ärendefil: bara filer från IOP-stöd (PDF, .yaml eller .yml) kan läsas in. Ta bort "
            f"den med krysset och välj den fil som exporterats från IOP-stöd. {unchanged}")


def draw(unchanged: str) -> None:
    """Draw the hidden refusal messages right under an uploader; the in-page script shows the one that applies.

    Plain HTML rather than ``st.error``: a hidden message is not an error the
    page shows (AppTest and the page's own checks count every ``st.error``).
    """
    # An empty slot for the size: without the script the sentence still reads "Filen är för stor: …".
    head, rest = too_large_message(unchanged)
    size = f'{escape(head)}<span class="iop-upload-size"></span>{escape(rest)}'
    kind = escape(wrong_type_message(unchanged))
    st.html(f'{_STYLE}<div class="iop-upload-refusal" data-refusal="size" role="status">{size}</div>'
            f'<div class="iop-upload-refusal" data-refusal="type" role="status">{kind}</div>')
