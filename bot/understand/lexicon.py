"""Compile knowledge-base aliases, synonyms and triggers into matchable patterns.

A pattern is a sequence of stems; ``*`` in a phrase allows up to three words in
between. A leading ``~`` makes the phrase weak: it names its target only when
nothing stronger in the question does.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA, DamerauLevenshtein

from bot.knowledge import Caveat, KnowledgeBase, Refusal
from bot.text import LINK, stem, tokenize
from bot.understand import vocabulary

Kind = Literal[
    "platform",
    "scope",
    "hint",
    "guess",
    "vendor",
    "feature",
    "product",
    "context",
    "topic",
    "tool",
    "trigger",
    "narrow",
    "idiom",
    "unit",
]
GAP = "*"
NAME_REACH = 40  # characters before a name looked at for a capitalised word that holds it
MAX_GAP = 3
SPAN_REACH = 256  # messages of up to this many words find their matches' positions made in advance
CLEAR_LEAD = 2
"""How many of a question's words a row's phrases must share, and by how many more than any other row's, for the row
to be what a question no phrase matched is about."""

# When two patterns cover the same words, the higher rank wins the tie.
RANK: dict[str, int] = {
    "idiom": 7,
    "platform": 6,
    "scope": 6,
    "topic": 5,
    "feature": 4,
    "product": 3,
    "context": 2,
    "tool": 2,
    "hint": 1,
    "guess": 1,
    "vendor": 1,
    "trigger": 0,
    "narrow": 0,
    "unit": 0,
}
# The kinds of name that may be spelled out letter by letter.
SPELLED_KINDS = frozenset({"platform", "scope", "hint", "vendor", "product", "context", "feature"})
# The kinds of phrase that may be typed as one word.
JOINED_KINDS = frozenset({"platform", "scope", "hint", "product", "context", "feature"})
NARROWS = ">"
"""Joins a narrowing's two features in its pattern's target: "broader>narrower"."""


def phrase_elements(raw: str) -> tuple[str, ...]:
    """A phrase's words as its pattern matches them: stemmed, a gap kept, a weak mark dropped."""
    return tuple(GAP if t == GAP else stem(t) for t in tokenize(raw.lstrip("~")))


def narrowing_key(target: str, word: str) -> str:
    """The key of one narrowing word of a target ("broader>narrower"), for what it may take over."""
    return f"{target}\t{word}"


def split_narrowing(target: str) -> tuple[str, str]:
    """The broader and the narrower row of a narrowing pattern's target."""
    broader, narrower = target.split(NARROWS, 1)
    return broader, narrower


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: Kind
    target: str
    elements: tuple[str, ...]
    weak: bool
    phrase: str
    size: int  # words matched, gaps excluded
    rank: int  # which kind wins a tie
    contiguous: bool
    second: str | None  # the word right after the first, when there is one: most patterns fail on it


@dataclass(slots=True, unsafe_hash=True)  # not frozen: many are made per question, and a frozen one is slower to make
class Match:
    pattern: Pattern
    positions: tuple[int, ...]  # the token positions the pattern's words matched (gaps excluded)

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1] + 1


@dataclass
class Lexicon:
    by_first: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    vocabulary: list[str] = field(default_factory=list)
    platform_words: frozenset[str] = frozenset()
    caveats: dict[str, Caveat] = field(default_factory=dict)
    vendors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Vendor name -> the platforms its words may mean."""
    refusals: dict[str, Refusal] = field(default_factory=dict)
    """What the knowledge base knowingly does not cover, by name."""
    yielding: frozenset[str] = frozenset()
    """Rows that give way to another row named beside them (see ``Feature.yields``)."""
    qualifiers: frozenset[str] = frozenset()
    """Rows that often only say what kind of unit another row is asked about (see ``Feature.qualifies``)."""
    carriers: frozenset[str] = frozenset()
    """Rows that give way to a qualifying row named beside them and no other (see ``Feature.carries``)."""
    app_kinds: frozenset[str] = frozenset()
    """Rows whose words tell what kind of app the asker has (see ``Feature.names_apps``) or of unit it runs as (see
    ``Feature.qualifies``): "a Windows worker" still asks its row."""
    capabilities: frozenset[str] = frozenset()
    """Rows a platform has or lacks, as against rows that describe how it does a thing (``Feature.kind``)."""
    done_without: frozenset[str] = frozenset()
    """Rows whose going without is what is asked for ("without a cluster to create"; see ``Feature.without``)."""
    platforms: tuple[str, ...] = ()
    """Every platform's id, in the knowledge's order."""
    tools: str | None = None
    """The name of what the knowledge says about how tools themselves behave (see ``Refusal.kind``), if it says anything."""
    tool_rows: frozenset[str] = frozenset()
    """The rows about tools themselves (that refusal's ``near``): a report on a tool read as one of them is that row's."""
    narrowing_only: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)
    """A narrowing's target and word (:func:`narrowing_key`) -> the broader row's phrases it may take over (as their
    patterns' words, :func:`elements`), for narrowings limited to some (``Narrowing.only``)."""
    items: dict[str, tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]] = field(default_factory=dict)
    """A row -> its items (see ``Feature.items``), each with its words (as :func:`phrase_elements`)."""
    _added: set[tuple[Kind, str, tuple[str, ...], bool]] = field(default_factory=set)
    """Each pattern added, by what it matches: phrases that read the same ("soil probe", "soil probes") are one."""
    _split_names: dict[tuple[str, str], str] = field(default_factory=dict)
    """A one-word platform name typed as two words ("far gate"), by its two stems."""
    _two_word_names: dict[str, list[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(list))
    """Platform names of two words, by each of their words: where one word is typed wrong, the other finds them."""
    _name_words: frozenset[str] = frozenset()
    """The words a mended name may start from: most words are none, and are passed over at once."""
    _short_names: dict[str, str] = field(default_factory=dict)
    """A platform's short name (three or four letters) with one letter a neighbouring key off, by the word typed."""
    _split_words: dict[tuple[str, str], str] = field(default_factory=dict)
    """A one-word phrase of a row typed as two words ("terra form", "web sockets"), by its two stems."""
    proper_names: dict[str, str] = field(default_factory=dict)
    """Names that mean a platform only as written, capitalised (``Platform.proper_names``) -> the platform's id."""
    _proper: re.Pattern[str] | None = None
    """The proper names as one pattern, longest first (built with the lexicon; None where there are none)."""
    links: tuple[tuple[str, str], ...] = ()
    """Parts of a link that name a platform (``Platform.links``), each with the platform's id."""
    _spans: list[list[tuple[int, ...]]] = field(default_factory=list)
    """The positions of a run of words, by its size and first word (``SPAN_REACH`` words; made with the lexicon)."""
    _spelled: frozenset[str] = frozenset()
    """Short names that may be spelled out letter by letter ("a c i", as a dictated question has them)."""

    def caveat_fits(self, caveat: str, platforms: Sequence[str], scopes: Sequence[tuple[str, str]] = ()) -> bool:
        """A caveat can answer a question that names none of the platforms, or one of its own, unless the question
        names another scope of it than the caveat's own."""
        c = self.caveats[caveat]
        if platforms and not set(c.platforms) & set(platforms):
            return False
        asked = {s for p, s in scopes if p in c.platforms}
        return c.scope is None or not asked or c.scope in asked

    def caveat_about(self, caveat: str, features: Sequence[str]) -> bool:
        """Is the caveat about one of these features?"""
        return bool(set(self.caveats[caveat].features) & set(features))

    def caveat_adds(self, caveat: str, features: Sequence[str]) -> bool:
        """Does this advice or limitation say something beyond the features asked about?

        A caveat about one of them rides along with the fact anyway; one about something
        else ("a logging agent on every node") is what the question is really after.
        """
        return self.caveats[caveat].kind != "note" and not self.caveat_about(caveat, features)

    def add(self, kind: Kind, target: str, phrases: Iterable[str]) -> None:
        for raw in phrases:
            weak = raw.startswith("~")
            elements = phrase_elements(raw)
            if not elements or elements[0] == GAP or elements[-1] == GAP:
                continue
            if (kind, target, elements, weak) in self._added:
                continue  # matched already, by a phrase that stems the same: a second one would only match twice
            self._added.add((kind, target, elements, weak))
            size = len(elements) - elements.count(GAP)
            second = elements[1] if len(elements) > 1 and elements[1] != GAP else None
            pattern = Pattern(kind, target, elements, weak, raw, size, RANK[kind], GAP not in elements, second)
            self.by_first[elements[0]].append(pattern)

    def items_named(self, words: Sequence[str], features: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """(row, item) for each row in ``features`` that lists items and of which ``words`` (stems) name one only
        ("does <platform> run arm64 images?"; not "x86 or arm?", which asks what the row says)."""
        named = []
        for f in features:
            said = [item for item, phrases in self.items.get(f, ()) if any(_holds(words, p) for p in phrases)]
            if len(said) == 1:
                named.append((f, said[0]))
        return tuple(named)

    def finish(self) -> None:
        words = {e for pats in self.by_first.values() for p in pats for e in p.elements if e != GAP}
        cues = {stem(w) for w in vocabulary.CUE_WORDS}  # a cue word typed wrong is read as the cue ("limitatons")
        self.vocabulary = sorted(w for w in words | cues if len(w) >= 4 and w.isalpha())
        # the vocabulary's words by their first letter, in its order (a word typed wrong mostly keeps its first
        # letter), and by all but their first letter (the words one edit at the first letter away)
        self._by_letter: dict[str, list[str]] = {}
        self._by_tail: dict[str, list[str]] = {}
        for w in self.vocabulary:
            self._by_letter.setdefault(w[0], []).append(w)
            self._by_tail.setdefault(w[1:], []).append(w)
        self._in_vocabulary = frozenset(self.vocabulary)
        words |= self._add_joined(words)
        if self.proper_names:
            longest_first = sorted(self.proper_names, key=len, reverse=True)
            self._proper = re.compile(r"\b(" + "|".join(re.escape(n) for n in longest_first) + r")\b")
        self.platform_words = frozenset(e for pats in self.by_first.values() for p in pats if p.kind == "platform" for e in p.elements)
        for pats in self.by_first.values():
            pats.sort(key=lambda p: (-p.size, -p.rank))
        # Most patterns fail on their second word: each first word's patterns, by the word that must come next (those
        # of one word go with any next word). Patterns with a gap right after the first word are looked up by the word
        # after the gap instead, among the next few words.
        self._by_pair: dict[tuple[str, str | None], list[Pattern]] = {}
        self._gapped: dict[str, dict[str, list[Pattern]]] = {}
        for first, pats in self.by_first.items():
            for after in {p.second for p in pats} | {None}:
                self._by_pair[(first, after)] = [p for p in pats if (p.second == after if p.second else p.contiguous)]
            for p in pats:
                if p.second is None and not p.contiguous:
                    self._gapped.setdefault(first, {}).setdefault(p.elements[2], []).append(p)
        # the rows' phrases with a gap, by their first word: what may fit once a platform's name is taken out
        self._gapped_rows: dict[str, list[Pattern]] = {}
        for first, pats in self.by_first.items():
            gapped_rows = [p for p in pats if p.kind == "feature" and not p.contiguous]
            if gapped_rows:
                self._gapped_rows[first] = gapped_rows
        self._known = frozenset(words)
        self._spans = _spans_up_to(SPAN_REACH, 1 + max(p.size for pats in self.by_first.values() for p in pats))
        self.correct = lru_cache(maxsize=4096)(self._correct)
        plain = vocabulary.STOPWORDS | vocabulary.CUE_WORDS
        # In the knowledge's order, so that rows sharing as many words come out the same way in every process (a set
        # of strings iterates in an order that changes from one process to the next).
        rows: dict[str, dict[str, None]] = defaultdict(dict)
        for pats in self.by_first.values():
            for p in pats:
                if p.kind == "feature":
                    for e in p.elements:
                        if e != GAP and e not in plain and not e.isdigit():
                            rows[e][p.target] = None
        self._rows_of_word = {w: tuple(t) for w, t in rows.items()}
        for pats in self.by_first.values():
            for p in pats:
                if p.kind != "platform" or not p.contiguous:
                    continue
                if p.size == 1 and len(p.elements[0]) >= 6 and p.elements[0].isalpha():
                    name = p.elements[0]
                    for i in range(3, len(name) - 2):
                        self._split_names[(stem(name[:i]), stem(name[i:]))] = name
                elif p.size == 2:
                    for e in p.elements:
                        if p.elements not in self._two_word_names[e]:  # a name may be both a name and an alias
                            self._two_word_names[e].append(p.elements)
        for names in self._two_word_names.values():
            for a, b in names:
                self._split_names.pop((a, b), None)  # a two-word name is a name as it stands
        self._name_words = frozenset({a for a, _ in self._split_names} | set(self._two_word_names))
        # A short platform name a key off ("acu"), unless the slip makes a word of its own or one we know.
        short = {
            p.elements[0]
            for pats in self.by_first.values()
            for p in pats
            if p.kind == "platform" and p.size == 1 and 3 <= len(p.elements[0]) <= 4 and p.elements[0].isalpha()
        }
        english = vocabulary.english_words()
        self._spelled = frozenset(
            p.elements[0]
            for pats in self.by_first.values()
            for p in pats
            if p.size == 1
            and p.kind in SPELLED_KINDS
            and p.elements[0].isalpha()
            and len(p.elements[0]) <= 5
            and p.elements[0] not in english
        )
        for name in sorted(short):
            for typed in _fat_fingered(name):
                if typed not in self._known and typed not in english and typed not in vocabulary.STOPWORDS:
                    self._short_names.setdefault(typed, name)
        # A row's one-word phrase typed as two words, neither a word that carries nothing on its own ("a live" is no
        # "alive"), where the two words are not a phrase as they stand ("time out").
        phrase_starts = {p.elements[:2] for pats in self.by_first.values() for p in pats if p.size > 1}
        for pats in self.by_first.values():
            for p in pats:
                word = p.elements[0]
                if p.kind != "feature" or p.size != 1 or len(word) < 4 or not word.isalpha():
                    continue
                for i in range(1, len(word) - 2):
                    a, b = stem(word[:i]), stem(word[i:])
                    if a not in vocabulary.STOPWORDS and b not in vocabulary.STOPWORDS and (a, b) not in phrase_starts:
                        self._split_words.setdefault((a, b), word)

    def _add_joined(self, known: set[str]) -> set[str]:
        """Each two-word name or phrase typed as one word ("containergroup", "startuptime") is read as the phrase,
        where that word is no word of its own: returns the words added."""
        english = vocabulary.english_words()
        added: set[str] = set()
        for pats in list(self.by_first.values()):
            for p in list(pats):
                said = tokenize(p.phrase.lstrip("~"))
                if p.kind not in JOINED_KINDS or len(said) != 2 or not p.contiguous:
                    continue
                if not all(w.isalpha() and len(w) >= 3 and w not in vocabulary.CLAUSE_WORDS for w in said):
                    continue
                for word in sorted({stem("".join(said)), stem("".join(stem(w) for w in said))}):
                    if word in known or word in english or word in added:
                        continue
                    added.add(word)
                    self.by_first[word].append(Pattern(p.kind, p.target, (word,), p.weak, p.phrase, 1, p.rank, True, None))
        return added

    def named_properly(self, text: str) -> str:
        """The text with each platform name that counts only as written (two capitalised everyday words) as the
        platform's id, unless a capitalised word before it makes it part of another name."""
        if self._proper is None or not any(n in text for n in self.proper_names):  # most messages hold none
            return text

        def named(m: re.Match[str]) -> str:  # not where a name of its own holds it ("Confidential <name>")
            before = text[max(m.start() - NAME_REACH, 0) : m.start()].split()
            held = bool(before) and before[-1][:1].isupper() and before[-1].lower() not in vocabulary.STOPWORDS
            return m[0] if held else self.proper_names[m[0]]

        return self._proper.sub(named, text)

    def linked(self, text: str) -> str:
        """The text with each link to a platform's own pages or addresses as the platform's id ("per
        https://<its docs>/... - can we ...?" asks of it); other links stay, to be dropped with the rest."""
        if "://" not in text or not self.links:  # most messages hold no link
            return text

        def named(m: re.Match[str]) -> str:
            link = m[0].lower()
            return next((f" {platform} " for part, platform in self.links if part in link), m[0])

        return LINK.sub(named, text)

    def mend_names(self, stems: Sequence[str]) -> tuple[list[str], list[tuple[int, int, str]]]:
        """Platform names typed as two words ("far gate") or with one of their two words a letter off ("cloud ruin",
        "clod run"), or a short name spelled out letter by letter ("a c i"), read as the name; a row's one-word phrase
        typed as two words ("web sockets"), read as the word. Returns the stems, still one per word (the other words
        of a split word become empty), and where each was mended: its first word, how many words, the word read."""
        out = list(stems)
        mended: list[tuple[int, int, str]] = []
        letters = [i for i, t in enumerate(out) if len(t) == 1]  # most messages have few; digits spell no name
        start = 0
        for k in range(1, len(letters) + 1):
            if k < len(letters) and letters[k] == letters[k - 1] + 1:
                continue
            i, n = letters[start], k - start  # a run of single letters
            spelled = "".join(out[i : i + n])
            if n >= 2 and spelled in self._spelled:
                out[i : i + n] = [spelled, *[""] * (n - 1)]
                mended.append((i, n, spelled))
            start = k
        split = self._split_words
        for i in range(len(out) - 1):
            word = split.get((out[i], out[i + 1]))
            if word is not None and out[i]:
                out[i], out[i + 1] = word, ""
                mended.append((i, 2, word))
        hits = [i for i, t in enumerate(out) if t in self._name_words]  # most messages have few or none
        known = self._known
        done = -1  # the last word a mended name took
        for i in sorted({j for h in hits for j in (h - 1, h) if 0 <= j < len(out) - 1}):
            if i <= done:
                continue
            a, b = out[i], out[i + 1]
            joined = self._split_names.get((a, b))
            if joined is not None:
                out[i], out[i + 1] = joined, ""
                mended.append((i, 2, joined))
                done = i + 1
                continue
            if a in known and b in known:
                continue  # both typed right: no name slipped
            name = self._slipped(a, b)
            if name is not None:
                out[i], out[i + 1] = name
                mended.append((i, 2, " ".join(name)))
                done = i + 1
        return out, mended

    def _slipped(self, a: str, b: str) -> tuple[str, ...] | None:
        """The two-word platform name ``a b`` stands for when one of its words is a letter off, if any."""
        for exact, typed, at in ((a, b, 0), (b, a, 1)):
            if typed in self._known or typed in vocabulary.STOPWORDS or len(typed) < 3:
                continue
            for name in self._two_word_names.get(exact, ()):
                meant = name[1 - at]
                if name[at] == exact and len(meant) >= 3 and OSA.distance(typed, meant) == 1:
                    return name
        return None

    def nearest(self, words: Sequence[str], limit: int = 2) -> tuple[str, ...]:
        """The rows whose phrases share the most of these words: what a question we cannot answer comes closest to."""
        counts = self._shared(words)
        return tuple(sorted(counts, key=lambda t: -counts[t])[:limit])

    def closest(self, words: Sequence[str]) -> str | None:
        """The one row whose phrases share these words well clear of every other row's (two words or more ahead of
        the next), if there is one: what a question whose phrasing no phrase matched is plainly about."""
        ranked = sorted(self._shared(words).items(), key=lambda kv: -kv[1])
        if not ranked:
            return None
        ahead = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0)
        return ranked[0][0] if ranked[0][1] >= CLEAR_LEAD and ahead >= CLEAR_LEAD else None

    def _shared(self, words: Sequence[str]) -> dict[str, int]:
        """For each row, how many of these words (each once) its phrases use."""
        counts: dict[str, int] = defaultdict(int)
        for w in dict.fromkeys(words):
            for target in self._rows_of_word.get(w, ()):
                counts[target] += 1
        return counts

    def correct_typed(self, typed: str, stemmed: str) -> str:
        """The vocabulary word a word typed (``typed``, its stem ``stemmed``) stands for: the stem corrected, unless the
        word as typed is as near a word of its own ("windiws" is "windows", though its stem is a letter off "window")."""
        corrected = self.correct(stemmed)
        if corrected != stemmed and self._agent_noun(typed):
            return stemmed
        if typed == stemmed or corrected == stemmed:
            return corrected
        whole = self.correct(typed)
        if whole != typed and OSA.distance(typed, whole) <= OSA.distance(stemmed, corrected):
            return stem(whole)
        return corrected

    def _agent_noun(self, typed: str) -> bool:
        """Is the word one who or which does what a word we know says ("pricer", "uploader", "profiler"): a word of
        its own, not a typo of a word a letter away ("priced", "uploaded", "provider")?"""
        return len(typed) > AGENT_NOUN_MIN and typed.endswith("er") and (stem(typed[:-1]) in self._known or stem(typed[:-2]) in self._known)

    def _correct(self, token: str) -> str:
        """The vocabulary word ``token`` is most likely a typo of, or ``token`` itself."""
        if token in self._known:
            return token
        base = token.rstrip("0123456789")
        if base != token and len(base) >= 4 and base in self._known:
            return base  # a numbered version of a known word: "graviton3"
        if not token.isalpha() or token in vocabulary.english_words():
            return token
        if len(token) < 5:
            return self._short_names.get(token, token)
        best: tuple[int, int, int, str] | None = None
        near = [
            (word, dist)
            for word, dist, _ in process.extract(
                token, self._by_letter.get(token[0], []), scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=5
            )
        ]
        if len(token) >= LONG_TYPO:  # a long word may be one edit at its first letter away (``_allowed_edits``)
            near += [(w, 1) for w in self._first_letter_slips(token) if w[0] != token[0]]
        for word, dist in near:
            if dist > _allowed_edits(token, word, word in self.platform_words) or token.startswith(word):
                continue  # too far, or a word of its own built on ours ("resizer" is not a typo of "resize")
            # as near as each other, the one typed right for longer ("souce" is "source", not "sauce")
            rank = (int(dist), 0 if word in self.platform_words else 1, -len(os.path.commonprefix((token, word))), word)
            if best is None or rank < best:
                best = rank
        return best[3] if best else token

    def _first_letter_slips(self, token: str) -> list[str]:
        """The vocabulary's words one edit at the first letter away from ``token``: that letter typed wrong, left out or
        typed before the word, or swapped with the next."""
        swapped = token[1] + token[0] + token[2:]
        return [
            *self._by_tail.get(token[1:], ()),  # the first letter typed wrong
            *self._by_tail.get(token, ()),  # the first letter left out
            *(w for w in (token[1:], swapped) if w in self._in_vocabulary),  # a letter typed before it; two swapped
        ]

    def find_gapped_rows(self, stems: Sequence[str]) -> list[Match]:
        """Every occurrence of a row's phrase with a gap in ``stems``."""
        found: list[Match] = []
        n = len(stems)
        for i, s in enumerate(stems):
            for p in self._gapped_rows.get(s, ()):
                found += [Match(p, positions) for positions in _matches_at(stems, i, p.elements, n)]
        return found

    def find(self, stems: Sequence[str]) -> list[Match]:
        """Every occurrence of every pattern in ``stems``."""
        found: list[Match] = []
        words = tuple(stems)
        n = len(words)
        if n == 0:
            return found
        by_pair, by_first, gapped_by_first = self._by_pair, self.by_first, self._gapped
        spans = self._spans if n <= SPAN_REACH else _spans_up_to(n, len(self._spans))
        for i, (s, after) in enumerate(zip(words, (*words[1:], None), strict=True)):
            if s not in by_first:
                continue
            pats = by_pair.get((s, after))
            if pats is None:
                pats = by_pair[(s, None)]  # no pattern needs this next word: those that take any
            for p in pats:
                if p.contiguous:
                    size = p.size  # a phrase of two words is looked up by both: it matches
                    if size <= 2 or words[i : i + size] == p.elements:
                        found.append(Match(p, spans[size][i]))
                    continue
                # the words before the gap follow one another, and the word after it is near: most fail there
                elements = p.elements
                g = elements.index(GAP)
                if words[i : i + g] == elements[:g] and elements[g + 1] in words[i + g : i + g + 1 + MAX_GAP]:
                    found += [Match(p, positions) for positions in _matches_at(words, i, elements, n)]
            gapped = gapped_by_first.get(s)
            if gapped:
                for w in dict.fromkeys(words[i + 1 : i + 2 + MAX_GAP]):
                    for p in gapped.get(w, ()):
                        found += [Match(p, positions) for positions in _matches_at(words, i, p.elements, n)]
        return found


# Keys next to each other on a QWERTY keyboard: a short name typed a key off ("acu") is a slip of the finger.
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, frozenset[str]] = {
    ch: frozenset(
        row2[j] for r2, row2 in enumerate(_KEYBOARD) if abs(r2 - r) <= 1 for j in range(len(row2)) if abs(j - i) <= 1 and row2[j] != ch
    )
    for r, row in enumerate(_KEYBOARD)
    for i, ch in enumerate(row)
}


_VOWELS = frozenset("aeiou")


def _fat_fingered(name: str) -> set[str]:
    """The words a short name becomes with one of its letters after the second typed a neighbouring key of its kind
    instead (a vowel for a vowel: "acu"; "acl" is a word of its own)."""
    return {
        name[:i] + k + name[i + 1 :]
        for i in range(2, len(name))
        for k in _NEIGHBOURS.get(name[i], ())
        if (k in _VOWELS) == (name[i] in _VOWELS)
    }


AGENT_NOUN_MIN = 4
"""Longer than this, a word ending in "er" after a word we know is read as the one who does it ("pricer")."""

LONG_TYPO = 7
"""From this many letters, a word typed wrong may have its first letter wrong too."""


def _allowed_edits(token: str, word: str, is_platform: bool) -> int:
    """How many edits may separate a typo from the word it stands for: few, and fewer for short words."""
    if token[0] != word[0]:
        return 0 if len(token) < LONG_TYPO else 1
    if len(token) >= 8 or (is_platform and len(token) >= 6):
        return 2
    return 1


def _holds(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Do ``words`` hold ``phrase``'s words, one after another?"""
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def _spans_up_to(n: int, sizes: int) -> list[list[tuple[int, ...]]]:
    """The word positions of every run of words in ``n`` words, by size and first word: made once, not per match."""
    return [[tuple(range(i, i + k)) for i in range(n)] for k in range(sizes)]


def _matches_at(stems: Sequence[str], i: int, elements: tuple[str, ...], n: int) -> list[tuple[int, ...]]:
    """Every way a gapped pattern matches from word ``i``: a gap may end at any of the next words that fit, so a
    phrase whose first fit takes a word of a platform's name ("how long can * run" in "how long can a <X> Run job
    run") has the later fit too."""
    positions = [i]
    j = i + 1
    for k in range(1, len(elements)):
        e = elements[k]
        if e == GAP:
            rest = elements[k + 1 :]
            out: list[tuple[int, ...]] = []
            size, last_gap = len(rest), GAP not in rest
            for at in range(j, min(j + MAX_GAP + 1, n)):
                if stems[at] != rest[0]:
                    continue
                if last_gap:  # the rest is words in a row: they follow or not
                    if tuple(stems[at : at + size]) == rest:
                        out.append((*positions, *range(at, at + size)))
                else:
                    out += [(*positions, *tail) for tail in _matches_at(stems, at, rest, n)]
            return out
        if not (j < n and stems[j] == e):
            return []
        positions.append(j)
        j += 1
    return [tuple(positions)]


def build_lexicon(kb: KnowledgeBase) -> Lexicon:
    """Every word the knowledge base gives meaning to: names, scopes, synonyms, triggers, vendors and refusals."""
    lex = Lexicon()
    lex.platforms = tuple(kb.platforms)
    lex.add("idiom", "idiom", vocabulary.IDIOMS)
    for p in kb.platforms.values():
        lex.add("platform", p.id, (p.id, p.name, *p.aliases))
        for name in p.proper_names:
            lex.proper_names[name] = p.id
        lex.links += tuple((part, p.id) for part in p.links)
        for s in p.scopes:
            lex.add("scope", f"{p.id}/{s.id}", (s.name, *s.aliases))
            lex.add("hint", f"{p.id}/{s.id}", s.hints)
            lex.add("guess", f"{p.id}/{s.id}", s.guessed_from)
    for f in kb.features.values():
        lex.add("feature", f.id, f.phrases)
        if f.items:
            lex.items[f.id] = tuple((i.id, tuple(phrase_elements(w) for w in (i.name, *i.synonyms))) for i in f.items)
        lex.add("unit", f.id, f.units)
        for n in f.narrows:
            lex.add("narrow", f"{n.feature}{NARROWS}{f.id}", n.words)
            if n.only:
                for w in n.words:
                    lex.narrowing_only[narrowing_key(f"{n.feature}{NARROWS}{f.id}", w)] = frozenset(map(phrase_elements, n.only))
    lex.yielding = frozenset(f.id for f in kb.features.values() if f.yields)
    lex.qualifiers = frozenset(f.id for f in kb.features.values() if f.qualifies)
    lex.carriers = frozenset(f.id for f in kb.features.values() if f.carries)
    lex.app_kinds = frozenset(f.id for f in kb.features.values() if f.names_apps) | lex.qualifiers
    lex.capabilities = frozenset(f.id for f in kb.features.values() if f.kind == "capability")
    lex.done_without = frozenset(f.id for f in kb.features.values() if f.without)
    for c in kb.caveats.values():
        lex.add("trigger", c.id, c.triggers)
        lex.caveats[c.id] = c
    for v in kb.vendors:
        lex.add("vendor", v.name, v.words)
        lex.vendors[v.name] = v.platforms
    for r in kb.refusals:
        lex.add(r.kind, r.name, r.phrases)
        lex.refusals[r.name] = r
        if r.kind == "tool" and lex.tools is None:
            lex.tools, lex.tool_rows = r.name, frozenset(r.near)
    lex.finish()
    return lex
