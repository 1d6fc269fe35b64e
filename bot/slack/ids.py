"""Slack ids as settings name them: what each kind looks like, and a comma-separated list of them."""

from __future__ import annotations

import re
from collections.abc import Mapping

CHANNEL = re.compile(r"[CG][A-Z0-9]{2,}")
"""A public (C…) or private (G…) channel."""
TEAM = re.compile(r"[TE][A-Z0-9]{2,}")
"""A workspace (T…) or an Enterprise Grid organization (E…)."""


def id_list(env: Mapping[str, str], name: str, kind: re.Pattern[str]) -> tuple[frozenset[str], list[str]]:
    """The ids in the comma-separated setting ``name`` (empty when unset), and those not of ``kind``."""
    ids = [part.strip() for part in env.get(name, "").split(",") if part.strip()]
    return frozenset(ids), [i for i in ids if not kind.fullmatch(i)]
