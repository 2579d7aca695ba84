"""Where a rule, a criterion or a question stands in the files under criteria/: file and line.

"Why this recommendation?" should end at a line a reader can open in an editor, not at a
Python object. The files are composed (never constructed) with PyYAML's safe loader, which
keeps each node's line; a file is read once and its ids kept until it changes on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml


@dataclass(frozen=True, slots=True)
class Place:
    """A place in criteria/: the file relative to the criteria folder, and its 1-based line (None if not found)."""

    file: str
    line: int | None

    def __str__(self) -> str:
        return f"criteria/{self.file}" + (f":{self.line}" if self.line else "")


def _walk(node: yaml.Node, found: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            # A list item `- id: S1` names its block by the value of its `id` key ...
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                found.setdefault(value.value, key.start_mark.line + 1)
            # ... and a catalog entry `initiative:` by its key, when it opens a block of its own.
            elif isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.MappingNode):
                found.setdefault(key.value, key.start_mark.line + 1)
            _walk(value, found)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, found)


@lru_cache(maxsize=64)
def _ids_in(path: Path, _mtime_ns: int) -> dict[str, int]:
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):  # the rulebook loader reports a broken file; here it only has no lines
        return {}
    found: dict[str, int] = {}
    if root is not None:
        _walk(root, found)
    return found


def place_of(criteria_root: Path, file: str, block_id: str) -> Place:
    """The line where ``block_id`` is declared in ``criteria_root / file`` (an ``id:`` or a catalog key)."""
    path = criteria_root / file
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return Place(file, None)
    return Place(file, _ids_in(path, mtime).get(block_id))
