"""What an answer is, as data: the facts and notes behind it, and the sentences that say it.

Every surface (plain text, JSON, Slack) lays out the same sentences; none of them writes its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from bot.understand.parse import Intent, Query

LOW_CONFIDENCE = 0.75

Support = Literal["yes", "no", "partial"]
Mark = Literal["", "yes", "no", "partial", "value", "changed", "gap", "limitation", "advice", "note", "ended", "history", "definition"]


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    title: str
    publisher: str
    date: dt.date
    locator: str
    url: str


@dataclass(frozen=True, slots=True)
class Dated:
    """One value as it took effect: a cell's (or one scope's) value, a past value, or a change to a note."""

    id: str
    value: str
    support: str | None
    since: dt.date
    precision: str
    stage: str | None
    scope: str | None
    scope_name: str | None
    note: str | None
    citation: Citation
    confirmed: dt.date
    """The newest date a page vouches for this value: the later of ``since`` and its source's date, if that is by the answer's date."""
    items: tuple[tuple[str, str], ...] = ()
    """(item id, yes or no) for the row's items the value speaks to."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One platform x feature as of the answer's date, for the whole platform or for the scope asked about.

    ``value``/``support`` are the current ones; when the platform's scopes differ, ``scopes`` has each
    scope's value and ``support`` is ``partial`` where they disagree on it. ``history`` holds the earlier
    values, oldest first (the first source's among them). ``value`` is None when nothing is recorded
    (``gap`` says why).
    """

    platform: str
    feature: str
    value: str | None
    support: Support | None
    current: tuple[Dated, ...]
    scope: str | None = None
    scope_name: str | None = None
    scopes: tuple[Dated, ...] = ()
    history: tuple[Dated, ...] = ()
    gap: str | None = None
    first: Dated | None = None
    """The first value on record (the first source's, for the original rows), current or not."""
    unrecorded: tuple[str, ...] = ()
    """Names of the platform's scopes with no value on record (the value speaks for the others only)."""
    changed: bool = field(init=False, repr=False, compare=False)
    """Has the answer changed since the first value on record: the support, or a descriptive row's value? (A capability
    value reworded or made more precise, with the same yes or no, is not a change.) Worked out once, when made: a
    table's cells, its legend and its bottom line each ask."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "changed", _changed(self.first, self.current))

    @property
    def since(self) -> dt.date | None:
        return max((d.since for d in self.current), default=None)

    @property
    def confirmed(self) -> dt.date | None:
        """How fresh the current value is: the newest date a page vouches for it (not when it took effect)."""
        return max((d.confirmed for d in self.current), default=None)

    @property
    def citation(self) -> Citation | None:
        latest = max(self.current, key=lambda d: d.since, default=None)
        return latest.citation if latest else None

    @property
    def note(self) -> str | None:
        return self.current[0].note if len(self.current) == 1 else None


@dataclass(frozen=True, slots=True)
class Note:
    """A caveat as of the answer's date. ``ended`` is the change that made it no longer true, if any."""

    id: str
    kind: str
    title: str
    text: str
    platforms: tuple[str, ...]
    scope: str | None
    scope_name: str | None
    features: tuple[str, ...]
    citation: Citation
    changes: tuple[Dated, ...] = ()
    ended: Dated | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence (or a few) of an answer. ``label`` is a short lead a surface may set in bold;
    ``mark`` says what kind of line it is, for a surface's icon or bullet."""

    text: str
    label: str = ""
    mark: Mark = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A comparison: a row per feature, a column per platform. ``changed`` marks (row, column) cells
    whose value changed since the first value on record."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    changed: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One source behind an answer, with the places in it that were cited."""

    title: str
    publisher: str
    date: str
    url: str
    locators: str


@dataclass(frozen=True, slots=True)
class Phrasing:
    """The sentences of an answer, built once: the bottom line first, then what supports it."""

    bottom_line: str
    body: tuple[Line, ...] = ()
    table: Table | None = None
    legend: tuple[Line, ...] = ()
    caveats: tuple[Line, ...] = ()
    history: tuple[Line, ...] = ()
    sources: tuple[SourceLine, ...] = ()
    age: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A question the bot can answer: its wording, and the structured query a button asks with."""

    text: str
    query: Query


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an answer's facts come from and how old they are."""

    citations: tuple[Citation, ...]
    answered_as_of: dt.date
    oldest: dt.date | None
    newest: dt.date | None
    stale: bool
    stale_after_days: int
    kb_version: str
    dated: bool = False
    """The answer was asked ``--as-of`` a date, not for today."""

    @property
    def age_days(self) -> int | None:
        return None if self.newest is None else (self.answered_as_of - self.newest).days


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says: what it understood, the facts and notes it found, and the sentences for them."""

    query: Query
    intent: Intent
    platforms: tuple[str, ...]
    features: tuple[str, ...]
    facts: tuple[Fact, ...]
    caveats: tuple[Note, ...]
    phrasing: Phrasing
    provenance: Provenance
    confidence: float
    suggestions: tuple[Suggestion, ...] = ()
    considered: tuple[str, ...] = ()
    not_covered: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)
    all_platforms: tuple[str, ...] = ()

    @property
    def question(self) -> str:
        return self.query.text

    @property
    def mentioned_platforms(self) -> tuple[str, ...]:
        return self.query.mentioned_platforms

    @property
    def mentioned_features(self) -> tuple[str, ...]:
        return self.query.features

    @property
    def scopes(self) -> tuple[tuple[str, str], ...]:
        return self.query.scopes

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.provenance.citations

    @property
    def kb_version(self) -> str:
        return self.provenance.kb_version

    @property
    def low_confidence(self) -> bool:
        return self.intent != "unknown" and self.confidence < LOW_CONFIDENCE

    def fact(self, platform: str, feature: str) -> Fact | None:
        for f in self.facts:
            if f.platform == platform and f.feature == feature:
                return f
        return None


def _changed(first: Dated | None, current: tuple[Dated, ...]) -> bool:
    """Whether a fact's current values differ from its first on record (``Fact.changed``)."""
    if first is None:
        return False
    if first.support is not None or any(d.support is not None for d in current):
        return any(d.support != first.support for d in current)
    return any(d.value != first.value for d in current)
