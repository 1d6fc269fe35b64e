"""Fault tests talk to a fake Slack on loopback only, as the Slack tests do."""

from __future__ import annotations

from tests.slack.conftest import no_proxy

__all__ = ["no_proxy"]
