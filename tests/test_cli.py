"""The platform-bot command, run as a user runs it: a real process with real arguments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE, ROOT, SHARED

CLI = [sys.executable, "-m", "bot.cli"]


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, timeout=60, env=full_env, cwd=cwd)


def test_ask_prints_a_cited_answer() -> None:
    """`ask` answers with today's state first, then the 2019 table's value, both cited, and the source's age."""
    out = run("ask", "does ACI support GPUs?")
    assert out.returncode == 0, out.stderr
    assert "Now: No (GPU resources retired), since 14 Jul 2025" in out.stdout
    assert "Dec 2019 comparison: Yes (Preview)" in out.stdout
    assert "The New Stack" in out.stdout and "row 'GPU Support'" in out.stdout and "Dated knowledge" in out.stdout
    as_of = run("ask", "--as-of", "2019-12-20", "does ACI support GPUs?")
    assert "Azure Container Instances - GPU support: Yes (Preview)." in as_of.stdout and "Now:" not in as_of.stdout


def test_ask_json_prints_one_object() -> None:
    out = run("ask", "--json", "does", "fargate", "support", "gpus")
    [line] = out.stdout.splitlines()
    d = json.loads(line)
    assert d["intent"] == "fact" and d["facts"][0]["support"] == "no"


def test_ask_stream_answers_each_line_in_order_and_flushes() -> None:
    """With `-`, each question line gets its JSON line back before the next question is sent."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([*CLI, "ask", "--json", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for question, intent in [("help", "help"), ("compare fargate and aci", "compare"), ("", "help"), ("lambda gpu", "unknown")]:
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            assert json.loads(proc.stdout.readline())["intent"] == intent
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
        proc.stdout.close()


def test_kb_validate_ok_and_broken(tmp_path: Path) -> None:
    """`kb validate` exits 0 on the real knowledge and 1 naming the file on a broken copy."""
    ok = run("kb", "validate", str(KNOWLEDGE))
    assert ok.returncode == 0 and "48 cells" in ok.stdout
    broken = tmp_path / "kb"
    broken.mkdir()
    for f in KNOWLEDGE.glob("*.yaml"):
        (broken / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "matrix.yaml").write_text("matrix: [", encoding="utf-8")
    bad = run("kb", "validate", str(broken))
    assert bad.returncode == 1 and "matrix.yaml" in bad.stderr and "malformed YAML" in bad.stderr


def test_invalid_knowledge_stops_ask(tmp_path: Path) -> None:
    """The bot refuses to answer from an invalid knowledge base, via --knowledge or the environment."""
    (tmp_path / "x.yaml").write_text("platforms: 3\n", encoding="utf-8")
    assert run("--knowledge", str(tmp_path), "ask", "help").returncode == 1
    out = run("ask", "help", env={"PLATFORM_BOT_KNOWLEDGE": str(tmp_path)})
    assert out.returncode == 1 and "x.yaml" in out.stderr


def test_kb_show_prints_the_matrix() -> None:
    out = run("kb", "show")
    assert out.returncode == 0
    assert sum(1 for line in out.stdout.splitlines() if "|" in line) == 17
    assert "ACI Native Spec" in out.stdout


def _scorer_cases() -> list[Path]:
    cases = [ROOT / "tests" / "data" / "paraphrases.yaml"]
    if (SHARED / "eval" / "dev.yaml").exists():
        cases.append(SHARED / "eval" / "dev.yaml")
    return cases


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="the scorer lives in ../shared")
@pytest.mark.parametrize("cases", _scorer_cases(), ids=lambda p: p.name)
def test_labelled_questions_score(cases: Path) -> None:
    """The shared scorer passes our labelled questions and the team's dev set at 95% or better."""
    cmd = f"{sys.executable} -m bot.cli ask --json -"
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(cases), "--cmd", cmd, "--min", "0.95"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
