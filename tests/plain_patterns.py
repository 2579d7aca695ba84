"""What organisation mode must never show: rule ids, file names, case law and paragraph references.

Shared by the domain tests, the page tests and the Chromium walk, so the three
levels check the same list. Rule ids come from the rulebook itself (every
decision-table rule and presumption), file names from the criteria folder.
"""

from __future__ import annotations

import re
from functools import cache

from iop.rules.rulebook import load_rulebook
from tests.helpers import REPO

CRITERIA = REPO / "criteria"


@cache
def rule_ids() -> frozenset[str]:
    book = load_rulebook()
    tables = [*book.gates.values(), book.legal_layer, *book.policy_tables.values()]
    ids = {rule.id for table in tables for rule in table.rules}
    ids |= {p.id for p in book.legal_layer.presumptions}
    return frozenset(ids)


@cache
def file_names() -> frozenset[str]:
    """Every file under criteria/ by name and by stem (a source is cited as 003_… or 003_….txt)."""
    paths = [p for p in CRITERIA.rglob("*") if p.is_file()]
    return frozenset({p.name for p in paths} | {p.stem for p in paths if "_" in p.stem})


REFERENCES = re.compile(
    r"\.ya?ml\b|\.txt\b|\bHFD\b|\bRÅ\b|\bmål nr\b|§|\bkap\.|\bLOU\b|\bLOV\b|\bSGEI\b|\bFEUF\b|\bC-\d+/\d+"
    r"|\b\d{4}:\d+\b|\bregel\b|[Kk]ontrollsumma|\(00\d\)|\b[a-z]+_[a-z_]+\b"
)
"""Case law, acts by number (2022:900) or paragraph, file endings, "regel", seed numbers and machine ids (snake_case)."""


def not_plain(text: str) -> list[str]:
    """Every fragment of ``text`` organisation mode must not show, with a little context."""
    found = [m.group(0) for m in REFERENCES.finditer(text)]
    found += [rid for rid in rule_ids() if re.search(rf"(?<![\w-]){re.escape(rid)}(?![\w-])", text)]
    found += [name for name in file_names() if name in text]
    return found
