"""Streamlit's own interface text in Swedish, the page language Swedish, the phone menu closing.

Streamlit has no i18n: its index.html says ``lang="en"`` and its widgets carry
English text ("Drag and drop a file here", "No results", "Help for …",
"Skip to main content"), which a Swedish user sees and a screen reader reads
with an English voice (WCAG 3.1.1, 3.1.2). ``serve.py`` serves the page as
``lang="sv"`` from the first byte (``served_html``); as a second line, for
``streamlit run app.py`` and AppTest, a small script in the page sets
``lang="sv"`` and replaces those strings in text and in every attribute a
screen reader reads (``ATTRIBUTES``: aria-label, aria-roledescription,
aria-valuetext, title, placeholder ...), and a MutationObserver keeps doing so
as Streamlit redraws the page (after navigation, when a selectbox opens, when a
tooltip appears). What changed is translated in the observer's callback, before
the browser renders it: a live region's announcement ("5 options available.")
reaches a screen reader in Swedish, not first in English.

Besides Streamlit's own widgets this covers the select boxes and the date field
(React Aria, which Streamlit runs as en-US, so dates come formatted in English
and are rewritten as Swedish dates), a chart's toolbar and Vega's role names,
and the dialog shown when the server cannot be reached: its advice to a
developer ("streamlit run yourscript.py") is emptied and hidden.

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
    # the dialog and status when the server cannot be reached (the developer's "streamlit run
    # yourscript.py" beside it is emptied and hidden by the script below)
    "Connection error": "Ingen kontakt med servern",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:":
        "IOP-stöd får inte kontakt med servern. Sidan försöker ansluta igen av sig själv; vänta en "
        "stund. Kvarstår felet, kontakta förvaltningen som ansvarar för verktyget.",
    "Streamlit server is not responding. Are you connected to the internet?":
        "Servern svarar inte. Kontrollera att datorn är ansluten till nätverket; sidan försöker ansluta "
        "igen av sig själv.",
    "Connection timed out.": "Servern svarade inte i tid. Sidan försöker ansluta igen av sig själv.",
    "streamlit run yourscript.py": "",
    "Connecting": "Ansluter",
    "Connecting to Streamlit server": "Ansluter till servern",
    "Unable to connect to Streamlit server": "Ingen kontakt med servern",
    "Error": "Fel",
    "Please wait...": "Vänta …",
    "Connection lost. Please wait for the app to reconnect, then try again.":
        "Kontakten med servern bröts. Vänta tills sidan har anslutit igen och försök sedan på nytt.",
    # what a screen reader hears from the select boxes (React Aria, which Streamlit runs as en-US)
    "Dismiss": "Stäng",
    "Selected values": "Valda alternativ",
    "Multiselect": "Flerval",
    "Show suggestions": "Visa förslag",
    "Suggestions": "Förslag",
    "Long press or press Alt + ArrowDown to open menu":
        "Håll nedtryckt eller tryck Alt + pil nedåt för att öppna menyn",
    # the date field and its calendar
    "Choose date": "Välj datum",
    "Choose date range": "Välj datumintervall",
    "Choose date and time": "Välj datum och tid",
    "Clear date": "Rensa datumet",
    "Clear dates": "Rensa datumen",
    "Clear date and time": "Rensa datum och tid",
    "Previous month": "Föregående månad",
    "Next month": "Nästa månad",
    "Previous": "Föregående",
    "Next": "Nästa",
    "Calendar": "Kalender",
    "Start Date": "Startdatum",
    "End Date": "Slutdatum",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
        "Flytta mellan datumen med piltangenterna, välj med Enter och stäng med Escape.",
    "Use arrow keys to navigate. Enter to select. Tab to switch between calendar and time. Escape to close.":
        "Flytta med piltangenterna, välj med Enter, byt mellan kalender och tid med Tab och stäng med Escape.",
    "Click to start selecting date range": "Klicka för att börja välja datumintervall",
    "Click to finish selecting date range": "Klicka för att avsluta valet av datumintervall",
    "First available date": "Första datum som går att välja",
    "Last available date": "Sista datum som går att välja",
    "Start date must be before end date.": "Startdatumet måste vara före slutdatumet.",
    "Selected date unavailable.": "Det valda datumet går inte att välja.",
    # a chart's toolbar (the workshop's result) and the chart itself (Vega)
    "Show data": "Visa uppgifterna som tabell",
    "Show chart": "Visa diagrammet",
    "Download as PNG": "Ladda ner som bild (PNG)",
    "Copy Vega-Lite spec": "Kopiera diagrammets kod",
    "Copied!": "Kopierat",
    "Vega visualization": "Diagram",
    "visualization": "diagram",
    "group mark container": "diagramyta",
    "rect mark container": "staplar",
    "text mark container": "etiketter",
    "axis": "axel",
    "legend": "teckenförklaring",
    "Toolbar action": "Verktygsknapp",
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
    # the server cannot be reached
    (r"^Connection failed with status (\d+)\.$",
     "Anslutningen till servern misslyckades (status $1). Sidan försöker igen av sig själv."),
    (r"^Connection failed with status (\d+), and response:$",
     "Anslutningen till servern misslyckades (status $1). Serverns svar:"),
    (r"^Cannot connect to Streamlit \(HTTP status: (\d+)\)\.[\s\S]*due to the app's$",
     "Servern nekade anslutningen (HTTP-status $1). Körs appen på en annan server kan det bero på "
     "inställningarna för"),
    (r"^(\d+) notifications?\.$", "$1 meddelanden."),
    # select boxes: announcements while the list is open
    (r"^(\d+) options? available\.$", "$1 alternativ att välja bland."),
    (r"^Entered group (.+), with (\d+) options?\. (.*)$", "Gruppen $1, $2 alternativ. $3"),
    (r"^(.+), selected$", "$1, vald"),
    # the date field: its parts, the chosen date (formatted in English by Streamlit's en-US locale)
    (r"^Selected Date: (.+)$", "Valt datum: {date:1}"),
    (r"^Selected Range: (.+) to (.+)$", "Valt intervall: {date:1} till {date:2}"),
    (r"^Selected Time: (.+)$", "Vald tid: $1"),
    (r"^Today, (.+) selected$", "I dag, {date:1}, valt"),
    (r"^Today, (.+)$", "I dag, {date:1}"),
    (r"^(.+) selected$", "{date:1}, valt"),
    (r"^Choose date, (.+)$", "Välj datum, {date:1}"),
    (r"^year, (.+)$", "år, $1"),
    (r"^month, (.+)$", "månad, $1"),
    (r"^day, (.+)$", "dag, $1"),
    (r"^day of the week, (.+)$", "veckodag, $1"),
    (r"^(hour|minute|second|era|time zone|AM/PM), (.+)$", "{part:1}, $2"),
    (r"^(\d+) – ([A-Z][a-z]+)$", "$1 – {month:2}"),
    (r"^Value must be (.+) or later\.$", "Datumet får inte vara tidigare än {date:1}."),
    (r"^Value must be (.+) or earlier\.$", "Datumet får inte vara senare än {date:1}."),
]
"""Strings with a variable part: (JavaScript regex, replacement).

In a replacement ``$n`` is group n, ``{date:n}`` group n as a Swedish date when it is an
English one ("December 05, 2026" -> "5 december 2026"), ``{month:n}`` an English month name
in Swedish and ``{part:n}`` the Swedish name of a part of a time.
"""

WHOLE = {"settings.": "."}
"""Texts replaced with their surrounding space: after the link "CORS" in the 403 message."""

BY_ATTRIBUTE = {"aria-valuetext": {"Empty": "Tomt"}}
"""Translations that differ by attribute: an empty date part is "Tomt", an empty table cell count "Tomma"."""

MONTHS = dict(zip(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"],
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
     "november", "december"], strict=True))
WEEKDAYS = dict(zip(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
                    ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"], strict=True))
TIME_PARTS = {"hour": "timme", "minute": "minut", "second": "sekund", "era": "era", "time zone": "tidszon",
              "AM/PM": "fm/em"}

ATTRIBUTES = ["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "aria-placeholder",
              "title", "placeholder", "alt"]
"""The attributes whose text a user sees or a screen reader reads."""

_SCRIPT = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const win = doc.defaultView;
  const exact = %(exact)s;
  const whole = %(whole)s;
  const byAttribute = %(by_attribute)s;
  const months = %(months)s;
  const weekdays = %(weekdays)s;
  const timeParts = %(time_parts)s;
  const attributes = %(attributes)s;
  const patterns = %(patterns)s.map(([re, to]) => [new RegExp(re), to]);
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  // "December 05, 2026" or "Monday, December 5, 2026" (Streamlit formats dates as en-US) in Swedish.
  const svDate = (s) => {
    const m = /^(?:([A-Z][a-z]+day), )?([A-Z][a-z]+) (\\d{1,2}), (\\d{4})$/.exec(s.trim());
    if (!m || !has(months, m[2]) || (m[1] && !has(weekdays, m[1]))) return s;
    return (m[1] ? weekdays[m[1]] + " " : "") + Number(m[3]) + " " + months[m[2]] + " " + m[4];
  };
  const fill = (to, g) => to.replace(/\\$(\\d)|\\{(date|month|part):(\\d)\\}/g, (_, n, kind, k) => {
    if (n) return g[Number(n)] ?? "";
    const v = g[Number(k)] ?? "";
    if (kind === "date") return svDate(v);
    const table = kind === "month" ? months : timeParts;
    return has(table, v) ? table[v] : v;
  });
  const once = (key) => {
    if (has(exact, key)) return exact[key];
    for (const [re, to] of patterns) { const g = re.exec(key); if (g) return fill(to, g); }
    // "Fullscreen: Skanna för att gå med": a button's name with the element it belongs to
    const i = key.indexOf(": ");
    if (i > 0 && has(exact, key.slice(0, i))) return exact[key.slice(0, i)] + key.slice(i);
    return null;
  };
  const tr = (text, attr) => {
    const key = text.trim();
    if (!key) return null;
    const special = attr && has(byAttribute, attr) ? byAttribute[attr] : {};
    if (has(special, key)) return text.replace(key, () => special[key]);
    if (has(whole, key)) return whole[key];
    let out = once(key);
    if (out === null) return null;
    for (let i = 0; i < 2; i++) { const again = once(out); if (again === null || again === out) break; out = again; }
    return text.replace(key, () => out);
  };
  const fixText = (n) => {
    // An icon is drawn from its English ligature ("upload"): translating it breaks the glyph.
    if (!n.parentElement || n.parentElement.closest("[translate='no'], [data-testid='stIconMaterial']")) return;
    const out = tr(n.nodeValue);
    if (out !== null && out !== n.nodeValue) n.nodeValue = out;
  };
  const fixAttribute = (el, attr) => {
    const v = el.getAttribute(attr);
    if (v) { const out = tr(v, attr); if (out !== null && out !== v) el.setAttribute(attr, out); }
  };
  const selector = attributes.map((a) => "[" + a + "]").join(",");
  // Text and attributes in a part of the page (an element, or a text node on its own).
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) fixText(n);
    for (const a of attributes) if (root.hasAttribute(a)) fixAttribute(root, a);
    for (const el of root.querySelectorAll(selector)) for (const a of attributes) fixAttribute(el, a);
  };
  const fix = (root) => {
    if (!root) return;  // in the served page's <head> the script runs before <body> exists
    if (doc.documentElement.lang !== "sv") doc.documentElement.lang = "sv";
    fixTree(root);
    // A wide table scrolls sideways on a phone; a keyboard user must be able to reach and scroll it (WCAG 2.1.1).
    for (const el of doc.querySelectorAll("[data-testid='stTable'] div:not([tabindex])")) {
      const overflow = doc.defaultView.getComputedStyle(el).overflowX;
      if (overflow === "auto" || overflow === "scroll") {
        el.tabIndex = 0;
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "Tabell, kan rullas i sidled");
      }
    }
    // The connection dialog's advice to a developer ("streamlit run yourscript.py", emptied above) is hidden.
    for (const block of doc.querySelectorAll("[data-testid='stErrorCodeBlock']")) {
      const empty = block.textContent.trim() === "";
      if (empty && block.style.display !== "none") block.style.display = "none";
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
  };
  // On a phone the side menu covers the page: close it once the user has moved to another page.
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
  if (!win.__iopSwedish) {
    win.__iopSwedish = true;
    let queued = false;
    new MutationObserver((records) => {
      // What changed is translated at once, before the browser renders it or hands it to a screen
      // reader: a live region's "5 options available." is never announced in English first.
      for (const r of records) {
        if (r.type === "childList") { for (const n of r.addedNodes) fixTree(n); }
        else if (r.type === "characterData") fixText(r.target);
        else if (r.type === "attributes" && r.attributeName !== "lang") fixAttribute(r.target, r.attributeName);
      }
      if (queued) return;
      queued = true;
      win.requestAnimationFrame(() => { queued = false; fix(doc.body); closeMenuAfterNavigation(); });
    }).observe(doc.documentElement, {subtree: true, childList: true, characterData: true,
                                     attributes: true, attributeFilter: ["lang", ...attributes]});
  }
})();
</script>"""


@functools.cache
def script() -> str:
    """The translating script as an HTML ``<script>`` element: in the served page's head and on every page."""
    return _SCRIPT % {name: json.dumps(value, ensure_ascii=False) for name, value in {
        "exact": EXACT, "whole": WHOLE, "by_attribute": BY_ATTRIBUTE, "months": MONTHS, "weekdays": WEEKDAYS,
        "time_parts": TIME_PARTS, "attributes": ATTRIBUTES, "patterns": PATTERNS}.items()}


def install(also: str = "") -> None:
    """Run on every page: Swedish page language and Streamlit's interface text in Swedish.

    ``also`` is another page-wide script, put in the same element: each element
    drawn above the page's title pushes it down by a gap.
    """
    st.html(_page_script(also), unsafe_allow_javascript=True)


@functools.cache
def _page_script(also: str) -> str:
    """The script with its tables filled in: the same on every run, so made once per process."""
    return script() + also
