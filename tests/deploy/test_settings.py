"""Every deploy example shows the optional hand-off and help-channel settings, commented out, with values the bot accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.slack.run import Settings
from tests.deploy.conftest import DEPLOY, KUBERNETES

OPTIONAL = {"PLATFORM_TEAM", "PLATFORM_TEAM_CHANNEL", "ANSWER_CHANNELS"}
EXAMPLES = [KUBERNETES / "deployment.yaml", DEPLOY / "cloud-run" / "service.yaml", DEPLOY / "aci" / "container-group.yaml"]


def commented_env(path: Path) -> dict[str, str]:
    """The environment variables an example shows commented out (``# - name: X`` then ``#   value: Y``)."""
    return dict(re.findall(r"(?m)^\s*# - name: (\w+)\n\s*#\s+value: (\S+)$", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_optional_settings_are_shown_with_values_the_bot_accepts(path: Path) -> None:
    """Uncommented, the example's optional settings pass the same checks as `platform-bot serve` at start-up."""
    env = commented_env(path)
    assert env.keys() >= OPTIONAL
    settings = Settings.of(env)
    assert settings.platform_team is not None and settings.platform_team.channel and settings.answer_channels
