// Streamlit's own interface text in Swedish, the page language Swedish, the phone menu closing.
// app_pages/parts/swedish_chrome.py puts this file in every page, and serve.py in the served page's <head>;
// its docstring says why and what it covers.
(() => {
  const doc = window.parent ? window.parent.document : document;
  const win = doc.defaultView;

  // Streamlit's English strings -> Swedish, matched on the whole (trimmed) text or attribute.
  const exact = {
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
    // the table's toolbar and column menu (Ärenden, Status och historik)
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
    // the file uploader: a refused file, the add button, the page-not-found dialog
    "Error:": "Fel:",
    "Click to retry upload": "Klicka för att försöka ladda upp igen",
    "Only one file is allowed.": "Bara en fil åt gången går att läsa in.",
    "File size is too small.": "Filen är för liten.",
    "Unexpected error. Please try again.": "Något gick fel. Försök igen.",
    "add icon": "Lägg till fil",
    "Add files": "Lägg till fil",
    "Add file": "Lägg till fil",
    "Page not found": "Sidan finns inte",
    "The page that you have requested does not seem to exist. Running the app's main page.": "Det finns ingen sida med den adressen. Du har kommit till startsidan.",
    // the dialog and status when the server cannot be reached (the developer's "streamlit run
    // yourscript.py" beside it is emptied and hidden by the script below)
    "Connection error": "Ingen kontakt med servern",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:": "IOP-stöd får inte kontakt med servern. Sidan försöker ansluta igen av sig själv; vänta en stund. Kvarstår felet, kontakta förvaltningen som ansvarar för verktyget.",
    "Streamlit server is not responding. Are you connected to the internet?": "Servern svarar inte. Kontrollera att datorn är ansluten till nätverket; sidan försöker ansluta igen av sig själv.",
    "Connection timed out.": "Servern svarade inte i tid. Sidan försöker ansluta igen av sig själv.",
    "streamlit run yourscript.py": "",
    "Connecting": "Ansluter",
    "Connecting to Streamlit server": "Ansluter till servern",
    "Unable to connect to Streamlit server": "Ingen kontakt med servern",
    "Error": "Fel",
    "Please wait...": "Vänta …",
    "Connection lost. Please wait for the app to reconnect, then try again.": "Kontakten med servern bröts. Vänta tills sidan har anslutit igen och försök sedan på nytt.",
    // what a screen reader hears from the select boxes (React Aria, which Streamlit runs as en-US)
    "Dismiss": "Stäng",
    "Selected values": "Valda alternativ",
    "Multiselect": "Flerval",
    "Show suggestions": "Visa förslag",
    "Suggestions": "Förslag",
    "Long press or press Alt + ArrowDown to open menu": "Håll nedtryckt eller tryck Alt + pil nedåt för att öppna menyn",
    // the date field and its calendar
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
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": "Flytta mellan datumen med piltangenterna, välj med Enter och stäng med Escape.",
    "Use arrow keys to navigate. Enter to select. Tab to switch between calendar and time. Escape to close.": "Flytta med piltangenterna, välj med Enter, byt mellan kalender och tid med Tab och stäng med Escape.",
    "Click to start selecting date range": "Klicka för att börja välja datumintervall",
    "Click to finish selecting date range": "Klicka för att avsluta valet av datumintervall",
    "First available date": "Första datum som går att välja",
    "Last available date": "Sista datum som går att välja",
    "Start date must be before end date.": "Startdatumet måste vara före slutdatumet.",
    "Selected date unavailable.": "Det valda datumet går inte att välja.",
    // a chart's toolbar (the workshop's result) and the chart itself (Vega)
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
  };
  // Texts replaced with their surrounding space: after the link "CORS" in the 403 message.
  const whole = {"settings.": "."};
  // Translations that differ by attribute: an empty date part is "Tomt", an empty table cell count "Tomma".
  const byAttribute = {"aria-valuetext": {"Empty": "Tomt"}};
  const months = {
    "January": "januari", "February": "februari", "March": "mars", "April": "april",
    "May": "maj", "June": "juni", "July": "juli", "August": "augusti",
    "September": "september", "October": "oktober", "November": "november", "December": "december",
  };
  const weekdays = {
    "Monday": "måndag", "Tuesday": "tisdag", "Wednesday": "onsdag", "Thursday": "torsdag",
    "Friday": "fredag", "Saturday": "lördag", "Sunday": "söndag",
  };
  const timeParts = {
    "hour": "timme", "minute": "minut", "second": "sekund",
    "era": "era", "time zone": "tidszon", "AM/PM": "fm/em",
  };
  // The attributes whose text a user sees or a screen reader reads.
  const attributes = [
    "aria-label", "aria-description", "aria-roledescription", "aria-valuetext",
    "aria-placeholder", "title", "placeholder", "alt",
  ];
  // Strings with a variable part: [regex, replacement].
  //
  // In a replacement `$n` is group n, `{date:n}` group n as a Swedish date when it is an
  // English one ("December 05, 2026" -> "5 december 2026"), `{month:n}` an English month name
  // in Swedish and `{part:n}` the Swedish name of a part of a time.
  const patterns = [
    [/^Help for (.+)$/, "Hjälp om $1"],
    [/^(\d+(?:\.\d+)?)MB per file(.*)$/, "Högst $1 MB per fil$2"],
    [/^(\d+(?:\.\d+)?)\s?(KB|MB|GB) per file(.*)$/, "Högst $1 $2 per fil$3"],
    [/^Remove (.+)$/, "Ta bort $1"],
    // Streamlit writes sizes as "251.0B" and "3.0MB": Swedish has a decimal comma and a space before the unit.
    [/^File must be (\d+)\.(\d+) ?(B|KB|MB|GB) or smaller\.$/, "Filen får vara högst $1,$2 $3."],
    [/^(.+), (\d+)\.0 ?B$/, "$1, $2 B"],
    [/^(.+), (\d+)\.(\d+) ?(KB|MB|GB)$/, "$1, $2,$3 $4"],
    [/^(\d+)\.0 ?B$/, "$1 B"],
    [/^(.+) files are not allowed\.$/, "Filtypen $1 går inte att läsa in."],
    [/^(\d+)\.(\d+) ?(KB|MB|GB)$/, "$1,$2 $3"],
    [/^You have requested page \/(.+), but no corresponding file was found in the app's pages\/ directory\. Running the app's main page\.$/, "Sidan /$1 finns inte. Du har kommit till startsidan."],
    [/^Press Enter to apply$/, "Tryck Enter för att spara"],
    [/^Press Enter to submit form$/, "Tryck Enter för att skicka"],
    [/^Press ⌘\+Enter to apply$/, "Tryck ⌘+Enter för att spara"],
    [/^Press Ctrl\+Enter to apply$/, "Tryck Ctrl+Enter för att spara"],
    // the server cannot be reached
    [/^Connection failed with status (\d+)\.$/, "Anslutningen till servern misslyckades (status $1). Sidan försöker igen av sig själv."],
    [/^Connection failed with status (\d+), and response:$/, "Anslutningen till servern misslyckades (status $1). Serverns svar:"],
    [/^Cannot connect to Streamlit \(HTTP status: (\d+)\)\.[\s\S]*due to the app's$/, "Servern nekade anslutningen (HTTP-status $1). Körs appen på en annan server kan det bero på inställningarna för"],
    [/^(\d+) notifications?\.$/, "$1 meddelanden."],
    // select boxes: announcements while the list is open
    [/^(\d+) options? available\.$/, "$1 alternativ att välja bland."],
    [/^Entered group (.+), with (\d+) options?\. (.*)$/, "Gruppen $1, $2 alternativ. $3"],
    [/^(.+), selected$/, "$1, vald"],
    // the date field: its parts, the chosen date (formatted in English by Streamlit's en-US locale)
    [/^Selected Date: (.+)$/, "Valt datum: {date:1}"],
    [/^Selected Range: (.+) to (.+)$/, "Valt intervall: {date:1} till {date:2}"],
    [/^Selected Time: (.+)$/, "Vald tid: $1"],
    [/^Today, (.+) selected$/, "I dag, {date:1}, valt"],
    [/^Today, (.+)$/, "I dag, {date:1}"],
    [/^(.+) selected$/, "{date:1}, valt"],
    [/^Choose date, (.+)$/, "Välj datum, {date:1}"],
    [/^year, (.+)$/, "år, $1"],
    [/^month, (.+)$/, "månad, $1"],
    [/^day, (.+)$/, "dag, $1"],
    [/^day of the week, (.+)$/, "veckodag, $1"],
    [/^(hour|minute|second|era|time zone|AM\/PM), (.+)$/, "{part:1}, $2"],
    [/^(\d+) – ([A-Z][a-z]+)$/, "$1 – {month:2}"],
    [/^Value must be (.+) or later\.$/, "Datumet får inte vara tidigare än {date:1}."],
    [/^Value must be (.+) or earlier\.$/, "Datumet får inte vara senare än {date:1}."],
  ];
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  // "December 05, 2026" or "Monday, December 5, 2026" (Streamlit formats dates as en-US) in Swedish.
  const svDate = (s) => {
    const m = /^(?:([A-Z][a-z]+day), )?([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(s.trim());
    if (!m || !has(months, m[2]) || (m[1] && !has(weekdays, m[1]))) return s;
    return (m[1] ? weekdays[m[1]] + " " : "") + Number(m[3]) + " " + months[m[2]] + " " + m[4];
  };
  const fill = (to, g) => to.replace(/\$(\d)|\{(date|month|part):(\d)\}/g, (_, n, kind, k) => {
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
    const found = /, (\d+)[.,]?(\d*) ?(B|KB|MB|GB)$/.exec(chip ? chip.getAttribute("aria-label") || "" : "");
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
