"""In-process benchmark of the answer engine: knowledge load time and per-question latency.

Usage: python bench/engine.py [--questions 10000] [--loads 50]
Prints figures; asserts nothing. Run it pinned to one core for the README's
figures: taskset -c 0 python bench/engine.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import statistics
import time
from pathlib import Path

from bot.answer import Engine
from bot.knowledge import load_knowledge
from bot.render import answer_to_dict

ROOT = Path(__file__).resolve().parents[1]


def questions(kb, n: int, seed: int = 7) -> list[str]:  # type: ignore[no-untyped-def]
    """A mix of every intent, built from the knowledge base's own names and synonyms, with typos."""
    rnd = random.Random(seed)
    names = [a for p in kb.platforms.values() for a in (p.name, p.id, *p.aliases)]
    feats = [s.lstrip("~").replace("*", "") for f in kb.features.values() for s in (f.name, *f.synonyms)]
    templates = [
        "does {p} support {f}?", "{p}: {f}?", "which platforms support {f}", "which don't support {f}",
        "compare {p} and {p2} on {f}", "{p} vs {p2}", "tell me about {p}", "why is my pod stuck pending on {p}",
        "we need {f} and {f2}, which platform fits?", "help", "does AWS Lambda support {f}", "how much does {p} cost",
        "{P} {F}", "{p} {f} " * 20, "what is {f}?", "qwertyuiop asdf",
    ]  # fmt: skip
    out = []
    for t in itertools.islice(itertools.cycle(templates), n):
        p, p2, f, f2 = rnd.choice(names), rnd.choice(names), rnd.choice(feats), rnd.choice(feats)
        q = t.format(p=p, p2=p2, f=f, f2=f2, P=p.upper(), F=f.upper())
        if rnd.random() < 0.15 and len(q) > 6:  # a typo: swap two neighbouring letters
            i = rnd.randrange(len(q) - 2)
            q = q[:i] + q[i + 1] + q[i] + q[i + 2 :]
        out.append(q)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=int, default=10_000)
    ap.add_argument("--loads", type=int, default=50)
    args = ap.parse_args()

    loads = []
    for _ in range(args.loads):
        t0 = time.perf_counter()
        kb = load_knowledge(ROOT / "knowledge")
        loads.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    engine = Engine(kb)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    engine.catalog(dt.date.today())
    resolve = time.perf_counter() - t0

    qs = questions(kb, args.questions)
    for q in qs[:200]:  # warm the typo-correction cache as a running bot would be
        engine.ask(q)
    lat, lat_json, intents = [], [], {}
    for q in qs:
        t0 = time.perf_counter()
        a = engine.ask(q)
        t1 = time.perf_counter()
        answer_to_dict(a)
        t2 = time.perf_counter()
        lat.append(t1 - t0)
        lat_json.append(t2 - t0)
        intents[a.intent] = intents.get(a.intent, 0) + 1

    ms = 1000.0
    median, worst = statistics.median(loads) * ms, max(loads) * ms
    print(f"knowledge load (YAML + validation): median {median:.1f} ms, max {worst:.1f} ms over {args.loads} loads")
    print(f"engine build (lexicon): {build * ms:.1f} ms; today's facts resolved (once per day): {resolve * ms:.1f} ms")
    cells = sum(len(t) for t in kb.timelines.values())
    print(f"knowledge: {len(kb.platforms)} platforms, {len(kb.features)} rows, {cells} dated values, {len(kb.sources)} sources")
    print(f"questions answered: {len(qs)}  intents: {dict(sorted(intents.items()))}")
    print(f"answer latency: p50 {pct(lat, 50) * ms:.3f} ms  p99 {pct(lat, 99) * ms:.3f} ms  max {max(lat) * ms:.3f} ms")
    print(f"answer + text/JSON rendering: p50 {pct(lat_json, 50) * ms:.3f} ms  p99 {pct(lat_json, 99) * ms:.3f} ms")


if __name__ == "__main__":
    main()
