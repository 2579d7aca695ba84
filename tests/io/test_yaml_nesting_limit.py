"""Too deep is "för djupt nästlad", whichever YAML parser reads the file and whatever limit it has of its own.

PyYAML 6.0.4 ships libyaml 0.2.6, which refuses more than 1000 flow collections inside each
other while scanning, a line ahead of the events iop.safe_yaml walks; before the fix, ``[`` *
30000 was then "inte giltig YAML". These tests run the refusal through the C parser
that is installed, through PyYAML's pure-Python parser, and through a pure-Python parser given
libyaml 0.2.6's limit (so they fail on the old behaviour whatever PyYAML is installed), at depths
just under and over both the project's limit (50) and libyaml's (1000).
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from yaml.error import Mark
from yaml.scanner import ScannerError

from iop.engine.case_import import case_from_text
from iop.io import safe_yaml
from iop.io.errors import InputError
from iop.io.safe_yaml import MAX_DEPTH, LimitExceeded, check_shape, load_yaml
from iop.rules.rulebook import Rulebook

LIBYAML_LIMIT = 1000


class LimitedLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser with libyaml 0.2.6's flow nesting limit, raised as libyaml raises it."""

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 (PyYAML's signature)
        if self.flow_level >= LIBYAML_LIMIT:
            mark: Mark = self.get_mark()
            raise ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)
        super().fetch_flow_collection_start(TokenClass)


PARSERS = {
    "installed C parser": getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    "pure-Python parser": yaml.SafeLoader,
    "pure-Python parser with libyaml's limit": LimitedLoader,
}
DEPTHS = [MAX_DEPTH + 1, LIBYAML_LIMIT - 1, LIBYAML_LIMIT, LIBYAML_LIMIT + 1, LIBYAML_LIMIT + 100, 30000]
SHAPES = {
    "sequences": lambda depth: "[" * depth,
    "mappings": lambda depth: "{" * depth,
    "both": lambda depth: "{[" * (depth // 2 + 1),
    "items before": lambda depth: "[x, " * depth,
    "a key first": lambda depth: "title: x\nanswers: " + "[" * depth,
    "text with å before": lambda depth: "title: 'Åsa & Örjan'\nanswers: " + "[" * depth,
}


@pytest.fixture(params=list(PARSERS), ids=list(PARSERS))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """The parser iop.safe_yaml walks the events with."""
    monkeypatch.setattr(safe_yaml, "_Base", PARSERS[request.param])
    return PARSERS[request.param]


def test_the_limited_parser_refuses_as_libyaml_does():
    """The stand-in is faithful: it fails deep flow nesting as a syntax error, before any event shows the depth."""
    with pytest.raises(ScannerError, match="exceeded maximum nesting depth"):
        list(yaml.parse("[" * (LIBYAML_LIMIT + 1), Loader=LimitedLoader))
    assert len(list(yaml.parse("[" * LIBYAML_LIMIT + "]" * LIBYAML_LIMIT, Loader=LimitedLoader))) == 2 * LIBYAML_LIMIT + 4


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_too_deep_is_refused_as_too_deep(parser: type, shape: str, depth: int):
    with pytest.raises(LimitExceeded) as info:
        load_yaml(SHAPES[shape](depth))
    assert info.value.what == "depth"


@pytest.mark.parametrize("depth", [LIBYAML_LIMIT + 1, 30000])
def test_the_message_says_too_deep(parser: type, depth: int, rulebook: Rulebook):
    with pytest.raises(InputError) as info:
        case_from_text("[" * depth, rulebook, "djup.yaml")
    assert "för djupt nästlad" in str(info.value)
    assert "inte giltig YAML" not in str(info.value)


def test_as_deep_as_allowed_still_loads(parser: type):
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert load_yaml(nested) is not None
    wide = "answers: [" + ", ".join(["[1, [2]]"] * 3000) + "]\n"  # many brackets, shallow
    assert len(load_yaml(wide)["answers"]) == 3000


def test_a_syntax_error_after_many_brackets_is_still_a_syntax_error(parser: type, rulebook: Rulebook):
    """The second walk only speaks when the document is too deep before the error; otherwise the parser's error stands."""
    text = "answers: [" + ", ".join(["[1]"] * 100) + "]\nnote: @\n"
    with pytest.raises(yaml.YAMLError) as info:
        check_shape(text)
    assert not isinstance(info.value, LimitExceeded)
    with pytest.raises(InputError) as refusal:
        case_from_text(text, rulebook, "fel.yaml")
    assert "rad 2" in str(refusal.value) and "för djupt" not in str(refusal.value)
