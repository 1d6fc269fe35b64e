"""The core knows nothing of Slack, aiohttp or Prometheus; only bot.slack knows Slack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOREIGN = ("slack_bolt", "slack_sdk", "slack", "aiohttp", "prometheus_client")


def _imported(*modules: str) -> list[str]:
    """The foreign modules loaded by importing ``modules`` in a fresh interpreter."""
    code = (
        "import importlib, json, sys\n"
        f"for m in {list(modules)!r}: importlib.import_module(m)\n"
        f"print(json.dumps(sorted(n for n in sys.modules if n.split('.')[0] in {list(FOREIGN)!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout))


def test_the_core_imports_nothing_from_slack_or_aiohttp() -> None:
    """Importing the knowledge, understanding, answer, rendering, text, event and gaps modules, the JSON logs, and the CLI,
    loads no Slack, aiohttp or Prometheus module."""
    core = ["bot.knowledge", "bot.understand.parse", "bot.understand.lexicon", "bot.answer", "bot.render", "bot.render.text",
            "bot.render.json", "bot.text", "bot.events", "bot.gaps", "bot.logs", "bot.cli"]  # fmt: skip
    assert _imported(*core) == []


def test_the_web_module_knows_aiohttp_but_not_slack() -> None:
    """bot.web is plain aiohttp: probes and serving, with Slack and the metrics handed in by bot.slack."""
    assert not [m for m in _imported("bot.web") if m.startswith(("slack", "prometheus"))]


def test_the_metrics_module_knows_prometheus_but_not_slack() -> None:
    """bot.metrics counts with prometheus_client; Slack's own counters live in bot.slack.metrics."""
    assert {m.split(".")[0] for m in _imported("bot.metrics")} == {"prometheus_client"}
