"""Answer -> plain text, for the CLI, JSON's ``text`` and Slack's notification fallback.

It only lays out the answer's sentences (``Answer.phrasing``); it writes none of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer import Answer, Line, SourceLine, Table

CHANGED = "†"  # marks a table cell whose value changed since the first value on record
_BULLET = {"ended": "✗", "history": "·", "changed": CHANGED}


def render_text(a: Answer) -> str:
    ph = a.phrasing
    parts = [render_gist(a)]
    if ph.history:
        parts.append("History:\n" + _lines(ph.history, bullet="  - "))
    parts.append("\n".join(source_text(s) for s in ph.sources))
    parts.append(ph.age)
    if a.suggestions and (a.intent in ("unknown", "help") or a.low_confidence):
        lead = "Try:" if a.intent in ("unknown", "help") else "Did you mean:"
        parts.append(lead + "\n" + "\n".join(f"  - {s.text}" for s in a.suggestions))
    return "\n\n".join(p for p in parts if p)


def render_gist(a: Answer) -> str:
    """The answer without its history, sources and suggestions: what it says, for someone who knows where facts come from."""
    ph = a.phrasing
    parts = [_notices(a), ph.bottom_line, _lines(ph.body)]
    if ph.table is not None:
        parts.append(table_text(ph.table))
    if ph.legend:
        parts.append(f"{CHANGED} Changed:\n" + _lines(ph.legend, bullet="  - "))
    if ph.caveats:
        parts.append("Caveats:\n" + _lines(ph.caveats, bullet="  - "))
    return "\n\n".join(p for p in parts if p)


def _notices(a: Answer) -> str:
    notes = []
    if a.query.vendor_guess and a.platforms:
        notes.append(f"(I took that to mean {', '.join(guessed(a))}.)")
    if a.query.corrections:
        notes.append("(Read " + ", ".join(f"'{w}' as '{c}'" for w, c in a.query.corrections) + ".)")
    return " ".join(notes)


def guessed(a: Answer) -> list[str]:
    """The platforms (or scopes) a guess took the question to mean."""
    return [a.names.get(f"{p}/{a.query.scope_of(p)}" if a.query.scope_of(p) else p, p) for p in a.platforms]


def line_text(line: Line) -> str:
    return f"{line.label}: {line.text}" if line.label else line.text


def _lines(lines: Sequence[Line], bullet: str = "") -> str:
    return "\n".join(f"{bullet}{line_text(x)}" for x in lines if x.text or x.label)


def source_text(s: SourceLine) -> str:
    return f'Source: {s.publisher}, "{s.title}", {s.date} ({s.locators}). {s.url}'


def table_text(t: Table) -> str:
    """A monospace table: one row per feature, one column per platform; changed cells marked †."""
    rows: list[list[str]] = [list(t.columns)]
    for r, row in enumerate(t.rows, start=1):
        rows.append([cell + (f" {CHANGED}" if (r, i) in t.changed else "") for i, cell in enumerate(row)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, cells in enumerate(rows):
        out.append(" | ".join(c.ljust(widths[i]) for i, c in enumerate(cells)).rstrip())
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)
