"""The ``platform-bot`` command. Slack is imported lazily, so ``ask`` and ``kb`` never touch it."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, cast

from bot.answer import Engine
from bot.gaps import build_report, render_table
from bot.knowledge import KnowledgeError, load_knowledge
from bot.render import answer_to_dict, render_text
from bot.render.text import render_text as _render

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
    ask.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="answer from the knowledge as it stood on that date")
    ask.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    ask.set_defaults(func=_ask)

    kb = sub.add_parser("kb", help="work with the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    validate = kb_sub.add_parser("validate", help="check a knowledge directory and report every problem")
    validate.add_argument("directory", nargs="?", help="knowledge directory (default: the one in use)")
    validate.set_defaults(func=_validate)
    show = kb_sub.add_parser("show", help="print the whole comparison matrix as of today (or --as-of), changed cells marked")
    show.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="the matrix as it stood on that date")
    show.set_defaults(func=_show)
    stale = kb_sub.add_parser("stale", help="list the cells whose newest source is past the freshness policy")
    stale.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="judge staleness as of this date (default: today)")
    stale.add_argument("--json", action="store_true", help="print one JSON object per stale cell")
    stale.set_defaults(func=_stale)

    gaps = sub.add_parser("gaps", help="report unknown questions, low-confidence answers, thumbs-down and hand-offs from the bot's logs")
    gaps.add_argument("logfiles", nargs="+", type=Path, metavar="LOGFILE", help="JSON-lines log files written by the bot")
    gaps.add_argument("--json", action="store_true", help="print the report as one JSON object")
    gaps.add_argument("--top", type=int, default=20, help="groups to show per grouping (default 20)")
    gaps.add_argument("--similarity", type=float, default=75.0, help="wording similarity (0-100) to group questions (default 75)")
    gaps.set_defaults(func=_gaps)

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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _ask(args: argparse.Namespace) -> int:
    engine = Engine(load_knowledge(args.knowledge))
    if args.question == ["-"]:
        return _ask_stream(engine, sys.stdin, sys.stdout, as_json=args.json, as_of=args.as_of)
    a = engine.ask(" ".join(args.question), as_of=args.as_of)
    print(json.dumps(answer_to_dict(a), ensure_ascii=False) if args.json else render_text(a))
    return 0


def _ask_stream(engine: Engine, src: TextIO, out: TextIO, *, as_json: bool, as_of: dt.date | None = None) -> int:
    """One answer per input line, in order, flushed as it goes (so pipes can converse)."""
    for line in src:
        a = engine.ask(line.rstrip("\r\n"), as_of=as_of)
        if as_json:
            out.write(json.dumps(answer_to_dict(a), ensure_ascii=False) + "\n")
        else:
            out.write(render_text(a) + "\n\n")
        out.flush()
    return 0


def _validate(args: argparse.Namespace) -> int:
    kb = load_knowledge(args.directory or args.knowledge)
    entries = sum(len(t) for t in kb.timelines.values())
    print(
        f"ok: {kb.directory} is valid: {len(kb.sources)} source(s), {len(kb.platforms)} platforms, "
        f"{len(kb.features)} features, {len(kb.timelines)} cells ({entries} dated values), {len(kb.gaps)} knowingly empty, "
        f"{len(kb.caveats)} caveats, {len(kb.refusals)} things not covered; version {kb.version}"
    )
    for (pid, fid), why in kb.gaps.items():
        print(f"  empty: {pid} x {fid}: {why}")
    return 0


def _stale(args: argparse.Namespace) -> int:
    """List stale cells; exit 0 either way (staleness is a to-do list, not a failure)."""
    kb = load_knowledge(args.knowledge)
    rows = stale_cells(Engine(kb), args.today or dt.date.today())
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    print(f"{len(rows)} current values (of a cell, or of one scope of it) are older than {kb.policy.stale_after_days} days:")
    for r in rows:
        where = f"{r['platform']}/{r['scope']}" if r["scope"] else str(r["platform"])
        print(f"  {where:<16} {r['feature']:<21} {str(r['value'])[:40]:<40} newest {r['newest']} ({r['age_days']} days, {r['source']})")
    return 0


def stale_cells(engine: Engine, today: dt.date) -> list[dict[str, object]]:
    """Per cell, and per scope where scopes differ: current values no page has vouched for within the freshness policy."""
    cat = engine.catalog(today)
    limit = engine.kb.policy.stale_after_days
    rows: list[dict[str, object]] = []
    for pid, fid in cat.kb.timelines:
        fact = cat.fact(pid, fid)
        for d in fact.current:
            age = (today - d.confirmed).days
            if age > limit:
                rows.append(
                    {
                        "platform": pid,
                        "scope": d.scope,
                        "feature": fid,
                        "value": d.value,
                        "newest": d.confirmed.isoformat(),
                        "age_days": age,
                        "source": d.citation.source,
                    }
                )
    return sorted(rows, key=lambda r: (-int(str(r["age_days"])), str(r["platform"]), str(r["feature"])))


def _gaps(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.logfiles if not p.is_file()]
    if missing:
        print(f"platform-bot gaps: no such log file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    report = build_report(args.logfiles, similarity=args.similarity)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else render_table(report, top=args.top))
    return 0


def _show(args: argparse.Namespace) -> int:
    engine = Engine(load_knowledge(args.knowledge))
    print(_render(engine.matrix(args.as_of, dated=args.as_of is not None)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
