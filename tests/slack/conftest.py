"""Slack tests talk to a fake Slack on loopback only."""

from __future__ import annotations

import pytest

PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack_sdk sends through $HTTPS_PROXY when set, which would take loopback calls to the fake elsewhere."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
