"""Frozen pydantic models of the knowledge files, one model per YAML section."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

Support = Literal["yes", "no"]


def _yaml_boolean(v: Any) -> Any:
    """YAML 1.1 reads an unquoted yes/no as a boolean; accept what was meant."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return v


MaybeSupport = Annotated[Support | None, BeforeValidator(_yaml_boolean)]
FeatureKind = Literal["capability", "descriptive"]
CaveatKind = Literal["limitation", "advice", "note"]

_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Ref(_Frozen):
    """Where a fact comes from: a source id and a place inside that source."""

    source: str = Field(min_length=1)
    locator: str = Field(min_length=1)


class Source(_Frozen):
    """A page the knowledge comes from. ``date`` is when what we cite from it was published or dated."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    date: dt.date
    url: str = Field(pattern=r"^https?://\S+$")
    description: str = Field(min_length=1)


class Platform(_Frozen):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    vendor: str = Field(min_length=1)
    aliases: tuple[str, ...] = Field(min_length=1)
    summary: str = Field(min_length=1)
    cite: Ref


class Feature(_Frozen):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    row: str = Field(min_length=1, description="the row label as the source's table prints it")
    kind: FeatureKind
    description: str = Field(min_length=1)
    synonyms: tuple[str, ...] = Field(min_length=1)


class CellSpec(_Frozen):
    value: str = Field(min_length=1)
    support: MaybeSupport
    note: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _value_is_text(cls, v: Any) -> Any:
        if isinstance(v, bool) or v is None:
            raise ValueError('write the cell as text in quotes, e.g. value: "No"')
        return v


class MatrixRow(_Frozen):
    feature: str
    cite: Ref
    cells: dict[str, CellSpec]


class Caveat(_Frozen):
    id: str = Field(pattern=_ID)
    kind: CaveatKind
    title: str = Field(min_length=1)
    platforms: tuple[str, ...] = Field(min_length=1)
    features: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    note: str = Field(min_length=1)
    cite: Ref


class Target(_Frozen):
    """What an update amends: one matrix cell (platform + feature) or one caveat."""

    platform: str | None = None
    feature: str | None = None
    caveat: str | None = None


class Update(_Frozen):
    """A dated change on top of the original comparison, which itself stays as it was."""

    id: str = Field(pattern=_ID)
    target: Target
    value: str = Field(min_length=1)
    support: MaybeSupport = None
    effective: dt.date
    precision: Literal["day", "month"] = "day"
    scope: str | None = Field(default=None, description="where the change applies, when narrower than the platform")
    also_amends: tuple[str, ...] = Field(default=(), description="caveat ids this update also changes")
    note: str = Field(min_length=1)
    cite: Ref


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
    policy: Policy | None = None


class Cell(_Frozen):
    """One platform x feature cell of the comparison, with where it comes from."""

    platform: str
    feature: str
    value: str
    support: Support | None
    note: str | None
    cite: Ref
