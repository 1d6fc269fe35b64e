"""Read a directory of YAML files into one validated KnowledgeBase.

Every problem is collected, not just the first, and each message names the
file, the entry and what to do about it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.knowledge.models import (
    Caveat,
    CellSpec,
    Feature,
    KnowledgeFile,
    Platform,
    Policy,
    Precision,
    Ref,
    Refusal,
    Scope,
    Source,
    Stage,
    Support,
    Update,
    ValueSpec,
    Vendor,
)
from bot.text import phrase_key, tokenize

ENV_VAR = "PLATFORM_BOT_KNOWLEDGE"
# libyaml's safe loader is about ten times faster; fall back to the pure-Python one where it is missing.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YES = re.compile(r"^yes(?![a-z])")
_NO = re.compile(r"^(no|none)(?![a-z])")


class KnowledgeError(Exception):
    """The knowledge base is invalid; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated value in a cell's timeline: from a matrix cell (the cell's first value) or from an update.

    ``scope`` is None when the value holds for the whole platform.
    """

    id: str
    platform: str
    feature: str
    scope: str | None
    value: str
    support: Support | None
    note: str | None
    effective: dt.date
    precision: Precision
    stage: Stage | None
    cite: Ref
    amends: tuple[str, ...] = ()
    retires: tuple[str, ...] = ()
    items: tuple[tuple[str, Support], ...] = ()
    """(item id, yes or no): what the value says of each of its row's items it speaks to."""


@dataclass(frozen=True, slots=True)
class Change:
    """A dated change to a caveat: more to say about it, or (``ends``) the end of its truth."""

    id: str
    caveat: str
    value: str
    note: str
    effective: dt.date
    precision: Precision
    stage: Stage | None
    scope: str | None
    cite: Ref
    ends: bool


@dataclass(frozen=True)
class KnowledgeBase:
    sources: Mapping[str, Source]
    platforms: Mapping[str, Platform]
    features: Mapping[str, Feature]
    timelines: Mapping[tuple[str, str], tuple[Entry, ...]]
    """Per (platform, feature): its dated entries, oldest first."""
    gaps: Mapping[tuple[str, str], str]
    """Per (platform, feature) knowingly left empty: why no value is recorded."""
    caveats: Mapping[str, Caveat]
    version: str
    directory: Path
    files: tuple[str, ...] = ()
    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    """Per caveat id: its dated changes, oldest first."""
    refusals: tuple[Refusal, ...] = ()
    vendors: tuple[Vendor, ...] = ()
    policy: Policy = field(default_factory=Policy)
    first_source: str = ""
    """The source the knowledge started from: the earliest-dated source any cell cites."""

    def timeline(self, platform: str, feature: str) -> tuple[Entry, ...]:
        return self.timelines.get((platform, feature), ())

    def scope(self, platform: str, scope: str) -> Scope:
        return next(s for s in self.platforms[platform].scopes if s.id == scope)

    def as_of(self, when: dt.date) -> KnowledgeBase:
        """The knowledge as it stood on ``when``: entries and changes that took effect later are left out,
        and so are features with no value on any platform by then."""
        timelines = {k: kept for k, t in self.timelines.items() if (kept := tuple(e for e in t if e.effective <= when))}
        known = {f for (_, f) in timelines}
        return KnowledgeBase(
            sources=self.sources,
            platforms=self.platforms,
            features={k: f for k, f in self.features.items() if k in known},
            timelines=timelines,
            gaps={k: g for k, g in self.gaps.items() if k[1] in known},
            caveats=self.caveats,
            version=self.version,
            directory=self.directory,
            files=self.files,
            changes={k: kept_changes for k, c in self.changes.items() if (kept_changes := tuple(x for x in c if x.effective <= when))},
            refusals=self.refusals,
            vendors=self.vendors,
            policy=self.policy,
            first_source=self.first_source,
        )

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
    kb = _Assembly(root, problems).build(parsed, digest.hexdigest()[:12])
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
            f"(sources, platforms, features, matrix, caveats, updates, not_covered, vendors), not a {type(data).__name__}"
        )
        return None
    try:
        return KnowledgeFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"{path}: {_describe_location(data, err['loc'])}: {_describe_error(err)}")
        return None


def _describe_location(data: Mapping[str, Any], loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into "features entry #3 ('some-id'), field 'synonyms'"."""
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
            key = entry.get("id") or entry.get("feature") or entry.get("name")
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


def expected_support(kind: str, value: str) -> str | None:
    """The support a value implies: yes/no for capability rows (by its first word), None for descriptive ones."""
    if kind == "descriptive":
        return None
    head = value.strip().lower()
    if _YES.match(head):
        return "yes"
    if _NO.match(head):
        return "no"
    return "invalid"


class _Assembly:
    """Cross-checks the parsed files and builds the KnowledgeBase; every problem goes to ``problems``."""

    def __init__(self, root: Path, problems: list[str]) -> None:
        self.root = root
        self.problems = problems
        self.origin: dict[tuple[str, str], str] = {}
        self.sources: dict[str, Source] = {}
        self.platforms: dict[str, Platform] = {}
        self.features: dict[str, Feature] = {}
        self.caveats: dict[str, Caveat] = {}
        self.reported: set[tuple[str, str]] = set()
        self.row_files: dict[str, str] = {}
        self.written: set[tuple[str, str]] = set()  # the cells the matrix writes, valid or not

    def problem(self, fname: str, text: str) -> None:
        self.problems.append(f"{self.root / fname}: {text}")

    def claim(self, kind: str, key: str, fname: str) -> bool:
        if (kind, key) in self.origin:
            self.problem(fname, f"{kind} '{key}' is defined twice (also in {self.origin[(kind, key)]}); keep one")
            return False
        self.origin[(kind, key)] = fname
        return True

    def build(self, parsed: list[tuple[str, KnowledgeFile]], version: str) -> KnowledgeBase | None:
        updates: list[tuple[str, Update]] = []
        cells: list[tuple[str, str, str, CellSpec, Ref | None]] = []
        refusals: list[tuple[str, Refusal]] = []
        vendors: list[tuple[str, Vendor]] = []
        policy = Policy()
        for fname, kf in parsed:
            sections: tuple[tuple[str, Sequence[Any], dict[str, Any]], ...] = (
                ("source", kf.sources, self.sources),
                ("platform", kf.platforms, self.platforms),
                ("feature", kf.features, self.features),
                ("caveat", kf.caveats, self.caveats),
            )
            for kind, items, table in sections:
                for item in items:
                    if self.claim(kind, item.id, fname):
                        table[item.id] = item
            cells += [(fname, row.feature, pid, spec, row.cite) for row in kf.matrix for pid, spec in row.cells.items()]
            updates += [(fname, u) for u in kf.updates if self.claim("update", u.id, fname)]
            refusals += [(fname, r) for r in kf.not_covered]
            vendors += [(fname, v) for v in kf.vendors]
            if kf.policy is not None and self.claim("policy", "policy", fname):
                policy = kf.policy

        self._check_platforms()
        self._check_caveats()
        self._check_narrowings()
        timelines, gaps = self._cells(cells)
        changes: dict[str, list[Change]] = {}
        for fname, u in updates:
            self._update(fname, u, timelines, changes)
        self._check_words(refusals, vendors)
        self._check_complete()
        if self.problems:
            return None
        ordered = {k: tuple(sorted(t, key=_entry_order)) for k, t in timelines.items()}
        first = min(
            (self.sources[e.cite.source] for t in ordered.values() for e in t[:1]),
            key=lambda s: s.date,
            default=None,
        )
        return KnowledgeBase(
            sources=self.sources,
            platforms=self.platforms,
            features=self.features,
            timelines={(p, f): ordered[(p, f)] for f in self.features for p in self.platforms if (p, f) in ordered},
            gaps=gaps,
            caveats=self.caveats,
            version=version,
            directory=self.root,
            files=tuple(f for f, _ in parsed),
            changes={k: tuple(sorted(v, key=lambda c: c.effective)) for k, v in changes.items()},
            refusals=tuple(r for _, r in refusals),
            vendors=tuple(v for _, v in vendors),
            policy=policy,
            first_source=first.id if first else "",
        )

    # -- checks -------------------------------------------------------------------

    def check_ref(self, fname: str, what: str, ref: Ref) -> bool:
        if ref.source not in self.sources:
            if (fname, ref.source) not in self.reported:  # a row's cite shared by its cells is reported once
                self.reported.add((fname, ref.source))
                self.problem(fname, f"{what} cites unknown source '{ref.source}'; known: {', '.join(self.sources) or 'none'}")
            return False
        return True

    def check_scope(self, fname: str, what: str, platform: str, scope: str | None) -> bool:
        if scope is None or platform not in self.platforms:
            return True
        known = [s.id for s in self.platforms[platform].scopes]
        if scope not in known:
            self.problem(fname, f"{what} names unknown scope '{scope}' of platform '{platform}'; known: {', '.join(known) or 'none'}")
            return False
        return True

    def check_items(self, fname: str, what: str, feature: str, items: Mapping[str, str]) -> None:
        known = {i.id for i in self.features[feature].items} if feature in self.features else set()
        for item in items:
            if item not in known:
                self.problem(
                    fname, f"{what}: item '{item}' is not one of row '{feature}''s items; known: {', '.join(sorted(known)) or 'none'}"
                )

    def check_support(self, fname: str, what: str, feature: str, value: str, support: str | None) -> None:
        if feature not in self.features:
            return
        expected = expected_support(self.features[feature].kind, value)
        if expected == "invalid":
            self.problem(fname, f"{what}: value {value!r} of a capability row must start with Yes, No or None")
        elif support != expected:
            self.problem(fname, f"{what}: support {support!r} contradicts value {value!r}; it should be {expected!r}")

    def _check_platforms(self) -> None:
        """Every name means one platform (or one scope of it); a list names each alias once."""
        seen: dict[str, str] = {}
        for p in self.platforms.values():
            fname = self.origin[("platform", p.id)]
            self.check_ref(fname, f"platform '{p.id}'", p.cite)
            lists = [(p.id, (p.id, p.name), p.aliases)] + [(f"{p.id}/{s.id}", (s.name,), s.aliases) for s in p.scopes]
            for owner, own_names, aliases in lists:
                keys = [phrase_key(a) for a in aliases]
                for key in sorted({k for k in keys if keys.count(k) > 1}):
                    self.problem(fname, f"platform '{owner}' lists the alias {key!r} twice; remove one")
                for alias in (*own_names, *aliases):
                    key = phrase_key(alias)
                    prev = seen.setdefault(key, owner)
                    if prev.split("/")[0] != p.id:
                        self.problem(fname, f"platform '{p.id}' alias {alias!r} is already an alias of '{prev}'; remove one")
                    elif prev != owner:
                        self.problem(fname, f"alias {alias!r} names both '{prev}' and '{owner}'; keep it in one place")
            for s in p.scopes:
                if s.ended is not None:
                    self.check_ref(fname, f"platform '{p.id}' scope '{s.id}' ended", s.ended.cite)
            ids = [s.id for s in p.scopes]
            for sid in sorted({s for s in ids if ids.count(s) > 1}):
                self.problem(fname, f"platform '{p.id}' defines scope '{sid}' twice; keep one")

    def _check_narrowings(self) -> None:
        for f in self.features.values():
            fname = self.origin[("feature", f.id)]
            for n in f.narrows:
                if n.feature == f.id:
                    self.problem(fname, f"feature '{f.id}' narrows itself; name the broader feature it takes over")
                elif n.feature not in self.features:
                    self.problem(fname, f"feature '{f.id}' narrows unknown feature '{n.feature}'; known: {', '.join(self.features)}")
                else:
                    own = {s.lstrip("~") for s in self.features[n.feature].phrases}
                    for phrase in n.only:
                        if phrase not in own:
                            self.problem(
                                fname, f"feature '{f.id}' narrows '{n.feature}' phrase '{phrase}', which is not one of its phrases"
                            )
            # ``only`` is kept per word, so a word limited in one narrowing of a row would limit it in every other too
            limited = {(n.feature, w) for n in f.narrows if n.only for w in n.words}
            for n in f.narrows:
                for w in n.words:
                    if not n.only and (n.feature, w) in limited:
                        self.problem(fname, f"feature '{f.id}' narrows '{n.feature}' on '{w}' both with and without 'only'; keep one")

    def _check_caveats(self) -> None:
        for c in self.caveats.values():
            fname = self.origin[("caveat", c.id)]
            self.check_ref(fname, f"caveat '{c.id}'", c.cite)
            for pid in c.platforms:
                if pid not in self.platforms:
                    self.problem(fname, f"caveat '{c.id}' names unknown platform '{pid}'; known: {', '.join(self.platforms)}")
            for fid in c.features:
                if fid not in self.features:
                    self.problem(fname, f"caveat '{c.id}' names unknown feature '{fid}'; known: {', '.join(self.features)}")
            if (
                c.scope is not None
                and set(c.platforms) <= set(self.platforms)
                and not any(c.scope in {s.id for s in self.platforms[p].scopes} for p in c.platforms if p in self.platforms)
            ):
                self.problem(fname, f"caveat '{c.id}' names scope '{c.scope}', which none of its platforms has")

    def _cells(
        self, cells: list[tuple[str, str, str, CellSpec, Ref | None]]
    ) -> tuple[dict[tuple[str, str], list[Entry]], dict[tuple[str, str], str]]:
        timelines: dict[tuple[str, str], list[Entry]] = {}
        gaps: dict[tuple[str, str], str] = {}
        defined: dict[tuple[str, str, str | None], str] = {}
        for fname, fid, pid, spec, row_cite in cells:
            self.row_files.setdefault(fid, fname)
            where = f"matrix row '{fid}', cell '{pid}'"
            if fid not in self.features:
                self.problem(fname, f"matrix row '{fid}' is not a known feature; known: {', '.join(self.features)}")
                continue
            if pid not in self.platforms:
                self.problem(fname, f"matrix row '{fid}' has a cell for unknown platform '{pid}'; known: {', '.join(self.platforms)}")
                continue
            self.written.add((pid, fid))
            if spec.gap is not None:
                gaps[(pid, fid)] = spec.gap
                parts: list[tuple[str | None, ValueSpec]] = []
                key: tuple[str, str, str | None] = (pid, fid, "gap")
            else:
                parts = [(None, spec)] if spec.scopes is None else list(spec.scopes.items())
            for scope, value in parts:
                key = (pid, fid, scope)
                label = where + (f", scope '{scope}'" if scope else "")
                if key in defined:
                    self.problem(fname, f"{label} is defined twice (also in {defined[key]}); keep one")
                    continue
                defined[key] = fname
                if not self.check_scope(fname, label, pid, scope):
                    continue
                entry = self._cell_entry(fname, label, fid, pid, scope, value, value.cite or row_cite)
                if entry is not None:
                    timelines.setdefault((pid, fid), []).append(entry)
        for pid, fid in set(gaps) & set(timelines):
            self.problem(f"{defined.get((pid, fid, 'gap'), '')}", f"cell '{pid}' x '{fid}' has values and a gap; remove the gap")
        return timelines, gaps

    def _cell_entry(self, fname: str, label: str, fid: str, pid: str, scope: str | None, spec: ValueSpec, cite: Ref | None) -> Entry | None:
        assert spec.value is not None
        if cite is None:
            self.problem(fname, f"{label}: no cite; give the cell (or its row) a cite with source and locator")
            return None
        self.check_support(fname, label, fid, spec.value, spec.support)
        if not self.check_ref(fname, label, cite):
            return None
        self.check_items(fname, label, fid, spec.items)
        effective = spec.effective or self.sources[cite.source].date
        ident = f"{pid}.{fid}" + (f".{scope}" if scope else "")
        items = tuple(spec.items.items())
        return Entry(ident, pid, fid, scope, spec.value, spec.support, spec.note, effective, spec.precision, spec.stage, cite, items=items)

    def _update(self, fname: str, u: Update, timelines: dict[tuple[str, str], list[Entry]], changes: dict[str, list[Change]]) -> None:
        t = u.target
        where = f"update '{u.id}'"
        self.check_ref(fname, where, u.cite)
        for cid in (*u.amends, *u.retires):
            if cid not in self.caveats:
                self.problem(fname, f"{where}: names unknown caveat '{cid}' in amends/retires; known: {', '.join(self.caveats)}")
        if t.caveat is not None:
            if t.platform is not None or t.feature is not None:
                self.problem(fname, f"{where}: target names a caveat and a cell; an update changes one or the other")
            elif t.caveat not in self.caveats:
                self.problem(fname, f"{where}: target caveat '{t.caveat}' does not exist; known: {', '.join(self.caveats)}")
            else:
                ends = t.caveat in u.retires
                changes.setdefault(t.caveat, []).append(_change(u, t.caveat, ends))
            return
        if t.platform is None or t.feature is None:
            self.problem(fname, f"{where}: target needs platform and feature (a matrix cell) or caveat")
            return
        if t.platform not in self.platforms or t.feature not in self.features:
            self.problem(
                fname,
                f"{where}: target cell {t.platform} x {t.feature} does not exist; "
                f"platforms: {', '.join(self.platforms)}; features: {', '.join(self.features)}",
            )
            return
        if not self.check_scope(fname, where, t.platform, u.scope):
            return
        kind = self.features[t.feature].kind
        if kind == "descriptive" and u.support is not None:
            self.problem(fname, f"{where}: support {u.support!r} on the descriptive row '{t.feature}'; it should be None")
        elif kind == "capability":
            self.check_support(fname, where, t.feature, u.value, u.support)
        self.check_items(fname, where, t.feature, u.items)
        entry = Entry(
            u.id,
            t.platform,
            t.feature,
            u.scope,
            u.value,
            u.support,
            u.note,
            u.effective,
            u.precision,
            u.stage,
            u.cite,
            u.amends,
            u.retires,
            tuple(u.items.items()),
        )
        timelines.setdefault((t.platform, t.feature), []).append(entry)
        for cid in u.amends:
            changes.setdefault(cid, []).append(_change(u, cid, False))
        for cid in u.retires:
            changes.setdefault(cid, []).append(_change(u, cid, True))

    def _check_words(self, refusals: list[tuple[str, Refusal]], vendors: list[tuple[str, Vendor]]) -> None:
        """A phrase must mean one thing: a refused product or topic is never also a synonym, alias or vendor word."""
        covered: dict[str, str] = {}
        weak: dict[str, str] = {}
        for p in self.platforms.values():
            for alias in (p.id, p.name, *p.aliases, *(a for s in p.scopes for a in (s.name, *s.aliases))):
                covered.setdefault(phrase_key(alias), f"an alias of platform '{p.id}'")
        for f in self.features.values():
            for syn in (f.id, f.name, *f.synonyms):
                (weak if syn.startswith("~") else covered).setdefault(phrase_key(syn.lstrip("~")), f"a synonym of feature '{f.id}'")
        names = {
            phrase_key(a): p.id
            for p in self.platforms.values()
            for a in (p.id, p.name, *p.aliases, *(x for s in p.scopes for x in (s.name, *s.aliases)))
        }
        for f in self.features.values():
            for phrase in (*f.synonyms, *(w for n in f.narrows for w in n.words)):
                words = tokenize(phrase)
                if any(w == "s" and words[i - 1].isalpha() for i, w in enumerate(words) if i):
                    self.problem(
                        self.origin[("feature", f.id)],
                        f"feature '{f.id}' phrase {phrase!r} has a lone 's', which no question holds (a question's "
                        '"nobody\'s" is read as "nobody"); write the apostrophe',
                    )
            strong = {phrase_key(s) for s in f.synonyms if not s.startswith("~")}
            for syn in f.synonyms:
                if syn.startswith("~") and phrase_key(syn[1:]) in strong:
                    self.problem(
                        self.origin[("feature", f.id)],
                        f"feature '{f.id}' phrase {syn[1:]!r} is listed both weak ('~') and plain; keep one",
                    )
            for syn in {s for s in f.synonyms if f.synonyms.count(s) > 1}:
                self.problem(self.origin[("feature", f.id)], f"feature '{f.id}' phrase {syn!r} is listed twice; keep one")
            for syn in f.synonyms:
                words = phrase_key(syn.lstrip("~")).split()
                for key, pid in names.items():
                    n = len(key.split())
                    if any(words[i : i + n] == key.split() for i in range(len(words) - n + 1)):
                        self.problem(
                            self.origin[("feature", f.id)],
                            f"feature '{f.id}' synonym {syn!r} holds the name {key!r} of platform '{pid}', "
                            "which it would hide; drop the name",
                        )
        for fname, v in vendors:
            for pid in v.platforms:
                if pid not in self.platforms:
                    self.problem(fname, f"vendor '{v.name}' names unknown platform '{pid}'; known: {', '.join(self.platforms)}")
            for w in v.words:
                if phrase_key(w) in covered:
                    self.problem(fname, f"vendor '{v.name}' word {w!r} is also {covered[phrase_key(w)]}; keep one")
        seen: dict[str, str] = {}
        for fname, r in refusals:
            for fid in r.near:
                if fid not in self.features:
                    self.problem(fname, f"not_covered '{r.name}' is near unknown feature '{fid}'; known: {', '.join(self.features)}")
            for pid, fids in r.answered_in.items():
                if pid not in self.platforms:
                    self.problem(
                        fname, f"not_covered '{r.name}' is answered in rows of unknown platform '{pid}'; known: {', '.join(self.platforms)}"
                    )
                for fid in fids:
                    if fid not in self.features:
                        self.problem(
                            fname, f"not_covered '{r.name}' is answered in unknown feature '{fid}'; known: {', '.join(self.features)}"
                        )
            for pid, refs in r.see.items():
                if pid not in self.platforms:
                    known = ", ".join(self.platforms)
                    self.problem(fname, f"not_covered '{r.name}' points to pages of unknown platform '{pid}'; known: {known}")
                for ref in refs:
                    self.check_ref(fname, f"not_covered '{r.name}'", ref)
            # A context offering may also be a weak synonym: a hint at a feature, never its name. A tool may be a row's
            # very name (an infrastructure-as-code tool): only its faults are not ours.
            taken = {} if r.kind == "tool" else covered if r.kind == "context" else {**weak, **covered}
            for phrase in r.phrases:
                key = phrase_key(phrase)
                if key in taken:
                    self.problem(fname, f"not_covered '{r.name}' phrase {phrase!r} is also {taken[key]}; remove one of them")
                elif key in seen and seen[key] != r.name:
                    self.problem(fname, f"not_covered '{r.name}' phrase {phrase!r} is also a phrase of '{seen[key]}'; keep one")
                seen.setdefault(key, r.name)

    def _check_complete(self) -> None:
        """Every platform x feature cell is written in a matrix; an update changes a cell, it never stands in for one."""
        for fid in self.features:
            for pid in self.platforms:
                if (pid, fid) not in self.written and not any(f"cell '{pid}'" in p and f"'{fid}'" in p for p in self.problems):
                    where = self.row_files.get(fid) or self.origin.get(("feature", fid), "")
                    self.problem(
                        where,
                        f"matrix is missing the cell for platform '{pid}' x feature '{fid}'; "
                        "add it under a matrix row of that feature (a value, scopes, or a gap saying why none is recorded)",
                    )


def _entry_order(e: Entry) -> tuple[dt.date, bool]:
    """Oldest first; on the same day a scoped value comes after (and so overrides) a whole-platform one."""
    return (e.effective, e.scope is not None)


def _change(u: Update, caveat: str, ends: bool) -> Change:
    return Change(u.id, caveat, u.value, u.note, u.effective, u.precision, u.stage, u.scope, u.cite, ends)
