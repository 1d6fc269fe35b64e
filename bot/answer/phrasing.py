"""The sentences of an answer, built once from its facts and notes and shared by every surface.

The first sentence answers the question; what follows supports it: the values and notes, the
comparison table and what changed in it, the caveats, the earlier values and the sources.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from bot.answer.model import Citation, Dated, Fact, Line, Mark, Note, SourceLine, Table

_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)])\.\s+(?=[A-Z])")
SCOPE_NOTE = 160  # each scope's note, on a platform-level fact, kept to about a line ...
SCOPE_NOTE_MIN = 80  # ... or shorter, down to this, when the scopes' values already make a long answer
FACT_CHARS = 380  # a platform-level fact's values and its scopes' notes together, caveats aside
_WORD = {"yes": "Yes", "no": "No", "partial": "Partly"}


# -- dates ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def format_date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def when(d: Dated) -> str:
    """A date as exact as it is known: "14 Jul 2025", "Jul 2025", "2025", or "by 28 Nov 2026" for a
    value a page documents without dating its start."""
    if d.precision == "month":
        return f"{d.since:%b %Y}"
    if d.precision == "year":
        return f"{d.since:%Y}"
    if d.precision == "documented":
        return f"by {format_date(d.since)}"
    return format_date(d.since)


def since(d: Dated) -> str:
    """ "since 14 Jul 2025", or "(documented by 28 Nov 2026)" when only the page's date is known."""
    text = when(d)
    return text if text.startswith("by ") else f"since {text}"


def month(d: dt.date) -> str:
    return f"{d:%b %Y}"


def join(items: Sequence[str], word: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items) or "none"
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def clip(text: str, limit: int) -> str:
    """``text``, or as many of its words as fit in ``limit`` characters, ending in an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    head = parts[0].strip()
    return head if head.endswith((".", "!", "?")) else head + "."


# -- facts ---------------------------------------------------------------------------


class Phraser:
    """Builds sentences with the knowledge base's names for platforms, scopes and features."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def subject(self, f: Fact) -> str:
        return f.scope_name or self.name(f.platform)

    def word(self, f: Fact) -> str:
        return _WORD.get(f.support or "", "")

    def short(self, f: Fact) -> str:
        """A fact's answer in a few words, for lists: "Yes", "Partly", or the value of a descriptive row."""
        if f.value is None:
            return "not recorded"
        return self.word(f) or f.value

    def state(self, f: Fact) -> str:
        """The value with when it took effect (if it changed) and what it was before."""
        if f.value is None:
            return f"no value on record ({f.gap})" if f.gap else "no value on record"
        if f.scopes:
            text = "; ".join(self._scope_state(f, d) for d in f.scopes)
            text += f"; not recorded for {join(list(f.unrecorded), 'or')}" if f.unrecorded else ""
            if f.changed and f.first is not None and all(d.id != f.first.id for d in f.scopes):
                text += f" (in {month(f.first.since)}: {f.first.value})"
            return text
        current = f.current[0]
        text = f.value
        if f.changed and f.first is not None:
            text += f" {since(current)} (in {month(f.first.since)}: {f.first.value})"
        return text

    def _scope_state(self, f: Fact, d: Dated) -> str:
        # Changed: took effect after the first value (a page only restating an answer keeps its first date).
        changed = f.first is not None and d.since > f.first.since and d.precision != "documented"
        tail = f" {since(d)}" if changed else ""
        return f"{d.value} on {d.scope_name}{tail}" if d.scope_name else f"{d.value}{tail}"

    def fact_line(self, f: Fact, stale_before: dt.date | None = None) -> str:
        """One fact as a sentence: "No: <platform>, <feature>: <value> since 14 Jul 2025 (in Dec 2019: <value then>).".

        A value older than ``stale_before`` that never changed says how old it is ("as of Dec 2019").
        """
        lead = f"{self.word(f)}: " if self.word(f) else ""
        if f.value is None:
            return f"{self.subject(f)}, {self.name(f.feature)}: no value on record" + (f" ({f.gap})." if f.gap else ".")
        old = (
            f" (as of {month(f.confirmed)}, the newest on record)"
            if stale_before and not f.changed and f.confirmed and f.confirmed < stale_before
            else ""
        )
        return f"{lead}{self.subject(f)}, {self.name(f.feature)}: {self.state(f)}{old}."

    def history_line(self, f: Fact, d: Dated, *, labelled: bool) -> Line:
        scope = f" ({d.scope_name})" if d.scope_name and not f.scope else ""
        stage = {"preview": " (preview)", "ga": " (generally available)"}.get(d.stage or "", "")
        if d.stage == "preview" and "preview" in d.value.lower():
            stage = ""  # the value says so already
        note = f" {d.note}" if d.note and f.first is not None and d.id != f.first.id else ""
        label = f"{self.subject(f)}, {self.name(f.feature)}" if labelled else ""
        return Line(f"{when(d)}: {d.value}{scope}{stage} ({d.citation.publisher}).{note}", label=label, mark="history")

    def body_line(self, f: Fact, *, labelled: bool) -> Line | None:
        """What the bottom line leaves out about a fact: its note, or each scope's value and note."""
        label = f"{self.subject(f)}, {self.name(f.feature)}" if labelled else ""
        mark: Mark = "changed" if f.changed else ("gap" if f.value is None else (f.support or "value"))
        if labelled:
            text = self.state(f) + "." + (f" {f.note}" if f.note else "")
            return Line(text, label=label, mark=mark)
        if f.scopes:
            noted = [d for d in f.scopes if d.note]
            room = (FACT_CHARS - len(self.state(f))) // max(1, len(noted))
            limit = max(SCOPE_NOTE_MIN, min(SCOPE_NOTE, room))
            notes = " ".join(f"{d.scope_name}: {clip(first_sentence(d.note or ''), limit)}" for d in noted)
            return Line(notes, mark=mark) if notes else None
        return Line(f.note, mark=mark) if f.note else None

    # -- notes -------------------------------------------------------------------------

    def note_line(self, n: Note, *, full: bool = True) -> Line:
        where = n.scope_name or join([self.name(p) for p in n.platforms])
        if n.ended is not None:
            text = f"No longer true {since(n.ended)}: {n.ended.value}."
            if full:
                text += f" What it said: {n.text}"
            return Line(text, label=f"{n.title} ({where})", mark="ended")
        text = n.text if full else first_sentence(n.text)
        for c in reversed(n.changes):
            text += f" Update {since(c)}: {c.value}."
        return Line(text, label=f"{n.title} ({where})", mark=n.kind)  # type: ignore[arg-type]

    # -- tables --------------------------------------------------------------------------

    def table(self, facts: Sequence[Fact], platforms: Sequence[str], features: Sequence[str]) -> Table:
        by_key = {(f.platform, f.feature): f for f in facts}
        columns = ("", *(self.column(facts, p) for p in platforms))
        rows: list[tuple[str, ...]] = []
        changed: set[tuple[int, int]] = set()
        for r, fid in enumerate(features, start=1):
            cells = [self.name(fid)]
            for c, p in enumerate(platforms, start=1):
                f = by_key.get((p, fid))
                cells.append("?" if f is None else (f.value or "–"))
                if f is not None and f.changed:
                    changed.add((r, c))
            rows.append(tuple(cells))
        return Table(columns, tuple(rows), frozenset(changed))

    def column(self, facts: Sequence[Fact], platform: str) -> str:
        """A table column's heading: the platform, or the scope its facts were asked about."""
        scoped = next((f.scope_name for f in facts if f.platform == platform and f.scope_name), None)
        return scoped or self.name(platform)

    def legend(self, facts: Iterable[Fact]) -> tuple[Line, ...]:
        """What changed in a table's cells: the current value since when, and what it was."""
        out = []
        for f in facts:
            if not f.changed or f.value is None or f.first is None:
                continue
            label = f"{self.subject(f)}, {self.name(f.feature)}"
            out.append(Line(f"{self.state(f)}.", label=label, mark="changed"))
        return tuple(out)


@lru_cache(maxsize=4096)
def sources(citations: tuple[Citation, ...]) -> tuple[SourceLine, ...]:
    """One line per source, with every place in it the answer cites ("table, rows 'A', 'B'"). Answers share their
    citations often (a matrix, an overview), so the lines are built once per set of citations."""
    by_source: dict[tuple[str, str, str, dt.date], list[str]] = {}
    for c in citations:
        by_source.setdefault((c.url, c.title, c.publisher, c.date), []).append(c.locator)
    return tuple(
        SourceLine(title, publisher, format_date(date), url, _locators(locs)) for (url, title, publisher, date), locs in by_source.items()
    )


_ROW_LOCATOR = re.compile(r"^(?P<where>.+?), row (?P<row>.+)$")


def _locators(locators: Sequence[str]) -> str:
    grouped: dict[str, list[str]] = {}
    for loc in dict.fromkeys(locators):
        m = _ROW_LOCATOR.match(loc)
        key, item = (m["where"], m["row"]) if m else (loc, "")
        grouped.setdefault(key, []).append(item)
    parts = []
    for where, rows in grouped.items():
        rows = [r for r in rows if r]
        parts.append(where if not rows else f"{where}, {'row' if len(rows) == 1 else 'rows'} {', '.join(rows)}")
    return "; ".join(parts)


def age(newest: dt.date | None, oldest: dt.date | None, answered: dt.date, stale_after: int, *, dated: bool, stale: bool) -> str:
    """How old the knowledge behind the answer is, and whether it is past the freshness policy."""
    if newest is None:
        return ""
    asked = f" (answering as of {format_date(answered)})" if dated else ""
    if not stale:
        return f"Knowledge as of {format_date(newest)}{asked}."
    days = (answered - newest).days
    span = f"the oldest source here is from {month(oldest)}; " if oldest and oldest < newest else ""
    return (
        f"Dated knowledge: {span}the newest is from {month(newest)}, {_years(days)} old{asked}, past our {stale_after}-day "
        "freshness policy. Platforms change; check the vendor's current documentation before relying on it."
    )


def _years(days: int) -> str:
    years = days / 365.25
    if years >= 1.5:
        return f"{years:.0f} years"
    if years >= 1:
        return "over a year"
    return f"{days} days"
