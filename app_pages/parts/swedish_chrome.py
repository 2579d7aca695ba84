"""Streamlit's own interface text in Swedish, the page language Swedish, the phone menu closing.

Streamlit has no i18n: its index.html says ``lang="en"`` and its widgets carry
English text ("Drag and drop a file here", "No results", "Help for …",
"Skip to main content"), which a Swedish user sees and a screen reader reads
with an English voice (WCAG 3.1.1, 3.1.2). ``serve.py`` serves the page as
``lang="sv"`` from the first byte (``served_html``); as a second line, for
``streamlit run app.py`` and AppTest, a small script in the page sets
``lang="sv"`` and replaces those strings in text, aria-labels, titles and
placeholders, and a MutationObserver keeps doing so as Streamlit redraws the
page (after navigation, when a selectbox opens, when a tooltip appears).

The same script closes the side menu after navigation on a narrow screen,
where Streamlit leaves it open over the page just chosen, and makes tables
that scroll sideways on a phone reachable with the keyboard.
"""

from __future__ import annotations

import functools
import json

import streamlit as st

EXACT = {
    "Skip to main content": "Hoppa till huvudinnehållet",
    "Drag and drop a file here": "Dra och släpp en fil här",
    "Drag and drop files here": "Dra och släpp filer här",
    "Drag and drop directories here": "Dra och släpp mappar här",
    "Browse files": "Välj fil",
    "Upload": "Ladda upp",
    "No results": "Inga träffar",
    "Help": "Hjälp",
    "Clear all": "Rensa allt",
    "Clear value": "Rensa",
    "Show password": "Visa lösenord",
    "Hide password": "Dölj lösenord",
    "Choose an option": "Välj ett alternativ",
    "Collapse sidebar": "Dölj sidomenyn",
    "Expand sidebar": "Visa sidomenyn",
    "Close": "Stäng",
    "Main menu": "Huvudmeny",
    "Running...": "Arbetar …",
    "Stop": "Stoppa",
    "Delete": "Ta bort",
    "Remove": "Ta bort",
    "Remove file": "Ta bort filen",
    "Delete file": "Ta bort filen",
    "Download": "Ladda ner",
    "Fullscreen": "Helskärm",
    "Close fullscreen": "Stäng helskärm",
    "Selected": "Vald",
    "Open": "Öppna",
    "Increment": "Öka",
    "Decrement": "Minska",
    "Decrement value": "Minska värdet",
    "Increment value": "Öka värdet",
    "Selectbox options": "Alternativ",
    "open": "öppna",
    "Show more": "Visa mer",
    "Show less": "Visa mindre",
    "Copy to clipboard": "Kopiera",
    "Search": "Sök",
    "Sidebar": "Sidomeny",
    "App pages": "Sidor",
    "Link to heading": "Länk till rubriken",
    "file upload": "filuppladdning",
    "upload": "ladda upp",
    "progress": "förlopp",
    "handshake icon": "ikon",
    # the table's toolbar and column menu (Ärenden, Status och historik)
    "Show/hide columns": "Visa eller dölj kolumner",
    "Download as CSV": "Ladda ner som CSV",
    "Dataframe column menu": "Kolumnmeny",
    "Sort ascending": "Sortera stigande",
    "Sort descending": "Sortera fallande",
    "Statistics": "Statistik",
    "Autosize": "Anpassa bredden",
    "Pin column": "Fäst kolumnen",
    "Unpin column": "Lossa kolumnen",
    "Hide column": "Dölj kolumnen",
    "Copy column name": "Kopiera kolumnnamnet",
    "Type to search": "Skriv för att söka",
    "Select all": "Markera alla",
    "Clear selection": "Avmarkera",
    "No data": "Inga uppgifter",
    "Empty": "Tomma",
    "Distinct": "Olika värden",
    "Count": "Antal",
    "Minimum length": "Minsta längd",
    "Maximum length": "Största längd",
    "Average length": "Medellängd",
    "Top values frequency chart": "Diagram över vanligaste värden",
    "Distribution histogram": "Histogram",
    "Based on sample": "Bygger på ett urval",
    "Values": "Värden",
    # the file uploader: a refused file, the add button, the page-not-found dialog
    "Error:": "Fel:",
    "Click to retry upload": "Klicka för att försöka ladda upp igen",
    "Only one file is allowed.": "Bara en fil åt gången går att läsa in.",
    "File size is too small.": "Filen är för liten.",
    "Unexpected error. Please try again.": "Något gick fel. Försök igen.",
    "add icon": "Lägg till fil",
    "Add files": "Lägg till fil",
    "Add file": "Lägg till fil",
    "Page not found": "Sidan finns inte",
    "The page that you have requested does not seem to exist. Running the app's main page.":
        "Det finns ingen sida med den adressen. Du har kommit till startsidan.",
}
"""Streamlit's English strings -> Swedish, matched on the whole (trimmed) text or attribute."""

PATTERNS = [
    (r"^Help for (.+)$", "Hjälp om $1"),
    (r"^(\d+(?:\.\d+)?)MB per file(.*)$", "Högst $1 MB per fil$2"),
    (r"^(\d+(?:\.\d+)?)\s?(KB|MB|GB) per file(.*)$", "Högst $1 $2 per fil$3"),
    (r"^Remove (.+)$", "Ta bort $1"),
    # Streamlit writes sizes as "251.0B" and "3.0MB": Swedish has a decimal comma and a space before the unit.
    (r"^File must be (\d+)\.(\d+) ?(B|KB|MB|GB) or smaller\.$", "Filen får vara högst $1,$2 $3."),
    (r"^(.+), (\d+)\.0 ?B$", "$1, $2 B"),
    (r"^(.+), (\d+)\.(\d+) ?(KB|MB|GB)$", "$1, $2,$3 $4"),
    (r"^(\d+)\.0 ?B$", "$1 B"),
    (r"^(.+) files are not allowed\.$", "Filtypen $1 går inte att läsa in."),
    (r"^(\d+)\.(\d+) ?(KB|MB|GB)$", "$1,$2 $3"),
    (r"^You have requested page /(.+), but no corresponding file was found in the app's pages/ directory\. "
     r"Running the app's main page\.$", "Sidan /$1 finns inte. Du har kommit till startsidan."),
    (r"^Press Enter to apply$", "Tryck Enter för att spara"),
    (r"^Press Enter to submit form$", "Tryck Enter för att skicka"),
    (r"^Press ⌘\+Enter to apply$", "Tryck ⌘+Enter för att spara"),
    (r"^Press Ctrl\+Enter to apply$", "Tryck Ctrl+Enter för att spara"),
]
"""Strings with a variable part: (JavaScript regex, replacement)."""

_SCRIPT = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const exact = %(exact)s;
  const patterns = %(patterns)s.map(([re, to]) => [new RegExp(re), to]);
  const tr = (text) => {
    const key = text.trim();
    if (!key) return null;
    if (Object.prototype.hasOwnProperty.call(exact, key)) return text.replace(key, exact[key]);
    for (const [re, to] of patterns) { if (re.test(key)) return text.replace(key, key.replace(re, to)); }
    return null;
  };
  const fix = (root) => {
    if (doc.documentElement.lang !== "sv") doc.documentElement.lang = "sv";
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // An icon is drawn from its English ligature ("upload"): translating it breaks the glyph.
      if (n.parentElement && n.parentElement.closest("[translate='no'], [data-testid='stIconMaterial']")) continue;
      const out = tr(n.nodeValue);
      if (out !== null && out !== n.nodeValue) n.nodeValue = out;
    }
    // A wide table scrolls sideways on a phone; a keyboard user must be able to reach and scroll it (WCAG 2.1.1).
    for (const el of doc.querySelectorAll("[data-testid='stTable'] div:not([tabindex])")) {
      const overflow = doc.defaultView.getComputedStyle(el).overflowX;
      if (overflow === "auto" || overflow === "scroll") {
        el.tabIndex = 0;
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "Tabell, kan rullas i sidled");
      }
    }
    // The browser refuses a file over the size limit without telling the server, so no rerun clears the
    // message about the file tried before; hide that message while the uploader shows the refused file.
    const refused = doc.querySelector("[data-testid='stFileChip'][aria-invalid='true']") !== null;
    // ... and say on the page why it was refused (upload_refusal.py): Streamlit shows it only on hover.
    const alert = doc.querySelector("[data-testid='stFileUploader'] [role='alert']");
    const reason = refused && alert ? alert.textContent : "";
    const kind = !refused ? "" : /or smaller|får vara högst/.test(reason) ? "size" : "type";
    if ((doc.documentElement.dataset.iopUploadRefused || "") !== kind) {
      doc.documentElement.dataset.iopUploadRefused = kind;
    }
    // The refused file's size as its red entry shows it ("huge.yaml, 3,1 MB") goes into the message too.
    const chip = doc.querySelector("[data-testid='stFileChip'][aria-invalid='true']");
    const found = /, (\\d+)[.,]?(\\d*) ?(B|KB|MB|GB)$/.exec(chip ? chip.getAttribute("aria-label") || "" : "");
    const size = found ? ` (${found[1]}${found[2] ? "," + found[2] : ""} ${found[3]})` : "";
    for (const el of doc.querySelectorAll(".iop-upload-size")) { if (el.textContent !== size) el.textContent = size; }
    for (const el of doc.querySelectorAll("[class*='st-key-upload-result']")) {
      const display = refused ? "none" : "";
      if (el.style.display !== display) el.style.display = display;
    }
    // A Material icon in Markdown is announced by its English name ("cloud_done icon"); the text beside it
    // says what it means, so it is decorative and hidden from screen readers.
    for (const el of doc.querySelectorAll("span[role='img'][aria-label$=' icon'][translate='no']")) {
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
      el.setAttribute("aria-hidden", "true");
    }
    const els = root.querySelectorAll ? root.querySelectorAll("[aria-label],[title],[placeholder]") : [];
    for (const el of els) {
      for (const attr of ["aria-label", "title", "placeholder"]) {
        const v = el.getAttribute(attr);
        if (v) { const out = tr(v); if (out !== null && out !== v) el.setAttribute(attr, out); }
      }
    }
  };
  // On a phone the side menu covers the page: close it once the user has moved to another page.
  const win = doc.defaultView;
  const closeMenuAfterNavigation = () => {
    if (win.__iopPath !== undefined && win.__iopPath !== win.location.pathname && win.innerWidth < 768) {
      const sidebar = doc.querySelector("[data-testid='stSidebar']");
      const close = sidebar && (sidebar.querySelector("[data-testid='stSidebarCollapseButton'] button")
                                || sidebar.querySelector("button[aria-expanded='true']"));
      if (close && sidebar.getAttribute("aria-expanded") !== "false") close.click();
    }
    win.__iopPath = win.location.pathname;
  };
  fix(doc.body);
  closeMenuAfterNavigation();
  if (!doc.defaultView.__iopSwedish) {
    doc.defaultView.__iopSwedish = true;
    let queued = false;
    new MutationObserver(() => {
      if (queued) return;
      queued = true;
      doc.defaultView.requestAnimationFrame(() => { queued = false; fix(doc.body); closeMenuAfterNavigation(); });
    }).observe(doc.documentElement, {subtree: true, childList: true, characterData: true,
                                     attributes: true,
                                     attributeFilter: ["lang", "aria-label", "title", "placeholder"]});
  }
})();
</script>"""


def install(also: str = "") -> None:
    """Run on every page: Swedish page language and Streamlit's interface text in Swedish.

    ``also`` is another page-wide script, put in the same element: each element
    drawn above the page's title pushes it down by a gap.
    """
    st.html(_page_script(also), unsafe_allow_javascript=True)


@functools.cache
def _page_script(also: str) -> str:
    """The script with its tables filled in: the same on every run, so made once per process."""
    return _SCRIPT % {"exact": json.dumps(EXACT, ensure_ascii=False), "patterns": json.dumps(PATTERNS)} + also
