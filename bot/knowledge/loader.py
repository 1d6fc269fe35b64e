"""Read a directory of YAML files into one validated KnowledgeBase.

Every problem is collected, not just the first, and each message names the
file, the entry and what to do about it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.knowledge.models import (
    Caveat,
    Cell,
    Feature,
    KnowledgeFile,
    Platform,
    Policy,
    Ref,
    Source,
    Update,
)
from bot.text import phrase_key

ENV_VAR = "PLATFORM_BOT_KNOWLEDGE"
# libyaml's safe loader is about ten times faster; fall back to the pure-Python one where it is missing.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(Exception):
    """The knowledge base is invalid; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class KnowledgeBase:
    sources: Mapping[str, Source]
    platforms: Mapping[str, Platform]
    features: Mapping[str, Feature]
    cells: Mapping[tuple[str, str], Cell]
    caveats: Mapping[str, Caveat]
    version: str
    directory: Path
    files: tuple[str, ...] = field(default=())
    updates: Mapping[str, Update] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)

    def cell(self, platform: str, feature: str) -> Cell:
        return self.cells[(platform, feature)]

    def cell_updates(self, platform: str, feature: str) -> tuple[Update, ...]:
        """Updates that amend this cell, oldest first."""
        return self._update_index.get((platform, feature), ())

    def caveat_updates(self, caveat: str) -> tuple[Update, ...]:
        """Updates that amend this caveat, directly or as a side effect of a cell update, oldest first."""
        return self._update_index.get(caveat, ())

    @cached_property
    def _update_index(self) -> dict[object, tuple[Update, ...]]:
        index: dict[object, list[Update]] = {}
        for u in sorted(self.updates.values(), key=lambda u: u.effective):
            if u.target.caveat is not None:
                index.setdefault(u.target.caveat, []).append(u)
            else:
                index.setdefault((u.target.platform, u.target.feature), []).append(u)
            for cid in u.also_amends:
                index.setdefault(cid, []).append(u)
        return {k: tuple(v) for k, v in index.items()}

    def as_of(self, when: dt.date) -> KnowledgeBase:
        """The knowledge as it stood on ``when``: updates that took effect later are left out."""
        return replace(self, updates={k: u for k, u in self.updates.items() if u.effective <= when})

    def caveats_for(self, platforms: Iterable[str], features: Iterable[str]) -> list[Caveat]:
        """Caveats that concern one of ``platforms`` and one of ``features``."""
        ps, fs = set(platforms), set(features)
        return [c for c in self.caveats.values() if ps & set(c.platforms) and fs & set(c.features)]


def default_directory() -> Path:
    """The knowledge directory: $PLATFORM_BOT_KNOWLEDGE, else the packaged copy, else the repo's."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "knowledge"


def load_knowledge(directory: str | Path | None = None) -> KnowledgeBase:
    """Load and cross-check every ``*.yaml`` file in ``directory``; raise KnowledgeError if invalid."""
    root = Path(directory) if directory is not None else default_directory()
    if not root.is_dir():
        raise KnowledgeError([f"{root}: not a directory; point --knowledge or ${ENV_VAR} at the knowledge folder"])
    paths = sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not paths:
        raise KnowledgeError([f"{root}: no .yaml files found; the knowledge folder holds sources, platforms, features, matrix and caveats"])
    problems: list[str] = []
    parsed: list[tuple[str, KnowledgeFile]] = []
    digest = hashlib.sha256()
    for path in paths:
        raw_bytes = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw_bytes + b"\0")
        loaded = _parse_file(path, raw_bytes, problems)
        if loaded is not None:
            parsed.append((path.name, loaded))
    if problems:
        raise KnowledgeError(problems)
    kb = _assemble(root, parsed, digest.hexdigest()[:12], problems)
    if problems or kb is None:
        raise KnowledgeError(problems)
    return kb


def _parse_file(path: Path, raw: bytes, problems: list[str]) -> KnowledgeFile | None:
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_YAML_LOADER)
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(f"{path}{where}: malformed YAML ({problem}); fix the syntax there")
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(
            f"{path}: the top level must be a mapping of sections "
            f"(sources, platforms, features, matrix, caveats), not a {type(data).__name__}"
        )
        return None
    try:
        return KnowledgeFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"{path}: {_describe_location(data, err['loc'])}: {_describe_error(err)}")
        return None


def _describe_location(data: Mapping[str, Any], loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into "features entry 'gpu', field 'synonyms'"."""
    if not loc:
        return "top level"
    section = str(loc[0])
    if len(loc) == 1:
        return f"section '{section}'"
    entries = data.get(section)
    index = loc[1]
    entry_name = f"#{index + 1}" if isinstance(index, int) else repr(index)
    if isinstance(index, int) and isinstance(entries, list) and index < len(entries):
        entry = entries[index]
        if isinstance(entry, dict):
            key = entry.get("id") or entry.get("feature")
            if key is not None:
                entry_name = f"#{index + 1} ('{key}')"
    rest = ".".join(str(p) for p in loc[2:])
    return f"{section} entry {entry_name}" + (f", field '{rest}'" if rest else "")


def _describe_error(err: Mapping[str, Any]) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown field; remove it or check its spelling"
    if err["type"] == "missing":
        return "required field is missing; add it"
    msg = str(err["msg"])
    return msg[len("Value error, ") :] if msg.startswith("Value error, ") else msg


def _assemble(root: Path, parsed: list[tuple[str, KnowledgeFile]], version: str, problems: list[str]) -> KnowledgeBase | None:
    sources: dict[str, Source] = {}
    platforms: dict[str, Platform] = {}
    features: dict[str, Feature] = {}
    caveats: dict[str, Caveat] = {}
    updates: dict[str, Update] = {}
    policy = Policy()
    rows: dict[str, tuple[str, Ref, dict[str, Any]]] = {}
    origin: dict[tuple[str, str], str] = {}

    def claim(kind: str, key: str, fname: str) -> bool:
        if (kind, key) in origin:
            problems.append(f"{root / fname}: {kind} '{key}' is defined twice (also in {origin[(kind, key)]}); keep one")
            return False
        origin[(kind, key)] = fname
        return True

    for fname, kf in parsed:
        for s in kf.sources:
            if claim("source", s.id, fname):
                sources[s.id] = s
        for p in kf.platforms:
            if claim("platform", p.id, fname):
                platforms[p.id] = p
        for f in kf.features:
            if claim("feature", f.id, fname):
                features[f.id] = f
        for c in kf.caveats:
            if claim("caveat", c.id, fname):
                caveats[c.id] = c
        for row in kf.matrix:
            if claim("matrix row", row.feature, fname):
                rows[row.feature] = (fname, row.cite, dict(row.cells))
        for u in kf.updates:
            if claim("update", u.id, fname):
                updates[u.id] = u
        if kf.policy is not None and claim("policy", "policy", fname):
            policy = kf.policy

    def check_ref(fname: str, what: str, ref: Ref) -> None:
        if ref.source not in sources:
            problems.append(f"{root / fname}: {what} cites unknown source '{ref.source}'; known: {', '.join(sources) or 'none'}")

    _check_aliases(root, origin, platforms, problems)
    for p in platforms.values():
        check_ref(origin[("platform", p.id)], f"platform '{p.id}'", p.cite)
    for c in caveats.values():
        fname = origin[("caveat", c.id)]
        check_ref(fname, f"caveat '{c.id}'", c.cite)
        for pid in c.platforms:
            if pid not in platforms:
                problems.append(f"{root / fname}: caveat '{c.id}' names unknown platform '{pid}'; known: {', '.join(platforms)}")
        for fid in c.features:
            if fid not in features:
                problems.append(f"{root / fname}: caveat '{c.id}' names unknown feature '{fid}'; known: {', '.join(features)}")

    for u in updates.values():
        _check_update(root / origin[("update", u.id)], u, platforms, features, caveats, problems)
        check_ref(origin[("update", u.id)], f"update '{u.id}'", u.cite)

    cells: dict[tuple[str, str], Cell] = {}
    for fid, (fname, cite, specs) in rows.items():
        check_ref(fname, f"matrix row '{fid}'", cite)
        feature = features.get(fid)
        if feature is None:
            problems.append(f"{root / fname}: matrix row '{fid}' is not a known feature; known: {', '.join(features)}")
            continue
        for pid, spec in specs.items():
            if pid not in platforms:
                problems.append(
                    f"{root / fname}: matrix row '{fid}' has a cell for unknown platform '{pid}'; known: {', '.join(platforms)}"
                )
                continue
            expected = expected_support(feature.kind, spec.value)
            if expected == "invalid":
                problems.append(
                    f"{root / fname}: matrix row '{fid}', cell '{pid}': value {spec.value!r} of a capability row "
                    "must start with Yes, or be No or None"
                )
            elif spec.support != expected:
                problems.append(
                    f"{root / fname}: matrix row '{fid}', cell '{pid}': support {spec.support!r} contradicts value {spec.value!r}; "
                    f"it should be {expected!r}"
                )
            cells[(pid, fid)] = Cell(platform=pid, feature=fid, value=spec.value, support=spec.support, note=spec.note, cite=cite)
    for fid in features:
        for pid in platforms:
            if (pid, fid) not in cells and not any(f"cell '{pid}'" in p and f"'{fid}'" in p for p in problems):
                where = root / rows[fid][0] if fid in rows else root
                problems.append(f"{where}: matrix is missing the cell for platform '{pid}' x feature '{fid}'; add it under the row '{fid}'")
    if problems:
        return None
    return KnowledgeBase(
        sources=sources,
        platforms=platforms,
        features=features,
        cells=cells,
        caveats=caveats,
        version=version,
        directory=root,
        files=tuple(f for f, _ in parsed),
        updates=updates,
        policy=policy,
    )


def _check_update(
    path: Path,
    u: Update,
    platforms: Mapping[str, Platform],
    features: Mapping[str, Feature],
    caveats: Mapping[str, Caveat],
    problems: list[str],
) -> None:
    t = u.target
    where = f"{path}: update '{u.id}'"
    if t.caveat is not None:
        if t.platform is not None or t.feature is not None:
            problems.append(f"{where}: target names a caveat and a cell; an update amends one or the other")
        elif t.caveat not in caveats:
            problems.append(f"{where}: target caveat '{t.caveat}' does not exist; known: {', '.join(caveats)}")
    elif t.platform is None or t.feature is None:
        problems.append(f"{where}: target needs platform and feature (a matrix cell) or caveat")
    elif t.platform not in platforms or t.feature not in features:
        problems.append(
            f"{where}: target cell {t.platform} x {t.feature} does not exist; "
            f"platforms: {', '.join(platforms)}; features: {', '.join(features)}"
        )
    else:
        expected = expected_support(features[t.feature].kind, u.value)
        if expected == "invalid" and u.support is None:
            problems.append(f"{where}: value {u.value!r} of a capability row must start with Yes, No or None")
        elif expected != "invalid" and u.support != expected:
            problems.append(f"{where}: support {u.support!r} contradicts value {u.value!r}; it should be {expected!r}")
    for cid in u.also_amends:
        if cid not in caveats:
            problems.append(f"{where}: also_amends names unknown caveat '{cid}'")


def expected_support(kind: str, value: str) -> str | None:
    """The support a cell's value implies: yes/no for capability rows, None for descriptive ones."""
    if kind == "descriptive":
        return None
    head = value.strip().lower()
    if head == "yes" or head.startswith(("yes ", "yes(")):
        return "yes"
    if head in ("no", "none") or head.startswith(("no ", "no(", "none ")):
        return "no"
    return "invalid"


def _check_aliases(root: Path, origin: Mapping[tuple[str, str], str], platforms: Mapping[str, Platform], problems: list[str]) -> None:
    seen: dict[str, str] = {}
    for p in platforms.values():
        for alias in (p.id, p.name, *p.aliases):
            key = phrase_key(alias)
            owner = seen.get(key)
            if owner is not None and owner != p.id:
                problems.append(
                    f"{root / origin[('platform', p.id)]}: platform '{p.id}' alias {alias!r} is already an alias of '{owner}'; remove one"
                )
            elif owner is None:
                seen[key] = p.id
        dupes = {phrase_key(a) for a in p.aliases if [phrase_key(x) for x in p.aliases].count(phrase_key(a)) > 1}
        for key in sorted(dupes):
            problems.append(f"{root / origin[('platform', p.id)]}: platform '{p.id}' lists the alias {key!r} twice; remove one")
