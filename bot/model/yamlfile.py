"""Safe YAML loading that remembers the line of every value, so errors can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


def _loader_class() -> type[yaml.SafeLoader]:
    """libyaml's parser (same safe constructor, same marks) is about 8x faster than pure Python.

    Dates stay text: pydantic reads 2026-11-21 as a date where a date belongs, and a date that
    does not exist (2026-13-01) becomes a plain "write dates as YYYY-MM-DD" problem instead of an
    exception inside YAML.
    """
    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader: type[yaml.SafeLoader] = type("DatesAsTextLoader", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_text)
    return loader


def _date_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


_SafeLoader = _loader_class()


@dataclass
class YamlDoc:
    """Parsed data plus the line (1-based) of each key path, e.g. ("pages", 3, "id") -> 12."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    value_lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    literal: set[Path_] = field(default_factory=set)  # values written as a '|' block

    def line_of(self, path: Path_) -> int:
        """Line of the deepest known prefix of ``path`` (pydantic locations may go deeper)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


def parse_yaml(text: str) -> YamlDoc:
    """Parse with PyYAML's safe loader only; never constructs arbitrary Python objects."""
    try:
        loader = _SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(text, exc) from None
        except yaml.reader.ReaderError as exc:
            raise _reader_error(text, exc) from None
        except yaml.YAMLError as exc:
            raise YamlSyntaxError(1, f"YAML cannot read this file: {exc}") from None
        if node is None:
            return YamlDoc(data=None)
        doc = YamlDoc(data=None)
        _walk(loader, node, (), doc)
        try:
            doc.data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise YamlSyntaxError(mark.line + 1 if mark else 1,
                                  f"YAML cannot read this value: {exc.problem}") from None
        except (ValueError, OverflowError) as exc:  # a value YAML itself cannot build
            raise YamlSyntaxError(1, f"YAML cannot read a value in this file: {exc}") from None
        return doc
    finally:
        loader.dispose()


def _reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlSyntaxError:
    line = text.count("\n", 0, max(exc.position, 0)) + 1
    return YamlSyntaxError(line, f"the file contains a character YAML does not allow "
                                 f"(code {exc.character:#06x}); delete it or retype the line")


def _syntax_error(text: str, exc: yaml.MarkedYAMLError) -> YamlSyntaxError:
    """The mistake in plain words, at the line where it is: the line whose indentation goes
    wrong, or the line where an unclosed bracket or quote opens (not where YAML noticed it)."""
    problem = exc.problem or ""
    context = exc.context or ""
    found = exc.problem_mark.line + 1 if exc.problem_mark else None
    started = exc.context_mark.line + 1 if exc.context_mark else None
    column = exc.problem_mark.column if exc.problem_mark else 0
    lines = text.splitlines()

    def line(number: int | None) -> str:
        return lines[number - 1] if number and 0 < number <= len(lines) else ""

    at = found or started or 1
    char = line(found)[column:column + 1]
    noticed = f" (noticed at line {found})" if found and started and found != started else ""
    if "tab" in problem or char == "\t":
        return YamlSyntaxError(at, "this line is indented with a tab; indent with spaces, not "
                                   "tabs (two spaces for each level)")
    for opening, closing, kind in (("[", "]", "flow sequence"), ("{", "}", "flow mapping")):
        if kind in context and started:
            return YamlSyntaxError(started, f"the '{opening}' on this line is not closed with "
                                            f"'{closing}', or its items are not separated by "
                                            "commas; put text that contains a comma or ': ' in "
                                            f"quotes{noticed}")
    if "quoted scalar" in context and started:
        return YamlSyntaxError(started, "a quote opened on this line is never closed; end the "
                                        f"text with the same quote mark{noticed}")
    if "could not find expected ':'" in problem:
        repair = _repair(lines, at)
        if repair is not None:
            return _reindent(lines, *repair)
        return YamlSyntaxError(started or at, "this line has no ':' after a name; if it belongs "
                                              "to a '|' text block, indent it as far as the "
                                              "block's first line")
    if "mapping values are not allowed" in problem:
        return _colon_or_indentation(lines, at)
    if problem in ("did not find expected key", "did not find expected '-' indicator") \
            or problem.startswith("expected <block end>"):
        text_line = line(found)
        indent = len(text_line) - len(text_line.lstrip(" "))
        if column > indent:
            return YamlSyntaxError(at, "the text goes on after its closing quote; put all of "
                                       "the text inside the quotes")
        repair = _repair(lines, at)
        if repair is not None:
            return _reindent(lines, *repair)
        return YamlSyntaxError(_odd_one_out(lines, at), "the indentation goes wrong on this "
                                                        "line; indent it with "
                                   "spaces exactly like the other lines at its level (every "
                                   "line of a '|' text block at least as far as the block's "
                                   "first line)")
    if "another document" in problem:
        return YamlSyntaxError(at, "'---' starts a second document here, and a content file "
                                   "holds one; delete this line")
    if "cannot start any token" in problem or "undefined alias" in problem:
        shown = char if char.strip() else "this character"
        return YamlSyntaxError(at, f"text cannot start with {shown} here; put the text in "
                                   "quotes")
    return YamlSyntaxError(at, f"YAML cannot read this line: {problem or context or 'unknown'}")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


REPAIR_WINDOW = 60  # lines above the one YAML stopped at where the mistake may be


def _repair(lines: list[str], found: int) -> tuple[int, int] | None:
    """The one line whose indentation, set to a level around it, makes the whole file readable:
    (line, spaces). YAML often stops after the mistake (a name moved to the left is read as a
    name of the level above until a line no longer fits), so the lines above are tried too. Of
    the repairs that work, the one that leaves the fewest names twice in a mapping and the
    fewest odd values among their siblings (a list among pages) wins, then the nearest."""
    best: tuple[int, ...] | None = None
    for number in range(min(found, len(lines)), max(0, found - REPAIR_WINDOW), -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        current = _indent(text)
        below = _nearest(lines, number, 1)
        for spaces in _levels(lines, number) - {current}:
            trial = [*lines[:number - 1], " " * spaces + text.lstrip(" "), *lines[number:]]
            oddness = _oddness("\n".join(trial))
            if oddness is None:
                continue
            # Between two levels as near: the one that fits the next line, as a child two
            # spaces in, or as a line at the same level or above.
            fit = 0
            if below:
                step = _indent(lines[below - 1]) - spaces
                fit = abs(step - 2) if step > 0 else -step
            score = (*oddness, found - number, abs(spaces - current), fit, -spaces, number,
                     spaces)
            if best is None or score < best:
                best = score
    return None if best is None else (best[-2], best[-1])


def _levels(lines: list[str], number: int) -> set[int]:
    """Indentations a line could have: those of the lines it could belong under or beside."""
    levels: set[int] = set()
    below = _nearest(lines, number, 1)
    if below:
        levels.add(_indent(lines[below - 1]))
    deepest = None
    above = _nearest(lines, number, -1)
    while above:
        text = lines[above - 1]
        level = _indent(text)
        if deepest is None or level < deepest:
            deepest = level
            levels.add(level)
            if text.lstrip().startswith("- "):
                levels.add(level + 2)  # the names of a list item start after its "- "
            if text.split(" #")[0].rstrip().endswith(":"):
                levels.add(level + 2)
        if level == 0:
            break
        above = _nearest(lines, above, -1)
    return levels


def _nearest(lines: list[str], number: int, step: int) -> int:
    """The nearest line above (step -1) or below (+1) with something on it; 0 if none."""
    number += step
    while 0 < number <= len(lines):
        text = lines[number - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return number
        number += step
    return 0


def _oddness(text: str) -> tuple[int, int] | None:
    """(names twice in a mapping, values unlike their siblings), or None when the text is not
    readable YAML."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    duplicates = odd = 0
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        children: list[yaml.Node] = []
        if isinstance(current, yaml.MappingNode):
            keys = [str(key.value) for key, _ in current.value]
            duplicates += len(keys) - len(set(keys))
            children = [value for _, value in current.value]
        elif isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        # Records (like pages) and plain values side by side: the fewer kind is odd.
        records = sum(isinstance(child, yaml.MappingNode) for child in children)
        odd += min(records, len(children) - records)
        stack.extend(children)
    return duplicates, odd


def _reindent(lines: list[str], number: int, spaces: int) -> YamlSyntaxError:
    current = _indent(lines[number - 1])
    return YamlSyntaxError(number, f"the indentation goes wrong on this line: it starts "
                                   f"{current} space{'s' if current != 1 else ''} in; start "
                                   f"it {spaces} spaces in, like the other lines at its level "
                                   "(spaces, not tabs)")


def _odd_one_out(lines: list[str], number: int) -> int:
    """YAML stops at the first line that does not fit the indentation it has seen. When that
    is the first line of a block (``title:`` just under ``bladder_signs:``) indented further
    than the lines after it, that first line is the mistake, not the one YAML stopped at."""
    def previous(index: int) -> int:
        index -= 1
        while index > 0 and not lines[index - 1].strip():
            index -= 1
        return index

    first = previous(number)
    opener = previous(first)
    if first <= 0 or opener <= 0:
        return number
    head = lines[opener - 1].split(" #")[0].rstrip()
    if not head.endswith(":"):
        return number  # not the first line of a block of names (a '|' block, a list...)
    here, there, parent = _indent(lines[number - 1]), _indent(lines[first - 1]), _indent(head)
    if not parent < here < there:
        return number
    for text in lines[number:]:
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        level = _indent(text)
        if level <= parent:
            break
        if level == there:
            return number  # the block goes on as its first line began: this line is wrong
        if level == here:
            return first  # the block goes on like this line: its first line is wrong
    return number


def _colon_or_indentation(lines: list[str], number: int) -> YamlSyntaxError:
    """'mapping values are not allowed': a line indented too far, a name missing its ':' on
    the line above, or ': ' inside text."""
    indent = _indent
    current = lines[number - 1] if 0 < number <= len(lines) else ""
    above = number - 1
    while above > 0 and not lines[above - 1].strip():
        above -= 1
    previous = lines[above - 1] if above > 0 else ""
    if previous.strip() and ":" not in previous and not previous.lstrip().startswith("- ") \
            and indent(previous) == indent(current):
        return YamlSyntaxError(above, "this line has no ':' after its name (write 'name: text')")
    opens_block = previous.split(" #")[0].rstrip().endswith((":", "|", ">", "|-", ">-"))
    # The names of a list item ("- id: a") start after its "- ".
    level = indent(previous) + (2 if previous.lstrip().startswith("- ") else 0)
    if previous.strip() and indent(current) > level and not opens_block:
        repair = _repair(lines, number)
        if repair is not None:
            return _reindent(lines, *repair)
        return YamlSyntaxError(number, "this line is indented further than the line above it; "
                                       "line it up with the line above, using spaces")
    return YamlSyntaxError(number, "a ':' followed by a space is inside text on this line; put "
                                   "the whole text in quotes (\"...\") or use a '|' block")


def _walk(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, doc: YamlDoc) -> None:
    doc.lines[path] = node.start_mark.line + 1
    doc.value_lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        doc.value_lines[path] += 1  # the text of a block scalar starts on the next line
        if node.style == "|":
            doc.literal.add(path)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                doc.duplicates.append((key_node.start_mark.line + 1, key))
            seen.add(key)
            # A value in a block scalar starts on the line after its key; point at the key.
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
            _walk(loader, value_node, (*path, key), doc)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(loader, item, (*path, index), doc)
