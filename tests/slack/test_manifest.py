"""The Slack app manifest matches what the app handles, with the scopes it needs and no more."""

from __future__ import annotations

import re
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


def test_help_channel_events_are_documented_as_optional_and_covered_by_the_scopes() -> None:
    """message.channels and message.groups, needed only for help channels (ANSWER_CHANNELS), are in the manifest
    commented out; uncommented, they are valid events whose scopes (channels:history, groups:history) are asked for."""
    text = MANIFEST.read_text(encoding="utf-8")
    uncommented = re.sub(r"(?m)^(\s*)# - (message\.(?:channels|groups))$", r"\1- \2", text)
    assert uncommented != text
    m = yaml.safe_load(uncommented)
    events = m["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == ["app_home_opened", "app_mention", "message.channels", "message.groups", "message.im"]
    assert {"channels:history", "groups:history"} <= set(m["oauth_config"]["scopes"]["bot"])
