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


def test_persistence_on_fargate_today_with_its_history(engine) -> None:  # type: ignore[no-untyped-def]
    """Fargate persistence: today's value per scope first, then the 2019 None and each dated change, cited."""
    a = engine.ask("does fargate support persistent volumes?", today=TODAY)
    fact = a.fact("fargate", "persistence")
    assert fact is not None and fact.support == "yes"
    assert {d.scope: d.value for d in fact.scopes}["eks"].startswith("Yes (Amazon EFS")
    assert fact.first is not None and (fact.first.value, fact.first.since) == ("None", ORIGINAL)
    text = render_text(a)
    assert text.index("Yes (") < text.index("in Dec 2019: None") < text.index("History:")
    assert "8 Apr 2020" in text and "17 Aug 2020" in text
    titles = {c.title for c in a.citations}
    assert {
        "Amazon EKS User Guide: Document history",
        "Comparison: AWS Fargate vs. Google Cloud Run vs. Azure Container Instances",
    } <= titles


def test_json_gives_todays_value_and_the_2019_cell_as_history(engine) -> None:  # type: ignore[no-untyped-def]
    d = answer_to_dict(engine.ask("does ACI support GPUs?", today=TODAY))
    [fact] = d["facts"]
    assert (fact["value"], fact["support"], fact["since"]) == ("No (GPU resources retired)", "no", "2025-07-14")
    assert fact["citation"]["url"].startswith("https://learn.microsoft.com/")
    assert fact["history"][0]["value"] == "Yes (Preview)" and fact["history"][0]["since"] == "2019-12-20"


def test_caveat_changes_are_shown(engine) -> None:  # type: ignore[no-untyped-def]
    """The Fargate profile caveat carries the 2022 wildcard change."""
    a = engine.ask("why is my pod stuck pending on fargate", today=TODAY)
    note = next(c for c in a.caveats if c.id == "fargate-profile-matching")
    assert [u.id for u in note.changes] == ["fargate-profile-wildcards"]
    assert "Update since 16 Aug 2022: Fargate profile selectors accept wildcards" in render_text(a)


def test_as_of_reproduces_the_original(engine) -> None:  # type: ignore[no-untyped-def]
    """--as-of 2019-12-20 answers exactly from the 2019 comparison, fresh as of then."""
    a = engine.ask("does fargate support persistent volumes?", as_of=ORIGINAL)
    f = a.fact("fargate", "persistence")
    assert f is not None and (f.value, f.support, f.history) == ("None", "no", ())
    assert all(not c.changes and c.ended is None for c in a.caveats)
    assert not a.provenance.stale and "Knowledge as of 20 Dec 2019" in render_text(a)
    mid = engine.ask("does fargate support persistent volumes?", as_of=dt.date(2020, 6, 1)).fact("fargate", "persistence")
    assert mid is not None and mid.support == "partial"  # EFS on ECS (Apr 2020), not yet on EKS (Aug 2020)


def test_stale_facts_are_flagged(engine) -> None:  # type: ignore[no-untyped-def]
    """A fact whose current value is over a year old is stale, and the answer says so plainly."""
    a = engine.ask("does cloud run for anthos support windows containers?", today=TODAY)
    assert a.provenance.stale
    assert "past our 365-day freshness policy" in render_text(a)
    assert answer_to_dict(a)["facts"][0]["stale"]
    fresh = engine.ask("does cloud run for anthos support windows containers?", today=dt.date(2020, 3, 1))
    assert not fresh.provenance.stale


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


def test_every_value_cites_a_dated_page(kb) -> None:  # type: ignore[no-untyped-def]
    """Every value of every cell, first or later, cites a source with a URL, a date and a locator; every
    value beyond the first source is dated after it."""
    first = kb.sources[kb.first_source]
    for timeline in kb.timelines.values():
        for e in timeline:
            source = kb.sources[e.cite.source]
            assert source.url.startswith("https://") and source.date and e.cite.locator, e.id
            if e.cite.source != first.id:
                assert e.effective > first.date, e.id


def test_kb_stale_lists_cells_per_scope() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "kb", "stale", "--today", "2021-06-01", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    stale = {(r["platform"], r["scope"], r["feature"]) for r in rows}
    assert ("aci", None, "gpu") in stale  # the ACI GPU retirement (2025) does not count in 2021
    # Fresh in mid-2021: EFS on EKS (Aug 2020); EFS on ECS (Apr 2020) is stale by then.
    assert ("fargate", "eks", "persistence") not in stale and ("fargate", "ecs", "persistence") in stale
    assert all(r["age_days"] > 365 for r in rows)


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
              "what is the ACI SLA", "ACI uptime SLA", "does ACI support GPUs?", "does azure support windows"]:  # fmt: skip
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
    assert any(g.kinds.get("low-confidence") for g in report.by_topic)  # "azure" read as ACI: a guess
    assert any(g.kinds.get("thumbs-down") for g in report.by_topic)
    assert report.by_wording[0].count == 2 and "lambda" in report.by_wording[0].key.lower()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "bot.cli", "gaps", "--json", str(log)], capture_output=True, text=True, env=env, timeout=60)
    assert json.loads(out.stdout)["by_topic"][0]["count"] == 3
