"""A Dockerfile read into stages and instructions, for tests that check it without a Docker engine.

Follows the Dockerfile reference where our file needs it: ``#`` comment lines (also inside a
continued instruction), the ``\\`` line continuation, ``--flag=value`` options before the
arguments, exec form (a JSON array) next to shell form, and both ``ENV`` forms.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

_FLAG = re.compile(r"--([a-z-]+)(?:=(\S*))?\s*")


@dataclass(frozen=True)
class Instruction:
    keyword: str
    flags: dict[str, str]
    arguments: str
    line: int

    def exec_form(self) -> list[str] | None:
        """The arguments as an exec-form list, or None for the shell form."""
        if not self.arguments.startswith("["):
            return None
        value = json.loads(self.arguments)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"line {self.line}: {self.keyword} is not a JSON array of strings")
        return value

    def words(self) -> list[str]:
        return self.exec_form() or shlex.split(self.arguments)


@dataclass
class Stage:
    base: str
    name: str | None
    line: int
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction:
        """The instruction that counts when several are given (CMD, USER, HEALTHCHECK, ...)."""
        found = self.all(keyword)
        if not found:
            raise LookupError(f"the stage FROM {self.base} (line {self.line}) has no {keyword}")
        return found[-1]

    def env(self) -> dict[str, str]:
        """The stage's ENV values, later ones winning (``$VAR`` references left as written)."""
        values: dict[str, str] = {}
        for instruction in self.all("ENV"):
            values.update(env_pairs(instruction.arguments))
        return values


def parse(text: str) -> list[Stage]:
    stages: list[Stage] = []
    for instruction in _instructions(text):
        if instruction.keyword == "FROM":
            words = instruction.arguments.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=words[0], name=name, line=instruction.line))
        elif not stages:
            if instruction.keyword != "ARG":
                raise ValueError(f"line {instruction.line}: {instruction.keyword} before the first FROM")
        else:
            stages[-1].instructions.append(instruction)
    return stages


def env_pairs(arguments: str) -> dict[str, str]:
    """``ENV A=1 B="two words"`` and the legacy ``ENV A one value`` as a mapping."""
    words = shlex.split(arguments)
    if words and "=" not in words[0]:
        return {words[0]: arguments.split(None, 1)[1].strip() if len(words) > 1 else ""}
    return dict(word.split("=", 1) for word in words)


def _instructions(text: str) -> list[Instruction]:
    found: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not pending):
            continue
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending.append(stripped[:-1].strip())
            continue
        pending.append(stripped)
        found.append(_instruction(" ".join(p for p in pending if p), start))
        pending = []
    if pending:
        raise ValueError(f"line {start}: the last instruction ends with a line continuation")
    return found


def _instruction(logical: str, line: int) -> Instruction:
    keyword, _, rest = logical.partition(" ")
    flags: dict[str, str] = {}
    rest = rest.strip()
    while (m := _FLAG.match(rest)) is not None:
        flags[m.group(1)] = m.group(2) or ""
        rest = rest[m.end() :]
    return Instruction(keyword=keyword.upper(), flags=flags, arguments=rest, line=line)


def ignored(path: str, dockerignore: str) -> bool:
    """Whether ``.dockerignore`` keeps ``path`` (relative, with ``/``) out of the build context.

    The last matching pattern wins; ``!`` re-includes; ``*`` and ``?`` stay within one path
    segment, ``**`` spans any number; a pattern that matches a directory also matches everything
    under it. Character classes (``[...]``) are not implemented.
    """
    result = False
    for raw in dockerignore.splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        if _matches(path, pattern):
            result = not negate
    return result


def _matches(path: str, pattern: str) -> bool:
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    regex = re.compile(_glob_to_regex(pattern))
    return any(regex.fullmatch(p) for p in prefixes)


def _glob_to_regex(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return "".join(out)


def read(path: Path) -> list[Stage]:
    return parse(path.read_text(encoding="utf-8"))
