"""A fuzz target for the question parser (``bot.understand.parse.understand``) and the engine behind it.

:func:`check` takes raw bytes, as a fuzzer produces them, and asserts what must hold for any input:
understanding never raises and gives a known intent with ids the knowledge base has, each once;
an answer can always be built from that reading (for the intent read, unless it asks about rows with
no value yet on the answer's date, which it names as not covered), and renders as Block Kit without error.

Run it for long with atheris (``pip install atheris``), from the repository root::

    python tests/fuzz/parser_target.py -max_total_time=600 -timeout=2

``tests/fuzz/test_parser_fuzz.py`` runs it for a fixed, small budget as part of the test suite.
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 1, 1)
PLATFORM_IDS = ("fargate", "cloud-run", "aci")


@cache
def _engine():  # type: ignore[no-untyped-def]  # built once per process, lazily so atheris can instrument the imports first
    from bot.answer import Engine
    from bot.knowledge import load_knowledge

    return Engine(load_knowledge(ROOT / "knowledge"))


def check(data: bytes) -> None:
    """One fuzz input: the first byte picks a follow-up context, the rest is the question (any bytes, decoded leniently)."""
    from bot.slack.blocks import Surface, answer_message
    from bot.understand.parse import INTENTS, Context, understand

    engine = _engine()
    kb = engine.kb
    head, rest = (data[0], data[1:]) if data else (0, b"")
    context = None if head % 4 == 0 else Context(platforms=(PLATFORM_IDS[head % 3],), features=tuple(kb.features)[head % 2 : head % 2 + 1])
    text = rest.decode("utf-8", errors="surrogateescape" if head & 0x80 else "replace")
    text = text.encode("utf-8", errors="replace").decode("utf-8")  # lone surrogates cannot come from Slack's JSON

    query = understand(text, engine.lexicon, context)
    assert query.intent in INTENTS, query.intent
    for ids, known in ((query.platforms, kb.platforms), (query.features, kb.features), (query.caveats, kb.caveats)):
        assert set(ids) <= set(known), ids
        assert len(set(ids)) == len(ids), ids
    if query.intent in ("which",):
        assert query.features, query
    if query.intent == "overview":
        assert query.platforms, query

    answer = engine.answer(query, today=TODAY)
    catalog = engine.catalog(TODAY)
    later = [f for f in query.features if f not in catalog.features]  # rows with no value yet on TODAY
    # A how-to read for caveats that had all ended by TODAY asks for the fact they were about (the engine's lift).
    lifted = (
        query.intent == "caveat"
        and bool(query.features and query.caveats)
        and not query.caveat_list
        and all(catalog.notes.get(c) is not None and catalog.notes[c].ended is not None for c in query.caveats)
    )
    if later and query.intent not in ("unknown", "help"):
        assert all(engine.names[f] in answer.query.not_covered for f in later), (later, answer.query.not_covered)
    else:
        assert answer.intent == ("fact" if lifted else query.intent), (query, answer.intent)
    assert set(answer.platforms) <= set(kb.platforms) and set(answer.features) <= set(kb.features)
    message = answer_message(answer, Surface(echo_question=True))
    message.block_dicts()


def main(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["bot"]):
        import bot.answer
        import bot.slack.blocks
        import bot.understand.parse  # noqa: F401

    _engine()
    atheris.Setup(argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv)
