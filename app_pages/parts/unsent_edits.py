"""A browser warning before leaving the page while a text field holds text Streamlit has not received.

Streamlit sends a text field's value only when the field is left, on Enter in a
one-line field or Ctrl+Enter (⌘+Enter) in a text area, and a form's fields only
when the form is sent. Text typed and then lost to a reload or a closed tab was
never saved, so the page says so with the browser's own "leave the page?"
question, and only while such text exists: a page with everything sent asks
nothing.
"""

from __future__ import annotations

SCRIPT = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const win = doc.defaultView;
  if (win.__iopUnsentEdits) return;
  win.__iopUnsentEdits = true;
  const unsent = new Set();
  const TEXT_TYPES = ["text", "search", "email", "tel", "url", "password", "number", ""];
  const isText = (el) => !!el && (el.tagName === "TEXTAREA"
    || (el.tagName === "INPUT" && TEXT_TYPES.includes((el.getAttribute("type") || "").toLowerCase())));
  const inForm = (el) => !!el.closest("[data-testid='stForm']");
  doc.addEventListener("input", (e) => { if (isText(e.target)) unsent.add(e.target); }, true);
  // Leaving a field sends it, except in a form, whose fields go with the form's button.
  doc.addEventListener("focusout", (e) => { if (isText(e.target) && !inForm(e.target)) unsent.delete(e.target); },
                      true);
  doc.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || !isText(e.target)) return;
    const el = e.target;
    if (el.tagName === "INPUT" || e.ctrlKey || e.metaKey) {  // sends the field, or in a form the whole form
      const form = el.closest("[data-testid='stForm']");
      for (const f of [...unsent]) if (f === el || (form && form.contains(f))) unsent.delete(f);
    }
  }, true);
  doc.addEventListener("click", (e) => {
    const form = e.target.closest && e.target.closest("[data-testid='stForm']");
    if (form && e.target.closest("button")) for (const f of [...unsent]) if (form.contains(f)) unsent.delete(f);
  }, true);
  win.addEventListener("beforeunload", (e) => {
    for (const el of [...unsent]) if (!el.isConnected) unsent.delete(el);
    if (unsent.size) { e.preventDefault(); e.returnValue = ""; }
  });
})();
</script>"""

"""Put in the page by ``swedish_chrome.install(also=SCRIPT)``: one element, so no extra gap above the title;
the script attaches its listeners once per browser tab."""
