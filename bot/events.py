"""Structured log records for answers, feedback and hand-offs: the bot's own record of what it was asked.

Surfaces log these as one JSON object per line; ``platform-bot gaps`` reads them
back, so the field names here are a contract between the two.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.answer import Answer

MAX_LOGGED_QUESTION = 500


def answer_event(a: Answer, *, surface: str, latency_ms: float | None = None, **ids: str | None) -> dict[str, Any]:
    """The record of one answer. ``ids`` are the surface's team/channel/user ids; never tokens."""
    return {
        "event": "answer",
        "surface": surface,
        "question": a.question[:MAX_LOGGED_QUESTION],
        "intent": a.intent,
        "platforms": list(a.platforms),
        "features": list(a.features),
        "caveats": [c.id for c in a.caveats],
        "mentioned_platforms": list(a.mentioned_platforms),
        "mentioned_features": list(a.mentioned_features),
        "not_covered": list(a.not_covered),
        "confidence": a.confidence,
        "knowledge_version": a.kb_version,
        **({"latency_ms": round(latency_ms, 3)} if latency_ms is not None else {}),
        **{k: v for k, v in ids.items() if v},
    }


def feedback_event(vote: str, answered: Mapping[str, Any], *, surface: str, **ids: str | None) -> dict[str, Any]:
    """The record of a thumbs up or down on an answer described by ``answered`` (question, intent, ids)."""
    return {
        "event": "feedback",
        "surface": surface,
        "vote": "up" if vote == "up" else "down",
        "question": str(answered.get("question", ""))[:MAX_LOGGED_QUESTION],
        "intent": answered.get("intent"),
        "platforms": list(answered.get("platforms") or []),
        "features": list(answered.get("features") or []),
        "caveats": list(answered.get("caveats") or []),
        **{k: v for k, v in ids.items() if v},
    }


def handoff_event(a: Answer, *, reason: str, surface: str, **ids: str | None) -> dict[str, Any]:
    """The record of a question handed to people. ``reason`` is unknown, low-confidence or thumbs-down;
    ``a`` is the bot's answer to the question, so the record carries what it recognised in it."""
    return {**answer_event(a, surface=surface), "event": "handoff", "reason": reason, **{k: v for k, v in ids.items() if v}}
