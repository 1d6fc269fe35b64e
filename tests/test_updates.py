"""Dated updates sit on top of the 2019 comparison: current state first, both dated and cited."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.events import answer_event, feedback_event
from bot.gaps import build_report
from bot.knowledge import KnowledgeError, load_knowledge
from bot.render import answer_to_dict, render_text
from tests.conftest import ROOT, SHARED, TODAY

ORIGINAL = dt.date(2019, 12, 20)


def test_update_changes_the_answer_and_keeps_both_dates(engine) -> None:  # type: ignore[no-untyped-def]
    """Fargate persistence: EFS/EBS updates first, each dated and cited, then the 2019 table's None."""
    a = engine.ask("does fargate support persistent volumes?", today=TODAY)
    fact = a.fact("fargate", "persistence")
    assert fact is not None and (fact.value, fact.support) == ("None", "no")
    assert [u.id for u in fact.updates] == ["fargate-efs-ecs", "fargate-efs-eks", "fargate-ebs-ecs"]
    assert fact.as_of == dt.date(2024, 1, 11)
    text = render_text(a)
    assert text.index("Now: Yes (Amazon EFS persistent volumes") < text.index("Dec 2019 comparison: None")
    assert "since 17 Aug 2020" in text and "since 8 Apr 2020" in text
    titles = {c.title for c in a.citations}
    assert {
        "Amazon EKS User Guide: Document history",
        "Comparison: AWS Fargate vs. Google Cloud Run vs. Azure Container Instances",
    } <= titles


def test_json_keeps_the_tables_value_and_lists_updates(engine) -> None:  # type: ignore[no-untyped-def]
    """In JSON, value/support stay the 2019 table's; each fact carries as_of and its updates."""
    d = answer_to_dict(engine.ask("does ACI support GPUs?", today=TODAY))
    [fact] = d["facts"]
    assert (fact["value"], fact["support"]) == ("Yes (Preview)", "yes")
    [update] = fact["updates"]
    assert (update["id"], update["support"], update["effective"]) == ("aci-gpu-retired", "no", "2025-07-14")
    assert update["url"].startswith("https://learn.microsoft.com/") and fact["as_of"] == "2025-07-14"


def test_caveat_updates_are_shown(engine) -> None:  # type: ignore[no-untyped-def]
    """The Fargate profile caveat carries the 2022 wildcard update."""
    a = engine.ask("why is my pod stuck pending on fargate", today=TODAY)
    note = next(c for c in a.caveats if c.id == "fargate-profile-matching")
    assert [u.id for u in note.updates] == ["fargate-profile-wildcards"]
    assert "Update: Fargate profile selectors accept wildcards" in render_text(a)


def test_as_of_reproduces_the_original(engine) -> None:  # type: ignore[no-untyped-def]
    """--as-of 2019-12-20 answers exactly from the 2019 comparison, fresh as of then."""
    a = engine.ask("does fargate support persistent volumes?", as_of=ORIGINAL)
    assert all(not f.updates for f in a.facts) and all(not c.updates for c in a.caveats)
    assert not a.stale and "Knowledge as of 20 Dec 2019" in render_text(a)
    mid = engine.ask("does fargate support persistent volumes?", as_of=dt.date(2020, 6, 1))
    assert [u.id for u in mid.facts[0].updates] == ["fargate-efs-ecs"]


def test_stale_facts_are_flagged(engine) -> None:  # type: ignore[no-untyped-def]
    """A fact whose newest source is over a year old is stale, and the answer says so plainly."""
    a = engine.ask("does cloud run support windows containers?", today=TODAY)
    assert a.stale and a.is_stale(a.facts[0])
    assert "past our 365-day freshness policy" in render_text(a)
    fresh = engine.ask("does cloud run support windows containers?", today=dt.date(2020, 3, 1))
    assert not fresh.stale and not fresh.is_stale(fresh.facts[0])


def test_update_pointing_at_unknown_cell_is_rejected(kb_copy: Path) -> None:
    """An update for a platform x feature that does not exist names the file and the update."""
    text = (kb_copy / "updates.yaml").read_text(encoding="utf-8")
    (kb_copy / "updates.yaml").write_text(
        text.replace("target: {platform: aci, feature: gpu}", "target: {platform: aci, feature: tpu}"), encoding="utf-8"
    )
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(kb_copy)
    [problem] = info.value.problems
    assert "updates.yaml" in problem and "'aci-gpu-retired'" in problem and "aci x tpu does not exist" in problem


def test_update_support_must_match_value(kb_copy: Path) -> None:
    text = (kb_copy / "updates.yaml").read_text(encoding="utf-8")
    bad = text.replace('value: "No (GPU resources retired)"\n    support: "no"', 'value: "No (GPU resources retired)"\n    support: "yes"')
    (kb_copy / "updates.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(kb_copy)
    assert "contradicts value" in info.value.problems[0] and "aci-gpu-retired" in info.value.problems[0]


def test_every_update_cites_a_dated_page(kb) -> None:  # type: ignore[no-untyped-def]
    for u in kb.updates.values():
        source = kb.sources[u.cite.source]
        assert source.url.startswith("https://") and source.date and u.cite.locator
        assert u.effective > dt.date(2019, 12, 20)


def test_kb_stale_lists_cells() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "kb", "stale", "--today", "2021-06-01", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    stale = {(r["platform"], r["feature"]) for r in rows}
    assert ("aci", "gpu") in stale  # the ACI GPU retirement (2025) does not count in 2021
    # Fresh in mid-2021: EFS on EKS (Aug 2020) and the Fluent Bit log router (Dec 2020).
    assert ("fargate", "persistence") not in stale and ("fargate", "logging") not in stale
    assert len(rows) == 46


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="the scorer lives in ../shared")
def test_scorer_passes_as_of_the_original() -> None:
    """The shared scorer passes with --as-of 2019-12-20."""
    cmd = f"{sys.executable} -m bot.cli ask --json --as-of 2019-12-20 -"
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "dev.yaml"), "--cmd", cmd, "--min", "0.95"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout[-2000:]


def test_gaps_report_groups_a_log(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Unknowns, low-confidence answers and thumbs-down are grouped by topic and wording, most frequent first."""
    log = tmp_path / "bot.log"
    lines = []
    for q in ["does AWS Lambda support GPUs", "does aws lambda support gpus?", "lambda windows containers",
              "how much does ACI cost", "ACI pricing per hour", "does ACI support GPUs?", "does azure support windows"]:  # fmt: skip
        lines.append(json.dumps(answer_event(engine.ask(q), surface="mention", latency_ms=0.2, team="T1", user="U1")))
    good = engine.ask("compare fargate and aci")
    answered = {"question": good.question, "intent": good.intent, "platforms": list(good.platforms)}
    lines.append(json.dumps(feedback_event("down", answered, surface="action", user="U2")))
    lines.append(json.dumps(feedback_event("up", answered, surface="action", user="U3")))
    lines.append("not json at all")
    lines.append('{"event": "something else"}')
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = build_report([log])
    assert (report.total, report.lines_read, report.lines_skipped) == (7, 11, 1)
    top = report.by_topic[0]
    assert top.key.startswith("AWS Lambda") and top.count == 3 and top.kinds == {"unknown": 3}
    topics = {g.key: g.count for g in report.by_topic}
    assert topics["pricing + aci"] == 2
    assert any(g.kinds.get("low-confidence") for g in report.by_topic)  # "azure" read as ACI: a guess
    assert any(g.kinds.get("thumbs-down") for g in report.by_topic)
    assert report.by_wording[0].count == 2 and "lambda" in report.by_wording[0].key.lower()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "bot.cli", "gaps", "--json", str(log)], capture_output=True, text=True, env=env, timeout=60)
    assert json.loads(out.stdout)["by_topic"][0]["count"] == 3
