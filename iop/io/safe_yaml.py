"""YAML from strangers: bounded before libyaml composes it, strict while it is built.

libyaml's composer builds nodes recursively in C, so a 50 KB file of nested
brackets overflows the C stack and kills the whole process (the Streamlit
server with every user's session in it); Python's recursion limit never
applies. The parser underneath is not recursive, so this module first walks
the event stream (cheap, flat, stops at the first limit passed) and only then
lets the C loader compose the document.

What is bounded, and why these figures: a real case file is a few kilobytes
with a nesting depth under ten and a few hundred nodes.

* size: ``MAX_YAML_CHARS`` characters;
* nesting depth: ``MAX_DEPTH`` collections inside each other;
* nodes: ``MAX_NODES``, counted with every alias expanded, so a "billion
  laughs" document of aliases of aliases is refused although it is small;
* aliases: ``MAX_ALIASES``.

While the document is built, a key that occurs twice in one mapping is refused
with its line (PyYAML silently keeps the last), dates stay text so that
pydantic judges them field by field in Swedish, and any exception a
constructor raises on a bad scalar (``!!float abc``, ``!!bool maybe``, a
5,000-digit integer) becomes a YAML error with the node's position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode

MAX_YAML_CHARS = 1_000_000
MAX_DEPTH = 50
MAX_NODES = 100_000
MAX_ALIASES = 1_000

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_BLOCK_PREFIX = re.compile(r"^[ \t?:-]*", re.MULTILINE)


class LimitExceeded(yaml.YAMLError):
    """The document is larger or deeper than a case file can be; ``what`` says which limit."""

    def __init__(self, what: str, line: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.line = line


class DuplicateKey(yaml.YAMLError):
    """A mapping names the same key twice; ``line`` is the 1-based line of the second."""

    def __init__(self, key: str, line: int, first_line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.first_line = first_line


class BadScalar(yaml.YAMLError):
    """A constructor could not turn a scalar into a value (bad tag, number or date)."""

    def __init__(self, line: int, column: int, value: str) -> None:
        super().__init__(value)
        self.line = line
        self.column = column
        self.value = value


class StrictLoader(_Base):  # type: ignore[misc]
    """The safe C loader with duplicate keys refused and dates kept as text."""

    def construct_mapping(self, node: Node, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            seen: dict[tuple[str, str], int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                    continue
                ident = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if ident in seen:
                    raise DuplicateKey(key_node.value, line, seen[ident])
                seen[ident] = line
        return super().construct_mapping(node, deep)


def _strict_scalar(construct: Callable[[Any, Node], Any]) -> Callable[[Any, Node], Any]:
    """A scalar constructor whose Python exceptions become BadScalar with the node's position.

    Only the constructors that parse (numbers, booleans, dates, base64) are wrapped; plain
    strings, most of a case file, go through PyYAML untouched.
    """
    def strict(loader: Any, node: Node) -> Any:
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except (ValueError, KeyError, AttributeError, IndexError, TypeError, OverflowError):
            # e.g. int() past Python's digit limit, bool("maybe"), a timestamp regex miss
            raise BadScalar(node.start_mark.line + 1, node.start_mark.column + 1,
                            str(node.value)[:40] if isinstance(node, ScalarNode) else "") from None
    return strict


for _kind in ("int", "float", "bool", "timestamp", "binary"):
    _tag = f"tag:yaml.org,2002:{_kind}"
    StrictLoader.add_constructor(_tag, _strict_scalar(yaml.SafeLoader.yaml_constructors[_tag]))


# Resolver tables are class attributes shared with PyYAML's loaders: copy, never mutate.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()  # CSafeLoader's are the same
}


def obviously_small(text: str) -> bool:
    """True when the limits provably hold without walking the events (the common case, ~20 µs).

    Depth: a flow collection needs a ``[`` or ``{`` (a single-pair mapping inside
    ``[...]`` at most one more per ``[``); nested block collections start at
    strictly increasing columns, and a block collection can only start after a
    line's indentation and its ``- ``, ``? `` and ``: `` indicators, so block depth
    is at most twice (indentless sequences) the widest such prefix plus one.
    Nodes: without ``*`` there are no aliases, and every node takes at least half
    a character of its own.
    """
    if "*" in text or 2 * len(text) > MAX_NODES:
        return False
    widest = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
    return 2 * text.count("[") + text.count("{") + 2 * (widest + 1) <= MAX_DEPTH


def _line(event: Any) -> int | None:
    mark = event.start_mark
    return None if mark is None else int(mark.line) + 1


def check_shape(text: str) -> None:
    """Walk the event stream once and raise LimitExceeded at the first limit passed.

    Nodes are counted with aliases expanded: each anchored node's expanded size
    is remembered, and an alias adds that size again.

    The walk uses the fast C parser. libyaml 0.2.6 (in PyYAML 6.0.4's wheels) refuses
    more than 1000 flow collections inside each other itself, and its scanner reads up
    to a line ahead of the events it has handed over, so ``[[[[…`` on one line fails
    there as a syntax error before this walk has seen 51 levels. Whatever the fast
    parser refuses is therefore walked again, up to the place it stopped, by PyYAML's
    pure-Python parser, which has no nesting limit of its own: if the document is too
    deep (or too big) before that place, that is what is reported, whichever libyaml
    read it. Only a refused document with more than ``MAX_DEPTH`` brackets before the
    error pays for the slower walk.
    """
    if len(text) > MAX_YAML_CHARS:
        raise LimitExceeded("size")
    try:
        _walk(text, _Base)
    except LimitExceeded:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        # Everything before the place it stopped (the index counts characters; were it bytes, the
        # prefix would only be longer, and a prefix that fails on its own leaves the first message).
        end = len(text) if mark is None else min(len(text), int(mark.index))
        prefix = text[:end]
        if _Base is not yaml.SafeLoader and prefix.count("[") + prefix.count("{") > MAX_DEPTH:
            try:
                _walk(prefix, yaml.SafeLoader)
            except LimitExceeded:
                raise
            except yaml.YAMLError:
                pass  # the prefix fails on its own: the fast parser's message stands
        raise


def _walk(text: str, loader_class: type) -> None:
    """check_shape's walk over the events ``loader_class`` parses from ``text``."""
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []  # (anchor, node count when the collection opened)
    count = 0  # nodes so far, aliases expanded
    aliases = 0
    loader = loader_class(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                stack.append((event.anchor, count))
                count += 1
                if len(stack) > MAX_DEPTH:
                    raise LimitExceeded("depth", _line(event))
            elif isinstance(event, CollectionEndEvent):
                anchor, opened = stack.pop()
                if anchor is not None:
                    sizes[anchor] = count - opened
            elif isinstance(event, AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise LimitExceeded("aliases", _line(event))
                count += sizes.get(event.anchor or "", 1)
            elif isinstance(event, NodeEvent):  # a scalar
                count += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            if count > MAX_NODES:
                raise LimitExceeded("nodes", _line(event))
    finally:
        loader.dispose()


def load_yaml(text: str) -> Any:
    """Bounded, strict safe-load of one YAML document; raises yaml.YAMLError subclasses only."""
    if not obviously_small(text):
        check_shape(text)
    loader = StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
