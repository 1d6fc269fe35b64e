"""The knowledge base's backlog, read from the bot's own logs.

Unknown questions, low-confidence answers, thumbs-down feedback and questions
handed to the platform team are what a maintainer should add or fix next. They
are grouped by what they mention and by similar wording, most frequent first; a
question both unanswered and handed off counts once as each, so what people
needed help with weighs more.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from bot.answer import LOW_CONFIDENCE


@dataclass
class Gap:
    kind: str  # unknown | low-confidence | thumbs-down | handoff
    question: str
    topic: str


@dataclass
class Group:
    key: str
    questions: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.questions)

    def as_dict(self, examples: int = 3) -> dict[str, Any]:
        distinct = list(dict.fromkeys(self.questions))
        return {"key": self.key, "count": self.count, "kinds": dict(self.kinds), "examples": distinct[:examples]}


@dataclass
class GapReport:
    by_topic: list[Group]
    by_wording: list[Group]
    total: int
    lines_read: int
    lines_skipped: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "lines_read": self.lines_read,
            "lines_skipped": self.lines_skipped,
            "by_topic": [g.as_dict() for g in self.by_topic],
            "by_wording": [g.as_dict() for g in self.by_wording],
        }


def read_gaps(paths: Iterable[Path]) -> tuple[list[Gap], int, int]:
    """Gaps from JSON-lines log files; lines that are not our records are skipped and counted."""
    gaps: list[Gap] = []
    read = skipped = 0
    for path in paths:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                read += 1
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    skipped += 1
                    continue
                gap = gap_of(record) if isinstance(record, dict) else None
                if gap is not None:
                    gaps.append(gap)
    return gaps, read, skipped


def gap_of(record: dict[str, Any]) -> Gap | None:
    question = str(record.get("question") or "").strip()
    if not question:
        return None
    if record.get("event") == "feedback" and record.get("vote") == "down":
        return Gap("thumbs-down", question, _topic(record))
    if record.get("event") == "handoff":
        return Gap("handoff", question, _topic(record))
    if record.get("event") != "answer":
        return None
    if record.get("intent") == "unknown":
        return Gap("unknown", question, _topic(record))
    confidence = record.get("confidence")
    if isinstance(confidence, int | float) and confidence < LOW_CONFIDENCE:
        return Gap("low-confidence", question, _topic(record))
    return None


def _topic(record: dict[str, Any]) -> str:
    """What a gap is about: what we do not cover and the platforms named, else the features named."""
    parts = [*_strings(record.get("not_covered")), *_strings(record.get("mentioned_platforms"))]
    if not parts:
        parts = _strings(record.get("mentioned_features"))
    if not parts:
        parts = [*_strings(record.get("platforms")), *_strings(record.get("features"))]
    return " + ".join(dict.fromkeys(parts)) or "(nothing recognised)"


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def build_report(paths: Iterable[Path], similarity: float = 75.0) -> GapReport:
    gaps, read, skipped = read_gaps(paths)
    by_topic: dict[str, Group] = {}
    for g in gaps:
        group = by_topic.setdefault(g.topic, Group(g.topic))
        group.questions.append(g.question)
        group.kinds[g.kind] += 1
    return GapReport(
        by_topic=_ranked(by_topic.values()),
        by_wording=_ranked(cluster_by_wording(gaps, similarity)),
        total=len(gaps),
        lines_read=read,
        lines_skipped=skipped,
    )


def cluster_by_wording(gaps: list[Gap], similarity: float) -> list[Group]:
    """Greedy clustering: each question joins the first group whose first question it resembles."""
    groups: list[Group] = []
    for g in gaps:
        text = g.question.lower()
        for group in groups:
            if fuzz.token_set_ratio(text, group.key.lower()) >= similarity:
                break
        else:
            group = Group(g.question)
            groups.append(group)
        group.questions.append(g.question)
        group.kinds[g.kind] += 1
    return groups


def _ranked(groups: Iterable[Group]) -> list[Group]:
    return sorted(groups, key=lambda g: (-g.count, g.key))


def render_table(report: GapReport, top: int = 20) -> str:
    lines = [f"{report.total} gaps in {report.lines_read} log lines ({report.lines_skipped} unreadable lines skipped)."]
    for title, groups in (("By topic", report.by_topic), ("By wording", report.by_wording)):
        lines.append(f"\n{title}:")
        lines.append(f"{'count':>5}  {'kinds':<38}  group / examples")
        for g in groups[:top]:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(g.kinds.items()))
            lines.append(f"{g.count:>5}  {kinds:<38}  {g.key}")
            for q in list(dict.fromkeys(g.questions))[:3]:
                lines.append(f"{'':>5}  {'':<38}    - {q}")
    return "\n".join(lines)
