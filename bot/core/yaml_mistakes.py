"""YAML mistakes staff actually make, told in plain words at the line to fix.

PyYAML's own messages ("found character '\\t' that cannot start any token", "could not find expected
':'") name the place the parser gave up, often a line or two after the mistake, in parser words. Here
the file's text is read again to find the line that really is wrong and to say what to do.

>>> explain("id: x\\nalternates:\\n\\t- a\\n", "found character '\\\\t' that cannot start any token", 3, None)
[(3, 'this line is indented with a tab: YAML needs spaces; replace the tab with two spaces')]
"""

from __future__ import annotations

import re

__all__ = ["dash_without_space", "explain"]

TAB_FIX = "this line is indented with a tab: YAML needs spaces; replace the tab with two spaces"
DASH = re.compile(r"^(?P<indent>\s*)-(?P<rest>[^\s-].*)$")
# `answer: |` or `answer: >` (with optional modifiers such as |- or >+) starts a long text
BLOCK_START = re.compile(r"^(?P<indent>\s*)(?:- )?[\w-]+\s*:\s*[|>][-+0-9]*\s*(?:#.*)?$")


def explain(text: str, problem: str | None, problem_line: int, context_line: int | None) -> list[tuple[int, str]]:
    """(line, message) pairs for a YAML error: what is wrong, in plain words, and how to fix it.

    `problem_line` / `context_line` are the 1-based lines PyYAML marked (the context may be None).
    """
    lines = text.splitlines()
    problem = problem or "invalid YAML"
    if "'\\t'" in problem:
        tabs = [n for n, line in enumerate(lines, start=1) if "\t" in _indent(line)]
        return [(n, TAB_FIX) for n in tabs] or [(problem_line, TAB_FIX)]
    if "could not find expected ':'" in problem and context_line is not None:
        return [(context_line, _no_colon(lines, context_line))]
    if "mapping values are not allowed here" in problem:
        return [(problem_line, "this text has a colon followed by a space, which YAML reads as a new 'key: value': "
                               'put the whole text in double quotes, like question: "Risks: what are they?"')]
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return [(problem_line, "a quotation mark is opened but never closed: close it at the end of the text")]
    return [(problem_line, f"YAML cannot read this line ({problem}): compare it with a line that works")]


def dash_without_space(line: str) -> str | None:
    """The fix for a list line such as '  -is it safe' (a dash not followed by a space), or None."""
    found = DASH.match(line)
    if not found:
        return None
    return f"a dash must be followed by a space: write '{found['indent'] or '  '}- {found['rest']}'"


def _no_colon(lines: list[str], number: int) -> str:
    """A line YAML expected to be `key: value` (or `- item`) and was not."""
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    dash = dash_without_space(line)
    if dash:
        return dash
    if _inside_long_text(lines, number):
        return ("this line is not indented, so it is not part of the text above it: start it with two spaces, "
                "like the other lines of that text (an empty line between paragraphs is fine)")
    return ("this line is not 'key: value' or '- item': if it continues the text above, indent it like that "
            "text; otherwise add the missing 'key:' or '- '")


def _inside_long_text(lines: list[str], number: int) -> bool:
    """Whether line `number` follows (after blank or indented lines) a `key: |` that starts a long text."""
    for previous in reversed(lines[: number - 1]):
        if not previous.strip():
            continue
        if BLOCK_START.match(previous):
            return True
        if previous[:1] not in (" ", "\t"):  # an unindented line that does not start a long text
            return False
    return False


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]
