"""Answer -> the JSON object of ``platform-bot ask --json``."""

from __future__ import annotations

from typing import Any

from bot.answer import Answer, Citation, Dated, Fact
from bot.render.text import render_text


def answer_to_dict(a: Answer) -> dict[str, Any]:
    """The JSON contract: facts' value and support are as of ``answered_as_of``; each carries its citation,
    scope, per-scope values, since and history."""
    p = a.provenance
    return {
        "intent": a.intent,
        "platforms": list(a.platforms),
        "features": list(a.features),
        "scopes": {pl: s for pl, s in a.scopes},
        "bottom_line": a.phrasing.bottom_line,
        "facts": [_fact(f, a) for f in a.facts],
        "caveats": [c.id for c in a.caveats],
        "citations": [_citation(c) for c in p.citations],
        "confidence": a.confidence,
        "suggestions": [s.text for s in a.suggestions],
        "not_covered": list(a.not_covered),
        "text": render_text(a),
        "as_of": p.newest.isoformat() if p.newest else None,
        "age_days": p.age_days,
        "stale": p.stale,
        "answered_as_of": p.answered_as_of.isoformat(),
        "caveat_changes": {c.id: [_dated(x) for x in c.changes] for c in a.caveats if c.changes},
        "knowledge_version": p.kb_version,
    }


def _fact(f: Fact, a: Answer) -> dict[str, Any]:
    since = f.since
    return {
        "platform": f.platform,
        "feature": f.feature,
        "value": f.value,
        "support": f.support,
        "note": f.note,
        "scope": f.scope,
        "scopes": [
            {"scope": d.scope, "value": d.value, "support": d.support, "since": d.since.isoformat(), "citation": _citation(d.citation)}
            for d in f.scopes
        ],
        "since": since.isoformat() if since else None,
        "citation": _citation(f.citation) if f.citation else None,
        "history": [_dated(d) for d in f.history],
        "gap": f.gap,
        "confirmed": f.confirmed.isoformat() if f.confirmed else None,
        "stale": f.confirmed is not None and (a.provenance.answered_as_of - f.confirmed).days > a.provenance.stale_after_days,
    }


def _dated(d: Dated) -> dict[str, Any]:
    return {
        "id": d.id,
        "value": d.value,
        "support": d.support,
        "since": d.since.isoformat(),
        "precision": d.precision,
        "stage": d.stage,
        "scope": d.scope,
        "note": d.note,
        "citation": _citation(d.citation),
    }


def _citation(c: Citation) -> dict[str, Any]:
    return {"source": c.source, "title": c.title, "date": c.date.isoformat(), "locator": c.locator, "url": c.url}
