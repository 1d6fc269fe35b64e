from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.answer import Engine
from bot.knowledge import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
SHARED = ROOT.parent / "shared"
TODAY = dt.date(2026, 11, 28)  # the day the vendor pages were read


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the real knowledge directory, for breaking on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target
