"""Every fact and note of a knowledge base as it stood on one date, resolved once and shared by answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from bot.answer.model import Citation, Dated, Fact, Note, Support
from bot.knowledge import Change, Entry, KnowledgeBase, Ref
from bot.text import phrase_key
from bot.understand.vocabulary import FUNCTION_WORDS


class Catalog:
    """The facts of ``kb.as_of(when)``: per platform x feature, and per scope of it.

    A scope's value is the newest entry for that scope or for the whole platform. The platform's
    value is its scopes' value when they agree; when they differ it lists each scope's value, and
    its support is ``partial`` where the scopes disagree on yes or no.
    """

    def __init__(self, kb: KnowledgeBase, when: dt.date) -> None:
        self.when = when
        self.kb = kb.as_of(when)
        self._cites: dict[Ref, Citation] = {}
        self.scope_names = {(p.id, s.id): s.name for p in kb.platforms.values() for s in p.scopes}
        self.facts: dict[tuple[str, str, str | None], Fact] = {}
        self.ended: dict[tuple[str, str], Dated] = {}
        for pid, platform in self.kb.platforms.items():
            for s in platform.scopes:
                if s.ended is not None and s.ended.effective <= when:
                    e = s.ended
                    self.ended[(pid, s.id)] = Dated(
                        f"{pid}.{s.id}.ended",
                        e.note,
                        None,
                        e.effective,
                        e.precision,
                        None,
                        s.id,
                        s.name,
                        e.note,
                        self.cite(e.cite),
                        e.effective,
                    )
            active = tuple(s.id for s in platform.scopes if (pid, s.id) not in self.ended)
            for fid in self.kb.features:
                timeline = self.kb.timeline(pid, fid)
                gap = self.kb.gaps.get((pid, fid))
                # A question naming only the platform speaks for its scopes still part of it.
                self.facts[(pid, fid, None)] = self._fact(pid, fid, None, active if len(active) > 1 else (), timeline, gap, active)
                for s in platform.scopes:
                    self.facts[(pid, fid, s.id)] = self._fact(pid, fid, s.id, (), timeline, gap, active)
        # A caveat from a page published after the answer's date was not known then.
        self.notes = {c.id: self._note(c.id) for c in self.kb.caveats.values() if self.kb.sources[c.cite.source].date <= when}
        self.value_words = _distinctive_value_words(self)

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(self.kb.features)

    def fact(self, platform: str, feature: str, scope: str | None = None) -> Fact:
        return self.facts[(platform, feature, scope)]

    def grid(
        self,
        platforms: Iterable[str],
        features: Iterable[str],
        scopes: dict[str, str] | None = None,
        items: Mapping[str, str] | None = None,
    ) -> tuple[Fact, ...]:
        """Facts feature by feature, each across ``platforms`` (at the scope asked for each, if any); of a row whose
        item alone is asked (``items``: feature to item id), the yes or no the values say of that item."""
        ps = tuple(platforms)
        scopes = scopes or {}
        items = items or {}
        return tuple(_of_item(self.facts[(p, f, scopes.get(p))], items.get(f)) for f in features if f in self.kb.features for p in ps)

    def cite(self, ref: Ref) -> Citation:
        c = self._cites.get(ref)
        if c is None:
            s = self.kb.sources[ref.source]
            c = self._cites[ref] = Citation(s.id, s.title, s.publisher, s.date, ref.locator, s.url)
        return c

    # -- resolution ---------------------------------------------------------------

    def _dated(self, e: Entry | Change, for_scope: tuple[str, str] | None = None, start: Entry | None = None) -> Dated:
        """A dated value; ``for_scope`` labels it with the scope it stands for (a whole-platform value included);
        ``start`` is the entry the same answer has held since, when a later page only restated it."""
        scope = for_scope[1] if for_scope else e.scope
        if for_scope:
            scope_name = self.scope_names.get(for_scope)
        elif isinstance(e, Entry):
            scope_name = self.scope_names.get((e.platform, e.scope)) if e.scope else None
        else:
            scope_name = next((n for (_, s), n in self.scope_names.items() if s == e.scope), None) if e.scope else None
        support = e.support if isinstance(e, Entry) else None
        cite = self.cite(e.cite)
        confirmed = max(e.effective, cite.date) if cite.date <= self.when else e.effective  # a later page vouches for nothing earlier
        since, precision = (start.effective, start.precision) if start is not None else (e.effective, e.precision)
        items = e.items if isinstance(e, Entry) else ()
        return Dated(e.id, e.value, support, since, precision, e.stage, scope, scope_name, e.note, cite, confirmed, items)

    def _fact(
        self,
        pid: str,
        fid: str,
        scope: str | None,
        scopes: Sequence[str],
        timeline: Sequence[Entry],
        gap: str | None,
        active: Sequence[str],
    ) -> Fact:
        """``scope``: the scope asked about, if any; ``scopes``: the scopes a platform-level answer lists
        (none when they cannot differ); ``active``: the scopes still part of the platform."""

        def newest(s: str | None) -> Entry | None:
            return next((e for e in reversed(timeline) if e.scope is None or e.scope == s), None)

        def held_since(entry: Entry, s: str | None) -> Entry | None:
            """The first entry of the run of entries, up to ``entry``, that give the same answer: the same yes or
            no, or for a descriptive row the same value (a page restating it later moves nothing)."""
            run = [e for e in timeline if e.scope is None or e.scope == s]
            i = run.index(entry)
            while i > 0 and _same_answer(run[i - 1], entry):
                i -= 1
            return run[i] if run[i] is not entry else None

        scope_name = self.scope_names.get((pid, scope)) if scope else None
        # A platform that is now one scope answers from that scope's values, as the platform.
        lookup = scope or (active[0] if len(active) == 1 else None)
        relevant = [e for e in timeline if lookup is None or e.scope in (None, lookup)]
        if lookup is not None or not scopes:
            entry = newest(lookup)
            if entry is None:
                why = gap or (f"nothing is recorded for {scope_name}" if scope_name else "nothing is recorded yet")
                return Fact(pid, fid, None, None, (), scope, scope_name, gap=why)
            current: tuple[Dated, ...] = (self._dated(entry, start=held_since(entry, lookup)),)
            value, support, per = entry.value, _support(entry.support), tuple[Dated, ...]()
            shown = {entry}
        else:
            # Each scope's value, labelled with the scope it stands for there (a whole-platform value included).
            by_scope = [(s, e) for s in scopes if (e := newest(s)) is not None]
            if not by_scope:
                return Fact(pid, fid, None, None, (), gap=gap or "nothing is recorded yet")
            shown = {e for _, e in by_scope}
            unrecorded = tuple(self.scope_names[(pid, s)] for s in scopes if newest(s) is None)
            if len(shown) == 1 and not unrecorded:
                entry = by_scope[0][1]
                current = (self._dated(entry, start=held_since(entry, by_scope[0][0])),)
                value, support, per = entry.value, _support(entry.support), ()
            else:
                per = tuple(self._dated(e, (pid, s), held_since(e, s)) for s, e in by_scope)
                current = per
                supports = {e.support for _, e in by_scope}
                support = _support(next(iter(supports))) if len(supports) == 1 else "partial"
                value = "; ".join(f"{d.scope_name}: {d.value}" for d in per)
                value += f"; not recorded for {' or '.join(unrecorded)}" if unrecorded else ""
                return Fact(
                    pid,
                    fid,
                    value,
                    support,
                    current,
                    None,
                    None,
                    per,
                    self._history(relevant, shown),
                    first=self._dated(relevant[0]),
                    unrecorded=unrecorded,
                )
        return Fact(
            pid, fid, value, support, current, scope, scope_name, per, self._history(relevant, shown), first=self._dated(relevant[0])
        )

    def _history(self, relevant: Sequence[Entry], shown: set[Entry]) -> tuple[Dated, ...]:
        return tuple(self._dated(e) for e in relevant if e not in shown)

    def _note(self, cid: str) -> Note:
        c = self.kb.caveats[cid]
        changes = self.kb.changes.get(cid, ())
        ended = next((self._dated(x) for x in changes if x.ends), None)
        kept = tuple(self._dated(x) for x in changes if not x.ends)
        scope = c.scope
        scope_name = next((self.scope_names[(p, scope)] for p in c.platforms if scope and (p, scope) in self.scope_names), None)
        return Note(c.id, c.kind, c.title, c.note, c.platforms, c.scope, scope_name, c.features, self.cite(c.cite), kept, ended)


def _of_item(fact: Fact, item: str | None) -> Fact:
    """``fact`` answering yes or no for one of its row's items, where every value shown says which ("does <platform>
    run Arm64 images?": no); as it is where the row has its own yes or no, or a value is silent on the item."""
    if item is None or fact.support is not None or not fact.current or fact.first is None:
        return fact
    said = [dict(d.items).get(item) for d in (*fact.current, fact.first)]
    if None in said:
        return fact

    def of_item(ds: tuple[Dated, ...]) -> tuple[Dated, ...]:
        return tuple(replace(d, support=dict(d.items).get(item)) for d in ds)

    now = {_support(s) for s in said[:-1]}
    support: Support | None = next(iter(now)) if len(now) == 1 else "partial"
    scopes = of_item(fact.scopes)
    return replace(
        fact,
        support=support,
        current=scopes if fact.scopes else of_item(fact.current),
        scopes=scopes,
        history=of_item(fact.history),
        first=of_item((fact.first,))[0],
    )


def _same_answer(a: Entry, b: Entry) -> bool:
    """Do two values give the same answer: the same yes or no, or (without one) the same words?"""
    if a.support is not None or b.support is not None:
        return a.support == b.support
    return phrase_key(a.value) == phrase_key(b.value)


def _support(s: str | None) -> Support | None:
    return "yes" if s == "yes" else "no" if s == "no" else None


def _value_words(value: str) -> frozenset[str]:
    """A value's words, and each two neighbours written as one ("StackDriver" is also "stackdriver")."""
    words = phrase_key(value).split()
    return frozenset([*words, *(a + b for a, b in zip(words, words[1:], strict=False))])


def _distinctive_value_words(cat: Catalog) -> dict[str, dict[str, frozenset[str]]]:
    """Per descriptive row, and in it per platform (or ``platform/scope``), the words that set a value apart:
    not shared by every value of the row, not the row's own name (a "Spec" row's "Native Spec"), and no word that only
    joins others (the "a" of "billing of a group" does not make "which have a free tier?" name that value)."""
    rows: dict[str, dict[str, frozenset[str]]] = {}
    for (pid, fid, s), f in cat.facts.items():
        if cat.kb.features[fid].kind == "descriptive" and f.value is not None:
            rows.setdefault(fid, {})[f"{pid}/{s}" if s else pid] = _value_words(f.value)
    out: dict[str, dict[str, frozenset[str]]] = {}
    for fid, row in rows.items():
        feature = cat.kb.features[fid]
        label = set(phrase_key(f"{feature.row or ''} {feature.name}").split())
        generic = (
            frozenset.intersection(*row.values())
            | {w for ws in row.values() for w in ws if any(t.startswith(w) or w.startswith(t) for t in label)}
            | FUNCTION_WORDS
        )
        out[fid] = {key: words - generic for key, words in row.items()}
    return out
