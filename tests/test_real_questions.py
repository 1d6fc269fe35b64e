"""Real users' questions, verbatim from public trackers: each labelled with its source and topics, and the
bot answers them right far more often than it answers something else."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml

from bot.knowledge import KnowledgeBase
from tests.conftest import ROOT

FILES = sorted((ROOT / "tests" / "data").glob("real_questions*.yaml"))


def test_every_question_has_a_source_and_known_labels(kb: KnowledgeBase) -> None:
    cases = [c for f in FILES for c in yaml.safe_load(f.read_text(encoding="utf-8"))]
    assert len(cases) >= 150
    assert len({c["source"] for c in cases}) == len(cases)  # one question per thread
    for c in cases:
        assert c["source"].startswith("https://") and str(c["q"]).strip(), c
        assert set(c.get("platforms") or []) <= set(kb.platforms), c
        assert set(c.get("topics") or []) <= set(kb.features), c
        assert bool(c.get("topics")) != bool(c.get("uncovered")), c


def test_the_scorer_reports_right_near_misses_and_refusals() -> None:
    """The measure runs end to end through `platform-bot ask --json -`, and stays above its floor."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = f"{sys.executable} -m bot.cli ask --json -"
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "real_questions.py"), *map(str, FILES), "--cmd", cmd],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    right = re.search(r"right on covered topics: (\d+)/(\d+)", out.stdout)
    near = re.search(r"near misses overall: (\d+)/(\d+)", out.stdout)
    assert right and near
    assert int(right[1]) / int(right[2]) >= 0.70
    # A regression guard, not the target (3%): the newest batches, first scored at 24% near misses, are mostly
    # questions about other tools that name a row in passing (the README shows why that target is out of reach).
    assert int(near[1]) / int(near[2]) <= 0.165


SECOND = ROOT / "tests" / "data" / "second_labels.yaml"


def test_a_second_labelling_covers_a_sample_of_the_same_questions(kb: KnowledgeBase) -> None:
    first = {c["source"]: c for f in FILES for c in yaml.safe_load(f.read_text(encoding="utf-8"))}
    second = yaml.safe_load(SECOND.read_text(encoding="utf-8"))
    assert len(second) >= 300 and len({c["source"] for c in second}) == len(second)
    for c in second:
        assert c["source"] in first and c["q"] == first[c["source"]]["q"], c
        assert set(c.get("topics") or []) <= set(kb.features), c
        assert bool(c.get("topics")) != bool(c.get("uncovered")), c


def test_the_agreement_between_labellers_is_measured() -> None:
    """How often two honest labellers agree, and a labeller scored as if it were the bot: the floor under near misses."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "label_agreement.py")], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert out.returncode == 0, out.stdout + out.stderr
    kappa = re.search(r"Cohen's kappa (-?[\d.]+)", out.stdout)
    near = re.search(r"second labeller as the bot, first labels: right on covered \d+/\d+ = [\d.]+%; near misses (\d+)/(\d+)", out.stdout)
    assert kappa and near, out.stdout
    assert 0.0 < float(kappa[1]) < 1.0  # they agree well beyond chance, and not always
    assert 0 < int(near[1]) < int(near[2])
