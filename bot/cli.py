"""The ``platform-bot`` command. Slack is imported lazily, so ``ask`` and ``kb`` never touch it."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO, cast

from bot.answer import Engine
from bot.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from bot.render import answer_to_dict, render_text
from bot.render.text import format_date, table

EXIT_INVALID_KB = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KnowledgeError as exc:
        print("platform-bot: the knowledge base is invalid:", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_INVALID_KB
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="platform-bot", description="Answers questions about serverless container platforms.")
    ap.add_argument("--knowledge", metavar="DIR", help="knowledge directory (default: $PLATFORM_BOT_KNOWLEDGE or the packaged one)")
    sub = ap.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer a question (no Slack needed)")
    ask.add_argument("question", nargs="+", help="the question, or - to read one question per line from standard input")
    ask.add_argument("--json", action="store_true", help="print one JSON object per answer")
    ask.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    ask.set_defaults(func=_ask)

    kb = sub.add_parser("kb", help="work with the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    validate = kb_sub.add_parser("validate", help="check a knowledge directory and report every problem")
    validate.add_argument("directory", nargs="?", help="knowledge directory (default: the one in use)")
    validate.set_defaults(func=_validate)
    show = kb_sub.add_parser("show", help="print the whole comparison matrix")
    show.set_defaults(func=_show)

    serve = sub.add_parser("serve", help="run the Slack app in HTTP mode on $PORT (default 3000)")
    serve.set_defaults(func=_serve)
    socket = sub.add_parser("socket", help="run the Slack app in Socket Mode")
    socket.set_defaults(func=_socket)
    return ap


def _serve(args: argparse.Namespace) -> int:
    return _slack_entry("serve")(args.knowledge)


def _socket(args: argparse.Namespace) -> int:
    return _slack_entry("socket")(args.knowledge)


def _slack_entry(name: str) -> Callable[[str | None], int]:
    """Import the Slack layer only when a Slack command runs, so `ask` and `kb` never load it."""
    module = importlib.import_module("bot.slack.run")
    return cast(Callable[[str | None], int], getattr(module, name))


def _ask(args: argparse.Namespace) -> int:
    engine = Engine(load_knowledge(args.knowledge))
    if args.question == ["-"]:
        return _ask_stream(engine, sys.stdin, sys.stdout, as_json=args.json)
    a = engine.ask(" ".join(args.question))
    print(json.dumps(answer_to_dict(a), ensure_ascii=False) if args.json else render_text(a))
    return 0


def _ask_stream(engine: Engine, src: TextIO, out: TextIO, *, as_json: bool) -> int:
    """One answer per input line, in order, flushed as it goes (so pipes can converse)."""
    for line in src:
        a = engine.ask(line.rstrip("\r\n"))
        if as_json:
            out.write(json.dumps(answer_to_dict(a), ensure_ascii=False) + "\n")
        else:
            out.write(render_text(a) + "\n\n")
        out.flush()
    return 0


def _validate(args: argparse.Namespace) -> int:
    kb = load_knowledge(args.directory or args.knowledge)
    print(
        f"ok: {kb.directory} is valid: {len(kb.sources)} source(s), {len(kb.platforms)} platforms, "
        f"{len(kb.features)} features, {len(kb.cells)} cells, {len(kb.caveats)} caveats; version {kb.version}"
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    kb: KnowledgeBase = load_knowledge(args.knowledge)
    engine = Engine(kb)
    a = engine.ask("compare all platforms")
    print(table(a, a.platforms, tuple(kb.features)))
    for s in kb.sources.values():
        print(f'\nSource: {s.publisher}, "{s.title}", {format_date(s.date)}, {s.url}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
