"""Answer -> plain text, for the CLI, JSON's ``text`` and Slack's notification fallback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.answer import LOW_CONFIDENCE, Amendment, Answer, Citation, Fact, Note


def render_text(a: Answer) -> str:
    body = _BODY[a.intent](a)
    parts = [body]
    if a.corrections:
        parts.insert(0, "(Read " + ", ".join(f"'{w}' as '{c}'" for w, c in a.corrections) + ".)")
    if a.vendor_guess:
        parts.insert(0, f"(I took that to mean {', '.join(a.names[p] for p in a.platforms)}.)")
    if a.intent in ("which", "recommend", "compare", "overview"):
        parts.append(changes_since(a))
    if a.caveats and a.intent != "caveat":
        shown = {u.id for f in a.facts for u in f.updates}
        parts.append("Caveats:\n" + "\n".join(f"  - {c.title}: {c.text}" + _caveat_updates(c, "    ", shown) for c in a.caveats))
    if a.citations:
        parts.append(sources_line(a.citations))
        parts.append(source_age(a))
    if a.suggestions and (a.intent in ("unknown", "help") or a.confidence < LOW_CONFIDENCE):
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
    """Say plainly how old the knowledge behind the answer is, and whether it is past the freshness policy."""
    if a.newest_source is None or a.age_days is None:
        return ""
    when = f" (answering as of {format_date(a.as_of)})" if a.as_of else ""
    if not a.stale:
        return f"Knowledge as of {format_date(a.newest_source)}{when}."
    base = f"the comparison is from {a.oldest_source:%b %Y}" if a.oldest_source else ""
    newest = f"the newest source here is from {a.newest_source:%b %Y}, {_age(a.age_days)} old"
    lead = f"{base}; {newest}" if a.amended and base else f"this comparison is from {a.newest_source:%b %Y}, {_age(a.age_days)} old"
    return (
        f"Dated knowledge: {lead}{when}, past our {a.stale_after_days}-day freshness policy. "
        "Platforms change; check the vendor's current documentation before relying on it."
    )


def _age(days: int) -> str:
    years = days / 365.25
    if years >= 1.5:
        return f"{years:.0f} years"
    if years >= 1:
        return "over a year"
    return f"{days} days"


def format_date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def format_effective(u: Amendment) -> str:
    return f"{u.effective:%b %Y}" if u.precision == "month" else format_date(u.effective)


def describe_update(u: Amendment) -> str:
    """'Yes (EFS ...) on EKS on Fargate since 17 Aug 2020 (Amazon EKS User Guide: Document history)'."""
    scope = f" on {u.scope}" if u.scope else ""
    return f"{u.value}{scope}, since {format_effective(u)} ({u.citation.title}). {u.note}"


def changes_since(a: Answer) -> str:
    """What has changed since the original comparison, for answers that show many cells."""
    lines = [f"  - {a.names[f.platform]}, {a.names[f.feature]}: {describe_update(u)}" for f in a.facts for u in reversed(f.updates)]
    return ("Changed since the original comparison:\n" + "\n".join(lines)) if lines else ""


def _caveat_updates(c: Note, indent: str, shown: set[str] | frozenset[str] = frozenset()) -> str:
    return "".join(f"\n{indent}Update: {describe_update(u)}" for u in reversed(c.updates) if u.id not in shown)


def _fact_line(a: Answer, f: Fact, label: str) -> str:
    """The current state first when an update exists, then what the original comparison said."""
    note = f" {f.note}" if f.note else ""
    if not f.updates:
        return f"{label}: {f.value}.{note}"
    now = "".join(f"\n    Now: {describe_update(u)}" for u in reversed(f.updates))
    return f"{label}: changed since the {f.citation.date:%b %Y} comparison.{now}\n    {f.citation.date:%b %Y} comparison: {f.value}.{note}"


def _fact(a: Answer) -> str:
    lines = []
    for fid, desc in a.definitions:
        lines.append(f"{a.names[fid]}: {desc}")
    for fid in a.features:
        facts = [f for f in a.facts if f.feature == fid]
        if len(facts) == 1:
            lines.append(_fact_line(a, facts[0], f"{a.names[facts[0].platform]} - {a.names[fid]}"))
        else:
            lines.append(f"{a.names[fid]}:")
            lines += ["  - " + _fact_line(a, f, a.names[f.platform]) for f in facts]
    return "\n".join(lines)


def _which(a: Answer) -> str:
    fid = a.features[0]
    name = a.names[fid]
    chosen = [a.names[p] for p in a.platforms]
    rest = [f for f in a.facts if f.platform not in a.platforms]
    if any(f.updates for f in a.facts):
        name += f" (per the {a.facts[0].citation.date:%b %Y} comparison)"
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
        lines.append(f"{c.title} ({_join([a.names[p] for p in c.platforms])}): {c.text}" + _caveat_updates(c, "  "))
    for f in a.facts:
        lines.append("Table: " + _fact_line(a, f, f"{a.names[f.platform]} - {a.names[f.feature]}"))
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
        rows.append([a.names[fid], *(_value(a.fact(p, fid)) for p in platforms)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    out = []
    for n, r in enumerate(rows):
        out.append(" | ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def _value(f: Fact | None) -> str:
    return f.value if f is not None else "?"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items) or "none"
    return ", ".join(items[:-1]) + " and " + items[-1]
