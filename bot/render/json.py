"""Answer -> the JSON object of ``platform-bot ask --json``."""

from __future__ import annotations

from typing import Any

from bot.answer import Amendment, Answer
from bot.render.text import render_text


def answer_to_dict(a: Answer) -> dict[str, Any]:
    return {
        "intent": a.intent,
        "platforms": list(a.platforms),
        "features": list(a.features),
        "facts": [
            {
                "platform": f.platform,
                "feature": f.feature,
                "value": f.value,
                "support": f.support,
                "note": f.note,
                "as_of": f.as_of.isoformat() if f.as_of else None,
                "stale": a.is_stale(f),
                "updates": [_update(u) for u in f.updates],
            }
            for f in a.facts
        ],
        "caveats": [c.id for c in a.caveats],
        "citations": [
            {"source": c.source, "title": c.title, "date": c.date.isoformat(), "locator": c.locator, "url": c.url} for c in a.citations
        ],
        "confidence": a.confidence,
        "suggestions": list(a.suggestions),
        "text": render_text(a),
        "as_of": a.newest_source.isoformat() if a.newest_source else None,
        "age_days": a.age_days,
        "stale": a.stale,
        "answered_as_of": a.as_of.isoformat() if a.as_of else None,
        "caveat_updates": {c.id: [_update(u) for u in c.updates] for c in a.caveats if c.updates},
        "knowledge_version": a.kb_version,
    }


def _update(u: Amendment) -> dict[str, Any]:
    return {
        "id": u.id,
        "value": u.value,
        "support": u.support,
        "effective": u.effective.isoformat(),
        "precision": u.precision,
        "scope": u.scope,
        "note": u.note,
        "source": u.citation.source,
        "title": u.citation.title,
        "url": u.citation.url,
        "locator": u.citation.locator,
        "date": u.citation.date.isoformat(),
    }
