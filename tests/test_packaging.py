"""A plain `pip install .` carries the knowledge base, and it loads from any working directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from bot.knowledge import load_knowledge
from tests.conftest import KNOWLEDGE, ROOT


def test_wheel_ships_knowledge_and_loads_it_from_elsewhere(tmp_path: Path) -> None:
    """The wheel holds every knowledge file, and the installed copy loads, from any directory, as the same knowledge."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("platform_bot-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/knowledge/data/matrix.yaml" in names and "bot/understand/english_words.txt" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PLATFORM_BOT_KNOWLEDGE")}
    env["PYTHONPATH"] = str(site)
    code = "from bot.knowledge import load_knowledge; kb = load_knowledge(); print(kb.directory, len(kb.timelines), kb.version)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert {f"bot/knowledge/data/{f.name}" for f in KNOWLEDGE.glob("*.yaml")} <= set(names)
    repo = load_knowledge(KNOWLEDGE)
    assert out.stdout.split() == [str(site / "bot" / "knowledge" / "data"), str(len(repo.timelines)), repo.version]
