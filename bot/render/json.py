"""Answer -> the JSON object of ``platform-bot ask --json``."""

from __future__ import annotations

from typing import Any

from bot.answer import Answer
from bot.render.text import render_text


def answer_to_dict(a: Answer) -> dict[str, Any]:
    return {
        "intent": a.intent,
        "platforms": list(a.platforms),
        "features": list(a.features),
        "facts": [{"platform": f.platform, "feature": f.feature, "value": f.value, "support": f.support, "note": f.note} for f in a.facts],
        "caveats": [c.id for c in a.caveats],
        "citations": [
            {"source": c.source, "title": c.title, "date": c.date.isoformat(), "locator": c.locator, "url": c.url} for c in a.citations
        ],
        "confidence": a.confidence,
        "suggestions": list(a.suggestions),
        "text": render_text(a),
        "as_of": a.oldest_source.isoformat() if a.oldest_source else None,
        "age_days": a.age_days,
        "knowledge_version": a.kb_version,
    }
