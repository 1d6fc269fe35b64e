"""Reloading the knowledge in service: a valid directory is swapped in whole, an invalid one never is."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.answer import Engine
from bot.knowledge import load_knowledge
from bot.render import render_text
from bot.slack.live import LiveEngine

FARGATE_GPU_NOTE = "GPU workloads need EC2 nodes."
NEW_NOTE = "GPU workloads need EC2 worker nodes."


def break_platforms(directory: Path) -> None:
    (directory / "platforms.yaml").write_text("platforms: [", encoding="utf-8")


def reword_a_note(directory: Path) -> None:
    eks = directory / "fargate-eks.yaml"
    text = eks.read_text(encoding="utf-8")
    assert FARGATE_GPU_NOTE in text
    eks.write_text(text.replace(FARGATE_GPU_NOTE, NEW_NOTE), encoding="utf-8")


def test_an_invalid_reload_keeps_the_engine_in_service(kb_copy: Path) -> None:
    """A reload from a directory that fails validation is reported with the loader's problems; the same engine keeps serving."""
    live = LiveEngine(Engine(load_knowledge(kb_copy)))
    before = live.now
    break_platforms(kb_copy)
    done = asyncio.run(live.reload())
    assert done.result == "invalid" and done.version == done.previous == before.version
    assert done.problems and any("platforms.yaml" in p for p in done.problems)
    assert live.now is before and live.last_reload is done


def test_a_valid_reload_swaps_engine_and_ids_together(kb_copy: Path) -> None:
    """A valid changed directory is swapped in: new version, answers from the new text; an unchanged one is a no-op."""
    live = LiveEngine(Engine(load_knowledge(kb_copy)))
    before = live.now
    assert asyncio.run(live.reload()).result == "unchanged" and live.now is before
    reword_a_note(kb_copy)
    done = asyncio.run(live.reload())
    assert done.result == "ok" and done.previous == before.version and done.version == live.version != before.version
    assert NEW_NOTE in render_text(live.now.ask("does EKS on Fargate support GPUs?"))
    assert FARGATE_GPU_NOTE in render_text(before.ask("does EKS on Fargate support GPUs?"))
    assert live.now.ask("does fargate support GPUs?").kb_version == done.version
    assert before.ask("does fargate support GPUs?").kb_version == before.version  # a request holding the old one finishes with it
