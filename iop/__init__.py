"""IOP-stöd: decision support for idéburet offentligt partnerskap.

The domain, in wings that depend one way only (``tests/test_architecture.py`` pins it)::

    io  <  model  <  rules, words  <  engine  <  guide, records  <  documents  <  workshop  <  store  <  cli

Each wing lists its public names in its own ``__init__.py``; this root face is empty on purpose, so
that importing the engine loads neither the store (SQLAlchemy), pandas, WeasyPrint nor docxtpl.
The domain never imports Streamlit; the app's pages import from the wings' faces only.
"""
