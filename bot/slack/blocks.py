"""Answer -> Block Kit: what a Slack user sees.

Built with ``slack_sdk.models.blocks`` only; every message also carries a plain ``text`` fallback
(notifications, screen readers), where a comparison appears as the same table in monospace.

Slack's limits hold whatever the answer: at most 50 blocks (100 in a view), 3,000 characters per
section, 150 per header, 10 context elements, one table per message; longer content is split across
sections or trimmed with a note, never sent for Slack to reject.

All text sent as mrkdwn goes through :func:`escape` (``&``, ``<``, ``>``), whether it came from the
user or from the knowledge base, and is marked ``verbatim`` so Slack adds no links or mentions of its
own: a question containing ``<!channel>`` or ``<@U123>`` is shown, never acted on.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    RawTextObject,
    SectionBlock,
    TableBlock,
    TableBlockColumnSettings,
)
from slack_sdk.models.views import View

from bot.answer import LOW_CONFIDENCE, Answer, Citation, Fact, Note
from bot.render.text import describe_update, format_date, render_text, source_age, table
from bot.slack.context import AnswerRef
from bot.slack.markup import escape
from bot.understand.parse import Context

MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 1000  # our own cap per context element, well under Slack's text limits
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_TEXT = 3900  # the fallback; Slack truncates message text past 40,000 and advises under 4,000
MAX_TABLE_ROWS = 100
MAX_TABLE_COLUMNS = 20
MAX_CELL = 500
MAX_ECHO = 300
MAX_SUGGESTIONS = 4
INLINE_CAVEATS = 3

COMPARE_ALL = "compare_all"
CAVEATS = "show_caveats"
SHARE = "share_answer"
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
SUGGESTION = "ask_suggestion"
SUGGESTION_ACTION = re.compile(rf"^{SUGGESTION}:\d+$")

_MARK = {"yes": "✅", "no": "❌"}
CHANGED = "†"  # marks a cell that has changed since the original comparison
_MATRIX_CHANGED = "Some cells have changed since this comparison was published: ask about a platform or a feature to see what changed."
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SAFE_URL = re.compile(r"^https?://[^\s|<>]+$")
_ROW_LOCATOR = re.compile(r"^(?P<where>.+?), row (?P<row>.+)$")


@dataclass(frozen=True, slots=True)
class Message:
    """A Slack message: the fallback ``text`` and the blocks."""

    text: str
    blocks: tuple[Block, ...]

    def block_dicts(self) -> list[dict[str, Any]]:
        return [b.to_dict() for b in self.blocks]


@dataclass(frozen=True, slots=True)
class Surface:
    """Where an answer is shown, which decides its framing and buttons."""

    shareable: bool = False
    """An ephemeral slash-command answer: offer "Share in channel"."""
    echo_question: bool = False
    """Say what was asked (Slack does not show the question next to an ephemeral answer)."""
    asked_by: str | None = None
    """The user who asked, for an answer shared in a channel."""
    context: Context | None = field(default=None)
    """The conversation context the question was asked with, so buttons re-ask it the same way."""
    buttons: bool = True


# -- public renderers -------------------------------------------------------------


def answer_message(a: Answer, surface: Surface = Surface()) -> Message:
    """The whole answer, as posted in a channel, a thread, a DM or an ephemeral slash reply."""
    head = [*_title(a), *_notices(a)]
    body, tables = _body(a)
    body += _inline_caveats(a)
    tail = [*_suggestions(a), *_footer(a, surface)]
    if surface.buttons:
        tail += _actions(a, surface)
    return Message(_fallback(a, tables), tuple(_fit(head, body, tail, MAX_BLOCKS)))


def caveats_message(a: Answer) -> Message:
    """Every note behind an answer, in full: what the "Caveats" button shows."""
    if a.caveats:
        intro = f"*Caveats behind:* {escape(_clip(a.question, MAX_ECHO))}"
        body = _sections("\n\n".join(_note_text(a, c) for c in a.caveats))
    else:
        intro, body = "No caveats are recorded for this answer.", []
    text = "\n\n".join([f"Caveats behind: {a.question}", *(f"{c.title}: {c.text}" for c in a.caveats)])
    tail = _footer(a, Surface())
    return Message(_truncate(escape(text), MAX_TEXT), tuple(_fit(_sections(intro), body, tail, MAX_BLOCKS)))


def notice_message(text: str) -> Message:
    """A one-line note from the bot (thanks for feedback, something went wrong)."""
    return Message(_truncate(escape(text), MAX_TEXT), tuple(_sections(escape(text))))


def home_view(help_answer: Answer, matrix: Answer) -> View:
    """The App Home tab: how to ask, example questions, and the whole comparison matrix."""
    names = help_answer.names
    platforms = _join([names.get(p, p) for p in help_answer.all_platforms])
    features = tuple(dict.fromkeys(f.feature for f in matrix.facts))
    blocks: list[Block] = [
        _header("Platform bot"),
        *_sections(
            f"I answer questions about {escape(platforms)}: what each supports, how they compare and the caveats "
            "behind the comparison. Every answer cites its source and says how old it is."
        ),
        *_sections(_usage()),
        *_sections("*Example questions*\n" + "\n".join(f"• {escape(s)}" for s in help_answer.suggestions)),
        DividerBlock(),
        _header("Comparison matrix"),
        *_monospace(table(matrix, matrix.platforms, features)),
        *_context([_MATRIX_CHANGED] if matrix.amended else []),
        *_citations(matrix),
    ]
    return View(type="home", blocks=_fit([], blocks, [], MAX_VIEW_BLOCKS))


# -- escaping and limits ----------------------------------------------------------


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text, verbatim=True)


def _sections(text: str) -> list[Block]:
    return [SectionBlock(text=_md(chunk)) for chunk in _chunks(text, MAX_SECTION)]


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=_clip(text, MAX_HEADER), emoji=True))


def _context(items: Sequence[str]) -> list[Block]:
    """One context block, its elements capped in number and length (the overflow joins the last one)."""
    items = [i for i in items if i]
    if not items:
        return []
    if len(items) > MAX_CONTEXT_ELEMENTS:
        items = [*items[: MAX_CONTEXT_ELEMENTS - 1], " · ".join(items[MAX_CONTEXT_ELEMENTS - 1 :])]
    return [ContextBlock(elements=[_md(_truncate(i, MAX_CONTEXT_TEXT)) for i in items])]


def _chunks(text: str, limit: int) -> list[str]:
    """Split at line breaks (else spaces, else anywhere) into pieces that fit, never inside an entity or a link."""
    out: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        cut = _outside_entity(rest, cut) or limit
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    out.append(rest)
    return [c for c in out if c]


def _outside_entity(text: str, cut: int) -> int:
    """Move ``cut`` back before an entity (``&amp;``, at most 5 long) or a ``<link|title>`` it would split."""
    amp = text.rfind("&", max(0, cut - 5), cut)
    if amp != -1 and ";" not in text[amp:cut]:
        cut = amp
    opening = text.rfind("<", 0, cut)
    if opening != -1 and text.rfind(">", 0, cut) < opening:
        cut = opening
    return cut


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: _outside_entity(text, limit - 1) or limit - 1].rstrip() + "…"


def _clip(text: str, limit: int) -> str:
    """Shorten plain (unescaped) text."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit(head: list[Block], body: list[Block], tail: list[Block], limit: int) -> list[Block]:
    """Head and tail kept whole; the body trimmed, with a note saying so, when the total would pass ``limit``."""
    if len(head) + len(body) + len(tail) <= limit:
        return [*head, *body, *tail]
    room = max(0, limit - len(head) - len(tail) - 1)
    note = _context(["_The answer was longer than Slack allows in one message; ask a narrower question for the rest._"])
    return [*head, *body[:room], *note, *tail][:limit]


# -- answer parts -------------------------------------------------------------------


def _name(a: Answer, id_: str) -> str:
    return escape(a.names.get(id_, id_))


def _mark(f: Fact) -> str:
    return _MARK.get(f.support or "", "🔹")


def _title(a: Answer) -> list[Block]:
    if a.intent == "compare" and a.platforms:
        title = " vs ".join(a.names.get(p, p) for p in a.platforms)
        if len(a.features) == 1:
            title += f": {a.names.get(a.features[0], a.features[0])}"
        return [_header(title)]
    if a.intent == "overview" and a.platforms:
        return [_header(a.names.get(a.platforms[0], a.platforms[0]))]
    return []


def _notices(a: Answer) -> list[Block]:
    notes = []
    if a.vendor_guess and a.platforms:
        notes.append(f"I took that to mean {escape(_join([a.names.get(p, p) for p in a.platforms]))}.")
    if a.corrections:
        notes.append("Read " + ", ".join(f"“{escape(w)}” as “{escape(c)}”" for w, c in a.corrections) + ".")
    return _context(notes)


def _body(a: Answer) -> tuple[list[Block], list[str]]:
    """The blocks that answer the question, and any monospace tables the fallback text holds."""
    if a.intent in ("compare", "recommend", "overview"):
        platforms, features = _table_axes(a)
        intro = _sections(_recommend_intro(a) if a.intent == "recommend" else _overview_intro(a) if a.intent == "overview" else "")
        return [*intro, _table(a, platforms, features), *_sections(_changes(a))], [table(a, platforms, features)]
    text = {
        "fact": _fact,
        "which": _which,
        "caveat": _caveat,
        "help": _help,
        "unknown": _unknown,
    }[a.intent](a)
    if a.intent == "which":
        text = "\n\n".join(t for t in (text, _changes(a)) if t)
    return _sections(text), []


def _table_axes(a: Answer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The platforms and features of the answer's table, as ``bot.render.text`` lays it out."""
    if a.intent == "recommend":
        return a.considered, a.features
    features = a.features or tuple(dict.fromkeys(f.feature for f in a.facts))
    return a.platforms, features


def _table(a: Answer, platforms: Sequence[str], features: Sequence[str]) -> TableBlock:
    """The comparison as Slack's table block: a feature per row, a platform per column."""
    header = ["Feature", *(a.names.get(p, p) for p in platforms)][:MAX_TABLE_COLUMNS]
    rows = [[_cell(h) for h in header]]
    for fid in features[: MAX_TABLE_ROWS - 1]:
        values = [_value(a, p, fid) for p in platforms]
        rows.append([_cell(v) for v in [a.names.get(fid, fid), *values][:MAX_TABLE_COLUMNS]])
    settings = [TableBlockColumnSettings(is_wrapped=True)] * len(header)
    return TableBlock(rows=rows, column_settings=settings)


def _value(a: Answer, platform: str, feature: str) -> str:
    """The original comparison's cell, marked when it has changed since (the changes follow the table)."""
    fact = a.fact(platform, feature)
    if fact is None:
        return "?"
    return f"{fact.value} {CHANGED}" if fact.updates else fact.value


def _changes(a: Answer) -> str:
    """What has changed since the original comparison, newest first, for answers showing many cells."""
    lines = [f"• {_name(a, f.platform)}, {_name(a, f.feature)}: {escape(describe_update(u))}" for f in a.facts for u in reversed(f.updates)]
    if not lines:
        return ""
    since = a.facts[0].citation.date
    return f"*{CHANGED} Changed since the {since:%b %Y} comparison:*\n" + "\n".join(lines)


def _cell(text: str) -> RawTextObject:
    """A table cell: raw text (Slack does not parse it), never empty."""
    return RawTextObject(text=_clip(text, MAX_CELL) or "–")


def _recommend_intro(a: Answer) -> str:
    reqs = escape(_join([a.names.get(f, f) for f in a.features]))
    if a.platforms:
        return f"Meets all of {reqs}: *{escape(_join([a.names.get(p, p) for p in a.platforms]))}*."
    return f"No platform meets all of {reqs}. Closest, cell by cell:"


def _overview_intro(a: Answer) -> str:
    return "\n\n".join(escape(summary) for _, summary in a.summaries) or f"{_name(a, a.platforms[0])}:"


def _fact(a: Answer) -> str:
    parts = [f"*{_name(a, fid)}*: {escape(desc)}" for fid, desc in a.definitions]
    for fid in a.features:
        facts = [f for f in a.facts if f.feature == fid]
        if len(facts) == 1:
            parts.append(_fact_text(a, facts[0], f"*{_name(a, facts[0].platform)}* — {_name(a, fid)}"))
        elif facts:
            parts.append(f"*{_name(a, fid)}*\n" + "\n".join(_fact_text(a, f, _name(a, f.platform)) for f in facts))
    return "\n\n".join(parts) or "I found no table cell for that."


def _fact_text(a: Answer, f: Fact, label: str) -> str:
    """One cell: its value; or, when it has changed, the current state first and the original after."""
    note = f" {escape(f.note)}" if f.note else ""
    if not f.updates:
        return f"{_mark(f)} {label}: *{escape(f.value)}*.{note}"
    now = "".join(f"\n   ↳ *Now:* {escape(describe_update(u))}" for u in reversed(f.updates))
    when = f"{f.citation.date:%b %Y}"
    return f"{CHANGED} {label}: changed since the {when} comparison.{now}\n   ↳ _{when} comparison:_ {escape(f.value)}.{note}"


def _which(a: Answer) -> str:
    if not a.features:
        return "I found no feature in that question."
    name = _name(a, a.features[0])
    chosen = escape(_join([a.names.get(p, p) for p in a.platforms]))
    considered = escape(_join([a.names.get(p, p) for p in a.considered]))
    if any(f.updates for f in a.facts):
        name += f" (per the {a.facts[0].citation.date:%b %Y} comparison)"
    if a.negated:
        head = f"*Without {name}:* {chosen}." if a.platforms else f"All of {considered} have {name}."
    else:
        head = f"*With {name}:* {chosen}." if a.platforms else f"None of {considered} has {name}."
    lines = [head]
    lines += [f"{_mark(f)} {_name(a, f.platform)}: *{escape(f.value)}*" for f in a.facts if f.platform in a.platforms]
    rest = [f for f in a.facts if f.platform not in a.platforms]
    if rest:
        lines.append("_Others:_")
        lines += [f"{_mark(f)} {_name(a, f.platform)}: {escape(f.value)}" for f in rest]
    return "\n".join(lines)


def _caveat(a: Answer) -> str:
    parts = [_note_text(a, c) for c in a.caveats]
    parts += [_fact_text(a, f, f"Table: {_name(a, f.platform)} — {_name(a, f.feature)}") for f in a.facts]
    return "\n\n".join(parts) or "I have no caveat on that."


def _help(a: Answer) -> str:
    platforms = escape(_join([a.names.get(p, p) for p in a.all_platforms]))
    features = escape(", ".join(a.names.get(f, f).lower() for f in a.all_features))
    return (
        f"I answer questions about {platforms}, compared on: {features}; plus the caveats and advice behind that "
        "comparison. Each answer cites its source and says how old it is.\n\n" + _usage()
    )


def _usage() -> str:
    return (
        "*How to ask*\n"
        "• `/platform &lt;question&gt;`: only you see the answer, with a button to share it\n"
        "• `/platform matrix`: the whole comparison; `/platform help`: this message\n"
        "• mention me in a channel: I reply in a thread, and follow-ups there (“and Cloud Run?”) keep the topic\n"
        "• or send me a direct message"
    )


def _unknown(a: Answer) -> str:
    what = f"*{escape(_join(list(a.not_covered)))}* is not something I cover" if a.not_covered else "I don't know that"
    platforms = escape(_join([a.names.get(p, p) for p in a.all_platforms]))
    features = escape(", ".join(a.names.get(f, f).lower() for f in a.all_features))
    return f"{what}. I only answer about {platforms}, compared on: {features}."


def _note_text(a: Answer, c: Note) -> str:
    where = escape(_join([a.names.get(p, p) for p in c.platforms]))
    return f"{_icon(c)} *{escape(c.title)}* ({where})\n{escape(c.text)}{_note_updates(c)}"


def _icon(c: Note) -> str:
    return "ℹ️" if c.kind == "note" else "⚠️"


def _note_updates(c: Note, shown: Collection[str] = ()) -> str:
    """A caveat's later updates (those not already shown on a fact of the answer), newest first."""
    return "".join(f"\n   ↳ *Update:* {escape(describe_update(u))}" for u in reversed(c.updates) if u.id not in shown)


def _inline_caveats(a: Answer) -> list[Block]:
    if not a.caveats or a.intent == "caveat":
        return []
    shown = {u.id for f in a.facts for u in f.updates}
    lines = [f"{_icon(c)} *{escape(c.title)}*: {escape(c.text)}{_note_updates(c, shown)}" for c in a.caveats[:INLINE_CAVEATS]]
    more = len(a.caveats) - INLINE_CAVEATS
    if more > 0:
        lines.append(f"_…and {more} more: press *Caveats*._")
    return _sections("\n".join(lines))


def _suggestions(a: Answer) -> list[Block]:
    """Questions the engine can answer, as buttons: examples for help, alternatives when unsure."""
    if not a.suggestions:
        return []
    if a.intent in ("help", "unknown"):
        lead = "Try one of these:"
    elif a.confidence < LOW_CONFIDENCE:
        lead = "Not sure I understood. Did you mean:"
    else:
        return []
    buttons = [
        ButtonElement(
            text=PlainTextObject(text=_clip(s, MAX_BUTTON_TEXT), emoji=False),
            action_id=f"{SUGGESTION}:{n}",
            value=s[:MAX_BUTTON_VALUE],
        )
        for n, s in enumerate(a.suggestions[:MAX_SUGGESTIONS])
        if s.strip()
    ]
    return [*_context([lead]), ActionsBlock(elements=buttons)] if buttons else []


def _footer(a: Answer, surface: Surface) -> list[Block]:
    """Who asked what (where Slack would not show it), the sources with their locators, their age, and the knowledge version."""
    items = []
    question = escape(_clip(a.question, MAX_ECHO))
    if surface.asked_by and _USER_ID.match(surface.asked_by) and question:
        items.append(f"<@{surface.asked_by}> asked: “{question}”")
    elif surface.echo_question and question:
        items.append(f"You asked: “{question}”")
    return _context(items + _citation_texts(a) + ([f"Knowledge version `{a.kb_version}`"] if a.kb_version else []))


def _citations(a: Answer) -> list[Block]:
    return _context(_citation_texts(a))


def _citation_texts(a: Answer) -> list[str]:
    by_source: dict[tuple[str, str, str, str], list[str]] = {}
    for c in a.citations:
        by_source.setdefault(_source_key(c), []).append(c.locator)
    items = []
    for (url, title, publisher, date), locators in by_source.items():
        link = f"<{url}|{escape(title)}>" if _SAFE_URL.match(url) else escape(title)
        items.append(f"📄 {link}, {escape(publisher)}, {date}: {escape(_locators(locators))}")
    age = source_age(a)
    if age:
        items.append(f"⏳ {escape(age)}")
    return items


def _source_key(c: Citation) -> tuple[str, str, str, str]:
    return (c.url.replace("&", "&amp;"), c.title, c.publisher, format_date(c.date))


def _locators(locators: Sequence[str]) -> str:
    """Locators in a source, with the table's rows folded together ("side-by-side table, rows 'GPU', 'Logging'")."""
    grouped: dict[str, list[str]] = {}
    for loc in dict.fromkeys(locators):
        m = _ROW_LOCATOR.match(loc)
        key, item = (m["where"], m["row"]) if m else (loc, "")
        grouped.setdefault(key, []).append(item)
    parts = []
    for where, rows in grouped.items():
        rows = [r for r in rows if r]
        if not rows:
            parts.append(where)
        else:
            parts.append(f"{where}, {'row' if len(rows) == 1 else 'rows'} {', '.join(rows)}")
    return "; ".join(parts)


def _actions(a: Answer, surface: Surface) -> list[Block]:
    if a.intent == "help":
        return []
    value = AnswerRef.of(a, surface.context).encode()
    buttons = []
    if a.intent != "unknown" and not _compares_all(a):
        buttons.append(_button("Compare all platforms", COMPARE_ALL, value))
    if a.caveats and a.intent != "caveat":
        buttons.append(_button("Caveats", CAVEATS, value))
    if surface.shareable:
        buttons.append(_button("Share in channel", SHARE, value, style="primary"))
    buttons.append(_button("👍", FEEDBACK_UP, value, label="This answer helped"))
    buttons.append(_button("👎", FEEDBACK_DOWN, value, label="This answer did not help"))
    return [ActionsBlock(elements=buttons)]


def _compares_all(a: Answer) -> bool:
    return a.intent == "compare" and set(a.platforms) >= set(a.all_platforms)


def _button(text: str, action_id: str, value: str, *, style: str | None = None, label: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=text, emoji=True), action_id=action_id, value=value, style=style, accessibility_label=label
    )


def _monospace(text: str) -> list[Block]:
    """Preformatted text across as many sections as it needs, each a complete code block, lines kept whole."""
    limit = MAX_SECTION - len("```\n\n```")
    chunks: list[list[str]] = [[]]
    for line in escape(text).split("\n"):
        for piece in _chunks(line, limit) if len(line) > limit else [line]:
            if chunks[-1] and sum(len(x) + 1 for x in chunks[-1]) + len(piece) > limit:
                chunks.append([])
            chunks[-1].append(piece)
    return [SectionBlock(text=_md("```\n" + "\n".join(c) + "\n```")) for c in chunks if any(x.strip() for x in c)]


def _fallback(a: Answer, tables: Iterable[str]) -> str:
    """The notification text: the plain-text answer, its tables fenced as monospace."""
    text = render_text(a)
    for t in tables:
        text = text.replace(t, f"```\n{t}\n```", 1) if t in text else f"{text}\n```\n{t}\n```"
    return _truncate(escape(text), MAX_TEXT)


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items) or "none"
    return ", ".join(items[:-1]) + " and " + items[-1]
