"""Frozen pydantic models of the knowledge files, one model per YAML section."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

Support = Literal["yes", "no"]


def _yaml_boolean(v: Any) -> Any:
    """YAML 1.1 reads an unquoted yes/no as a boolean; accept what was meant."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return v


MaybeSupport = Annotated[Support | None, BeforeValidator(_yaml_boolean)]
SaidSupport = Annotated[Support, BeforeValidator(_yaml_boolean)]
FeatureKind = Literal["capability", "descriptive"]
CaveatKind = Literal["limitation", "advice", "note"]
Precision = Literal["day", "month", "year", "documented"]
"""How exact an effective date is. ``documented``: the date of the page that documents the value;
the value may have been true earlier, and no page we read dates its start."""
Stage = Literal["preview", "ga"]
RefusalKind = Literal["product", "context", "topic", "tool"]

_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Ref(_Frozen):
    """Where a value comes from: a source id and a place inside that source."""

    source: str = Field(min_length=1)
    locator: str = Field(min_length=1)


class Source(_Frozen):
    """A page the knowledge comes from. ``date`` is the page's own date, or the day it was read when it has none."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    date: dt.date
    url: str = Field(pattern=r"^https?://\S+$")
    description: str = Field(min_length=1)


class ScopeEnd(_Frozen):
    """When a scope stopped being part of its platform (renamed, moved to another product, retired)."""

    effective: dt.date
    precision: Precision = "day"
    note: str = Field(min_length=1)
    cite: Ref


class Scope(_Frozen):
    """A way of running a platform whose answers can differ from the platform's others."""

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = Field(default=(), description="names that select this scope (and its platform) on their own")
    hints: tuple[str, ...] = Field(default=(), description="words that select this scope only when the platform is named too")
    guessed_from: tuple[str, ...] = Field(
        default=(), description="words that, when no platform is named, are read as this scope, and the answer says it guessed"
    )
    ended: ScopeEnd | None = Field(default=None, description="from then on, a question naming only the platform leaves this scope out")


class Platform(_Frozen):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    vendor: str = Field(min_length=1)
    aliases: tuple[str, ...] = Field(min_length=1)
    proper_names: tuple[str, ...] = Field(
        default=(),
        description="names that mean the platform only written as a name, capitalised as here (where the same words "
        "in lower case are everyday words of another platform's docs)",
    )
    links: tuple[str, ...] = Field(
        default=(),
        description="parts of a link (lower case) that only the platform's own pages and addresses hold: a link pasted "
        "with a question names the platform it points at",
    )
    summary: str = Field(min_length=1)
    cite: Ref
    scopes: tuple[Scope, ...] = ()


class Narrowing(_Frozen):
    """Words that, beside a broader feature's phrase, mean this feature instead ("static IP" with "outbound")."""

    feature: str = Field(pattern=_ID, description="the broader feature whose phrase this one takes over")
    words: tuple[str, ...] = Field(min_length=1, description="words or phrases anywhere in the question that narrow it")
    only: tuple[str, ...] = Field(
        default=(),
        description="the broader feature's own phrases these words take over, when not all of them: a short phrase "
        "may mean something else beside these words while the longer phrases still name the row",
    )


class Item(_Frozen):
    """One of the things a descriptive row lists (an architecture, a protocol): a question that names it alone asks a
    yes/no of it, answered by the cells' ``items``."""

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    synonyms: tuple[str, ...] = Field(min_length=1, description="words that name it; matched as whole words, typos not read")


class Feature(_Frozen):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    row: str | None = Field(default=None, description="the row label as the source's table prints it, for rows taken from a table")
    kind: FeatureKind
    description: str = Field(min_length=1)
    synonyms: tuple[str, ...] = Field(min_length=1)
    narrows: tuple[Narrowing, ...] = Field(default=(), description="broader features this one takes over when its words are there")
    yields: bool = Field(
        default=False,
        description="often only the setting of a question (a nightly job, a billing service): beside another row, not asked "
        "side by side with it, this one gives way",
    )
    qualifies: bool = Field(
        default=False,
        description="often only says what kind of unit another row is asked about (a Windows group): of one platform, "
        "beside another row, this one gives way unless a clause asks about it alone; where the platforms are chosen "
        "among, it is a requirement like any other",
    )
    carries: bool = Field(
        default=False,
        description='its words often only carry the kind of unit a qualifying row names ("an image built on <kind>"): '
        "beside such a row and no other, it gives way to it",
    )
    without: tuple[str, ...] = Field(
        default=(),
        description="for a descriptive row, words of a cell's value that mean the platform does without the thing "
        '("not required"): a question asking to go without it ("no cluster to babysit") is met by those cells',
    )
    items: tuple[Item, ...] = Field(default=(), description="for a descriptive row, the things its values list, each answerable yes or no")
    units: tuple[str, ...] = Field(
        default=(),
        description="words that name the unit a platform runs, often inside or beside the platform's own name: a question "
        'that asks what such a unit is ("what\'s a <unit>?"), or sets two side by side ("a <unit> vs a <unit>, same idea?"), '
        "and names no row asks this one",
    )
    names_apps: bool = Field(
        default=False,
        description="its words tell what kind of app the asker has (a gRPC API, a WebSocket service): an app named by "
        "them still asks this row, where an app named by another row's word (the billing service) does not",
    )

    @property
    def phrases(self) -> tuple[str, ...]:
        """Everything that names the row: its name, the source's row label and its synonyms (weak ones marked "~")."""
        return (self.name, *((self.row,) if self.row else ()), *self.synonyms)


def _text_value(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        raise ValueError('write the value as text in quotes, e.g. value: "No"')
    return v


class ValueSpec(_Frozen):
    """One value of a cell (or of one scope of it), with where it comes from and since when it holds."""

    value: str = Field(min_length=1)
    support: MaybeSupport = None
    items: dict[str, SaidSupport] = Field(default_factory=dict, description="the row's items this value says yes or no to, by item id")
    note: str | None = None
    cite: Ref | None = Field(default=None, description="defaults to the matrix row's cite")
    effective: dt.date | None = Field(default=None, description="defaults to the cited source's date")
    precision: Precision = "day"
    stage: Stage | None = None

    _value_is_text = field_validator("value", mode="before")(_text_value)


class CellSpec(ValueSpec):
    """A cell: one value for the whole platform, one per scope under ``scopes``, or a ``gap``.

    A gap says why no value is recorded (no vendor page we read confirms one), so that a
    forgotten cell stays an error while a knowingly empty one is answered honestly.
    """

    value: str | None = None  # type: ignore[assignment]
    scopes: dict[str, ValueSpec] | None = None
    gap: str | None = Field(default=None, description="why no value is recorded for this cell")

    @model_validator(mode="after")
    def _one_kind(self) -> CellSpec:
        if sum(x is not None for x in (self.value, self.scopes, self.gap)) != 1:
            raise ValueError("a cell has exactly one of: value, scopes (one value per scope id), gap (why none is recorded)")
        if self.value is None and (self.support is not None or self.items or self.note or self.cite or self.effective or self.stage):
            raise ValueError("a cell with scopes or a gap keeps value, support, note, cite and dates inside each scope")
        return self


class MatrixRow(_Frozen):
    """Cells of one feature. A row may be split across files: each cell is defined once."""

    feature: str
    cite: Ref | None = None
    cells: dict[str, CellSpec]


class Caveat(_Frozen):
    id: str = Field(pattern=_ID)
    kind: CaveatKind
    title: str = Field(min_length=1)
    platforms: tuple[str, ...] = Field(min_length=1)
    scope: str | None = Field(default=None, description="the scope id it concerns, when narrower than its platform")
    features: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    note: str = Field(min_length=1)
    cite: Ref


class Target(_Frozen):
    """What an update changes: one matrix cell (platform + feature) or one caveat."""

    platform: str | None = None
    feature: str | None = None
    caveat: str | None = None


class Update(_Frozen):
    """A dated change on top of what an earlier source said, which itself stays as it was."""

    id: str = Field(pattern=_ID)
    target: Target
    value: str = Field(min_length=1)
    support: MaybeSupport = None
    items: dict[str, SaidSupport] = Field(default_factory=dict, description="the row's items this value says yes or no to, by item id")
    effective: dt.date
    precision: Precision = "day"
    stage: Stage | None = None
    scope: str | None = Field(default=None, description="the scope id it applies to, when narrower than the platform")
    amends: tuple[str, ...] = Field(default=(), description="caveat ids this update adds to")
    retires: tuple[str, ...] = Field(default=(), description="caveat ids this update makes no longer true")
    note: str = Field(min_length=1)
    cite: Ref

    _value_is_text = field_validator("value", mode="before")(_text_value)


class Refusal(_Frozen):
    """Something the bot knowingly does not cover, and a one-line pointer for whoever asks about it.

    ``product``: another product (a question about it is not ours); ``context``: an offering the
    platforms plug into, fine beside a platform but not on its own; ``topic``: a subject no row covers,
    which is named beside the rows a question also asks about, unless it ``decides`` the question; ``tool``: a tool
    that drives the platforms (a command-line tool, an infrastructure-as-code provider, a web front end), whose
    misbehaving is for its maintainers, while a question on what it can set up is still ours.
    """

    name: str = Field(min_length=1)
    kind: RefusalKind
    phrases: tuple[str, ...] = Field(min_length=1)
    pointer: str = Field(min_length=1)
    decides: bool = Field(
        default=False,
        description="a topic that, once mentioned, is what the question is about (unless asked of a platform in a clause "
        "of its own, beside a row asked in another)",
    )
    near: tuple[str, ...] = Field(default=(), description="rows that come closest to the subject, offered as questions to ask")
    answered_in: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="per platform, rows whose cell speaks to the subject: asked of that platform beside one of them, the row "
        "is answered (and the subject said not covered) rather than the question refused",
    )
    see: dict[str, tuple[Ref, ...]] = Field(
        default_factory=dict, description="per platform, vendor pages that document the subject, cited under the refusal"
    )


class Vendor(_Frozen):
    """A vendor's words (its bare name) and the platforms they may mean when no platform is named."""

    name: str = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)
    platforms: tuple[str, ...] = Field(min_length=1)


class Policy(_Frozen):
    stale_after_days: int = Field(default=365, ge=1)


class KnowledgeFile(_Frozen):
    """One YAML file: any of the sections, each optional."""

    sources: tuple[Source, ...] = ()
    platforms: tuple[Platform, ...] = ()
    features: tuple[Feature, ...] = ()
    matrix: tuple[MatrixRow, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    updates: tuple[Update, ...] = ()
    not_covered: tuple[Refusal, ...] = ()
    vendors: tuple[Vendor, ...] = ()
    policy: Policy | None = None
