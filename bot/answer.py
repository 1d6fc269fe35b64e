"""Query + KnowledgeBase -> Answer: what the bot will say, as data.

Nothing here formats text for a surface; renderers in ``bot.render`` do that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.knowledge import KnowledgeBase, Ref, Update
from bot.text import phrase_key
from bot.understand.lexicon import Lexicon, build_lexicon
from bot.understand.parse import Context, Intent, Query, understand

LOW_CONFIDENCE = 0.75


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    title: str
    publisher: str
    date: dt.date
    locator: str
    url: str


@dataclass(frozen=True, slots=True)
class Amendment:
    """A dated update as the answer carries it, on a fact or a caveat."""

    id: str
    value: str
    support: str | None
    effective: dt.date
    precision: str
    scope: str | None
    note: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Fact:
    """One cell of the comparison. ``value``/``support`` are always the original table's; changes are in ``updates``."""

    platform: str
    feature: str
    value: str
    support: str | None
    note: str | None
    citation: Citation
    updates: tuple[Amendment, ...] = ()
    as_of: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A caveat as the answer carries it."""

    id: str
    kind: str
    title: str
    text: str
    platforms: tuple[str, ...]
    features: tuple[str, ...]
    citation: Citation
    updates: tuple[Amendment, ...] = ()


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    intent: Intent
    platforms: tuple[str, ...]
    features: tuple[str, ...]
    facts: tuple[Fact, ...] = ()
    caveats: tuple[Note, ...] = ()
    citations: tuple[Citation, ...] = ()
    confidence: float = 1.0
    suggestions: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)
    summaries: tuple[tuple[str, str], ...] = ()
    definitions: tuple[tuple[str, str], ...] = ()
    considered: tuple[str, ...] = ()
    negated: bool = False
    not_covered: tuple[str, ...] = ()
    mentioned_platforms: tuple[str, ...] = ()
    mentioned_features: tuple[str, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()
    vendor_guess: bool = False
    all_platforms: tuple[str, ...] = ()
    all_features: tuple[str, ...] = ()
    oldest_source: dt.date | None = None
    newest_source: dt.date | None = None
    stale: bool = False
    stale_after_days: int = 365
    as_of: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)
    kb_version: str = ""

    @property
    def age_days(self) -> int | None:
        """How old the newest fact behind this answer is, in days."""
        return None if self.newest_source is None else (self.today - self.newest_source).days

    def is_stale(self, f: Fact) -> bool:
        """Is this fact's newest information older than the freshness policy allows?"""
        return f.as_of is not None and (self.today - f.as_of).days > self.stale_after_days

    @property
    def amended(self) -> bool:
        return any(f.updates for f in self.facts) or any(c.updates for c in self.caveats)

    def fact(self, platform: str, feature: str) -> Fact | None:
        for f in self.facts:
            if f.platform == platform and f.feature == feature:
                return f
        return None


EXAMPLES = (
    "does ACI support GPUs?",
    "compare Fargate and Cloud Run on persistence",
    "which platforms can scale to zero?",
    "why is my pod stuck Pending on EKS Fargate?",
    "I need Windows containers and a public IP, which platform fits?",
    "tell me about Cloud Run",
)


class Catalog:
    """Every fact and note of one knowledge base (or of its state on a date), built once and shared by answers."""

    def __init__(self, kb: KnowledgeBase) -> None:
        cites: dict[Ref, Citation] = {}

        def cite(ref: Ref) -> Citation:
            if ref not in cites:
                s = kb.sources[ref.source]
                cites[ref] = Citation(s.id, s.title, s.publisher, s.date, ref.locator, s.url)
            return cites[ref]

        def amendments(updates: Iterable[Update]) -> tuple[Amendment, ...]:
            return tuple(Amendment(u.id, u.value, u.support, u.effective, u.precision, u.scope, u.note, cite(u.cite)) for u in updates)

        self.facts: dict[tuple[str, str], Fact] = {}
        for (p, f), cell in kb.cells.items():
            ups = amendments(kb.cell_updates(p, f))
            base = cite(cell.cite)
            self.facts[(p, f)] = Fact(p, f, cell.value, cell.support, cell.note, base, ups, max([base.date, *(u.effective for u in ups)]))
        self.notes: dict[str, Note] = {
            c.id: Note(c.id, c.kind, c.title, c.note, c.platforms, c.features, cite(c.cite), amendments(kb.caveat_updates(c.id)))
            for c in kb.caveats.values()
        }
        self.summaries: dict[str, Citation] = {p.id: cite(p.cite) for p in kb.platforms.values()}
        self.stale_after = kb.policy.stale_after_days

    def grid(self, platforms: Iterable[str], features: Iterable[str]) -> tuple[Fact, ...]:
        """Facts feature by feature, each across ``platforms``."""
        ps = tuple(platforms)
        return tuple(self.facts[(p, f)] for f in features for p in ps)


class Engine:
    """Answers questions from one knowledge base. Build once; ``ask`` is cheap and thread-safe."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon: Lexicon = build_lexicon(kb)
        self.catalog = Catalog(kb)
        self._names: dict[str, str] = {p.id: p.name for p in kb.platforms.values()}
        self._names.update({f.id: f.name for f in kb.features.values()})
        self._value_words = _distinctive_value_words(kb)

    def ask(self, question: str, context: Context | None = None, today: dt.date | None = None, as_of: dt.date | None = None) -> Answer:
        """Answer ``question``. With ``as_of``, answer from the knowledge as it stood on that date."""
        query = understand(question, self.lexicon, context)
        return self.answer(query, today=as_of or today or dt.date.today(), as_of=as_of)

    def answer(self, q: Query, today: dt.date, as_of: dt.date | None = None) -> Answer:
        builder = {
            "fact": self._fact,
            "which": self._which,
            "compare": self._compare,
            "overview": self._overview,
            "caveat": self._caveat,
            "recommend": self._recommend,
            "help": self._help,
            "unknown": self._unknown,
        }[q.intent]
        cat = self.catalog if as_of is None else self._catalog_as_of(as_of)
        a = builder(q, cat)
        amendments = [u for f in a.facts for u in f.updates] + [u for c in a.caveats for u in c.updates]
        cites = _unique(
            [f.citation for f in a.facts]
            + [c.citation for c in a.caveats]
            + [cat.summaries[p] for p, _ in a.summaries]
            + sorted((u.citation for u in amendments), key=lambda c: c.date)
        )
        dates = [c.date for c in cites] + [u.effective for u in amendments]
        newest = max(dates, default=None)
        confidence = self._confidence(q, a)
        return replace(
            a,
            citations=tuple(cites),
            oldest_source=min(dates, default=None),
            newest_source=newest,
            stale=newest is not None and (today - newest).days > cat.stale_after,
            stale_after_days=cat.stale_after,
            as_of=as_of,
            confidence=confidence,
            names=self._names,
            all_platforms=tuple(self.kb.platforms),
            all_features=tuple(self.kb.features),
            corrections=q.corrections,
            mentioned_platforms=q.mentioned_platforms,
            mentioned_features=q.features,
            vendor_guess=q.vendor_guess,
            negated=q.negated,
            today=today,
            kb_version=self.kb.version,
            suggestions=a.suggestions or self._suggest(q, a, confidence),
        )

    @lru_cache(maxsize=32)  # noqa: B019 - one Engine per process, asked about a few dates at most
    def _catalog_as_of(self, when: dt.date) -> Catalog:
        return Catalog(self.kb.as_of(when))

    # -- one builder per intent -------------------------------------------------

    def _fact(self, q: Query, cat: Catalog) -> Answer:
        platforms = q.platforms or tuple(self.kb.platforms)
        notes = self._notes_for(cat, platforms, q.features, q.caveats)
        defs = tuple((f, self.kb.features[f].description) for f in q.features) if q.definition else ()
        return Answer(q.text, "fact", platforms, q.features, cat.grid(platforms, q.features), notes, definitions=defs)

    def _which(self, q: Query, cat: Catalog) -> Answer:
        feature = q.features[0]
        considered = q.platforms if len(q.platforms) >= 2 else tuple(self.kb.platforms)
        facts = cat.grid(considered, (feature,))
        words = set(phrase_key(q.text).split())
        chosen = tuple(f.platform for f in facts if self._satisfies(words, f) != q.negated)
        notes = self._notes_for(cat, considered, (feature,), q.caveats)
        defs = ((feature, self.kb.features[feature].description),)
        return Answer(q.text, "which", chosen, (feature,), facts, notes, definitions=defs, considered=considered)

    def _recommend(self, q: Query, cat: Catalog) -> Answer:
        considered = tuple(self.kb.platforms)
        facts = cat.grid(considered, q.features)
        words = set(phrase_key(q.text).split())
        chosen = tuple(p for p in considered if all(self._satisfies(words, f) for f in facts if f.platform == p))
        notes = self._notes_for(cat, chosen, q.features, q.caveats)
        return Answer(q.text, "recommend", chosen, q.features, facts, notes, considered=considered)

    def _compare(self, q: Query, cat: Catalog) -> Answer:
        platforms = q.platforms if len(q.platforms) >= 2 else tuple(self.kb.platforms)
        features = q.features or tuple(self.kb.features)
        notes = self._notes_for(cat, platforms, q.features, q.caveats) if q.features else ()
        return Answer(q.text, "compare", platforms, q.features, cat.grid(platforms, features), notes)

    def _overview(self, q: Query, cat: Catalog) -> Answer:
        p = q.platforms[0]
        notes = tuple(cat.notes[c.id] for c in self.kb.caveats.values() if p in c.platforms and c.kind != "note")
        facts = cat.grid((p,), tuple(self.kb.features))
        return Answer(q.text, "overview", (p,), (), facts, notes, summaries=((p, self.kb.platforms[p].summary),))

    def _caveat(self, q: Query, cat: Catalog) -> Answer:
        wanted = set(q.platforms)
        ranked = [self.kb.caveats[c] for c in q.caveats if not wanted or wanted & set(self.kb.caveats[c].platforms)]
        if q.caveat_list or not ranked:
            ranked += (
                self.kb.caveats_for(q.platforms, q.features)
                if q.features
                else [c for c in self.kb.caveats.values() if wanted & set(c.platforms) and c.kind != "note"]
            )
        notes = tuple(cat.notes[c.id] for c in _unique(ranked))
        platforms = q.platforms or tuple(_unique(p for n in notes[:1] for p in n.platforms))
        return Answer(q.text, "caveat", platforms, q.features, cat.grid(platforms, q.features), notes)

    def _help(self, q: Query, cat: Catalog) -> Answer:
        return Answer(q.text, "help", (), (), suggestions=EXAMPLES)

    def _unknown(self, q: Query, cat: Catalog) -> Answer:
        return Answer(q.text, "unknown", (), (), not_covered=q.not_covered)

    # -- helpers ----------------------------------------------------------------

    def _satisfies(self, words: set[str], fact: Fact) -> bool:
        """Does this cell meet the question's requirement?

        Capability rows answer by support. Descriptive rows match on the words that set a value
        apart in its row ("gVisor", "VM", "StackDriver"); a question naming none of them is met by all.
        """
        if fact.support is not None:
            return fact.support == "yes"
        row = [k for (_, f), k in self._value_words.items() if f == fact.feature]
        if not any(k & words for k in row):
            return True
        return bool(self._value_words[(fact.platform, fact.feature)] & words)

    def _notes_for(self, cat: Catalog, platforms: Iterable[str], features: Iterable[str], triggered: Iterable[str]) -> tuple[Note, ...]:
        ps = set(platforms)
        related = self.kb.caveats_for(ps, features)
        extra = [self.kb.caveats[c] for c in triggered if ps & set(self.kb.caveats[c].platforms)]
        ordered = sorted(_unique(related + extra), key=lambda c: c.kind == "note")
        return tuple(cat.notes[c.id] for c in ordered)

    def _confidence(self, q: Query, a: Answer) -> float:
        if a.intent == "unknown":
            return 0.0
        c = 1.0
        c *= 0.9 ** len(q.corrections)
        if q.vendor_guess:
            c *= 0.7
        if q.weak:
            c *= 0.7
        if q.follow_up:
            c *= 0.9
        return round(c, 3)

    def _suggest(self, q: Query, a: Answer, confidence: float) -> tuple[str, ...]:
        """Questions the bot can answer: for unknowns, and as "did you mean" for low-confidence answers."""
        if a.intent != "unknown" and confidence >= LOW_CONFIDENCE:
            return ()
        names = self.kb.platforms
        out: list[str] = []
        if a.intent != "unknown":
            out.append(canonical_question(a, self._names))
        for f in q.features[:2]:
            out.append(f"which platforms support {self.kb.features[f].name.lower()}?")
        for p in q.mentioned_platforms[:2]:
            out.append(f"tell me about {names[p].name}")
        out += [e for e in EXAMPLES[:3]]
        return tuple(_unique(out))[:4]


def _distinctive_value_words(kb: KnowledgeBase) -> dict[tuple[str, str], frozenset[str]]:
    """For each descriptive cell, the words that set its value apart: not shared by every value in
    its row, and not the row's own name ("Spec" in "ACI Native Spec", "Logs" in a logging row)."""
    words = {key: frozenset(phrase_key(c.value).split()) for key, c in kb.cells.items() if c.support is None}
    out: dict[tuple[str, str], frozenset[str]] = {}
    for fid, feature in kb.features.items():
        row = {key: w for key, w in words.items() if key[1] == fid}
        if not row:
            continue
        label = set(phrase_key(f"{feature.row} {feature.name}").split())
        generic = frozenset.intersection(*row.values()) | {
            w for ws in row.values() for w in ws if any(t.startswith(w) or w.startswith(t) for t in label)
        }
        out.update({key: w - generic for key, w in row.items()})
    return out


def canonical_question(a: Answer, names: Mapping[str, str]) -> str:
    """A plain wording of what the bot understood, which it would answer the same way."""
    ps = " and ".join(names[p] for p in a.platforms)
    fs = " and ".join(names[f] for f in a.features)
    if a.intent == "fact" and a.platforms and a.features:
        return f"{ps}: {fs}?"
    if a.intent == "compare":
        return f"compare {ps}" + (f" on {fs}" if fs else "")
    if a.intent == "overview":
        return f"tell me about {ps}"
    if a.intent in ("which", "recommend"):
        return f"which platforms {'lack' if a.negated else 'support'} {fs}?"
    return a.question


def _unique(items: Iterable) -> list:  # type: ignore[type-arg]
    seen: dict = {}  # type: ignore[type-arg]
    for i in items:
        seen.setdefault(i, None)
    return list(seen)
