"""Answer -> plain text, for the CLI, JSON's ``text`` and Slack's notification fallback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.answer import Answer, Citation, Fact


def render_text(a: Answer) -> str:
    body = _BODY[a.intent](a)
    parts = [body]
    if a.corrections:
        parts.insert(0, "(Read " + ", ".join(f"'{w}' as '{c}'" for w, c in a.corrections) + ".)")
    if a.vendor_guess:
        parts.insert(0, f"(I took that to mean {', '.join(a.names[p] for p in a.platforms)}.)")
    if a.caveats and a.intent != "caveat":
        parts.append("Caveats:\n" + "\n".join(f"  - {c.title}: {c.text}" for c in a.caveats))
    if a.citations:
        parts.append(sources_line(a.citations))
        parts.append(source_age(a))
    if a.suggestions and a.intent in ("unknown", "help") or (a.suggestions and a.confidence < 0.75):
        lead = "Try:" if a.intent in ("unknown", "help") else "Did you mean:"
        parts.append(lead + "\n" + "\n".join(f"  - {s}" for s in a.suggestions))
    return "\n\n".join(p for p in parts if p)


def sources_line(citations: Sequence[Citation]) -> str:
    by_source: dict[tuple[str, str, dt.date], list[str]] = {}
    for c in citations:
        by_source.setdefault((c.publisher, c.title, c.date), []).append(c.locator)
    lines = []
    for (publisher, title, date), locators in by_source.items():
        lines.append(f'Source: {publisher}, "{title}", {format_date(date)} ({"; ".join(locators)}).')
    return "\n".join(lines)


def source_age(a: Answer) -> str:
    """Say plainly how old the knowledge behind the answer is."""
    if a.oldest_source is None or a.age_days is None:
        return ""
    years = a.age_days / 365.25
    if years >= 1:
        age = f"{years:.0f} years old" if years >= 1.5 else "over a year old"
        return (
            f"Dated knowledge: this comparison is from {a.oldest_source:%b %Y}, {age}. "
            "The platforms have changed since; check the vendor's current documentation before relying on it."
        )
    return f"Knowledge as of {format_date(a.oldest_source)}."


def format_date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def verdict(f: Fact) -> str:
    return f.value


def _fact(a: Answer) -> str:
    lines = []
    for fid, desc in a.definitions:
        lines.append(f"{a.names[fid]}: {desc}")
    for fid in a.features:
        facts = [f for f in a.facts if f.feature == fid]
        if len(facts) == 1:
            f = facts[0]
            lines.append(f"{a.names[f.platform]} - {a.names[fid]}: {f.value}." + (f" {f.note}" if f.note else ""))
        else:
            lines.append(f"{a.names[fid]}:")
            lines += [f"  - {a.names[f.platform]}: {f.value}" + (f". {f.note}" if f.note else "") for f in facts]
    return "\n".join(lines)


def _which(a: Answer) -> str:
    fid = a.features[0]
    name = a.names[fid]
    chosen = [a.names[p] for p in a.platforms]
    rest = [f for f in a.facts if f.platform not in a.platforms]
    if a.negated:
        head = f"Without {name}: {_join(chosen)}." if chosen else f"All of {_join([a.names[p] for p in a.considered])} have {name}."
    else:
        head = f"With {name}: {_join(chosen)}." if chosen else f"None of {_join([a.names[p] for p in a.considered])} has {name}."
    lines = [head]
    lines += [f"  - {a.names[f.platform]}: {f.value}" for f in a.facts if f.platform in a.platforms]
    if rest:
        lines.append("Others:")
        lines += [f"  - {a.names[f.platform]}: {f.value}" for f in rest]
    return "\n".join(lines)


def _recommend(a: Answer) -> str:
    reqs = _join([a.names[f] for f in a.features])
    if a.platforms:
        head = f"Meets all of {reqs}: {_join([a.names[p] for p in a.platforms])}."
    else:
        head = f"No platform meets all of {reqs}. Closest, cell by cell:"
    return head + "\n" + table(a, a.considered, a.features)


def _compare(a: Answer) -> str:
    features = a.features or tuple(dict.fromkeys(f.feature for f in a.facts))
    return f"Comparison of {_join([a.names[p] for p in a.platforms])}:\n" + table(a, a.platforms, features)


def _overview(a: Answer) -> str:
    p = a.platforms[0]
    lines = [f"{a.names[p]}: {summary}" for _, summary in a.summaries]
    lines.append("At a glance:")
    lines += [f"  - {a.names[f.feature]}: {f.value}" for f in a.facts]
    return "\n".join(lines)


def _caveat(a: Answer) -> str:
    lines = []
    for c in a.caveats:
        lines.append(f"{c.title} ({_join([a.names[p] for p in c.platforms])}): {c.text}")
    for f in a.facts:
        lines.append(f"Table: {a.names[f.platform]} - {a.names[f.feature]}: {f.value}.")
    return "\n\n".join(lines)


def _help(a: Answer) -> str:
    return (
        f"I answer questions about {_join([a.names[p] for p in a.all_platforms])}, "
        f"comparing them on: {', '.join(a.names[f].lower() for f in a.all_features)}; "
        "plus the caveats and advice behind that comparison. Each answer cites its source and says how old it is."
    )


def _unknown(a: Answer) -> str:
    what = f"{_join(list(a.not_covered))} is not something I cover" if a.not_covered else "I don't know that"
    return (
        f"{what[0].upper()}{what[1:]}. I only answer about {_join([a.names[p] for p in a.all_platforms])}, "
        f"compared on: {', '.join(a.names[f].lower() for f in a.all_features)}."
    )


_BODY = {
    "fact": _fact,
    "which": _which,
    "recommend": _recommend,
    "compare": _compare,
    "overview": _overview,
    "caveat": _caveat,
    "help": _help,
    "unknown": _unknown,
}


def table(a: Answer, platforms: Sequence[str], features: Sequence[str]) -> str:
    """A monospace table: one row per feature, one column per platform."""
    header = ["", *(a.names[p] for p in platforms)]
    rows = [header]
    for fid in features:
        rows.append([a.names[fid], *((a.fact(p, fid) or _MISSING).value for p in platforms)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    out = []
    for n, r in enumerate(rows):
        out.append(" | ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


class _Missing:
    value = "?"


_MISSING = _Missing()


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items) or "none"
    return ", ".join(items[:-1]) + " and " + items[-1]
