"""Query + KnowledgeBase -> Answer: what the bot will say, as data.

Nothing here formats text for a surface; renderers in ``bot.render`` do that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.knowledge import Caveat, Cell, KnowledgeBase, Ref
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
class Fact:
    platform: str
    feature: str
    value: str
    support: str | None
    note: str | None
    citation: Citation


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
    corrections: tuple[tuple[str, str], ...] = ()
    vendor_guess: bool = False
    all_platforms: tuple[str, ...] = ()
    all_features: tuple[str, ...] = ()
    oldest_source: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)
    kb_version: str = ""

    @property
    def age_days(self) -> int | None:
        return None if self.oldest_source is None else (self.today - self.oldest_source).days

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


class Engine:
    """Answers questions from one knowledge base. Build once; ``ask`` is cheap and thread-safe."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon: Lexicon = build_lexicon(kb)
        self._names: dict[str, str] = {p.id: p.name for p in kb.platforms.values()}
        self._names.update({f.id: f.name for f in kb.features.values()})
        self._value_keys = {key: phrase_key(c.value) for key, c in kb.cells.items()}

    def ask(self, question: str, context: Context | None = None, today: dt.date | None = None) -> Answer:
        query = understand(question, self.lexicon, context)
        return self.answer(query, today or dt.date.today())

    def answer(self, q: Query, today: dt.date) -> Answer:
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
        a = builder(q)
        cites = _unique(
            [f.citation for f in a.facts]
            + [c.citation for c in a.caveats]
            + [self._cite(self.kb.platforms[p].cite) for p, _ in a.summaries]
        )
        oldest = min((c.date for c in cites), default=None)
        return _replace(
            a,
            citations=tuple(cites),
            confidence=self._confidence(q, a),
            names=self._names,
            all_platforms=tuple(self.kb.platforms),
            all_features=tuple(self.kb.features),
            corrections=q.corrections,
            vendor_guess=q.vendor_guess,
            negated=q.negated,
            oldest_source=oldest,
            today=today,
            kb_version=self.kb.version,
            suggestions=a.suggestions or self._suggest(q, a),
        )

    # -- one builder per intent -------------------------------------------------

    def _fact(self, q: Query) -> Answer:
        platforms = q.platforms or tuple(self.kb.platforms)
        facts = self._facts(platforms, q.features)
        notes = self._notes_for(platforms, q.features, q.caveats)
        defs = tuple((f, self.kb.features[f].description) for f in q.features) if q.definition else ()
        return Answer(q.text, "fact", platforms, q.features, facts, notes, definitions=defs)

    def _which(self, q: Query) -> Answer:
        feature = q.features[0]
        considered = q.platforms if len(q.platforms) >= 2 else tuple(self.kb.platforms)
        facts = self._facts(considered, (feature,))
        chosen = tuple(f.platform for f in facts if self._satisfies(q, f) != q.negated)
        notes = self._notes_for(considered, (feature,), q.caveats)
        defs = ((feature, self.kb.features[feature].description),)
        return Answer(q.text, "which", chosen, (feature,), facts, notes, definitions=defs, considered=considered)

    def _recommend(self, q: Query) -> Answer:
        considered = tuple(self.kb.platforms)
        facts = self._facts(considered, q.features)
        chosen = tuple(p for p in considered if all(self._satisfies(q, f) for f in facts if f.platform == p))
        notes = self._notes_for(chosen, q.features, q.caveats)
        return Answer(q.text, "recommend", chosen, q.features, facts, notes, considered=considered)

    def _compare(self, q: Query) -> Answer:
        platforms = q.platforms if len(q.platforms) >= 2 else tuple(self.kb.platforms)
        features = q.features or tuple(self.kb.features)
        notes = self._notes_for(platforms, q.features, q.caveats) if q.features else ()
        return Answer(q.text, "compare", platforms, q.features, self._facts(platforms, features), notes)

    def _overview(self, q: Query) -> Answer:
        p = q.platforms[0]
        notes = tuple(self._note(c) for c in self.kb.caveats.values() if p in c.platforms and c.kind != "note")
        return Answer(
            q.text,
            "overview",
            (p,),
            (),
            self._facts((p,), tuple(self.kb.features)),
            notes,
            summaries=((p, self.kb.platforms[p].summary),),
        )

    def _caveat(self, q: Query) -> Answer:
        wanted = set(q.platforms)
        ranked = [self.kb.caveats[c] for c in q.caveats if not wanted or wanted & set(self.kb.caveats[c].platforms)]
        if q.caveat_list or not ranked:
            ranked += (
                self.kb.caveats_for(q.platforms, q.features)
                if q.features
                else [c for c in self.kb.caveats.values() if wanted & set(c.platforms) and c.kind != "note"]
            )
        notes = tuple(self._note(c) for c in _unique(ranked))
        platforms = q.platforms or _unique(p for n in notes[:1] for p in n.platforms)
        return Answer(q.text, "caveat", tuple(platforms), q.features, self._facts(platforms, q.features), notes)

    def _help(self, q: Query) -> Answer:
        return Answer(q.text, "help", (), (), suggestions=EXAMPLES)

    def _unknown(self, q: Query) -> Answer:
        return Answer(q.text, "unknown", (), (), not_covered=q.not_covered)

    # -- helpers ----------------------------------------------------------------

    def _satisfies(self, q: Query, fact: Fact) -> bool:
        """Does this cell meet the question's requirement? Descriptive rows match on their value's words."""
        if fact.support is not None:
            return fact.support == "yes"
        key = self._value_keys[(fact.platform, fact.feature)]
        words = set(phrase_key(q.text).split())
        matched = [k for (p, f), k in self._value_keys.items() if f == fact.feature and set(k.split()) <= words]
        return not matched or key in matched

    def _facts(self, platforms: Iterable[str], features: Iterable[str]) -> tuple[Fact, ...]:
        feats = tuple(features)
        return tuple(self._fact_of(self.kb.cell(p, f)) for f in feats for p in platforms)

    def _fact_of(self, cell: Cell) -> Fact:
        return Fact(cell.platform, cell.feature, cell.value, cell.support, cell.note, self._cite(cell.cite))

    def _notes_for(self, platforms: Iterable[str], features: Iterable[str], triggered: Iterable[str]) -> tuple[Note, ...]:
        ps = set(platforms)
        related = self.kb.caveats_for(ps, features)
        extra = [self.kb.caveats[c] for c in triggered if ps & set(self.kb.caveats[c].platforms)]
        ordered = sorted(_unique(related + extra), key=lambda c: c.kind == "note")
        return tuple(self._note(c) for c in ordered)

    def _note(self, c: Caveat) -> Note:
        return Note(c.id, c.kind, c.title, c.note, c.platforms, c.features, self._cite(c.cite))

    def _cite(self, ref: Ref) -> Citation:
        s = self.kb.sources[ref.source]
        return Citation(s.id, s.title, s.publisher, s.date, ref.locator, s.url)

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

    def _suggest(self, q: Query, a: Answer) -> tuple[str, ...]:
        if a.intent not in ("unknown",) and a.confidence >= LOW_CONFIDENCE:
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


def _replace(a: Answer, **changes: object) -> Answer:
    from dataclasses import replace

    return replace(a, **changes)  # type: ignore[arg-type]
