"""A maintainer adds a fourth platform and a new row in YAML, in a file of their own with its own source,
and gets answers for every intent, from the CLI and from Slack's buttons, with no code change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.answer import Engine
from bot.knowledge import load_knowledge
from tests.conftest import KNOWLEDGE, ROOT
from tests.slack.harness import BOT_USER, CHANNEL, block_action, button_value, mention_event, scenario, world

SOURCE = {
    "id": "nimbus-docs",
    "title": "Nimbus Containers documentation",
    "publisher": "Nimbus Ltd",
    "date": "2026-10-01",
    "url": "https://docs.example.com/nimbus",
    "description": "The vendor's documentation.",
}


def _fourth_platform(kb_dir: Path) -> None:
    """One new file: a source, the platform Nimbus Containers, the row 'quux', and Nimbus's cells for every row."""
    base = load_knowledge(kb_dir)
    cite = {"source": "nimbus-docs", "locator": "section 'Limits'"}
    rows = []
    for fid, f in base.features.items():
        value = ("Yes (Nimbus way)" if fid == "gpu" else "No") if f.kind == "capability" else "Nimbus style"
        support = ("yes" if value.startswith("Yes") else "no") if f.kind == "capability" else None
        rows.append({"feature": fid, "cells": {"nimbus": {"value": value, "support": support, "cite": cite}}})
    quux = {p: {"value": "No", "support": "no", "cite": cite} for p in base.platforms}
    quux["nimbus"] = {"value": "Yes (quux engine)", "support": "yes", "note": "Nimbus does quux.", "cite": cite}
    rows.append({"feature": "quux", "cells": quux})
    data = {
        "sources": [SOURCE],
        "platforms": [
            {
                "id": "nimbus",
                "name": "Nimbus Containers",
                "vendor": "Nimbus Ltd",
                "aliases": ["nimbus", "nimbus containers"],
                "summary": "Nimbus runs containers in the clouds. It is a test platform.",
                "cite": cite,
            }
        ],
        "features": [
            {
                "id": "quux",
                "name": "Quux support",
                "kind": "capability",
                "description": "Whether quux works.",
                "synonyms": ["quux", "quuxing"],
            }
        ],
        "matrix": rows,
        "vendors": [{"name": "Nimbus Ltd", "words": ["nimbusltd"], "platforms": ["nimbus"]}],
    }
    (kb_dir / "zz-nimbus.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("kb") / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    _fourth_platform(target)
    return target


def _ask(kb_dir: Path, *questions: str) -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--knowledge", str(kb_dir), "ask", "--json", "-"],
        input="".join(q + "\n" for q in questions),
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_every_intent_answers_about_the_new_platform_and_row(kb_dir: Path) -> None:
    fact, which, compare, overview, recommend = _ask(
        kb_dir,
        "does nimbus support quux?",
        "which platforms support quux?",
        "compare nimbus and aci on quux",
        "tell me about nimbus containers",
        "I need quux and GPUs, which platform fits?",
    )
    assert (fact["intent"], fact["platforms"], fact["features"]) == ("fact", ["nimbus"], ["quux"])
    [f] = fact["facts"]  # type: ignore[index]
    assert (f["value"], f["support"], f["citation"]["source"]) == ("Yes (quux engine)", "yes", "nimbus-docs")  # type: ignore[index]
    assert str(fact["bottom_line"]).startswith("Yes: Nimbus Containers, Quux support: Yes (quux engine).")
    assert (which["intent"], which["platforms"]) == ("which", ["nimbus"])
    assert compare["intent"] == "compare" and compare["platforms"] == ["nimbus", "aci"]
    assert overview["intent"] == "overview" and str(overview["bottom_line"]).startswith("Nimbus Containers: Nimbus runs containers")
    assert (recommend["intent"], recommend["platforms"]) == ("recommend", ["nimbus"])


def test_kb_validate_and_the_matrix_include_it(kb_dir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "bot.cli", "kb", "validate", str(kb_dir)], capture_output=True, text=True, env=env, timeout=60
    )
    assert ok.returncode == 0 and "4 platforms" in ok.stdout
    shown = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--knowledge", str(kb_dir), "kb", "show"], capture_output=True, text=True, env=env, timeout=60
    )
    assert "Nimbus Containers" in shown.stdout.splitlines()[2] and any(
        line.startswith("Quux support ") for line in shown.stdout.splitlines()
    )


@scenario
async def test_slack_buttons_answer_about_it(kb_dir: Path) -> None:
    """A mention about the new platform, then its Compare-all button: the new row across all four platforms."""
    engine = Engine(load_knowledge(kb_dir))
    async with world(engine) as w:
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does nimbus support quux?")
        await w.bot.event(mention_event(asked))
        [call] = await w.slack.wait_for("chat.postMessage")
        answer = w.slack.posted()[-1]
        assert "Nimbus Containers" in call.args["text"]
        await w.bot.action(block_action("compare_all", button_value(answer["blocks"], "compare_all"), message=answer))
        [eph] = await w.slack.wait_for("chat.postEphemeral")
        [table] = [b for b in eph.args["blocks"] if b["type"] == "table"]
        assert [c["text"] for c in table["rows"][0]][1:] == [p.name for p in engine.kb.platforms.values()]
        assert [c["text"] for c in table["rows"][1]][0] == "Quux support" and table["rows"][1][-1]["text"] == "Yes (quux engine)"
