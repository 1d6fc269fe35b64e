"""Query + KnowledgeBase -> Answer: what the bot will say, as data, as of a date (today by default).

One builder per intent finds the facts and notes and writes the answer's sentences with a
:class:`Phraser`; nothing here formats for a surface.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.answer.catalog import Catalog
from bot.answer.model import LOW_CONFIDENCE, Answer, Citation, Dated, Fact, Line, Note, Phrasing, Provenance, Suggestion, Table
from bot.answer.phrasing import Phraser, age, first_sentence, join, month, since, sources
from bot.knowledge import KnowledgeBase
from bot.text import phrase_key
from bot.understand.lexicon import Lexicon, build_lexicon
from bot.understand.parse import Context, Intent, Query, structured, understand

MAX_SUGGESTIONS = 4


@dataclass(frozen=True, slots=True)
class _Found:
    """What an intent's builder found, before provenance and suggestions are added."""

    intent: Intent
    platforms: tuple[str, ...]
    features: tuple[str, ...]
    facts: tuple[Fact, ...]
    notes: tuple[Note, ...]
    bottom: str
    body: tuple[Line, ...] = ()
    table: Table | None = None
    considered: tuple[str, ...] = ()


class Engine:
    """Answers questions from one knowledge base. Build once; ``ask`` is cheap and thread-safe."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon: Lexicon = build_lexicon(kb)
        self.names: dict[str, str] = {p.id: p.name for p in kb.platforms.values()}
        self.names.update({f"{p.id}/{s.id}": s.name for p in kb.platforms.values() for s in p.scopes})
        self.names.update({f.id: f.name for f in kb.features.values()})
        first = kb.sources.get(kb.first_source)
        self.phraser = Phraser(self.names)
        self.first_date = first.date if first else None
        self.examples = _examples(kb)
        # The words of a row's values that say a platform does without the thing, in the form values are compared in.
        self.without = {f.id: tuple(f" {phrase_key(w)} " for w in f.without) for f in kb.features.values() if f.without}

    @lru_cache(maxsize=16)  # noqa: B019 - one Engine per process, asked about a few dates at most
    def catalog(self, when: dt.date) -> Catalog:
        """The knowledge as it stood on ``when``, resolved once."""
        return Catalog(self.kb, when)

    def ask(self, question: str, context: Context | None = None, today: dt.date | None = None, as_of: dt.date | None = None) -> Answer:
        """Answer ``question`` as of today, or from the knowledge as it stood on ``as_of``."""
        return self.answer(understand(question, self.lexicon, context), today=as_of or today, dated=as_of is not None)

    def answer(self, q: Query, today: dt.date | None = None, *, dated: bool = False) -> Answer:
        """Answer a query (parsed from a question, or built by a surface with ``structured``)."""
        when = today or dt.date.today()
        cat = self.catalog(when)
        q = _lifted(_known_by(q, cat, self.names), cat)
        found = _BUILDERS[q.intent](self, q, cat)
        confidence = self._confidence(q, found.intent)
        see = self._see(q, cat)
        provenance = self._provenance(cat, found, see, dated=dated)
        return Answer(
            query=q,
            intent=found.intent,
            platforms=found.platforms,
            features=found.features,
            facts=found.facts,
            caveats=found.notes,
            phrasing=self._phrasing(found, q, provenance, see),
            provenance=provenance,
            confidence=confidence,
            suggestions=self._suggest(q, found, confidence),
            considered=found.considered,
            not_covered=q.not_covered,
            names=self.names,
            all_platforms=tuple(self.kb.platforms),
        )

    def matrix(self, today: dt.date | None = None, *, dated: bool = False) -> Answer:
        """The whole comparison as of a date: every platform, every feature, changed cells marked."""
        return self.answer(structured("compare", tuple(self.kb.platforms), text="the whole comparison"), today, dated=dated)

    # -- one builder per intent ----------------------------------------------------------

    def _fact(self, q: Query, cat: Catalog) -> _Found:
        platforms = q.platforms or tuple(self.kb.platforms)
        facts = cat.grid(platforms, q.features, dict(q.scopes), dict(q.items))
        notes = self._notes(cat, q, platforms, q.features)
        ph = self.phraser
        body: list[Line] = [
            Line(self.kb.features[f].description, label=self.names[f], mark="definition") for f in q.features if q.definition
        ]
        labelled = len(facts) > 1
        body += [line for f in facts if (line := ph.body_line(f, labelled=labelled)) is not None]
        body += self._ended(cat, q.scopes)
        bottom = ph.fact_line(facts[0], self._horizon(cat)) if len(facts) == 1 else self._summary(facts, platforms, q.features)
        return _Found("fact", platforms, q.features, facts, notes, bottom, tuple(body))

    def _which(self, q: Query, cat: Catalog) -> _Found:
        if len(q.features) > 1:  # "which platforms have both X and Y?": those meeting them all
            return replace(self._recommend(q, cat), intent="which")
        feature = q.features[0]
        considered = q.platforms if len(q.platforms) >= 2 else tuple(self.kb.platforms)
        facts = cat.grid(considered, (feature,), dict(q.scopes), dict(q.items))
        words = set(phrase_key(q.text).split())
        meets = {f.platform: self._meets(cat, words, f, q.negated) for f in facts}
        chosen = tuple(p for p in considered if meets[p])
        name = self.names[feature]
        head = "Without" if q.negated else "With"
        if chosen:
            bottom = f"{head} {name}: {self._chosen(chosen, meets)}."
        else:
            verb = "have" if q.negated else "has"
            bottom = f"{'All' if q.negated else 'None'} of {join([self.names[p] for p in considered])} {verb} {name}."
        before = self._before(facts, q.negated)
        if before is not None and set(before[0]) != set(chosen):
            bottom = bottom[:-1] + f" (in {before[1]}: {join([self.names[p] for p in before[0]])})."
        ph = self.phraser
        body = [Line(f"{ph.state(f)}.", label=ph.subject(f), mark=f.support or "value") for f in facts]
        body.insert(0, Line(self.kb.features[feature].description, label=name, mark="definition"))
        notes = self._notes(cat, q, considered, (feature,))
        return _Found("which", chosen, (feature,), facts, notes, bottom, tuple(body), considered=considered)

    def _recommend(self, q: Query, cat: Catalog) -> _Found:
        considered = q.platforms if len(q.platforms) >= 2 else tuple(self.kb.platforms)
        facts = cat.grid(considered, q.features, dict(q.scopes), dict(q.items))
        words = set(phrase_key(q.text).split())
        meets: dict[str, tuple[str, ...] | bool] = {}
        # Each requirement is met, or gone without, on its own ("no <row> to babysit, and <row>: what fits?"); a
        # capability asked to go without ("we need no <row>") is no requirement: nobody needs a platform to lack it.
        gone_rows = {f for f in q.negated_features if self.kb.features[f].kind != "capability"}
        dropped = set(q.negated_features) - gone_rows
        if dropped >= set(q.features) - gone_rows:  # nothing else asked: "which of them lack <row>?"
            gone_rows, dropped = set(q.negated_features), set()
        for p in considered:
            per = [
                self._meets(cat, words, f, f.feature in gone_rows, listed=True)
                for f in facts
                if f.platform == p and f.feature not in dropped
            ]
            meets[p] = _all_met(per)
        chosen = tuple(p for p in considered if meets[p])
        wanted = [self.names[f] for f in q.features if f not in gone_rows and f not in dropped]
        gone = [self.names[f] for f in q.features if f in gone_rows]
        reqs = ", ".join([*([join(wanted)] if wanted else []), *([f"without {join(gone)}"] if gone else [])])
        if chosen:
            met = f"Meets all of {reqs}" if wanted else reqs[0].upper() + reqs[1:]
            bottom = f"{met}: {self._chosen(chosen, meets)}."
        else:
            bottom = f"No platform meets all of {reqs}; the table shows each one's cells."
        table = self.phraser.table(facts, considered, q.features)
        notes = self._notes(cat, q, chosen or considered, q.features)
        return _Found("recommend", chosen, q.features, facts, notes, bottom, (), table, considered=considered)

    def _compare(self, q: Query, cat: Catalog) -> _Found:
        platforms = q.platforms if len(q.platforms) >= 2 else tuple(self.kb.platforms)
        features = q.features or cat.features
        facts = cat.grid(platforms, features, dict(q.scopes), dict(q.items))
        notes = self._notes(cat, q, platforms, q.features) if q.features else ()
        if len(features) == 1:
            bottom = self._summary(facts, platforms, features)
        else:
            values: dict[str, set[str | None]] = {}
            for x in facts:
                values.setdefault(x.feature, set()).add(x.value)
            differ = [f for f in features if len(values.get(f, ())) > 1]
            first = self.kb.first_source
            changed = sum(1 for f in facts if f.changed and f.first is not None and f.first.citation.source == first)
            bottom = (
                f"{join([self.phraser.column(facts, p) for p in platforms])} compared on {len(features)} rows: "
                f"they differ on {len(differ)}"
                + (f"; {changed} cells have changed since {month(self.first_date)} (marked †)" if changed and self.first_date else "")
                + "."
            )
        table = self.phraser.table(facts, platforms, features)
        return _Found("compare", platforms, q.features, facts, notes, bottom, (), table)

    def _overview(self, q: Query, cat: Catalog) -> _Found:
        if len(q.platforms) > 1:
            return self._overviews(q, cat)
        p = q.platforms[0]
        platform = self.kb.platforms[p]
        scope = q.scope_of(p)
        notes = tuple(
            n
            for c in self.kb.caveats.values()
            if p in c.platforms and c.kind != "note" and (n := cat.notes.get(c.id)) and n.ended is None and _in_scope(n, scope)
        )
        facts = cat.grid((p,), cat.features, dict(q.scopes), dict(q.items))
        lead = first_sentence(platform.summary)
        bottom = f"{self.names[f'{p}/{scope}'] if scope else platform.name}: {lead}"
        rest = platform.summary[len(lead) :].strip()
        body = [Line(rest, mark="definition")] if rest else []
        body += self._ended(cat, [(p, scope)] if scope else [])
        table = self.phraser.table(facts, (p,), cat.features)
        return _Found("overview", (p,), (), facts, notes, bottom, tuple(body), table)

    def _overviews(self, q: Query, cat: Catalog) -> _Found:
        """What each of several platforms is, a line each ("what are X, Y and Z, in a nutshell?"), then their rows."""
        platforms = q.platforms
        leads = []
        body = []
        for p in platforms:
            platform = self.kb.platforms[p]
            lead = first_sentence(platform.summary)
            leads.append(f"{platform.name}: {lead.rstrip('.')}")
            rest = platform.summary[len(lead) :].strip()
            if rest:
                body.append(Line(f"{platform.name}: {rest}", mark="definition"))
        facts = cat.grid(platforms, cat.features, dict(q.scopes), dict(q.items))
        table = self.phraser.table(facts, platforms, cat.features)
        return _Found("overview", platforms, (), facts, (), "; ".join(leads) + ".", tuple(body), table)

    def _caveat(self, q: Query, cat: Catalog) -> _Found:
        wanted = set(q.platforms)
        ranked = [self.kb.caveats[c] for c in q.caveats if not wanted or wanted & set(self.kb.caveats[c].platforms)]
        if q.caveat_list or not ranked:
            ranked += (
                self.kb.caveats_for(q.platforms, q.features)
                if q.features
                else [c for c in self.kb.caveats.values() if wanted & set(c.platforms) and c.kind != "note"]
            )
        asked = set(q.caveats)
        notes = tuple(
            n
            for c in dict.fromkeys(ranked)
            if (n := cat.notes.get(c.id)) and (n.ended is None or n.id in asked)
            if all(_in_scope(n, q.scope_of(p)) for p in n.platforms if p in wanted)
        )
        notes = tuple(sorted(notes, key=lambda n: n.ended is not None))  # what is true today leads
        platforms = q.platforms or tuple(dict.fromkeys(p for n in notes[:1] for p in n.platforms))
        facts = cat.grid(platforms, q.features, dict(q.scopes), dict(q.items))
        ph = self.phraser
        if notes and (notes[0].ended is None or not facts):
            top = notes[0]
            where = top.scope_name or join([self.names[p] for p in top.platforms])
            bottom = f"{top.title} ({where}): {first_sentence(top.text)}"
            if top.ended is not None:
                bottom = f"No longer true {since(top.ended)}: {top.title} ({where}); {top.ended.value}."
        elif facts:  # nothing to watch out for today: the answer is the fact, the retired caveat its history
            bottom = ph.fact_line(facts[0], self._horizon(cat))
        else:
            bottom = f"I have no caveat recorded for {join([self.names[p] for p in platforms])}."
        lines = [ph.note_line(n) for n in notes]
        if notes and notes[0].ended is None:  # the bottom line said the first sentence of the first note
            rest = lines[0].text[len(first_sentence(notes[0].text)) :].strip()
            lines[0] = Line(rest, mark=lines[0].mark) if rest else Line("", mark=lines[0].mark)
        body = [x for x in lines if x.text] + [line for f in facts if (line := ph.body_line(f, labelled=True))]
        return _Found("caveat", platforms, q.features, facts, notes, bottom, tuple(body))

    def _help(self, q: Query, cat: Catalog) -> _Found:
        platforms = join([self.names[p] for p in self.kb.platforms])
        rows = [self.names[f] for f in cat.features]
        bottom = (
            f"I answer questions about {platforms}: {len(rows)} topics, from {rows[0]} to {rows[-1]}, "
            "plus the caveats behind them. Every answer is dated and cites its sources."
        )
        body = [Line(", ".join(rows) + ".", label="Topics", mark="definition")]
        return _Found("help", (), (), (), (), bottom, tuple(body))

    def _unknown(self, q: Query, cat: Catalog) -> _Found:
        refusals = [self.lexicon.refusals[n] for n in q.not_covered if n in self.lexicon.refusals]
        if q.not_covered:
            bottom = f"I can't answer that: I don't cover {join(list(q.not_covered))}."
        else:
            bottom = "I don't know that one, and I'd rather say so than guess."
        body = [Line(r.pointer, label=r.name, mark="note") for r in refusals]
        if self._see(q, cat):
            body.append(Line("The vendors' own pages on it are listed under the sources.", mark="note"))
        rows = [self.names[f] for f in cat.features]
        platforms = join([self.names[p] for p in self.kb.platforms])
        body.append(
            Line(
                f"I cover {platforms} on {len(rows)} topics, from {rows[0]} to {rows[-1]}; ask me for help to see them all.",
                mark="definition",
            )
        )
        return _Found("unknown", (), (), (), (), bottom, tuple(body))

    # -- helpers ----------------------------------------------------------------------

    def _horizon(self, cat: Catalog) -> dt.date:
        """Values dated before this are past the freshness policy on the answer's date."""
        return cat.when - dt.timedelta(days=self.kb.policy.stale_after_days)

    def _ended(self, cat: Catalog, scopes: Iterable[tuple[str, str]]) -> list[Line]:
        """A line for each scope asked about that is no longer part of its platform."""
        return [Line(f"{d.value} ({since(d)})", label=d.scope_name or "", mark="note") for p, s in scopes if (d := cat.ended.get((p, s)))]

    def _meets(self, cat: Catalog, words: set[str], f: Fact, negated: bool, *, listed: bool = False) -> tuple[str, ...] | bool:
        """Does this fact meet the question's requirement? True, False, or the scopes under which it does.

        Capability rows, and a descriptive row's item asked alone (``Feature.items``), answer by support (a scope that
        has it counts); other descriptive rows match on the
        words that set a value apart in its row ("gVisor", "VM"): a question naming none is met by all, except
        on a row whose values say when a platform does without the thing (``Feature.without``).
        """
        if f.value is None:
            return False
        kind = self.kb.features[f.feature].kind
        if kind == "capability" or f.support is not None:
            want = "no" if negated else "yes"
            if f.scopes:
                ok = tuple(d.scope for d in f.scopes if d.support == want and d.scope)
                return True if len(ok) == len(f.scopes) else ok
            return f.support == want
        without = self.without.get(f.feature, ())
        row = cat.value_words.get(f.feature, {})
        named = any(k & words for k in row.values())
        if without and (negated or not (named or listed)):
            # "Which can I use without a cluster?": the cells whose value says the platform does without it;
            # "which need a cluster first?": the others (in a list of requirements, a row named plainly is no
            # demand for either).
            def meets(value: str) -> bool:
                key = f" {phrase_key(value)} "
                return any(w in key for w in without) == negated

            if f.scopes:
                ok = tuple(d.scope for d in f.scopes if d.scope and meets(d.value))
                return True if len(ok) == len(f.scopes) else ok
            return meets(f.value)
        if not named:
            return True
        if f.scopes:
            ok = tuple(d.scope for d in f.scopes if d.scope and row.get(f"{f.platform}/{d.scope}", frozenset()) & words)
            return True if len(ok) == len(f.scopes) else ok
        key = f"{f.platform}/{f.scope}" if f.scope else f.platform
        return bool(row.get(key, frozenset()) & words) != negated

    def _chosen(self, chosen: Sequence[str], meets: dict[str, tuple[str, ...] | bool]) -> str:
        out = []
        for p in chosen:
            m = meets[p]
            if isinstance(m, tuple):
                out.append(f"{self.names[p]} (only {join([self.names[f'{p}/{s}'] for s in m], 'or')})")
            else:
                out.append(self.names[p])
        return join(out)

    def _before(self, facts: Sequence[Fact], negated: bool) -> tuple[list[str], str] | None:
        """Which platforms met a capability requirement by the first values on record, if any changed."""
        changed = [f for f in facts if f.changed and f.first is not None]
        if not changed or self.kb.features[facts[0].feature].kind != "capability":
            return None
        want = "no" if negated else "yes"
        before = [f.platform for f in facts if f.first is not None and f.first.support == want]
        return before, month(min(f.first.since for f in changed if f.first is not None))

    def _summary(self, facts: Sequence[Fact], platforms: Sequence[str], features: Sequence[str]) -> str:
        """Several facts in one sentence: per feature, each platform's short answer."""
        ph = self.phraser
        if len(platforms) == 1 and len(features) > 1:
            parts = [f"{self.names[f.feature]} {ph.short(f)}" for f in facts]
            return f"{ph.subject(facts[0])}: {'; '.join(parts)}." if facts else "Nothing recorded."
        rows = []
        for fid in features:
            parts = [f"{ph.subject(f)} {ph.short(f)}" + (f" ({since(_latest(f))})" if f.changed else "") for f in facts if f.feature == fid]
            rows.append(f"{self.names[fid]}: {', '.join(parts)}")
        return "; ".join(rows) + "."

    def _notes(self, cat: Catalog, q: Query, platforms: Iterable[str], features: Iterable[str]) -> tuple[Note, ...]:
        """Caveats still true for these platforms (at the scopes asked) and features, and those the question triggered."""
        ps = set(platforms)
        related = self.kb.caveats_for(ps, features)
        extra = [self.kb.caveats[c] for c in q.caveats if ps & set(self.kb.caveats[c].platforms)]
        ordered = sorted(dict.fromkeys(related + extra), key=lambda c: c.kind == "note")
        out = []
        for c in ordered:
            n = cat.notes.get(c.id)
            if n and n.ended is None and all(_in_scope(n, q.scope_of(p)) for p in n.platforms if p in ps):
                out.append(n)
        return tuple(out)

    def _phrasing(self, found: _Found, q: Query, provenance: Provenance, see: tuple[Citation, ...]) -> Phrasing:
        """The answer's sentences: the builder's bottom line and body, then what every answer adds."""
        ph = self.phraser
        facts, notes = found.facts, found.notes
        labelled = len(facts) > 1
        body = list(found.body)
        if q.not_covered and found.intent != "unknown":
            pages = " The vendors' own pages on it are listed under the sources." if see else ""
            body.append(Line(f"I can't speak to {join(list(q.not_covered))}: I don't cover it.{pages}", mark="gap"))
        in_body = found.intent == "caveat"
        return Phrasing(
            bottom_line=found.bottom,
            body=tuple(body),
            table=found.table,
            legend=ph.legend(facts) if found.table is not None else (),
            caveats=() if in_body else tuple(ph.note_line(n) for n in notes),
            history=() if found.table is not None else tuple(ph.history_line(f, d, labelled=labelled) for f in facts for d in f.history),
            sources=sources(provenance.citations),
            age=age(
                provenance.newest,
                provenance.oldest,
                provenance.answered_as_of,
                provenance.stale_after_days,
                dated=provenance.dated,
                stale=provenance.stale,
            ),
        )

    def _see(self, q: Query, cat: Catalog) -> tuple[Citation, ...]:
        """The vendors' pages on the subjects the question names that I do not cover, for the platforms it asks about."""
        if not q.not_covered:
            return ()
        asked = q.mentioned_platforms or tuple(self.kb.platforms)
        refusals = [self.lexicon.refusals[n] for n in q.not_covered if n in self.lexicon.refusals]
        refs = [ref for r in refusals for p in self.kb.platforms if p in asked for ref in r.see.get(p, ())]
        return tuple(dict.fromkeys(cat.cite(ref) for ref in refs if self.kb.sources[ref.source].date <= cat.when))

    def _provenance(self, cat: Catalog, found: _Found, see: tuple[Citation, ...], *, dated: bool) -> Provenance:
        """Where the answer's facts come from, then the vendors' pages on what it does not cover (``see``)."""
        current = [d for f in found.facts for d in f.current]
        past = [d for f in found.facts for d in f.history]
        cites = [d.citation for d in current] + [n.citation for n in found.notes] + [c.citation for n in found.notes for c in n.changes]
        if found.intent == "overview":
            cites[:0] = [cat.cite(self.kb.platforms[p].cite) for p in found.platforms]
        cites += sorted((d.citation for d in past), key=lambda c: c.date)
        cites += see
        unique = tuple(dict.fromkeys(cites))
        dates = [d.confirmed for d in current] + [n.citation.date for n in found.notes]
        newest = max(dates, default=None)
        oldest = min([*dates, *(d.since for d in past)], default=None)
        stale_after = self.kb.policy.stale_after_days
        stale = newest is not None and (cat.when - newest).days > stale_after
        return Provenance(unique, cat.when, oldest, newest, stale, stale_after, self.kb.version, dated)

    def _confidence(self, q: Query, intent: Intent) -> float:
        if intent == "unknown":
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

    def _suggest(self, q: Query, found: _Found, confidence: float) -> tuple[Suggestion, ...]:
        """Questions the bot can answer: for help and unknowns, and as "did you mean" for unsure answers."""
        if found.intent == "help":
            return self.examples
        if found.intent != "unknown" and confidence >= LOW_CONFIDENCE:
            return ()
        out: list[Suggestion] = []
        if found.intent != "unknown":
            out.append(Suggestion(canonical_question(found.intent, found.platforms, found.features, self.names), q))
        # The nearest rows: what the question named (a platform, a word of a row) asked in a way the bot answers, or
        # the rows the knowledge puts nearest to a subject it refuses.
        near = [f for n in q.not_covered if (r := self.lexicon.refusals.get(n)) for f in r.near]
        for f in tuple(dict.fromkeys(q.features or near or q.nearest))[:2]:
            for p in q.mentioned_platforms[:2]:
                out.append(Suggestion(canonical_question("fact", (p,), (f,), self.names), structured("fact", (p,), (f,))))
            if not q.mentioned_platforms:
                out.append(Suggestion(f"which platforms have {self.names[f]}?", structured("which", (), (f,))))
        for p in q.mentioned_platforms[:2]:
            out.append(Suggestion(f"tell me about {self.names[p]}", structured("overview", (p,))))
        out += self.examples[:3]
        return tuple(dict((s.text, s) for s in out).values())[:MAX_SUGGESTIONS]


_BUILDERS = {
    "fact": Engine._fact,
    "which": Engine._which,
    "compare": Engine._compare,
    "overview": Engine._overview,
    "caveat": Engine._caveat,
    "recommend": Engine._recommend,
    "help": Engine._help,
    "unknown": Engine._unknown,
}


def _all_met(per: Sequence[tuple[str, ...] | bool]) -> tuple[str, ...] | bool:
    """A platform meets every requirement outright, under the scopes that meet them all, or not at all."""
    if all(p is True for p in per):
        return True
    if any(p is False for p in per):
        return False
    scoped = [set(p) for p in per if isinstance(p, tuple)]
    common = set.intersection(*scoped) if scoped else set()
    return tuple(sorted(common)) if common else False


def _latest(f: Fact) -> Dated:
    """The newest of a fact's current values (the one its answer changed with)."""
    return max(f.current, key=lambda d: d.since)


def _in_scope(n: Note, scope: str | None) -> bool:
    """A note about one scope counts when no scope, or that scope, was asked for."""
    return n.scope is None or scope is None or n.scope == scope


def _known_by(q: Query, cat: Catalog, names: dict[str, str]) -> Query:
    """The query without rows that had no value yet on the answer's date: those are named as not covered
    then, and a question left with nothing it can answer becomes unknown (or its caveats, if it has some)."""
    missing = [f for f in q.features if f not in cat.kb.features]
    if not missing or q.intent in ("unknown", "help"):
        return q
    kept = tuple(f for f in q.features if f in cat.kb.features)
    intent: Intent = q.intent
    if not kept:
        intent = "caveat" if q.caveats else "unknown"
    return replace(q, intent=intent, features=kept, not_covered=(*q.not_covered, *(names[f] for f in missing)))


def _lifted(q: Query, cat: Catalog) -> Query:
    """A question read for the caveats its words hint at ("how do I add a sidecar on X?"), when every one of them had
    ended by the answer's date, asks for the fact it names: the limitation lifted is that fact's history. A question
    asking for a platform's limitations in so many words still gets them."""
    if q.intent != "caveat" or not q.features or not q.caveats or q.caveat_list:
        return q
    notes = [cat.notes.get(c) for c in q.caveats]
    if all(n is not None and n.ended is not None for n in notes):
        return replace(q, intent="fact")
    return q


def _examples(kb: KnowledgeBase) -> tuple[Suggestion, ...]:
    """Example questions drawn from the knowledge: a fact, a comparison, a which, an overview."""
    ps = list(kb.platforms)
    fs = [f for f in kb.features.values() if f.kind == "capability"]
    out: list[Suggestion] = []
    if ps and fs:
        p, f = kb.platforms[ps[-1]], fs[min(len(fs) - 1, 4)]
        out.append(Suggestion(f"{p.name}: {f.name}?", structured("fact", (p.id,), (f.id,))))
    if len(ps) >= 2 and fs:
        f = fs[0]
        a, b = kb.platforms[ps[0]], kb.platforms[ps[1]]
        out.append(Suggestion(f"compare {a.name} and {b.name} on {f.name}", structured("compare", (a.id, b.id), (f.id,))))
    if fs:
        f = fs[-1]
        out.append(Suggestion(f"which platforms have {f.name}?", structured("which", (), (f.id,))))
    for p in kb.platforms.values():
        out.append(Suggestion(f"tell me about {p.name}", structured("overview", (p.id,))))
        break
    return tuple(out)


def canonical_question(intent: str, platforms: Sequence[str], features: Sequence[str], names: Mapping[str, str]) -> str:
    """A plain wording of what the bot understood, which it would answer the same way."""
    n = names
    ps = " and ".join(n.get(p, p) for p in platforms)
    fs = " and ".join(n.get(f, f) for f in features)
    if intent == "fact" and platforms and features:
        return f"{ps}: {fs}?"
    if intent == "compare":
        return f"compare {ps}" + (f" on {fs}" if fs else "")
    if intent == "overview":
        return f"tell me about {ps}"
    if intent in ("which", "recommend"):
        return f"which platforms have {fs}?"
    return ps or fs
