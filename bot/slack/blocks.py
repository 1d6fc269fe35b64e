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
from collections.abc import Sequence
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

from bot.answer import Answer, Line, SourceLine, Suggestion, Table
from bot.render.text import guessed, render_text, table_text
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

_ICON = {
    "yes": "✅",
    "no": "❌",
    "partial": "🟡",
    "value": "🔹",
    "changed": "†",
    "gap": "❔",
    "limitation": "⚠️",
    "advice": "💡",
    "note": "ℹ️",
    "ended": "✖️",
    "history": "🕘",
    "definition": "📘",
}
CHANGED = "†"  # marks a cell that has changed since the first value on record
SHORT_ANSWER = 1  # a single-fact answer lists its caveats by title only, to stay short
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SAFE_URL = re.compile(r"^https?://[^\s|<>]+$")


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
    """The whole answer, as posted in a channel, a thread, a DM or an ephemeral slash reply.

    The bottom line is the first section; the body (and, for help, how to ask), the table and the
    caveats follow; the history, the sources and the knowledge's age sit in context blocks at the end.
    """
    ph = a.phrasing
    head = [*_title(a), *_notices(a)]
    body = _sections(f"*{escape(ph.bottom_line)}*")
    body += _sections(_lines(ph.body))
    if a.intent == "help":
        body += _sections(_usage())
    if ph.table is not None:
        body.append(_table(ph.table))
    body += _sections(_lines(ph.legend, lead=f"*{CHANGED} Changed:*"))
    body += _inline_caveats(a)
    tail = [*_context([_line(x) for x in ph.history]), *_suggestions(a), *_footer(a, surface)]
    if surface.buttons:
        tail += _actions(a, surface)
    return Message(_fallback(a), tuple(_fit(head, body, tail, MAX_BLOCKS)))


def caveats_message(a: Answer) -> Message:
    """Every note behind an answer, in full: what the "Caveats" button shows."""
    lines = a.phrasing.caveats
    if lines:
        intro = f"*Caveats behind:* {escape(_clip(a.question, MAX_ECHO))}"
        body = _sections(_lines(lines))
    else:
        intro, body = "No caveats are recorded for this answer.", []
    from bot.render.text import line_text

    text = "\n\n".join([f"Caveats behind: {a.question}", *(line_text(x) for x in lines)])
    return Message(_truncate(escape(text), MAX_TEXT), tuple(_fit(_sections(intro), body, _footer(a, Surface()), MAX_BLOCKS)))


def notice_message(text: str) -> Message:
    """A one-line note from the bot (thanks for feedback, something went wrong)."""
    return Message(_truncate(escape(text), MAX_TEXT), tuple(_sections(escape(text))))


def home_view(help_answer: Answer, matrix: Answer) -> View:
    """The App Home tab: how to ask, example questions, and the whole matrix as of today, changes marked."""
    blocks: list[Block] = [
        _header("Platform bot"),
        *_sections(escape(help_answer.phrasing.bottom_line)),
        *_sections(_usage()),
        *_sections("*Example questions*\n" + "\n".join(f"• {escape(s.text)}" for s in help_answer.suggestions)),
        DividerBlock(),
        _header("Comparison matrix"),
        *_sections(escape(matrix.phrasing.bottom_line)),
        *(_row_sections(matrix.phrasing.table) if matrix.phrasing.table else []),
        *_sections(_lines(matrix.phrasing.legend, lead=f"*{CHANGED} Changed:*")),
        *_context([*_citation_texts(matrix)]),
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


def _line(x: Line) -> str:
    icon = _ICON.get(x.mark, "")
    label = f"*{escape(x.label)}*: " if x.label else ""
    return f"{icon + ' ' if icon else ''}{label}{escape(x.text)}".strip()


def _lines(lines: Sequence[Line], lead: str = "") -> str:
    text = "\n".join(_line(x) for x in lines if x.text or x.label)
    return f"{lead}\n{text}" if lead and text else text


def _title(a: Answer) -> list[Block]:
    if a.intent == "compare" and a.platforms:
        title = " vs ".join(a.names.get(p, p) for p in a.platforms)
        if len(a.features) == 1:
            title += f": {a.names.get(a.features[0], a.features[0])}"
        return [_header(title)]
    if a.intent == "overview" and a.platforms:
        return [_header(" and ".join(a.names.get(p, p) for p in a.platforms))]
    return []


def _notices(a: Answer) -> list[Block]:
    notes = []
    if a.query.vendor_guess and a.platforms:
        notes.append(f"I took that to mean {escape(_join(guessed(a)))}.")
    if a.query.corrections:
        notes.append("Read " + ", ".join(f"“{escape(w)}” as “{escape(c)}”" for w, c in a.query.corrections) + ".")
    return _context(notes)


def _table(t: Table) -> TableBlock:
    """The comparison as Slack's table block: a feature per row, a platform per column, changed cells marked."""
    header = ["Feature", *t.columns[1:]][:MAX_TABLE_COLUMNS]
    rows = [[_cell(h) for h in header]]
    for r, row in enumerate(t.rows[: MAX_TABLE_ROWS - 1], start=1):
        cells = [c + (f" {CHANGED}" if (r, i) in t.changed else "") for i, c in enumerate(row)]
        rows.append([_cell(v) for v in cells[:MAX_TABLE_COLUMNS]])
    settings = [TableBlockColumnSettings(is_wrapped=True)] * len(header)
    return TableBlock(rows=rows, column_settings=settings)


def _row_sections(t: Table) -> list[Block]:
    """A table as text sections, a line per row (for views, where a table block has no place)."""
    lines = []
    for r, row in enumerate(t.rows, start=1):
        cells = [
            f"{escape(t.columns[i])}: {escape(_clip(c, 120))}{' ' + CHANGED if (r, i) in t.changed else ''}" for i, c in enumerate(row) if i
        ]
        lines.append(f"*{escape(row[0])}* — " + " · ".join(cells))
    return _sections("\n".join(lines))


def _cell(text: str) -> RawTextObject:
    """A table cell: raw text (Slack does not parse it), never empty."""
    return RawTextObject(text=_clip(text, MAX_CELL) or "–")


def _usage() -> str:
    return (
        "*How to ask*\n"
        "• `/platform &lt;question&gt;`: only you see the answer, with a button to share it\n"
        "• `/platform matrix`: the whole comparison as of today; `/platform help`: this message\n"
        "• mention me in a channel: I reply in a thread, and follow-ups there (“and the others?”) keep the topic\n"
        "• or send me a direct message"
    )


def _inline_caveats(a: Answer) -> list[Block]:
    """The first few caveats (by title only on a single-fact answer, to keep it short), and how many more."""
    lines = a.phrasing.caveats
    if not lines or a.intent == "caveat":
        return []
    shown = lines[:INLINE_CAVEATS]
    more = len(lines) - len(shown)
    if len(a.facts) <= SHORT_ANSWER and a.intent == "fact":  # titles on one line, the rest behind the button
        titles = " · ".join(escape(x.label) for x in shown) + (f" · …and {more} more" if more > 0 else "")
        return _sections(f"{_ICON.get(shown[0].mark, '')} {titles} (press *Caveats*)")
    text = "\n".join(_line(x) for x in shown)
    if more > 0:
        text += f"\n_…and {more} more; press *Caveats* for the details._"
    return _sections(text)


def _suggestions(a: Answer) -> list[Block]:
    """Questions the engine can answer, as buttons: examples for help, alternatives when unsure."""
    if not a.suggestions:
        return []
    if a.intent in ("help", "unknown"):
        lead = "Try one of these:"
    elif a.low_confidence:
        lead = "Not sure I understood. Did you mean:"
    else:
        return []
    buttons = [_suggestion_button(n, s) for n, s in enumerate(a.suggestions[:MAX_SUGGESTIONS]) if s.text.strip()]
    return [*_context([lead]), ActionsBlock(elements=buttons)] if buttons else []


def _suggestion_button(n: int, s: Suggestion) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=_clip(s.text, MAX_BUTTON_TEXT), emoji=False),
        action_id=f"{SUGGESTION}:{n}",
        value=AnswerRef.of_query(s.query, s.text).encode(),
    )


def _footer(a: Answer, surface: Surface) -> list[Block]:
    """Who asked what (where Slack would not show it), the sources with their locators, their age, and the knowledge version."""
    items = []
    question = escape(_clip(a.question, MAX_ECHO))
    if surface.asked_by and _USER_ID.match(surface.asked_by) and question:
        items.append(f"<@{surface.asked_by}> asked: “{question}”")
    elif surface.echo_question and question:
        items.append(f"You asked: “{question}”")
    return _context(items + _citation_texts(a) + ([f"Knowledge version `{a.kb_version}`"] if a.kb_version else []))


def _citation_texts(a: Answer) -> list[str]:
    items = [_source(s) for s in a.phrasing.sources]
    if a.phrasing.age:
        items.append(f"⏳ {escape(a.phrasing.age)}")
    return items


def _source(s: SourceLine) -> str:
    url = s.url.replace("&", "&amp;")
    link = f"<{url}|{escape(s.title)}>" if _SAFE_URL.match(s.url) else escape(s.title)
    return f"📄 {link}, {escape(s.publisher)}, {s.date}: {escape(s.locators)}"


def _actions(a: Answer, surface: Surface) -> list[Block]:
    if a.intent == "help":
        return []
    value = AnswerRef.of(a, surface.context).encode()
    buttons = []
    if a.intent != "unknown" and not _compares_all(a):
        buttons.append(_button("Compare all platforms", COMPARE_ALL, value))
    if a.phrasing.caveats and a.intent != "caveat":
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


def _fallback(a: Answer) -> str:
    """The notification text: the plain-text answer, its table fenced as monospace."""
    text = render_text(a)
    t = a.phrasing.table
    if t is not None:
        mono = table_text(t)
        text = text.replace(mono, f"```\n{mono}\n```", 1)
    return _truncate(escape(text), MAX_TEXT)


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items) or "none"
    return ", ".join(items[:-1]) + " and " + items[-1]
