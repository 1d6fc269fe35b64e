"""The Slack app manifest matches what the app handles, with the scopes it needs and no more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.slack.app import SLASH_COMMAND

MANIFEST = Path(__file__).resolve().parents[2] / "deploy" / "slack-app-manifest.yaml"


def _manifest() -> dict[str, Any]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_manifest_declares_the_command_events_and_interactivity_the_app_handles() -> None:
    """/platform, app_mention, message.im and app_home_opened, interactivity and the Home tab, all on /slack/events."""
    m = _manifest()
    [command] = m["features"]["slash_commands"]
    assert command["command"] == SLASH_COMMAND and command["should_escape"] is True
    assert sorted(m["settings"]["event_subscriptions"]["bot_events"]) == ["app_home_opened", "app_mention", "message.im"]
    assert m["settings"]["interactivity"]["is_enabled"] is True
    assert m["features"]["app_home"]["home_tab_enabled"] and m["features"]["app_home"]["messages_tab_enabled"]
    assert not m["features"]["app_home"]["messages_tab_read_only_enabled"]
    urls = [command["url"], m["settings"]["event_subscriptions"]["request_url"], m["settings"]["interactivity"]["request_url"]]
    assert all(u.startswith("https://") and u.endswith("/slack/events") for u in urls)


def test_the_manifest_asks_for_the_minimal_bot_scopes() -> None:
    """Only the scopes the surfaces need: mentions, writing, the command, and reading DMs and threads back."""
    scopes = _manifest()["oauth_config"]["scopes"]
    assert set(scopes) == {"bot"}
    assert sorted(scopes["bot"]) == sorted(
        ["app_mentions:read", "chat:write", "commands", "im:history", "channels:history", "groups:history"]
    )
