"""How far two honest labellers of the same real questions agree, and what that means for the near-miss measure.

Usage (from the repository root, the bot installed):
    python bench/label_agreement.py [tests/data/second_labels.yaml] [--bot] [--cmd "platform-bot ask --json -"]

tests/data/second_labels.yaml labels again, independently, a random sample of the questions in
tests/data/real_questions*.yaml (the first labels), found there by source. This prints:

- agreement on whether a question is on a covered topic at all (and Cohen's kappa), and on which topic;
- each labeller scored as if it were the bot, by the other's labels (bench/real_questions.py's verdicts):
  a near-miss rate no bot can be sure to beat, since the labels themselves disagree that often;
- with --bot, the bot on the same sample by either labelling, and on the questions both agree on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from real_questions import ask_all, caveat_features_of_kb, load_cases, verdict

ROOT = Path(__file__).resolve().parent.parent
Case = dict[str, Any]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("second", nargs="?", type=Path, default=ROOT / "tests" / "data" / "second_labels.yaml")
    ap.add_argument("--bot", action="store_true", help="also score the bot on the sample")
    ap.add_argument("--cmd", default="platform-bot ask --json -")
    args = ap.parse_args()

    first_by_source = {c["source"]: c for c in load_cases(sorted((ROOT / "tests" / "data").glob("real_questions*.yaml")))}
    second = load_cases([args.second])
    first = [first_by_source[c["source"]] for c in second]
    n = len(second)

    kinds = Counter((bool(a.get("topics")), bool(b.get("topics"))) for a, b in zip(first, second, strict=True))
    agree = (kinds[True, True] + kinds[False, False]) / n
    p1 = (kinds[True, True] + kinds[True, False]) / n
    p2 = (kinds[True, True] + kinds[False, True]) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    both = [(a, b) for a, b in zip(first, second, strict=True) if a.get("topics") and b.get("topics")]
    same_topic = sum(1 for a, b in both if set(a["topics"]) & set(b["topics"]))
    print(f"questions: {n}")
    split = {"both": (True, True), "first only": (True, False), "second only": (False, True), "neither": (False, False)}
    print("on a covered topic: " + ", ".join(f"{name} {kinds[k]}" for name, k in split.items()))
    print(f"agreement on covered or not: {agree:.1%} (Cohen's kappa {(agree - chance) / (1 - chance):.2f})")
    print(f"agreement on the topic, where both say covered: {same_topic}/{len(both)} = {same_topic / max(len(both), 1):.1%}")
    for name, bot, truth in [
        ("second labeller as the bot, first labels", second, first),
        ("first labeller as the bot, second labels", first, second),
    ]:
        print(f"{name}: {_summary(Counter(_labeller_verdict(b, t) for b, t in zip(bot, truth, strict=True)), truth)}")

    if args.bot:
        answers = ask_all(second, args.cmd)
        if answers is None:
            return 1
        cav = caveat_features_of_kb()
        agreed = [
            ({**a, "topics": _agreed(a, b)}, got) for a, b, got in zip(first, second, answers, strict=True) if _agreed(a, b) is not None
        ]
        for name, pairs in [
            ("the bot, first labels", list(zip(first, answers, strict=True))),
            ("the bot, second labels", list(zip(second, answers, strict=True))),
            ("the bot, where the labellers agree", agreed),
        ]:
            print(f"{name}: {_summary(Counter(verdict(t, got, cav) for t, got in pairs), [t for t, _ in pairs])}")
    return 0


def _labeller_verdict(bot: Case, truth: Case) -> str:
    """A labeller's topics as the bot's answer: none is a refusal; otherwise right when a topic is shared."""
    said, asked = set(bot.get("topics") or []), set(truth.get("topics") or [])
    if not said:
        return "refused"
    return "right" if said & asked else "near miss"


def _agreed(a: Case, b: Case) -> list[str] | None:
    """The topics both labellers give (empty when both say no topic), or None when they disagree."""
    ta, tb = set(a.get("topics") or []), set(b.get("topics") or [])
    if not ta and not tb:
        return []
    return sorted(ta & tb) or None


def _summary(verdicts: Counter[str], truth: list[Case]) -> str:
    covered = sum(1 for t in truth if t.get("topics"))
    n = len(truth)
    right = verdicts["right"]  # right answers are always on covered questions
    near = verdicts["near miss"]
    return f"right on covered {right}/{covered} = {right / max(covered, 1):.1%}; near misses {near}/{n} = {near / max(n, 1):.1%}"


if __name__ == "__main__":
    sys.exit(main())
