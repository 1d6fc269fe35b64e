"""Score the bot on real users' questions: right, near miss or refused.

Usage (from the repository root, the bot installed):
    python bench/real_questions.py tests/data/real_questions.yaml [more files] [-v] [--cmd "platform-bot ask --json -"]

Each question (verbatim from a public issue tracker) is labelled with the platforms and the topics
(feature ids) it asks about, or with no topic when it asks about something the bot does not cover.
Like ../shared/eval/score.py, it feeds the questions to ``platform-bot ask --json -`` and reads
one JSON answer per line:

- right: the answer is about one of the asked topics (a fact, comparison or caveat on it) and
  covers the asked platforms;
- near miss: the bot answered, but about something else (or answered a question it does not cover);
- refused: the bot said it does not know (``unknown``) or offered help.

Targets: at least 75% right among questions on topics the bot covers; at most 3% near misses overall.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

REFUSALS = ("unknown", "help")


def verdict(case: dict[str, Any], got: dict[str, Any], caveat_features: dict[str, set[str]]) -> str:
    """right, near miss or refused, for one labelled question and the bot's JSON answer."""
    if got.get("intent") in REFUSALS:
        return "refused"
    topics = set(case.get("topics") or [])
    if not topics:
        return "near miss"
    answered = set(got.get("features") or [])
    answered |= {f for c in got.get("caveats") or [] for f in caveat_features.get(c, set())} if not answered else set()
    asked_platforms = set(case.get("platforms") or [])
    platforms = set(got.get("platforms") or []) | {f.get("platform") for f in got.get("facts") or []}
    on_topic = bool(answered & topics)
    on_platform = not asked_platforms or asked_platforms <= platforms or not platforms
    return "right" if on_topic and on_platform else "near miss"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--cmd", default="platform-bot ask --json -")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every near miss and refusal")
    args = ap.parse_args()

    cases = load_cases(args.files)
    answers = ask_all(cases, args.cmd)
    if answers is None:
        return 1
    caveat_features = caveat_features_of_kb()

    results = Counter()
    covered = Counter()
    by_platform: dict[str, Counter[str]] = {}
    for case, got in zip(cases, answers, strict=True):
        v = verdict(case, got, caveat_features)
        results[v] += 1
        if case.get("topics"):
            covered[v] += 1
        for p in case.get("platforms") or ["(none named)"]:
            by_platform.setdefault(p, Counter())[v] += 1
        if args.verbose and v != "right":
            asked = ",".join(case.get("topics") or []) or f"uncovered: {case.get('uncovered')}"
            print(f"{v:9} [{asked}] {case['q'][:110]!r} -> {got.get('intent')} {got.get('platforms')} {got.get('features')}")

    n, m = len(cases), sum(covered.values())
    print(f"\nquestions: {n} ({m} on topics the bot covers, {n - m} on other topics)")
    print(f"{'':24} {'right':>7} {'near miss':>10} {'refused':>8}")
    for label, c, total in [("all", results, n), ("on covered topics", covered, m)]:
        print(f"{label:24} {_pct(c['right'], total):>7} {_pct(c['near miss'], total):>10} {_pct(c['refused'], total):>8}")
    for p, c in sorted(by_platform.items()):
        t = sum(c.values())
        print(f"  {p:22} {_pct(c['right'], t):>7} {_pct(c['near miss'], t):>10} {_pct(c['refused'], t):>8}")
    print(f"right on covered topics: {covered['right']}/{m} = {covered['right'] / max(m, 1):.1%}")
    print(f"near misses overall: {results['near miss']}/{n} = {results['near miss'] / max(n, 1):.1%}")
    return 0


def load_cases(files: list[Path]) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for f in files:
        cases += yaml.safe_load(f.read_text(encoding="utf-8"))
    return cases


def ask_all(cases: list[dict[str, Any]], cmd: str) -> list[dict[str, Any]] | None:
    """The bot's JSON answer to each question, in order; None (and why, on stderr) when the command fails."""
    questions = "".join(" ".join(str(c["q"]).split()) + "\n" for c in cases)
    proc = subprocess.run(shlex.split(cmd), input=questions, capture_output=True, text=True, timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if proc.returncode != 0 or len(lines) != len(cases):
        print(proc.stderr[-2000:], file=sys.stderr)
        print(f"command failed: exit {proc.returncode}, {len(lines)} answers for {len(cases)} questions")
        return None
    return [json.loads(ln) for ln in lines]


def _pct(k: int, n: int) -> str:
    return f"{k / n:.0%}" if n else "-"


def caveat_features_of_kb() -> dict[str, set[str]]:
    """Which features each caveat is about, from the knowledge the installed bot uses."""
    from bot.knowledge import load_knowledge

    kb = load_knowledge()
    return {c.id: set(c.features) for c in kb.caveats.values()}


if __name__ == "__main__":
    sys.exit(main())
