"""Answers as Block Kit: valid for slack_sdk, inside Slack's limits whatever the answer, and inert whatever the question."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from bot.answer import Answer, Engine, Fact, Line, SourceLine, Suggestion, Table
from bot.answer.phrasing import when
from bot.slack.blocks import (
    MAX_BLOCKS,
    MAX_VIEW_BLOCKS,
    Surface,
    answer_message,
    caveats_message,
    home_view,
    notice_message,
)
from bot.slack.context import AnswerRef
from bot.slack.live import Serving
from bot.slack.markup import escape
from bot.understand.parse import Context, structured
from tests.conftest import ROOT, SHARED


def _questions(name: str) -> list[str]:
    """The team's labelled questions (in ../shared), or, where they are not here, our own."""
    path = SHARED / "eval" / name
    if not path.exists():
        path = ROOT / "tests" / "data" / "paraphrases.yaml"
    return [case["q"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


DEV = _questions("dev.yaml")
CURRENT = _questions("current.yaml")
SINGLE_FACT_SECTION_CHARS = 600  # "short enough to read without scrolling"
SURFACES = {
    "thread": Surface(),
    "slash": Surface(shareable=True, echo_question=True),
    "shared": Surface(asked_by="U0ALICE01", context=Context(("aci",), ("gpu",))),
}
LINK = re.compile(r"<(https?://[^|<>]+)\|[^<>]+>")


def assert_within_limits(blocks: Sequence[Block], *, max_blocks: int = MAX_BLOCKS) -> list[dict[str, Any]]:
    """slack_sdk's validation passes and Slack's documented limits hold for every block."""
    assert 0 < len(blocks) <= max_blocks
    dicts = []
    for block in blocks:
        block.validate_json()
        d = block.to_dict()
        assert Block.parse(d) is not None  # a block type slack_sdk knows
        dicts.append(d)
        if d["type"] == "section":
            assert 1 <= len(d["text"]["text"]) <= 3000
        elif d["type"] == "header":
            assert 1 <= len(d["text"]["text"]) <= 150
        elif d["type"] == "context":
            assert 1 <= len(d["elements"]) <= 10 and all(e["text"] for e in d["elements"])
        elif d["type"] == "actions":
            ids = [e["action_id"] for e in d["elements"]]
            assert len(ids) == len(set(ids)) <= 25
            assert all(len(e["text"]["text"]) <= 75 and len(e.get("value", "")) <= 2000 for e in d["elements"])
        elif d["type"] == "table":
            assert 1 <= len(d["rows"]) <= 100
            assert len({len(r) for r in d["rows"]}) == 1 and len(d["rows"][0]) <= 20
            assert all(cell["text"] for row in d["rows"] for cell in row)
    assert len([d for d in dicts if d["type"] == "table"]) <= 1
    return dicts


def assert_inert(dicts: list[dict[str, Any]], text: str, engine: Engine, surface: Surface | None = None) -> None:
    """Only links to the knowledge base's sources (and the asker's own mention on a shared answer) are markup."""
    shown = text + "\n" + "\n".join(_strings(dicts))
    if surface and surface.asked_by:
        shown = shown.replace(f"<@{surface.asked_by}> asked", "", 1)
    sources = {s.url.replace("&", "&amp;") for s in engine.kb.sources.values()}
    assert set(LINK.findall(shown)) <= sources
    rest = LINK.sub("", shown)
    assert "<" not in rest and ">" not in rest


def _rephrased(a: Answer, **phrasing: Any) -> Answer:
    """``a`` with some of its sentences replaced: the renderers lay out only ``a.phrasing``."""
    return dataclasses.replace(a, phrasing=dataclasses.replace(a.phrasing, **phrasing))


def _strings(obj: Any) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() if k not in ("value", "action_id", "type") for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


@pytest.mark.parametrize("surface", SURFACES.values(), ids=SURFACES.keys())
def test_every_dev_question_renders_valid_blocks_within_limits(engine: Engine, surface: Surface) -> None:
    """Every question of the dev set renders, on every surface, as blocks slack_sdk validates and within Slack's limits."""
    for question in DEV:
        answer = engine.ask(question)
        message = answer_message(answer, surface)
        dicts = assert_within_limits(message.blocks)
        assert 1 <= len(message.text) <= 4000
        assert_inert(dicts, message.text, engine, surface)
        caveats = caveats_message(answer)
        assert_inert(assert_within_limits(caveats.blocks), caveats.text, engine)


def test_comparisons_are_one_table_block_with_the_table_in_monospace_as_fallback(engine: Engine) -> None:
    """A comparison is a single table block (feature rows, platform columns), and the fallback text holds it fenced as code."""
    message = answer_message(engine.ask("compare fargate and cloud run on gpu and logging"))
    [table] = [b.to_dict() for b in message.blocks if b.type == "table"]
    assert [c["text"] for c in table["rows"][0]] == ["Feature", "AWS Fargate", "Google Cloud Run"]
    assert [r[0]["text"] for r in table["rows"][1:]] == ["GPU support", "Logging"]
    assert re.search(r"```\n.*AWS Fargate .*Google Cloud Run.*\n.*\n.*GPU support.*\n.*Logging.*\n```", message.text)


def test_what_several_platforms_are_is_headed_with_their_names(engine: Engine) -> None:
    """An overview of two platforms is titled with both names and cites both summaries."""
    answer = engine.ask("in a nutshell, what are fargate and cloud run?")
    dicts = [b.to_dict() for b in answer_message(answer).blocks]
    assert dicts[0]["type"] == "header" and dicts[0]["text"]["text"] == "AWS Fargate and Google Cloud Run"
    assert [b.to_dict() for b in answer_message(answer).blocks if b.type == "table"]
    summaries = {engine.kb.platforms[p].cite.locator for p in ("fargate", "cloud-run")}
    assert summaries <= {c.locator for c in answer.citations}


def test_citations_sit_in_a_context_block_with_title_date_and_locator(engine: Engine) -> None:
    """Each answer's sources appear in a context block: linked title, publisher, date, and where in the source."""
    answer = engine.ask("does fargate support revisions")
    dicts = [b.to_dict() for b in answer_message(answer).blocks]
    context = "\n".join(e["text"] for d in dicts if d["type"] == "context" for e in d["elements"])
    citation = answer.citations[0]
    assert f"|{citation.title}>" in context and "20 Dec 2019" in context and "row" in context


def test_a_refusal_links_the_vendors_pages_on_what_it_refuses_for_the_platform_asked(engine: Engine) -> None:
    """ "I don't cover that" still hands the asker the vendor's own page, linked in the sources, and the nearest rows as buttons."""
    answer = engine.ask("how do I pull from a private registry on ACI?")
    dicts = assert_within_limits(answer_message(answer).blocks)
    context = "\n".join(e["text"] for d in dicts if d["type"] == "context" for e in d["elements"])
    assert answer.intent == "unknown" and answer.citations and all(c.publisher == "Microsoft" for c in answer.citations)
    assert all(f"<{c.url}|{c.title}>" in context for c in answer.citations)
    buttons = [e["text"]["text"] for d in dicts if d["type"] == "actions" for e in d["elements"]]
    assert "Azure Container Instances: Workload identity?" in buttons


@pytest.mark.parametrize("surface", SURFACES.values(), ids=SURFACES.keys())
def test_the_first_section_of_every_answer_is_its_bottom_line(engine: Engine, surface: Surface) -> None:
    """Whatever the question, the first section of the message is the answer's bottom line, in bold."""
    for question in [*DEV, *CURRENT, "help", "matrix", "does AWS Lambda support GPUs"]:
        answer = engine.ask(question)
        dicts = [b.to_dict() for b in answer_message(answer, surface).blocks]
        first = next(d for d in dicts if d["type"] == "section")
        assert first["text"]["text"] == f"*{escape(answer.phrasing.bottom_line)}*", question


SINGLE_FACTS = ["does ACI support GPUs?", "can I run windows containers on ECS Fargate", "does fargate support GPUs?"]


@pytest.mark.parametrize("question", SINGLE_FACTS)
def test_a_single_fact_answer_is_short_with_its_history_and_sources_in_context_blocks(engine: Engine, question: str) -> None:
    """A one-fact answer reads without scrolling: about 600 characters of sections before its context blocks, which
    hold the earlier values and the sources (not the sections)."""
    answer = engine.ask(question)
    assert answer.intent == "fact" and len(answer.facts) == 1
    dicts = assert_within_limits(answer_message(answer).blocks)
    first_context = next(n for n, d in enumerate(dicts) if d["type"] == "context")
    assert all(d["type"] != "section" for d in dicts[first_context:])
    sections, contexts = _sections_and_contexts(dicts)
    assert len(sections) <= SINGLE_FACT_SECTION_CHARS, sections
    for line in answer.phrasing.history:
        assert escape(line.text) in contexts and escape(line.text) not in sections
    for source in answer.phrasing.sources:
        assert f"|{escape(source.title)}>" in contexts and source.title not in sections


def test_every_platform_and_row_answers_short(engine: Engine) -> None:
    """Every cell asked on its own, at the platform's level (both scopes' values and notes), stays about 600 characters."""
    for p in engine.kb.platforms:
        for f in engine.kb.features:
            answer = engine.answer(structured("fact", (p,), (f,)))
            sections, _ = _sections_and_contexts([b.to_dict() for b in answer_message(answer).blocks])
            assert len(sections) <= SINGLE_FACT_SECTION_CHARS, (p, f, sections)


def test_single_fact_answers_to_the_labelled_questions_stay_short(engine: Engine) -> None:
    """Every one-fact answer to the dev and current questions keeps its sections to about 600 characters."""
    for question in [*DEV, *CURRENT]:
        answer = engine.ask(question)
        if answer.intent != "fact" or len(answer.facts) != 1:
            continue
        sections, _ = _sections_and_contexts([b.to_dict() for b in answer_message(answer).blocks])
        assert len(sections) <= SINGLE_FACT_SECTION_CHARS, (question, sections)


def test_an_overlong_answer_is_split_and_trimmed_never_over_the_limits(engine: Engine) -> None:
    """Sections over 3,000 characters are split, and an answer over 50 blocks is trimmed with a note saying so."""
    base = engine.ask("why is my pod stuck pending on fargate")
    line = Line("Pending pods & <labels>. " * 400, label="Pods & <profiles>", mark="limitation")
    huge = _rephrased(base, body=(line,) * 60)
    message = answer_message(huge, Surface(shareable=True, echo_question=True))
    dicts = assert_within_limits(message.blocks)
    assert len(dicts) == MAX_BLOCKS
    assert any("longer than Slack allows" in e["text"] for d in dicts if d["type"] == "context" for e in d["elements"])
    assert dicts[-1]["type"] == "actions"  # the buttons survive trimming
    assert_inert(dicts, message.text, engine)
    assert len(message.text) <= 4000


def test_a_huge_comparison_keeps_within_table_and_header_limits(engine: Engine) -> None:
    """More rows, columns or longer names than Slack allows are capped, not sent for Slack to reject."""
    base = engine.ask("compare all platforms")
    platforms = tuple(f"platform-{n}" for n in range(25))
    names = {**base.names, **{p: f"Name of {p} " * 20 for p in platforms}}
    columns = ("", *(names[p] for p in platforms))
    rows = tuple((f"Name of feature-{r} " * 20, *(f"value {r}.{c} " * 60 for c in range(25))) for r in range(150))
    table = Table(columns, rows, frozenset({(1, 1), (149, 24)}))
    huge = _rephrased(dataclasses.replace(base, platforms=platforms, names=names), table=table)
    dicts = assert_within_limits(answer_message(huge).blocks)
    [table_block] = [d for d in dicts if d["type"] == "table"]
    assert len(table_block["rows"]) == 100 and len(table_block["rows"][0]) == 20


def test_many_sources_fit_in_ten_context_elements(engine: Engine) -> None:
    """However many sources an answer cites, its context block has at most ten elements."""
    base = engine.ask("compare all platforms")
    sources = tuple(SourceLine(f"Title {n}", "Pub", "20 Dec 2019", f"https://example.com/{n}", "somewhere") for n in range(30))
    dicts = assert_within_limits(answer_message(_rephrased(base, sources=sources), Surface(echo_question=True)).blocks)
    assert all(len(d["elements"]) <= 10 for d in dicts if d["type"] == "context")


def test_low_confidence_answers_offer_did_you_mean_buttons(engine: Engine) -> None:
    """An answer the engine is unsure of offers its suggestions as 'Did you mean' buttons that carry the question."""
    suggestions = (
        Suggestion("does fargate support GPUs?", structured("fact", ("fargate",), ("gpu",))),
        Suggestion("x" * 300, structured("which", (), ("gpu",))),
    )
    unsure: Answer = dataclasses.replace(engine.ask("aws gpu"), confidence=0.5, suggestions=suggestions)
    dicts = assert_within_limits(answer_message(unsure).blocks)
    lead = [e["text"] for d in dicts if d["type"] == "context" for e in d["elements"] if "Did you mean" in e["text"]]
    buttons = [e for d in dicts if d["type"] == "actions" for e in d["elements"] if e["action_id"].startswith("ask_suggestion:")]
    assert lead and len(buttons) == 2
    refs = [AnswerRef.decode(b["value"], Serving.of(engine).known) for b in buttons]
    assert [r.query() if r else None for r in refs] == [
        structured(s.query.intent, s.query.platforms, s.query.features, text=s.text) for s in suggestions
    ]
    assert len(buttons[1]["text"]["text"]) <= 75


def test_the_home_view_holds_usage_examples_and_the_matrix(engine: Engine) -> None:
    """The Home tab is a valid view with usage, examples and the matrix as of today, a line per row, changed
    cells marked † with a legend."""
    matrix = engine.matrix()
    view = home_view(engine.answer(structured("help")), matrix)
    view.validate_json()
    dicts = assert_within_limits(view.blocks, max_blocks=MAX_VIEW_BLOCKS)
    shown = "\n".join(d["text"]["text"] for d in dicts if d["type"] == "section")
    assert "How to ask" in shown and "Example questions" in shown
    assert all(f"*{escape(name)}* — " in shown for name in (row[0] for row in matrix.phrasing.table.rows))
    changed = [f for f in matrix.facts if f.changed]
    assert changed and shown.count(" †") >= len(changed)
    assert "Changed:" in shown and all(escape(line.label) in shown for line in matrix.phrasing.legend)
    assert all(d["type"] != "table" for d in dicts)  # table blocks are for messages only


def test_a_notice_is_a_valid_one_line_message() -> None:
    """Short notes from the bot are escaped sections with the same text as fallback."""
    message = notice_message("Thanks <3 & bye")
    assert_within_limits(message.blocks)
    assert message.text == "Thanks &lt;3 &amp; bye"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.text(max_size=2500))
def test_any_question_renders_within_limits_and_inert(engine: Engine, question: str) -> None:
    """Whatever is typed, the answer renders as valid blocks within the limits, with no markup from the question."""
    answer = engine.ask(question)
    message = answer_message(answer, Surface(shareable=True, echo_question=True))
    assert_inert(assert_within_limits(message.blocks), message.text, engine)


def _changed_fact(engine: Engine) -> Fact:
    """A platform-wide fact (one value, no scopes) whose value today differs from the first one on record."""
    facts = engine.catalog(dt.date.today()).facts.values()
    found = next((f for f in facts if f.changed and f.scope is None and not f.scopes and f.first is not None), None)
    if found is None:
        pytest.skip("the knowledge base has no dated changes")
    return found


def _sections_and_contexts(dicts: list[dict[str, Any]]) -> tuple[str, str]:
    sections = "\n".join(d["text"]["text"] for d in dicts if d["type"] == "section")
    contexts = "\n".join(e["text"] for d in dicts if d["type"] == "context" for e in d["elements"])
    return sections, contexts


def test_a_changed_cell_shows_the_current_state_first_and_the_original_after(engine: Engine) -> None:
    """A fact that changed since the first source leads with today's value and when it took effect, then its
    earlier values with their dates, and cites the source of each."""
    fact = _changed_fact(engine)
    answer = engine.ask(f"{engine.kb.platforms[fact.platform].name}: {engine.kb.features[fact.feature].name}?")
    dicts = assert_within_limits(answer_message(answer).blocks)
    first = next(d["text"]["text"] for d in dicts if d["type"] == "section")
    assert escape(fact.value or "") in first and when(fact.current[0]) in first
    _, contexts = _sections_and_contexts(dicts)
    history = [e["text"] for d in dicts if d["type"] == "context" for e in d["elements"] if e["text"].startswith("🕘")]
    assert history and history[0].startswith(f"🕘 {when(fact.first)}: {escape(fact.first.value)}")
    assert f"|{escape(fact.citation.title)}>" in contexts and f"|{escape(fact.first.citation.title)}>" in contexts


def test_a_comparison_marks_changed_cells_and_lists_the_changes(engine: Engine) -> None:
    """In a comparison table a changed cell carries †, and a section after the table says what changed."""
    fact = _changed_fact(engine)
    answer = engine.ask(f"compare all platforms on {engine.kb.features[fact.feature].name}")
    dicts = assert_within_limits(answer_message(answer).blocks)
    [table] = [d for d in dicts if d["type"] == "table"]
    column = list(answer.platforms).index(fact.platform) + 1
    assert table["rows"][1][column]["text"].endswith("†")
    after = [d["text"]["text"] for d in dicts[dicts.index(table) :] if d["type"] == "section" and "Changed:" in d["text"]["text"]]
    assert after and engine.kb.platforms[fact.platform].name in after[0] and escape(fact.first.value) in after[0]


def test_trimming_never_cuts_an_entity_or_a_link_in_half(engine: Engine) -> None:
    """When a context element is cut to size, no ``&amp;`` or ``<url|title>`` is left half-written."""
    base = engine.ask("compare all platforms")
    long_title = "R&D <notes> " * 30
    sources = tuple(SourceLine(long_title, "Pub & Co", "20 Dec 2019", f"https://example.com/{n}", "here & <there>") for n in range(12))
    dicts = assert_within_limits(answer_message(_rephrased(base, sources=sources)).blocks)
    for text in (e["text"] for d in dicts if d["type"] == "context" for e in d["elements"]):
        rest = LINK.sub("", text)
        assert "<" not in rest and ">" not in rest
        assert not re.search(r"&(?!amp;|lt;|gt;)", rest)
