"""Which words count as evidence of what a question asks: its clauses, the rows that take over or give way to
others, and when one matched word is too little.

Everything here works on the matches the lexicon found; nothing names a platform or a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.text import question_words
from bot.understand import vocabulary
from bot.understand.lexicon import Match, narrowing_key, split_narrowing

SHORT_PHRASE = 2  # words of a phrase that is no more evidence than one word, in a question naming no platform
LONG_UNEXPLAINED = 8  # words nothing recognised explains, past which one matched word does not make the topic
# A question that points back is short ("Is that a problem?"); a longer one names its own subject ("Can that
# Windows container run on <platform>?").
POINTING_WORDS = 6

_ASKING = re.compile(
    # "should" asks before its subject ("should we ..."); before a verb it states a requirement ("SHOULD offer X")
    r"^(does|do|can|could|is|are|will|would|has|have|how|what|whats|which|why|where|when|who|any)\b"
    # a request put as an instruction, as questionnaires do ("Describe ...", "Please confirm whether ...")
    r"|^(please )?((shortly|briefly|quickly|kindly|just|simply) )?(describe|explain|confirm|state|specify|outline|identify|detail"
    r"|clarify|indicate)\b|^(specifically )?whether\b"
    r"|^should (i|we|you|it|they|this|that|the|a|an|my|our|he|she)\b"
    r"|^(oh |ah )?(and so|and|also|plus|but|so|or) (also )?(does|do|can|could|is|are|will|would|should|has|have|how|what|whats|which|why"
    r"|where)\b"
    r"|^((and|also|plus|but|so) )?(in|on|for|with|from|at|to|by) (which|what|how many|how much)\b"
    r"|^(oh )?(and|also|plus|but) (on|for|with) (the )?(?!(that|this|those|these|it|them)\b)\w+( \w++){0,3} "
    r"(does|do|can|could|is|are|will|would|should|how|what|whats)\b"
    r"|^(on|for|with|in) (the )?(?!(that|this|those|these|it|them|our|my|a|an)\b)\w+( (?!(i|we|you|they)\b)\w++){0,2}"
    r" (does|do|can|could|will|would|should)"
    r" (i|we|you|it|they|my|our|the|a|an|\w++ \w++)\b"
    r"|^(same (q|question|thing|for)|what about|how about)\b|^(oh )?(and|also|plus) (same|ditto)\b|^ditto\b"
    r"|^(tell (me|us)|give (me|us)|explain|describe|compare|list|show (me|us)|walk (me|us) through)\b"
    # a question asked indirectly: "I'd like to know how long ...", "I'm wondering whether ..."
    r"|^(id|wed|i would|we would|i d|we d) (like|love) to (know|understand|find out|learn|hear)\b"
    r"|^(id|wed|i would|we would) (like|love) (a|an) (short |quick |concise |brief )?(summary|overview|rundown|explainer"
    r"|explanation|comparison|list)\b"
    r"|^(i|we) (want|need) to (know|understand|find out)\b|^(im|i am|were|we are) (wondering|curious)\b"
)
# Words before a row named as what something is for ("cheap capacity for batch").
_PURPOSE = frozenset({"for"})
# Words after the items a clause lists as part of what is asked about ("..., <a> and <b> included").
_INCLUDED = frozenset({"included", "incl"})
# Who notes a thing down, and the helping verbs before the verb of noting ("... we should log", "... I must record").
_NOTERS = frozenset({"we", "i", "you", "they"})
_MODALS = frozenset({"should", "must", "shall", "will", "can", "could"})
# Verbs that say what a thing is meant to spare ("to save some ...", "to cut ...").
_SPARING = frozenset({"save", "shave", "cut", "lower", "trim", "minimise", "minimize"})
# Words that make a clause one more case of what another asks ("does that work for <kind> ones too?", "does that
# still hold for <kind> groups?").
_ONE_MORE_CASE = frozenset({"too", "also", "include", "includes", "included", "including", "even", "either", "still"})
# Verbs that ask whether what was just asked holds for another case, with a word pointing back at it ("does it work
# on <kind> groups?", "does that apply to <kind> ones?").
_APPLIES = frozenset({"work", "works", "hold", "holds", "apply", "applies", "matter", "matters", "use"})
# "so" and the subject after it, a few words before a row: what the thing asked for is wanted for ("so we don't pay").
_SO_SUBJECTS = frozenset({"we", "were", "i", "that", "it", "they", "nobody", "no", "users", "people", "the"})
# "since" and the subject after it, opening a clause: a reason ("..., since our tests show ..."), not a time.
_REASON_SUBJECTS = frozenset({"we", "our", "i", "my", "it", "its", "they", "their", "the", "that", "this", "there"})
SO_THAT_REACH = 6
WITHOUT_REACH = 5  # words before a topic that "without" may stand and still say it is done without
# "<row> and can it ...?", "<row>, plus what ...?": a second question joined to the first
JOINING_ASKS = frozenset({"and", "plus"})
JOINED_ASKS = vocabulary.YES_NO_OPENERS | frozenset({"what", "whats", "how", "hows", "which", "where", "when", "if"})
OCCASION_REACH = 6  # words before a topic that an occasion done by the asker may open ("before we wire up <topic>")
# Words that may stand between a cue and what it points at ("like our X").
INSTEAD_REACH = 6  # words before a row that "rather than" may stand and still say the row is done instead
_DETERMINERS = vocabulary.ARTICLES | {"our", "my", "their", "your"}
# The most words of a sentence that only says in passing what the asker believes ("<platform> used to, right?").
BELIEF_WORDS = 6
# Words whose next noun is what a question asks for ("which regions", "what schedule").
_WH_HEADS = frozenset({"which", "what", "whats"})
# Words whose object a yes/no question asks about ("does <platform> have a proper <row> feature?").
_HAVE_HEADS = frozenset({"have", "has", "offer", "offers", "provide", "provides"})
# Words that ask where a thing is, before "in" or "from" and a row ("is <platform> available in UK regions?").
_WHERE_HEADS = frozenset({"available", "offered", "sold", "launched"})
# ... or after it ("<row> in <place>, available?", "<region> availability"); or a question opens with "where is ..."
# ("Where is <platform> offered, and ...?"; not "Where each one runs is fine for us").
_WHERE_TAILS = _WHERE_HEADS | {"availability"}
_WHERE = frozenset({"where", "wheres"})
# Words right before what a "what is" question asks about ("what is X", "explain X", "tell me about X").
_WHAT_IS_HEADS = frozenset({"is", "are", "whats", "about", "explain", "describe"})


def _where_tail(after: Sequence[str]) -> bool:
    """Do the words after a row ask where it is offered: "available" next, or after one more word of a place's name
    ("... in Switzerland North, available?"; not "... jobs are available in <tool>?")?"""
    return bool(after) and (after[0] in _WHERE_TAILS or (after[0] not in vocabulary.STOPWORDS and after[-1] in _WHERE_TAILS))


# "in every region?", "in all 60-odd regions, or only some?": how far a thing reaches is what is asked.
_SPANS = frozenset({"every", "all", "each", "which", "what", "most", "some", "any"})
# A clause that may go on with the one before it rather than ask ("..., which people love").
_RELATIVE = re.compile(r"^(which|where|when|who)\b")
# "When a task is replaced during a deploy, ...": "when" or "where" before a subject opens a clause that tells when
# or where the rest happens; without a question mark of its own it does not ask.
_SUBORDINATE = re.compile(
    r"^(when|where) (a|an|the|we|i|it|our|you|my|they|there|this|that|your|their|one|some)\b"
    # "when <name> restarts a dyno it ...": a name and its verb, where a question has its helping verb first
    r"|^when (?!(do|does|did|is|are|was|were|will|would|can|could|should|has|have|had|must|might)\b)\w+ \w+s\b"
    r"|^(we |i )?(can|could) (live|do|cope|manage) without\b"  # "can live without: X, Y" lists what is not needed
)
# Where a clause may end: after a stop, a comma, a colon or an emoji (chat puts one where a sentence ends: "... side
# project <emoji> can it ...?") ...
_CLAUSE_STOP = re.compile(r"(?<=[.;?!,:\u2600-\u27bf\ufe0f\U0001f300-\U0001faff])\s+")
# ... and, in a message run on without stops, before "so" opens the question ("... and so can it ...?").
_SO_OPENS = r"|(?<!\bif)\s+(?=(?:and )?so (?:can|could|does|do|is|are|will|would|should|what|whats|how|which|where|when|why|has|have)\b)"
# ... and before "or" offers the other answer as a question of its own ("can X do <row> or is that only <product>?").
_OR_OFFERS = r"|\s+(?=or (?:is|are|do|does|did|can|should|would|will|must) (?:that|it|this|there|i|we|you|they|one)\b)"
_CLAUSE_END = re.compile(_CLAUSE_STOP.pattern + _SO_OPENS)
_CLAUSE_OR = re.compile(_CLAUSE_STOP.pattern + _OR_OFFERS)
_CLAUSE_END_OR = re.compile(_CLAUSE_STOP.pattern + _SO_OPENS + _OR_OFFERS)
# A claim put to the bot to check ("<claim> - right?", "..., is that still true?").
_CHECKING = re.compile(
    r"(^|[-,]\s*)(right|correct|true|still true|still the case|accurate|outdated|true or false"
    r"|(is|was) (that|this|it) (still )?(right|correct|true|accurate|outdated|the case))\?\s*$"
)
# Words that open a question added after another ("...? btw are groups billed per second?", "one more: ...", "and
# by the way ...").
_FOLLOW_ON = re.compile(
    r"^(and )?(btw|by the way|plus|one more( thing| q| question)?|follow up|related|while im here|ps|last one|another one"
    r"|second thing|oh and)\b"
)
# Words that take an item out of a list of needs ("...; not bothered about <row>").
_NOT_ITEM = frozenset({"not", "dont", "doesnt", "never", "nor", "except"})
# The mark of an item in a numbered or lettered list: "(1) ...", "2) ...", "b) ...".
_ITEM_MARK = re.compile(r"\s*\(?([0-9]|[a-e])\)\s")
# ... and the label of a numbered requirement, ticket or item before a dash or colon: "Req 66 — ...", "R-3.1: ...",
# "ticket 4471 - ...", "AI-3: ...".
_ITEM_LABEL = re.compile(
    r"\s*(req|reqs|requirement|item|ticket|question|q|r|ac|ai|task|story|bug|issue|point|step|nfr|fr)\.?[ #.-]*[0-9][0-9.]*[a-z]?"
    r"(\s*\([^)]*\))?\s*[—–:-]\s"
)
# A question that points back at what was just told ("... one request at a time. Is that a problem?") asks about it.
_POINTS_BACK = re.compile(r"^((is|does|will|would|can|could|should|how does|how would|what does|what would) (that|this)|that|this)\b")
# ... as does a yes-or-no question that takes it on whole ("can <platform> run it?").
_YES_NO_OPENERS = frozenset({"does", "do", "can", "could", "will", "would", "is", "are", "should"})
_TAKING = frozenset({"run", "support", "handle", "host", "take", "accept", "allow", "do", "deploy", "serve"})


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of the question between punctuation: what it spans, whether it asks, whether it only tells the
    asker's setup."""

    words: range  # token positions
    asks: bool
    scene: bool  # tells the asker's own setup ("we deploy it with our pipeline"), without a need or a question
    sentence: int = 0  # which sentence of the message it belongs to
    need: bool = False  # states a need without asking ("we want <row> plus <row>")


def _asking(clauses: list[Clause]) -> set[int]:
    """The sentences of the message that ask."""
    return {c.sentence for c in clauses if c.asks}


def clause_start(m: Match, clauses: list[Clause], default: int = 0) -> int:
    """Where the clause a match begins in starts (``default`` when the clauses are not known)."""
    return next((c.words.start for c in clauses if m.start in c.words), default)


LIST_GAP = 3
"""How many words may stand between two items of a list: the word that joins them and an article or two."""
_LIST_JOINS = frozenset({"or", "nor", "and"})
_NEXT_ITEM: tuple[list[str], ...] = (["a"], ["an"], ["plus"])
"""How the next item of a list opens, after a comma (or "and" before anything but a subject: "and secrets kept out")."""
_ITEM_WORDS = 7
"""At most this many words in such an item: more make a sentence of its own ("and last year it took ... down")."""
_NEXT_SUBJECT: tuple[list[str], ...] = tuple([w] for w in "i we our they their it its you right then now so".split()) + ([],)


def negated_at(m: Match, negations: set[int], clauses: list[Clause], reach: int) -> bool:
    """Is a negation (a position in ``negations``) in the phrase or up to ``reach`` words before it in its clause ("no
    cluster", "can't give me a public IP"; not the second row of "no cluster to babysit, <row>")?"""
    return any(i in negations for i in range(max(m.start - reach, clause_start(m, clauses)), m.end))


def listed_with(first: Match, then: Match, raw: Sequence[str]) -> bool:
    """Does ``then`` follow ``first`` as the next item of a short list ("a <row> or a <topic>", "no X nor Y")?"""
    between = raw[first.end : then.start]
    return 0 < len(between) <= LIST_GAP and between[0] in _LIST_JOINS


def gives_reason(k: int, clauses: list[Clause], raw: Sequence[str]) -> bool:
    """Does clause ``k`` give a reason for the one before it in its sentence ("..., since our tests show ...")?"""
    words = clauses[k].words
    if k == 0 or clauses[k - 1].sentence != clauses[k].sentence or len(words) < 2:
        return False
    return raw[words.start] == "because" or (raw[words.start] == "since" and raw[words.start + 1] in _REASON_SUBJECTS)


def clause_of(m: Match, clauses: list[Clause]) -> int | None:
    """The index of the clause a match begins in."""
    return next((k for k, c in enumerate(clauses) if m.start in c.words), None)


def sentence_of(m: Match, clauses: list[Clause]) -> int | None:
    """The sentence a match begins in."""
    return _sentence_at(m.start, clauses)


def _sentence_at(i: int, clauses: list[Clause]) -> int | None:
    """The sentence a word position is in."""
    return next((c.sentence for c in clauses if i in c.words), None)


def segments(text: str) -> list[tuple[str, list[str]]]:
    """The question's normalised ``text`` (``bot.text.normalise``) cut where a clause may end, each piece with its
    words: a cut falls only on spaces, so the pieces' words are the text's words, each read once."""
    so, offered = " so " in text, " or " in text
    cut = (_CLAUSE_END_OR if offered else _CLAUSE_END) if so else (_CLAUSE_OR if offered else _CLAUSE_STOP)
    return [(seg, question_words(seg)) for seg in cut.split(text.strip())]


def clauses(pieces: list[tuple[str, list[str]]], n: int, window: int, needs: Callable[[str, list[str]], bool]) -> list[Clause]:
    """The clauses of the question's ``segments`` over the ``n`` words read (of a long message, the first and last
    ``window`` // 2: a clause across the cut is cut too), or none when they do not add up. ``needs`` says whether a
    clause (its words joined, and the words) states a need ("we need GPUs"), which is asked for even when it does not ask."""
    spans: list[Clause] = []  # over the words of the whole message
    total = 0
    sentence = 0
    carried = False  # the last clause set the scene in its own words and ended in a comma: the next one goes on with it
    after_comma = False
    relative: list[int] = []  # clauses going on with a sentence after a comma, no question mark ("..., which people love")
    question_marks: list[int] = []
    said: list[tuple[str, list[str]]] = []  # each clause's words, joined and as they are
    listed = False  # the clauses after a label ("Mandatory:") state needs
    announced = False  # the clause before said another question follows ("one more:")
    for seg, words in pieces:
        joined = " ".join(words)
        item_label = _ITEM_LABEL.match(seg)
        # "(2) can it ..." asks as "can it ...", "Req 66 — confirm whether ..." as "confirm whether ..."
        opening = (
            " ".join(words[1:])
            if _ITEM_MARK.match(seg)
            else " ".join(words[len(question_words(item_label.group(0))) :])
            if item_label
            else joined
        )
        asks = seg.rstrip().endswith("?") or (_ASKING.match(opening) is not None and _SUBORDINATE.match(opening) is None)
        # after a question, "btw ...", "plus ...", "one more: ..." add one
        follow_on = _FOLLOW_ON.match(joined)
        asks = asks or (any(c.asks for c in spans) and ((follow_on is not None and follow_on.end() < len(joined)) or announced))
        announced = follow_on is not None and len(words) <= 3 and seg.rstrip().endswith(":")
        if seg.rstrip().endswith("?"):
            question_marks.append(len(spans))
        elif asks and after_comma and _RELATIVE.match(joined):
            relative.append(len(spans))
        # "it needs <row> for X, a <row>, and <row>": the items after a need, a comma apart, are needs too
        going_on = (
            after_comma
            and bool(spans)
            and spans[-1].need
            and spans[-1].sentence == sentence
            and (words[:1] in _NEXT_ITEM or (words[:1] == ["and"] and words[1:2] not in _NEXT_SUBJECT))
            and len(words) <= _ITEM_WORDS
        )
        after_comma = seg.rstrip().endswith(",")
        first_person = not vocabulary.FIRST_PERSON.isdisjoint(words)
        own = carried or first_person
        if asks and spans and _points_back(words):
            spans[-1] = replace(spans[-1], asks=True, scene=False, need=False)  # what was just told is what is asked about
        if asks and _CHECKING.search(seg):  # "<a claim>, never <row> - right?": the claim is asked about
            spans = [replace(c, asks=True, scene=False, need=False) if c.sentence == sentence else c for c in spans]
        # a label ending in a colon ("Mandatory: <row>; <row>; <row>.") states each item up to the sentence's end, or
        # up to the next label ("...; not: <row>")
        label = len(words) <= 2 and seg.rstrip().endswith(":")
        need = not asks and ((listed and not label and not _NOT_ITEM.intersection(words)) or going_on or needs(joined, words))
        listed = (need and label) or (listed and not label and seg.rstrip()[-1:] not in ".?!")
        scene = own and not asks and not need
        spans.append(Clause(range(total, total + len(words)), asks, scene, sentence, need))
        said.append((joined, words))
        carried = scene and first_person and seg.rstrip().endswith(",")
        sentence += seg.rstrip()[-1:] in ".;?!"
        total += len(words)
    # Where a question is asked with a question mark, a relative clause before or after it tells; it does not ask
    # ("Can the groups join that <row>? Licences expire after 24 hours, which is how we lost a weekend.").
    # It may state a need ("..., which needs <row>.").
    for k in (k for k in relative if question_marks):
        spans[k] = replace(spans[k], asks=False, scene=False, need=needs(*said[k]))
    if total == n:
        return spans
    if n != window or total < n:
        return []
    half, shift = window // 2, total - window
    out: list[Clause] = []
    for c in spans:
        a, b = c.words.start, c.words.stop
        for part in (range(a, min(b, half)), range(max(a, total - half) - shift, b - shift)):
            if len(part) > 0:
                out.append(replace(c, words=part))
    return out


def _points_back(words: list[str]) -> bool:
    """Does the clause ask about what was just told: short ("Is that a problem?"), with "that" or "this" standing
    alone ("is that a problem on <platform>"), not before a noun of its own ("can that Windows container run ..."),
    or taking it on whole ("can <platform> run it?")?"""
    if 2 < len(words) <= POINTING_WORDS and words[0] in _YES_NO_OPENERS and words[-1] in vocabulary.POINTERS and words[-2] in _TAKING:
        return True
    m = _POINTS_BACK.match(" ".join(words))
    if m is None:
        return False
    at = next((i for i, w in enumerate(words) if w in ("that", "this")), len(words))
    return len(words) <= POINTING_WORDS or (at + 1 < len(words) and words[at + 1] in vocabulary.ARTICLES)


def asked(
    features: tuple[str, ...],
    entities: list[Match],
    clauses: list[Clause],
    raw: Sequence[str],
    qualifying: frozenset[str] = frozenset(),
    *,
    choosing: bool = False,
) -> tuple[str, ...]:
    """The features the question asks about, without those of a clause that only sets the scene ("our sidecar ships
    its logs, how long do I get to stop?"), as long as the asking clause names one of its own, and not only a
    ``qualifying`` row as one more case of the scene's ("<platform> inside our <row>: <kind> groups too?"). A sentence
    that asks for a row "also" keeps the rows of the sentence before it ("<platform> vs <platform> for <row>; which
    also has <row>?"). Where a pick is ``choosing`` ("We need <row> and <row>. Cheapest fit?"), the needs stated
    before it are kept beside the row its own sentence names."""
    if len(features) < 2:
        return features

    def clauses_of(f: str) -> list[Clause]:
        at = positions(f, entities)
        return [c for c in clauses if any(i in c.words for i in at)]

    kept = tuple(f for f in features if not all(c.scene for c in clauses_of(f) or [Clause(range(0), False, False)]))
    kept = kept if any(c.asks for f in kept for c in clauses_of(f)) else features
    if set(kept) <= qualifying and all(_one_more_case([raw[i] for i in c.words]) for f in kept for c in clauses_of(f)):
        kept = features
    # In a message of several sentences, the sentences that ask hold the question; the others tell around it. When
    # they name no row ("Which platform supports both of those?"), the clauses that state the needs hold it.
    asking = _asking(clauses)
    also = {c.sentence - 1 for c in clauses if c.sentence in asking and any(raw[i] == "also" for i in c.words)}
    asking |= also
    in_question = tuple(f for f in kept if any(c.sentence in asking for c in clauses_of(f)))
    if (
        in_question
        and set(in_question) <= qualifying
        and set(kept) - qualifying
        and all(_another_case([raw[i] for i in c.words]) for f in in_question for c in clauses_of(f) if c.sentence in asking)
    ):
        # "<row> on <platform>: fine for Linux, I assume. What about <kind> groups?": the kind is one more case of the row
        in_question = kept
    needing = {c.sentence for c in clauses if c.need} if asking and (choosing or not in_question) else set()
    needed = tuple(f for f in kept if any(c.sentence in needing for c in clauses_of(f)))
    if in_question and needed and choosing:
        return tuple(f for f in kept if f in needed or f in in_question)
    return in_question or needed or kept


def narrowed(
    features: tuple[str, ...],
    narrowers: list[Match],
    entities: list[Match],
    raw: Sequence[str],
    clauses: list[Clause],
    *,
    keep_named: bool = False,
    items_apart: bool = False,
    only: Mapping[str, frozenset[tuple[str, ...]]] | None = None,
) -> tuple[tuple[str, ...], list[Match]]:
    """Each feature taken over by a narrower one whose words are in the question (a broad phrase with a word that
    says which of two neighbouring rows is meant), with the matches that narrowed it. Words wholly inside the
    feature's own phrase do not narrow it, nor does a narrower feature asked beside it ("X and Y"). With
    ``keep_named``, a feature named by a phrase of several words keeps its name; with ``items_apart`` (a list of
    requirements over all the platforms), words in another item of the list do not narrow it. A narrowing limited
    to some of the feature's phrases (``only``, by target and word) takes it over only where it is named by those alone."""
    out: list[str] = []
    limits = only or {}

    def within(m: Match, f: str) -> bool:  # is the feature named only by phrases this narrowing may take over?
        allowed = limits.get(narrowing_key(m.pattern.target, m.pattern.phrase))
        return allowed is None or all(n.pattern.elements in allowed for n in naming(f, entities))

    used: list[Match] = []

    def beside(m: Match) -> set[int]:  # where the narrower row is named, or the narrowing words
        return positions(narrower(m), entities) or set(m.positions)

    def paired(f: str, own: set[int], m: Match) -> bool:
        """Are the row and the narrower asked side by side, a weak word of the row that only qualifies the narrowing
        going with the narrower ("max memory and max disk")?"""
        start = min(beside(m), default=m.start)  # "<row> and <weak word> <narrowing words>": the weak word goes with the narrower
        qualifying = {i for n in naming(f, entities) if n.pattern.weak and n.end in (m.start, start) for i in n.positions}
        rest = own - qualifying
        return bool(rest) and _side_by_side(rest, beside(m) | qualifying, raw, clauses)

    for f in features:
        own = positions(f, entities)
        if keep_named and any(len(m.positions) > 1 for m in naming(f, entities)):
            out.append(f)
            continue
        m = next(
            (
                m
                for m in narrowers
                if split_narrowing(m.pattern.target)[0] == f
                and within(m, f)
                and not set(m.positions) <= own
                # A narrowing phrase that holds all the row's words says what they mean ("a log shipper" is a container,
                # not where logs go), even in a list beside the narrower row.
                and not (own and not own <= set(m.positions) and paired(f, own, m))
                and not _told_apart(own, m, clauses)
                and not _asked_apart(f, m, entities, raw, clauses)
                and not (
                    _joined_question(own, m, raw) and not any(split_narrowing(n.pattern.target) == (narrower(m), f) for n in narrowers)
                )
                and not _dealt_with(m, raw, clauses)
                and not (items_apart and _apart(own, m, clauses))
                and not _negated(m, raw, clauses)
            ),
            None,
        )
        if m is not None:
            used.append(m)
        out.append(narrower(m) if m else f)
    # two rows each narrowed into the other ("does the emptyDir volume survive the group?"), the later by words that
    # name no row ("survive"): those are what is asked of the first, which is the subject
    by_row = {split_narrowing(m.pattern.target)[0]: m for m in used}
    for f, m in by_row.items():
        g = narrower(m)
        back = by_row.get(g)
        if back is None or narrower(back) != f or back.start < m.start or not {f, g} <= set(features):
            continue
        if positions(f, entities).isdisjoint(back.positions):
            out = [x for x in out if x != g]
    return tuple(dict.fromkeys(out)), used


def setting_aside(
    features: tuple[str, ...],
    yielding: frozenset[str],
    entities: list[Match],
    raw: Sequence[str],
    clauses: list[Clause],
    *,
    listing: bool = False,
    qualifying: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Without the rows that are only the question's setting ("the nightly report job" in a question about memory),
    unless they are asked side by side with another row ("cron jobs and timeouts") or are what a "which" or "what"
    asks for ("in which regions can I use GPUs?"). In a list of requirements (``listing``) only a row named as the
    purpose ("cheap capacity for batch") is the setting. A ``qualifying`` row (the kind of unit asked about: "can a
    <kind> group join our network?") is the setting too, unless a clause that asks names it and no other row ("does
    it run <kind> at all, and can those groups ...?")."""
    named = [f for f in features if f not in yielding]  # rows named for themselves, a qualifying one among them
    if any(f not in yielding and f not in qualifying for f in features):  # a row is left for it to qualify
        yielding = yielding.union(f for f in qualifying if f in features and not _asked_alone(f, features, entities, clauses, raw))
    asked = [f for f in features if f not in yielding]
    if not asked or len(asked) == len(features):
        return features
    giving = [m for f in features if f not in asked for m in naming(f, entities)]
    last = max((g.end for g in giving), default=0)
    if giving and all((_what_for(m, raw) or _included(m, raw, clauses)) and m.start > last for f in asked for m in naming(f, entities)):
        # the rows that do not give way are named only after them, as what they are for ("run a task every hour for
        # our <row> checks") or what they hold ("reuse our manifests as they are, <kind> and <row> settings
        # included?"): the setting is theirs
        return tuple(f for f in features if f not in asked)
    if listing:
        yielding = frozenset(f for f in yielding if all(_purpose(m, raw) for m in naming(f, entities)))

    def beside(f: str) -> bool:
        mine = positions(f, entities)
        return bool(mine) and any(
            theirs and _side_by_side(mine, theirs, raw, clauses) for theirs in (positions(g, entities) for g in asked)
        )

    def interrogated(f: str) -> bool:  # "which (<vendor>) regions?", "does it have a proper <row> feature?", "available in", "in every"
        return any(
            any(raw[i] in _WH_HEADS for i in (m.start - 1, m.start) if i >= 0)
            or (m.start >= 2 and raw[m.start - 2] == "which")
            or _where_tail(raw[m.end : m.end + 2])
            or (
                raw[m.start] in _WHERE
                and (k := clause_of(m, clauses)) is not None
                and clauses[k].asks
                and clauses[k].words.start == m.start
            )
            or any(raw[i] in _HAVE_HEADS for i in range(max(m.start - 3, 0), m.start))
            or any(raw[i] in _WHERE_HEADS and raw[i + 1] in ("in", "from") for i in range(max(m.start - 5, 0), m.start - 1))
            or any(raw[i] == "in" and raw[i + 1] in _SPANS for i in range(max(m.start - 5, 0), m.start - 1))
            for m in naming(f, entities)
        )

    adding = _adding(raw, clauses)
    # and the questions the added one follows ("... reuse our manifests? <told>. also where do logs go?")
    adding |= {k for k in _asking(clauses) if k < max(adding, default=0)}
    at = {g: {_sentence_at(i, clauses) for i in positions(g, entities)} for g in named}

    first_asked = min((i for f in asked for i in positions(f, entities)), default=len(raw))

    def alone(f: str) -> bool:  # "<row>, right? and do I need a <row>?": asked in a question that adds one of its own
        others = {k for g, ks in at.items() if g != f for k in ks}
        return any(
            (k := sentence_of(m, clauses)) in adding
            and k not in others
            and not _purpose(m, raw)
            and raw[clause_start(m, clauses)] not in _PURPOSE  # "and the smallest, for the helper jobs?"
            # ... not a kind asked, after the row, as one more case of it ("<row>? And does that work on <kind> groups?")
            and not (f in qualifying and m.start > first_asked and _one_more_case(_clause_words(m, raw, clauses)))
            for m in naming(f, entities)
        )

    return tuple(f for f in features if f not in yielding or beside(f) or interrogated(f) or alone(f))


def carried(
    features: tuple[str, ...], entities: list[Match], clauses: list[Clause], kinds: frozenset[str], carrying: frozenset[str]
) -> tuple[str, ...]:
    """Without the ``carrying`` rows named only in the clauses of a kind, when the only other rows are ``kinds``: "which
    of them will take an image built on <kind>?" asks about the kind, the image only carries it."""
    if not kinds.intersection(features) or not set(features) - kinds <= carrying:
        return features
    of_kinds = {clause_of(m, clauses) for f in kinds.intersection(features) for m in naming(f, entities)}
    return tuple(f for f in features if f not in carrying or any(clause_of(m, clauses) not in of_kinds for m in naming(f, entities)))


def _asked_alone(f: str, features: tuple[str, ...], entities: list[Match], clauses: list[Clause], raw: Sequence[str]) -> bool:
    """Is the row named in a clause that asks and names no other row, not as one more case of what another clause
    asks ("..., and does that work for <kind> groups too?", "<kind> ones included?")?"""
    others = {i for g in features if g != f for i in positions(g, entities)}
    return any(
        (k := clause_of(m, clauses)) is not None
        and clauses[k].asks
        and not others.intersection(clauses[k].words)
        and not _one_more_case([raw[i] for i in clauses[k].words])
        for m in naming(f, entities)
    )


def _negated(m: Match, raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Is a negation among the few words before the match ("no https", "can't use a cert"), other than the auxiliary
    a negated question opens with ("Doesn't <platform> serve https ...?", "Can't we ...")?"""
    opening = clause_start(m, clauses, default=-1)
    before = range(max(m.start - 3, 0), m.start)
    return any(raw[i] in vocabulary.NEGATIONS and not (i == opening and raw[i] in _NEGATED_AUXILIARIES) for i in before)


_NEGATED_AUXILIARIES = frozenset({"doesnt", "dont", "didnt", "isnt", "arent", "cant", "cannot", "couldnt", "wont"})


def _clause_words(m: Match, raw: Sequence[str], clauses: list[Clause]) -> list[str]:
    """The words of the match's clause (the match's own where it is in none)."""
    k = clause_of(m, clauses)
    return [raw[i] for i in (clauses[k].words if k is not None else m.positions)]


def _another_case(words: Sequence[str]) -> bool:
    """Does a sentence of its own put one more case to what the sentence before asked or told: "What about <kind>
    groups?" (not "... <kind> ones as well", which may wish for the kind itself)."""
    return tuple(words[:2]) in (("what", "about"), ("how", "about"))


def _one_more_case(words: Sequence[str]) -> bool:
    """Does a clause ask whether what another asks holds for one more case: "..., <kind> ones too?", "... as well?",
    "what about <kind> groups?",
    "does it work on <kind> groups?", "are <kind> groups supported there?"?"""
    pairs = set(zip(words, words[1:], strict=False))
    return (
        any(w in _ONE_MORE_CASE for w in words)
        or ("as", "well") in pairs
        or _another_case(words)
        or (any(w in _APPLIES for w in words) and any(w in vocabulary.POINTERS for w in words))
        or (len(words) > 2 and words[-1] == "there" and words[-2] not in ("is", "are"))
    )


def _apart(own: set[int], m: Match, clauses: list[Clause]) -> bool:
    """Are the narrowing words in another clause than the row's own words ("we need <row>, <row>, and an X we don't
    tune": each item of a list is asked on its own)?"""
    theirs = clause_of(m, clauses)
    mine = {k for k, c in enumerate(clauses) if own & set(c.words)}
    return theirs is not None and bool(mine) and theirs not in mine


def _told_apart(own: set[int], m: Match, clauses: list[Clause]) -> bool:
    """Are the narrowing words in a sentence that tells (the asker's setup, or what their app does), apart from the
    one that asks about the row ("Do I need HTTP/2 for streaming? We already bumped the timeout.", "The service
    decodes video in memory. ... How much memory can an instance have?")?"""
    asking = _asking(clauses)
    told = [c for c in clauses if m.start in c.words and not c.asks and not c.need]
    return bool(told) and told[0].sentence not in asking and any(c.sentence in asking for c in clauses if own & set(c.words))


def _adding(raw: Sequence[str], clauses: list[Clause]) -> set[int]:
    """The sentences that ask a question added to the one before ("...? and how much <row>?", "...? also, ...")."""
    asking = _asking(clauses)
    openings: dict[int, int] = {}
    for c in clauses:
        if len(c.words):
            openings.setdefault(c.sentence, c.words.start)
    return {k for k, at in openings.items() if k in asking and raw[at] in vocabulary.ASKING_MORE}


def _which_added(raw: Sequence[str], clauses: list[Clause]) -> set[int]:
    """The clauses that add a "which" question to the sentence's first ("which ..., and which of those ...?")."""
    return {
        k
        for k, c in enumerate(clauses)
        if k
        and clauses[k - 1].sentence == c.sentence
        and len(c.words) > 1
        and raw[c.words.start] in vocabulary.ASKING_MORE
        and raw[c.words.start + 1] == "which"
    }


def _joined_question(own: set[int], m: Match, raw: Sequence[str]) -> bool:
    """Are the row and the narrowing words asked in two questions joined in one sentence ("does <platform> <row> and
    can it <narrowing words>?", "<row>, plus what does ... <narrowing words>?"): each asked, neither narrowing the other?"""
    if not own or max(own) >= m.start:
        return False
    return any(raw[k] in JOINING_ASKS and raw[k + 1] in JOINED_ASKS for k in range(max(own) + 1, m.start - 1))


def _asked_apart(f: str, m: Match, entities: list[Match], raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Is the narrower row asked in a question of its own that adds to the row's ("<row> per instance? and how much
    <row> comes with it?"), or the row in one that adds to the narrowing words' ("how long can a task run? ... and
    if there's a cap, does it get <row> first?"): two questions, each row asked?"""
    theirs = _sentence_at(m.start, clauses)
    named = naming(f, entities)
    # where the row is named outright, not by a weak word ("how long" in both questions)
    outright = [n for n in named if not n.pattern.weak] or named
    mine = {_sentence_at(n.start, clauses) for n in outright}
    if mine == {theirs}:
        # one sentence, two questions: "which ... <row>, and which of those ... <row>?"
        at = {clause_of(n, clauses) for n in outright}
        k = clause_of(m, clauses)
        return k is not None and None not in at and k not in at and bool({k, *at} & _which_added(raw, clauses))
    if not mine or theirs in mine:
        return False
    adding, asking = _adding(raw, clauses), _asking(clauses)
    if mine <= adding and theirs in asking:
        return True
    return theirs in adding and set(m.positions) <= positions(narrower(m), entities) and mine <= asking


def _side_by_side(a: set[int], b: set[int], raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Are two phrases asked side by side: with only conjunctions and articles between them ("X and a Y", "X or
    Y"), or next to each other across a comma ("X, Y, Z")?"""
    lo, hi = sorted((a, b), key=min)
    if max(lo) >= min(hi):  # one is named on both sides of the other: not a pair in a list
        return False
    between = raw[max(lo) + 1 : min(hi)]
    if not between:  # next across a comma; not a clause that asks one more case of the last ("... <row>? <kind> ones too?")
        return any(c.words.start == min(hi) and not _one_more_case([raw[i] for i in c.words]) for c in clauses[1:])
    # ... the labels of numbered items between them aside ("R-7.1 (<row>) and R-7.3 (<row>)")
    return any(t in vocabulary.CONJUNCTIONS for t in between) and all(
        t in vocabulary.CONJUNCTIONS or t in vocabulary.ARTICLES or t.isdigit() or (len(t) == 1 and t.isalpha()) for t in between
    )


def _without_rows_only(
    features: tuple[str, ...], entities: list[Match], only: Callable[[Match], bool], keep: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Without the rows (but those to ``keep``) every match naming which is ``only`` so, when another row is asked."""
    if len(features) < 2:
        return features

    def dropped(f: str) -> bool:
        ms = naming(f, entities)
        return f not in keep and bool(ms) and all(only(m) for m in ms)

    return tuple(f for f in features if not dropped(f)) or features


def purposes(features: tuple[str, ...], entities: list[Match], raw: Sequence[str], clauses: list[Clause]) -> tuple[str, ...]:
    """Without rows named only as what the thing just asked about is for ("<row> on <platform>? need it for a VPN
    client") or as the reason for it ("Arm64, because the cost model assumes <row>"), when another row is asked."""

    def for_it(m: Match) -> bool:
        return any(raw[j] in _PURPOSE and raw[j - 1] in vocabulary.POINTERS for j in range(max(m.start - 2, 1), m.start))

    def reason(m: Match) -> bool:  # "because" earlier in the clause, or a clause that gives a reason
        k = clause_of(m, clauses)
        return "because" in raw[clause_start(m, clauses, default=m.start) : m.start] or (k is not None and gives_reason(k, clauses, raw))

    def for_a_row(m: Match) -> bool:  # "a sidecar for log shipping": what another row named just before is for
        j = m.start - 1
        return (
            j >= 1
            and raw[j] in _PURPOSE
            and any(e.pattern.kind == "feature" and e.pattern.target != m.pattern.target and j - 1 in e.positions for e in entities)
        )

    def to_spare(m: Match) -> bool:  # "Arm64 on <platform> to shave some <row>": the row is what the other should spare
        return any(raw[j] == "to" and raw[j + 1] in _SPARING for j in range(max(m.start - 4, 0), m.start - 1))

    def to_note(m: Match) -> bool:  # "any limits we should log (as a risk)?": one word, a verb of noting what came before
        return (
            m.end - m.start == 1
            and m.start > 1
            and (raw[m.start - 2] in _NOTERS and raw[m.start - 1] in _MODALS or raw[m.start - 2 : m.start] == ["need", "to"])
            and (m.end == len(raw) or raw[m.end] == "as")
            and not (m.start > 2 and raw[m.start - 3] in JOINED_ASKS)
        )

    return _without_rows_only(
        features,
        entities,
        lambda m: for_it(m) or reason(m) or wanted_for(m, raw, clauses) or for_a_row(m) or to_spare(m) or to_note(m),
    )


def likened(m: Match, raw: Sequence[str]) -> bool:
    """Is the match named as what something else is like, a few words either side ("a X equivalent", "like our X")?"""
    after, before = raw[m.end : m.end + 3], raw[max(m.start - 6, 0) : m.start]
    return any(t in vocabulary.ANALOGY_AFTER for t in after) or any(t in vocabulary.ANALOGY_BEFORE for t in before)


def likened_last(m: Match, raw: Sequence[str]) -> bool:
    """Does the message end on the match as what its row is like ("does each request get a new task, like X?")?"""
    return m.end == len(raw) and _after(m, raw, vocabulary.ANALOGY_BEFORE)


def wanted_for(m: Match, raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Is the match named in a clause that says what something else is wanted for ("<row> so we don't pay for <row>",
    "<row> so I can reach it from <where>")?"""
    before = raw[max(clause_start(m, clauses, default=m.start), m.start - SO_THAT_REACH) : m.start]
    return any(w == "so" and k + 1 < len(before) and before[k + 1] in _SO_SUBJECTS for k, w in enumerate(before))


def examples(features: tuple[str, ...], entities: list[Match], raw: Sequence[str], clauses: list[Clause]) -> tuple[str, ...]:
    """Without rows named only as examples of what another row asked about covers ("does <row> on <platform> cover
    things like <row>, <row> and <row>?", "<row> gotchas such as image size"), when that row is named before them in
    the same sentence."""
    if len(features) < 2:
        return features
    markers = [k for k in range(len(raw)) if " ".join(raw[k : k + 2]) in vocabulary.EXAMPLES or raw[k] in vocabulary.EXAMPLES]

    def listed(k: int, m: Match) -> bool:
        """In the marker's clause, or in a list item after it ("..., <row> placement and <row>"), not in a clause of
        its own ("..., is it possible to configure ...")."""
        start = clause_start(m, clauses, default=k)
        return start <= k or not any(t in vocabulary.CLAUSE_WORDS for t in raw[start : m.start])

    def example(m: Match) -> bool:
        sentence = sentence_of(m, clauses)
        for k in (k for k in markers if k < m.start and _sentence_at(k, clauses) == sentence and listed(k, m)):
            if any(
                e.pattern.kind == "feature"
                and e.pattern.target != m.pattern.target
                and e.pattern.target in features
                and e.end <= k
                and _sentence_at(e.start, clauses) == sentence
                for e in entities
            ):
                return True
        return False

    return _without_rows_only(features, entities, example)


def without_rows_in(
    features: tuple[str, ...], entities: list[Match], words: frozenset[int], keep: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Without the rows (but those to ``keep``) named only within ``words`` (a pasted snippet), when another row is
    named outside them."""
    return _without_rows_only(features, entities, lambda m: set(m.positions) <= words, keep)


def _waived(m: Match, raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Is the match in a list of what the asker can do without ("can live without: <row>, <row>, <row>."), in its
    sentence after those words?"""
    k = sentence_of(m, clauses)
    start = next((c.words.start for c in clauses if c.sentence == k), m.start)
    before = raw[start : m.start]
    return any(
        " ".join(before[i : i + 2]) in vocabulary.CAN_DO_WITHOUT
        and not (i and before[i - 1] in vocabulary.NEGATIONS)  # "can't live without"
        for i in range(len(before) - 1)
    )


def quantities(
    features: tuple[str, ...], entities: list[Match], raw: Sequence[str], clauses: list[Clause], *, given: bool = False
) -> tuple[str, ...]:
    """Without rows named only by an amount that describes something else ("each 0.25 vCPU task", "a 40 GiB
    volume", "a 0.5 vCPU / 1GB task", "a 2 vCPU / 4GB API"), or, where amounts are ``given`` (a question of what
    something costs, the amounts not listed as needs), by an amount in the clause that asks the cost ("how much would
    a task with 4 vCPU and 16 GB cost?") or in one that only tells ("300 tasks x 4 vCPU - how is that billed?"), not
    one that asks for it or needs it ("can a task have 16 vCPU, and how is it billed?"), when another row is asked."""

    def priced(m: Match) -> bool:
        k = clause_of(m, clauses)
        if k is None:
            return True
        c = clauses[k]
        asked = c.asks and raw[c.words.start] in vocabulary.YES_NO_OPENERS  # "can a task have 16 vCPU?"
        return any(raw[i] in vocabulary.COST_WORDS for i in c.words) or not (asked or c.need)

    named = {i for m in entities if m.pattern.kind == "feature" for i in m.positions}

    def describing(m: Match) -> bool:
        if m.start == 0 or not raw[m.start - 1].isdigit():
            return False
        at = m.end  # past the rest of the amount ("/ 1GB"): the units our rows name, and a number before one
        while at < len(raw) and (at in named or (raw[at].isdigit() and at + 1 in named)):
            at += 1
        if at < len(raw) and (raw[at] in vocabulary.DESCRIBED or raw[at] in vocabulary.APP_NOUNS):
            return True
        return given and raw[m.start] not in vocabulary.COST_WORDS and priced(m)  # "24/7 cost": not an amount of a cost

    return _without_rows_only(features, entities, describing)


def not_asked(features: tuple[str, ...], entities: list[Match], raw: Sequence[str], clauses: list[Clause]) -> tuple[str, ...]:
    """Without rows said not to be the question ("not asking about <row>", "we don't care about <row>"), or set against
    what is ("not <row>, just <row>", "..., not <row>", "we don't need <row>, only <row>"), when another row is asked."""

    def contrasted(m: Match) -> bool:
        k = clause_of(m, clauses)
        if k is None:
            return False
        if _waived(m, raw, clauses):
            return True
        start = clauses[k].words.start
        if raw[start] == "not" and (m.start == start + 1 or (m.start == start + 2 and raw[start + 1] in vocabulary.ARTICLES)):
            return True
        following = clauses[k + 1] if k + 1 < len(clauses) and clauses[k + 1].sentence == clauses[k].sentence else None
        return (
            following is not None
            and len(following.words) > 0  # a clause of no words ("..., ?")
            and raw[following.words.start] in vocabulary.INSTEAD
            and _after(m, raw, vocabulary.NOT_NEEDED)
        )

    return _without_rows_only(features, entities, lambda m: _after(m, raw, vocabulary.NOT_ASKED) or contrasted(m))


def put_aside(
    features: tuple[str, ...],
    entities: list[Match],
    raw: Sequence[str],
    clauses: list[Clause],
    done_without: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Without rows the question puts aside ("<row> aside, is there a hard limit?", "apart from <row>, ...", "<row>
    matters less", "rather than <row>", "without <row>", "<row> we'll deal with separately"), when another row is
    asked. A row whose going without is what people ask for (``done_without``: "without a cluster to create") is
    asked, not put aside, by "without"."""

    def aside(m: Match) -> bool:
        end = m.end + 1 if m.end < len(raw) and raw[m.end] in ("support", "supports") else m.end  # "<row> support is ..."
        after = " ".join(raw[end : end + 3])
        return (
            (m.pattern.target not in done_without and (_after(m, raw, vocabulary.ROWS_ASIDE) or _done_instead(m, raw, clauses)))
            or any(raw[i] in vocabulary.ASIDE for i in range(m.end, min(m.end + 2, len(raw))))
            or any(after.startswith(p) for p in vocabulary.LESS_IMPORTANT)
            or _dealt_with(m, raw, clauses)
        )

    return _without_rows_only(features, entities, aside)


def instead_of(features: tuple[str, ...], entities: list[Match], raw: Sequence[str], clauses: list[Clause]) -> tuple[str, ...]:
    """Without rows named as what the asker wants instead of ("work that exits, rather than a long-running service"),
    when another row is asked."""
    return _without_rows_only(features, entities, lambda m: _after(m, raw, vocabulary.RATHER_THAN) or _done_instead(m, raw, clauses))


def yardsticks(features: tuple[str, ...], entities: list[Match], raw: Sequence[str]) -> tuple[str, ...]:
    """Without rows named only as what a platform's limitations are measured from ("<platform> limitations compared to
    (normal EC2) <row>"), a word or two describing the row aside, but no platform's name."""
    named = {i for m in entities if m.pattern.kind in ("platform", "scope") for i in m.positions}

    def measured_from(m: Match) -> bool:
        starts = [m.start]
        while starts[-1] > 0 and sum(not raw[s].isdigit() for s in starts) <= DESCRIBING_WORDS and starts[-1] - 1 not in named:
            starts.append(starts[-1] - 1)  # "EC2" is two words, the digit no describing word of its own
        return any(_after_at(s, raw, vocabulary.WEIGHED_AGAINST) for s in starts)

    return tuple(f for f in features if not all(measured_from(m) for m in naming(f, entities)))


def _done_instead(m: Match, raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Is the match what the asker would do instead, a few words after "rather than" or "instead of" in its clause
    ("..., rather than us pasting in a <row>")?"""
    start = max(clause_start(m, clauses, default=m.start), m.start - INSTEAD_REACH)
    before = raw[start : m.start]
    return any(pair in (("rather", "than"), ("instead", "of")) for pair in zip(before, before[1:], strict=False))


def _dealt_with(m: Match, raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Is the match in a clause that tells it is dealt with elsewhere ("<row> we'll handle separately"), there or in
    the next clause of its sentence ("<row> goes to X, so those aren't factors")?"""
    k = clause_of(m, clauses)
    if k is None or clauses[k].asks:
        return False
    told = [c for c in clauses[k : k + 2] if c.sentence == clauses[k].sentence]
    text = " " + " ".join(raw[i] for c in told for i in c.words if i >= m.end) + " "
    return any(f" {p} " in text for p in vocabulary.DEALT_WITH)


def named_apps(features: tuple[str, ...], entities: list[Match], raw: Sequence[str], kinds: frozenset[str]) -> tuple[str, ...]:
    """Without rows named only by one word that names the asker's software ("the billing service", "the pricing
    api"), when the question asks about another row; a row whose words tell the kind of app (``kinds``) stays."""

    def app_name(m: Match) -> bool:
        return len(m.positions) == 1 and m.end < len(raw) and raw[m.end] in vocabulary.APP_NOUNS

    return _without_rows_only(features, entities, app_name, keep=kinds)


def thin(
    features: Sequence[str],
    entities: list[Match],
    unexplained: list[str],
    raw: Sequence[str],
    clauses: list[Clause],
    *,
    lost: int = LONG_UNEXPLAINED,
    beside_platform: bool = True,
    phrase: bool = False,
) -> bool:
    """Is one word all the evidence for the topic of a long sentence (the clause it sits in, when the clauses are
    known; the whole message when they are not): ``lost`` or more words nothing explains? With ``beside_platform``,
    a word in a clause that asks or needs something of a platform it names is not lost there (where a tool is the
    setting, it may be). With ``phrase``, one unbroken phrase of two words is no more evidence than one word."""
    # A narrowed row is named by its narrowing words and by the broader row's phrase they narrowed.
    broader = {split_narrowing(m.pattern.target)[0] for f in features for m in naming(f, entities) if m.pattern.kind == "narrow"}
    evidence = {i for f in (*features, *broader) for i in positions(f, entities)}
    # A word right after a platform's name makes a name with it ("<platform> Spot"): not lost in the sentence.
    named = {m.end for m in entities if m.pattern.kind in ("platform", "scope")}
    if phrase:
        one = len({tuple(m.positions) for f in features for m in naming(f, entities)}) == 1
        single = one and len(evidence) <= SHORT_PHRASE and max(evidence) - min(evidence) < len(evidence)
    else:
        single = len(evidence) == 1
    if not single or evidence <= named:
        return False
    # ... nor is a word in a clause that asks or states a need of the platform it names ("wants <row>=1 on <platform>")
    at = min(evidence)
    clause = next((c for c in clauses if at in c.words), None)
    of_platform = (
        beside_platform
        and clause is not None
        and (clause.asks or clause.need)
        and any(m.start in clause.words for m in entities if m.pattern.kind in ("platform", "scope"))
    )
    return not of_platform and lost_in(evidence, unexplained, raw, clauses, lost)


def lost_in(place: set[int], unexplained: list[str], raw: Sequence[str], clauses: list[Clause], lost: int = LONG_UNEXPLAINED) -> bool:
    """Does the clause holding ``place`` (the whole message when the clauses are not known) have ``lost`` or more
    words nothing recognised explains?"""
    at = min(place)
    clause = next((c.words for c in clauses if at in c.words), range(len(raw)))
    left = set(unexplained)
    return sum(1 for i in clause if raw[i] in left) >= lost


def naming(f: str, entities: Sequence[Match]) -> list[Match]:
    """The matches that name row ``f``: its own phrases, and the words that narrowed a broader row into it."""
    return [
        m for m in entities if (m.pattern.kind == "feature" and m.pattern.target == f) or (m.pattern.kind == "narrow" and narrower(m) == f)
    ]


def positions(f: str, entities: Sequence[Match]) -> set[int]:
    """The words that name row ``f``."""
    return {i for m in naming(f, entities) for i in m.positions}


def narrower(m: Match) -> str:
    """The row a narrowing match names."""
    return split_narrowing(m.pattern.target)[1]


def within_clauses(found: list[Match], clauses: list[Clause]) -> list[Match]:
    """Drop phrases that run across a clause's end ("the container, app ..." is not the product "container app")."""
    if len(clauses) <= 1:
        return found  # one clause or none: no phrase runs across an end
    clause_at = {i: k for k, c in enumerate(clauses) for i in c.words}
    across = [m for m in found if clause_at.get(m.positions[0]) != clause_at.get(m.positions[-1])]
    if not across:
        return found
    # words that name a row one by one
    alone = {m.positions[0] for m in found if m.pattern.kind == "feature" and len(m.positions) == 1}

    def listed(m: Match) -> bool:
        """Two words that each name a row, the second opening the next clause of the sentence, and together another
        row ("a cheaper, evictable tier"): a pair of words before their noun, not two items of a list."""
        first, last = clause_at.get(m.positions[0]), clause_at.get(m.positions[-1])
        return (
            m.pattern.kind == "feature"
            and len(m.positions) == 2
            and m.positions[1] == m.positions[0] + 1
            and alone.issuperset(m.positions)
            and first is not None
            and last == first + 1
            and clauses[first].sentence == clauses[last].sentence
        )

    dropped = {id(m) for m in across if not listed(m)}
    return [m for m in found if id(m) not in dropped]


def unbroken_names(found: list[Match]) -> list[Match]:
    """Drop phrases that take a word of a platform's name: gapped ones ("how long * run" across a name ending in
    "run"), feature phrases that begin inside a name of several words ("run on <X>" after a name ending in "run"),
    and names of what we do not cover that take part of one (not those that hold a whole name: "<name of several words> on
    our own cluster")."""
    spans = {m.positions for m in found if m.pattern.kind in ("platform", "scope") and m.pattern.contiguous}
    names = {i for span in spans for i in span}
    inner = {i for span in spans for i in span[1:]}  # words after a name's first
    long_names = [frozenset(span) for span in spans if len(span) > 1]

    out = []
    for m in found:
        kind = m.pattern.kind
        if kind in ("platform", "scope"):
            pass
        elif not m.pattern.contiguous and kind not in ("topic", "product", "context", "tool"):
            if not names.isdisjoint(m.positions):
                continue
        elif kind == "feature":
            if m.start in inner:
                continue
        elif kind in ("topic", "product", "context", "tool") and not names.isdisjoint(m.positions):
            mine = set(m.positions)  # a refused name ending in a platform name's first word
            if any(span & mine and not span <= mine for span in long_names):
                continue
        out.append(m)
    return out


def across_names(found: list[Match], stems: Sequence[str], find: Callable[[Sequence[str]], list[Match]]) -> list[Match]:
    """Gapped row phrases (``find`` finds them) that fit once the platforms' names are taken out of the question ("how
    fast does an <X> <Y> start?" is "how fast * start" with a name of several words in the gap): a name stands for one
    thing, not for the words a gap may pass over."""
    spans = [m.positions for m in found if m.pattern.kind in ("platform", "scope") and m.pattern.contiguous]
    if not spans:
        return []
    names = {i for span in spans for i in span}
    kept = [i for i in range(len(stems)) if i not in names]
    out = []
    for m in find([stems[i] for i in kept]):
        positions = tuple(kept[j] for j in m.positions)
        if any(positions[0] < i < positions[-1] for i in names):  # its gap held a name
            out.append(Match(m.pattern, positions))
    return out


def _purpose(m: Match, raw: Sequence[str]) -> bool:
    """Is the match named as what something is for ("for batch", "for cheap batch runs")?"""
    return any(raw[i] in _PURPOSE for i in range(max(m.start - 2, 0), m.start))


def _included(m: Match, raw: Sequence[str], clauses: list[Clause]) -> bool:
    """Is the match one of the items a clause says are included ("..., <kind> and <row> bits included?")?"""
    k = clause_of(m, clauses)
    return k is not None and any(raw[i] in _INCLUDED for i in clauses[k].words if i >= m.end)


def _what_for(m: Match, raw: Sequence[str]) -> bool:
    """Is the match named as what something is for, with a determiner ("for our <row> checks", "for the <row> job")?"""
    return m.start > 1 and raw[m.start - 2] in _PURPOSE and raw[m.start - 1] in _DETERMINERS


def _after(m: Match, raw: Sequence[str], words: frozenset[str]) -> bool:
    """Does the match come right after one of ``words`` (one to three words long), or after one and an article or a
    possessive ("coming from a X shop", "like our X services did")?"""
    return _after_at(m.start, raw, words)


def _after_at(start: int, raw: Sequence[str], words: frozenset[str]) -> bool:
    """Does position ``start`` come right after one of ``words``, or after one and an article or a possessive?"""
    last = _last_words(words)  # most words before a match end none of them: passed over at once
    for s in (start, start - 1) if start > 1 and raw[start - 1] in _DETERMINERS else (start,):
        if s > 0 and raw[s - 1] in last and any(" ".join(raw[max(s - n, 0) : s]) in words for n in (1, 2, 3)):
            return True
    return False


@lru_cache(maxsize=8)
def _first_words(words: frozenset[str]) -> frozenset[str]:
    """The words the phrases start with."""
    return frozenset(w.split(" ", 1)[0] for w in words)


@lru_cache(maxsize=64)
def _last_words(words: frozenset[str]) -> frozenset[str]:
    """The words the phrases end with."""
    return frozenset(w.rsplit(" ", 1)[-1] for w in words)


def taken_back(entities: Sequence[Match], raw: Sequence[str]) -> tuple[set[str], list[str], int | None]:
    """What a message takes back as it corrects itself: the platforms and products named before "sorry", "I meant",
    "make that" and the like when another platform follows ("does X go to sleep -- sorry, Y", "what is X -- I mix it up
    with <product>, sorry, I mean X proper"), or only the second of a pair when the correction names one anew
    ("X vs Y -- actually vs Z"); and where the last correction of the rows starts, if one names a row right after
    ("<row A> and <row B> -- sorry, <row A> and <row C>"), the rows named only before it being taken back too. Also the
    platforms the corrections put in place, in order: asked even in a sentence of their own ("? oops, meant Y")."""
    firsts = _first_words(vocabulary.TAKING_BACK | vocabulary.TAKING_BACK_PAIR)
    at = [i for i, w in enumerate(raw) if w in firsts]
    if not at:
        return set(), [], None  # most messages correct nothing: passed over at once
    names = [m for m in entities if m.pattern.kind in ("platform", "scope", "product")]
    starts = {m.start: m for m in entities}
    out: set[str] = set()
    put_in: list[str] = []
    rows_from: int | None = None
    past = 0  # the words of the last marker read
    for i in at:
        if i < past:
            continue
        two = " ".join(raw[i : i + 2])
        size = 2 if two in vocabulary.TAKING_BACK or two in vocabulary.TAKING_BACK_PAIR else 1
        marker = raw[i] if size == 1 else two
        pair_only = marker in vocabulary.TAKING_BACK_PAIR
        if marker not in vocabulary.TAKING_BACK and not pair_only:
            continue
        past = i + size
        j = i + size
        while j < len(raw) and raw[j] in vocabulary.TAKEN_BACK_FILLER and j not in starts:
            j += 1
        anew = j < len(raw) and raw[j] in vocabulary.PAIRING and raw[j] not in ("and", "or")  # "... -- actually vs Z"
        k = j + 1 if anew else j
        first = starts.get(k)
        before = [m for m in names if m.start < i]
        if first is not None and first.pattern.kind in ("platform", "scope") and before:
            put = [first]
            while (nxt := _next_name(names, raw, put[-1])) is not None:
                put.append(nxt)
            if not pair_only or anew or len(put) >= 2:
                named = {_target(m) for m in put}
                put_in += [p for p in (_target(m) for m in put) if p not in put_in]
                if anew:
                    out.add(_target(max((m for m in before if m.pattern.kind != "product"), key=lambda m: m.start, default=before[-1])))
                else:
                    out.update(_target(m) for m in before if _target(m) not in named)
        elif first is not None and first.pattern.kind == "feature" and not pair_only:
            rows_from = i
    return out - set(put_in), put_in, rows_from


def _target(m: Match) -> str:
    """The platform or product a name stands for (a scope's platform)."""
    return m.pattern.target.split("/")[0] if m.pattern.kind == "scope" else m.pattern.target


def _next_name(names: Sequence[Match], raw: Sequence[str], m: Match) -> Match | None:
    """The name set beside ``m`` by "vs", "and" or "or" ("X vs Y"), if any."""
    end = m.positions[-1] + 1
    if end < len(raw) and raw[end] in vocabulary.PAIRING:
        return next((n for n in names if n.start == end + 1 and n.pattern.kind in ("platform", "scope")), None)
    return None


def moved_from(entities: Sequence[Match], raw: Sequence[str]) -> set[str]:
    """Platforms a message moves away from: named after "off" or "leaving" ("moving off X"), after "from" in a message
    that speaks of moving ("porting a service from X to Y"), or right before "to" and another platform ("X to Y:
    ..."), and nowhere else ("... from X to Y. How do Y and X handle ...?" asks of both)."""
    names = [m for m in entities if m.pattern.kind in ("platform", "scope")]
    moving = not vocabulary.MOVING.isdisjoint(raw)
    if not (moving or "to" in raw or not _last_words(vocabulary.MOVED_OFF).isdisjoint(raw)):
        return set()  # most messages say nothing of moving: passed over at once
    leaving: set[int] = set()
    for k, m in enumerate(names):
        after_to = k + 1 < len(names) and m.end < len(raw) and raw[m.end] == "to" and names[k + 1].start == m.end + 1
        if (
            _after(m, raw, vocabulary.MOVED_OFF)
            or (moving and _after(m, raw, frozenset({"from"})))
            or (after_to and names[k + 1].pattern.target.split("/")[0] != m.pattern.target.split("/")[0])
        ):
            leaving.add(m.start)
    left = {m.pattern.target.split("/")[0] for m in names if m.start in leaving}
    return {p for p in left if all(m.start in leaving for m in names if m.pattern.target.split("/")[0] == p)}


def looked_past(
    entities: Sequence[Match],
    raw: Sequence[str],
    words: frozenset[str] = vocabulary.BESIDES,
    vendors: Mapping[str, tuple[str, ...]] | None = None,
) -> set[str]:
    """Platforms named right after "besides", "other than", "except": a question about the others (or, with
    ``words``, right after others: "the way X does" names what the question is measured against). With ``vendors``,
    a vendor's name stands for its platforms ("Not <vendor>. Which?")."""
    last = _last_words(words)
    kinds = ("platform", "scope", "vendor") if vendors is not None else ("platform", "scope")
    out: set[str] = set()
    for m in entities:
        if m.pattern.kind not in kinds:
            continue
        # a name right after them (or after them and an article)
        at = m.start
        if not ((at >= 1 and raw[at - 1] in last) or (at >= 2 and raw[at - 2] in last)) or not _after(m, raw, words):
            continue
        if at >= 2 and raw[at - 2 : at] == ["if", "not"]:
            continue  # "... ? if not, <platform>?" asks of it in turn
        if m.pattern.kind in ("platform", "scope"):
            out.add(m.pattern.target.split("/")[0])
        elif vendors is not None and m.pattern.kind == "vendor":
            out.update(vendors.get(m.pattern.target, ()))
    return out


def framed_in(entities: Sequence[Match], raw: Sequence[str]) -> set[str]:
    """Platforms a question is put in the terms of ("what is X, explained in <platform> terms?"): what the asker knows,
    not what is asked about."""
    return {
        m.pattern.target.split("/")[0]
        for m in entities
        if m.pattern.kind in ("platform", "scope")
        and m.start >= 1
        and raw[m.start - 1] == "in"
        and m.end < len(raw)
        and raw[m.end] in vocabulary.TERMS_OF
    }


def asked_apart(m: Match, raw: Sequence[str], clauses: list[Clause], named: set[int]) -> bool:
    """Is the match asked about in a question added to one about our platforms ("does <platform> ..., and also does
    X ...?"): a question of its own, which the answer says it cannot speak to? ``named``: where our platforms are named
    (none in a question over them all)."""
    k = clause_of(m, clauses)
    if k is None or not clauses[k].asks or not named.isdisjoint(clauses[k].words):
        return False
    opening = [raw[i] for i in clauses[k].words][:2]
    added = opening[:1] == ["also"] or (len(opening) == 2 and opening[0] in ("and", "oh") and opening[1] in vocabulary.ADDED_ASKS)
    # ... to one before it that names our platforms, or asks of them all when none is named ("which of these ...")
    return added and any((not named.isdisjoint(c.words)) if named else c.asks for c in clauses[:k])


def unit_asked(units: Sequence[Match], raw: Sequence[str], *, same: bool) -> bool:
    """Is the unit a platform runs what is asked about: what one is ("what is a <unit>?", "whats this <unit> thing?") or,
    where things are said to be alike (``same``), two units set side by side ("a <unit> vs a <unit>, same idea?",
    "basically a <unit>?")?"""

    def what_of(m: Match) -> bool:
        i = m.start - 1
        while i >= 0 and (raw[i] in vocabulary.ARTICLES or raw[i] in vocabulary.POINTERS):
            i -= 1
        if i < 0:
            return False
        # ("what's a <unit>" is "what a <unit>" once the "'s" is gone; not "what <unit> size ...")
        bare = raw[i] == "what" and i < m.start - 1
        return bare or raw[i] in vocabulary.WHAT_IS or " ".join(raw[max(i - 1, 0) : i + 1]) in vocabulary.WHAT_IS

    return any(what_of(m) for m in units) or (same and len({m.pattern.elements for m in units}) >= 2)


def background_products(
    entities: Sequence[Match],
    raw: Sequence[str],
    clauses: list[Clause],
    *,
    platform_named: bool,
    topical: bool,
    summary: bool = False,
    over_ours: bool = False,
) -> tuple[str, ...]:
    """Products named as the asker's background, not as the subject: one the asker comes from ("moving from X to
    <platform>", "I've only used X"), one named beside a platform as what it is like ("<platform> in X terms", "roll back
    like we do on X"), or, beside a platform and a topic, one set against the platform ("on <platform> compared with X")
    or named in a clause of its own ("On X we had no GPUs. Can <platform> ...?"). In a question asking what a platform
    is (``summary``), every product not itself what is asked about ("what's <platform>, really? just X with a markup?",
    "explain <platform> to someone burned by X"; not "what is X?"). One named as what the person asked for knows ("<platform>
    <row> for someone who only knows X"). In a question ``over_ours`` (which of them, or which
    to pick, for a row), one named as what the row is like ("which one has something like X's <row>?"; not "the X
    equivalent", which asks for a product like X)."""
    named = {i for e in entities if e.pattern.kind in ("platform", "scope") for i in e.positions}
    asking = _asking(clauses)

    def elsewhere(m: Match) -> bool:
        """In a clause of its own that tells, or that offers it as the alternative to what was just asked; not one that
        asks about it, nor one that introduces the question ("On X, how do I ...?"), nor a title's opening name ("X CLI:
        deploy fails on <platform>")."""
        k = clause_of(m, clauses)
        if k is None or any(i in clauses[k].words for i in named):
            return False
        if clauses[k].asks:  # the alternative to what was just asked of a platform ("..., or do I bring X myself?")
            before = clauses[k - 1] if k else None
            return (
                before is not None
                and raw[clauses[k].words.start] == "or"
                and before.sentence == clauses[k].sentence
                and before.asks
                and any(i in before.words for i in named)
            )
        if _opens_as_title(m, clauses):
            return False
        after = clauses[k + 1] if k + 1 < len(clauses) else None
        told_before = any(raw[i] in vocabulary.TOLD_BEFORE for i in clauses[k].words)  # "On X we had ..., what's ...?"
        # a question that follows in the same sentence is about the product, unless it names one of ours and does not
        # point back at the product ("Replacing a cron rule plus X: how do I run a <platform> task every hour?", not
        # "X gen2, is it really <platform> underneath?")
        if told_before or after is None or after.sentence != clauses[k].sentence or not after.asks:
            return True
        # ... or asks whether one of ours does as the product does ("X scales to zero, does <platform> do the same?")
        asked = [raw[i] for i in after.words]
        likewise = any(t in vocabulary.LIKE_BEFORE for t in (*asked, *map(" ".join, zip(asked, asked[1:], strict=False))))
        return any(i in after.words for i in named) and (likewise or not any(t in vocabulary.POINTERS for t in asked))

    def told(m: Match) -> bool:  # in a sentence around the question, in a message whose question is elsewhere
        return bool(asking) and sentence_of(m, clauses) not in asking

    def background(m: Match) -> bool:
        moving_off = m.end < len(raw) and raw[m.end] in vocabulary.MOVING_OFF
        came_from = (_after(m, raw, vocabulary.CAME_FROM) or moving_off) and (platform_named or topical)
        analogy = likened(m, raw) and not _opens_as_title(m, clauses)
        set_against = _after(m, raw, vocabulary.SET_AGAINST) or analogy or elsewhere(m)
        asked_what = m.start > 0 and raw[m.start - 1] in _WHAT_IS_HEADS
        # ("the X equivalent on <cloud>, A or B?" asks for a product like X, not for one of ours)
        sought = any(t in vocabulary.ANALOGY_SOUGHT for t in raw[m.end : m.end + 2])
        known = platform_named and audience is not None and m.start > audience  # "... for someone who only knows X"
        return (
            came_from
            or known
            or (over_ours and analogy and not sought)
            or (
                platform_named
                and (told(m) or asked_apart(m, raw, clauses, named) or analogy or (topical and set_against) or (summary and not asked_what))
            )
        )

    named_products: dict[str, list[Match]] = {}
    for m in entities:
        if m.pattern.kind == "product":
            named_products.setdefault(m.pattern.target, []).append(m)
    if not named_products:
        return ()
    audience = _audience_at(raw)  # read by background(), only where a product is named
    # A product that is also named as the subject somewhere ("X shows the wrong cost for <platform>") is not background.
    return tuple(p for p, ms in named_products.items() if all(background(m) for m in ms))


def _opens_as_title(m: Match, clauses: list[Clause]) -> bool:
    """Is the match a title's opening name, its first clause all but its own words ("X CLI: deploy fails on ...")?"""
    return bool(clauses) and m.start in clauses[0].words and len(clauses[0].words) <= len(m.positions) + 1


def in_question(matches: list[Match], entities: Sequence[Match], clauses: list[Clause], *, summary: bool = False) -> list[Match]:
    """Of a message whose asking sentences name a row (or, asked for a ``summary``, a platform), only the matches in
    those sentences: a caveat's words in the telling around the question ("... behind an NLB. Does <platform>
    accept raw UDP?") do not make it a caveat."""
    asking = _asking(clauses)
    if len(asking) == len({c.sentence for c in clauses}):
        return matches  # every sentence asks (or the clauses are not known)
    asked = {i for c in clauses if c.sentence in asking for i in c.words}
    kinds = ("feature", "platform", "scope") if summary else ("feature",)
    if not any(m.pattern.kind in kinds and m.start in asked for m in entities):
        return matches
    return [m for m in matches if m.start in asked]


def in_question_rows(features: tuple[str, ...], entities: list[Match], clauses: list[Clause]) -> tuple[str, ...]:
    """Of a message whose question is in sentences of its own, only the rows named in them (none, for "Can you give
    me an overview of <platform>?" after a paragraph of setting)."""
    asking = _asking(clauses)
    if not asking or len({c.sentence for c in clauses}) < 2:
        return features
    asked_words = {i for c in clauses if c.sentence in asking for i in c.words}
    if not any(m.pattern.kind in ("platform", "scope") and m.start in asked_words for m in entities):
        return features  # "... What's the short version?" sums up what was just told
    return tuple(f for f in features if positions(f, entities) & asked_words)


def summary_rows(features: tuple[str, ...], entities: list[Match], clauses: list[Clause]) -> tuple[str, ...]:
    """Of a message that asks for a summary of a platform in a sentence of its own ("Give me a rundown of <platform>
    for ... . I need the shape of it: how it scales, what it costs ..."), only the rows named in that sentence: the
    others list what the summary should cover."""
    if len({c.sentence for c in clauses}) < 2:
        return features
    named = {sentence_of(m, clauses) for m in entities if m.pattern.kind in ("platform", "scope")}
    return tuple(f for f in features if any(sentence_of(m, clauses) in named for m in naming(f, entities)))


def audience_rows(features: tuple[str, ...], entities: list[Match], raw: Sequence[str]) -> tuple[str, ...]:
    """Of a message that asks for a summary, without the rows named only in what it says the person it is for knows
    ("<platform> in short, for someone who has only ever run <row> on a VM"): who it is for, not what it should cover."""
    at = _audience_at(raw)
    if at is None:
        return features
    return tuple(f for f in features if any(m.start < at for m in naming(f, entities)))


def before_audience(matches: list[Match], raw: Sequence[str]) -> list[Match]:
    """Of a message that asks for a summary, the matches before what it says the person it is for knows ("what is
    <platform>, for someone who has run <the open-source kin> on their own cluster?"): a caveat's words there tell who
    asks, not what to warn of."""
    at = _audience_at(raw)
    return matches if at is None else [m for m in matches if m.start < at]


def _audience_at(raw: Sequence[str]) -> int | None:
    """Where a message starts saying what the person it is for knows ("for someone who only knows ..."), if it does."""
    told = (i for i, t in enumerate(raw) if i > 0 and t in vocabulary.RELATIVE_WHO and vocabulary.KNOWING.intersection(raw[i + 1 : i + 4]))
    return next(told, None)


def told_words(clauses: list[Clause]) -> set[int]:
    """The words of the sentences around the ones that ask, in a message that has sentences that ask."""
    asking = _asking(clauses)
    return {i for c in clauses if asking and c.sentence not in asking for i in c.words}


def told_platforms(entities: Sequence[Match], clauses: list[Clause], *, which: bool = False) -> set[str]:
    """Platforms named only in sentences around the one that asks about another platform ("How many requests does
    one <platform> task handle? Coming from <other>, where there's a knob."): where the asker comes from. When the
    sentence that asks is a "which" naming none (``which``), it asks of them all ("If <platform> can't take them,
    ... Which of the platforms can run Windows images?")."""
    asking = _asking(clauses)
    names = [m for m in entities if m.pattern.kind in ("platform", "scope")]
    if which and asking and not any(sentence_of(m, clauses) == min(asking) for m in names):
        # after a "which" naming none, a short sentence naming no row only says what the asker believes ("Which of them
        # gives containers a <row> these days? <platform> used to, right?")
        asking = {k for k in asking if k == min(asking) or not _believed(k, entities, clauses)}
    if asking and len(asking) == len({c.sentence for c in clauses}):
        return set()  # every sentence asks: none only tells
    asked = {m.pattern.target.split("/")[0] for m in names if sentence_of(m, clauses) in asking}
    if not asked and not (which and asking and len({c.sentence for c in clauses}) > 1):
        return set()
    return {m.pattern.target.split("/")[0] for m in names} - asked


def _believed(sentence: int, entities: Sequence[Match], clauses: list[Clause]) -> bool:
    """Is the sentence short and free of rows: a belief said in passing ("<platform> used to, right?")?"""
    size = sum(len(c.words) for c in clauses if c.sentence == sentence)
    return size <= BELIEF_WORDS and not any(m.pattern.kind == "feature" and sentence_of(m, clauses) == sentence for m in entities)


def asked_in_turn(platforms: Sequence[str], entities: Sequence[Match], clauses: list[Clause]) -> bool:
    """Is each platform first named in a different sentence, each one that asks ("does X ...? same for Y?")?"""
    names = [m for m in entities if m.pattern.kind in ("platform", "scope")]
    first = {next((sentence_of(m, clauses) for m in names if m.pattern.target.split("/")[0] == p), None) for p in platforms}
    return len(first) == len(platforms) and first <= _asking(clauses)


def turned_from(entities: Sequence[Match], raw: Sequence[str], clauses: list[Clause]) -> set[str]:
    """Platforms named only before a clause that turns to another ("<row> is fine on <platform>, but what about
    <other>?"): what the asker already knows, not what is asked. A platform asked about in a question of its own
    before the turn is asked too."""
    names = [m for m in entities if m.pattern.kind in ("platform", "scope")]
    for k, c in enumerate(clauses):
        opening = " ".join(raw[i] for i in c.words[:4])
        if k and any(opening.startswith(t) for t in vocabulary.TURNING_TO):
            later = {m.pattern.target.split("/")[0] for m in names if m.start >= c.words.start}
            known = (m for m in names if m.start < c.words.start and not any(d.asks and m.start in d.words for d in clauses[:k]))
            if later:
                return {m.pattern.target.split("/")[0] for m in known} - later
    return set()


def told_topics(entities: Sequence[Match], clauses: list[Clause], *, platform_asked: bool = False) -> set[str]:
    """Uncovered topics named only in sentences other than the one that asks about a row ("Does <platform> support
    <row> yet? Our cluster runs it on nodes we manage, in <topic> ..."): the setting, not the question. When no
    asking sentence names a row, the sentences stating the needs hold the question ("We need <row> and <row>. Our
    <topic> showed ... Which platform?"); with ``platform_asked`` (a platform's limitations asked for) so does an
    asking sentence that names a platform."""
    asking = _asking(clauses)
    rows = {sentence_of(m, clauses) for m in entities if m.pattern.kind == "feature"}
    asked = rows & asking
    if not asked and asking:
        asked = rows & {c.sentence for c in clauses if c.need}
        # ... unless only a weak word names a row there: then a topic named in the sentence that asks is what it asks
        # ("what's the <topic> on <platform>? need a number for our <weak row word> contract")
        if asked and not asked & {sentence_of(m, clauses) for m in entities if m.pattern.kind == "feature" and not m.pattern.weak}:
            asked |= asking
    if platform_asked:
        asked |= {sentence_of(m, clauses) for m in entities if m.pattern.kind in ("platform", "scope")} & asking
    if not asked:
        return set()
    topics = [m for m in entities if m.pattern.kind == "topic"]
    return {m.pattern.target for m in topics} - {m.pattern.target for m in topics if sentence_of(m, clauses) in asked}


DESCRIBING_WORDS = 2  # words that may describe an uncovered topic between it and what sets it aside ("from EC2 <topic>")


def background_topics(
    entities: Sequence[Match], raw: Sequence[str], *, platform_named: bool, topical: bool, pitfalls: bool = False
) -> set[str]:
    """Uncovered topics named as where something already works ("<row> fails on <platform> but works fine on X"), as
    who is asking ("our auditors ask ..."), as where the asker comes from or as when the question arises ("... before
    the X"): the question is about the platform named, and the topic is only its setting. Where the platform's
    limitations are asked for (``pitfalls``), a topic set against it ("<platform> limitations vs X") is what they are
    measured from."""
    against = vocabulary.WEIGHED_OR_SET_AGAINST if pitfalls else vocabulary.WEIGHED_AGAINST

    def gone_without(m: Match) -> bool:  # "no control plane and no <topic>": a requirement to do without it
        before = raw[max(m.start - 2, 0) : m.start]
        return bool(before) and (
            before[-1] in vocabulary.NEGATIONS
            or (len(before) == 2 and before[0] in vocabulary.NEGATIONS and before[1] in {*vocabulary.ARTICLES, "any"})
            # "... without me bolting on a <topic>", "without running our own <topic>"
            or any(
                raw[k] == "without" and raw[k + 1] in vocabulary.DOING_WITHOUT for k in range(max(m.start - WITHOUT_REACH, 0), m.start - 1)
            )
        )

    def left(m: Match) -> bool:  # "before migrating off <topic>": where the asker comes from, beside a platform named
        # ... or when the question arises ("<platform> gotchas before the <topic>")
        return platform_named and (
            weighed(m, vocabulary.LEAVING) or weighed(m, against) or _after(m, raw, vocabulary.OCCASION) or done_then(m)
        )

    def done_then(m: Match) -> bool:  # "<platform> gotchas before we wire up <topic>": an act of the asker's is the occasion
        return any(
            raw[k] in vocabulary.OCCASION and (raw[k + 1] in vocabulary.ACTORS or " ".join(raw[k + 1 : k + 3]) in vocabulary.ACTORS)
            for k in range(max(m.start - OCCASION_REACH, 0), m.start - 2)
        )

    def weighed(m: Match, words: frozenset[str]) -> bool:
        # "<platform> compared to (normal) <topic>", "coming from (EC2) <topic>": the yardstick or where the asker
        # comes from, a word or two describing it aside (not a name of something else)
        starts = [m.start]
        while (
            starts[-1] > 0
            and len(starts) <= DESCRIBING_WORDS
            and not any(starts[-1] - 1 in n.positions for n in entities if n.pattern.kind not in ("topic", "feature", "narrow"))
        ):
            starts.append(starts[-1] - 1)
        return any(_after_at(s, raw, words) for s in starts)

    def every_mention(setting: Callable[[Match], bool]) -> set[str]:  # a topic named again where it is asked is asked
        named = [m for m in entities if m.pattern.kind == "topic"]
        return {t for t in {m.pattern.target for m in named} if all(setting(m) for m in named if m.pattern.target == t)}

    if not (platform_named and topical):
        return every_mention(lambda m: (topical and gone_without(m)) or left(m))

    def reporting(m: Match) -> bool:  # "the <topic> vendor asks how ...": who asks, not what is asked
        return any(raw[i] in vocabulary.REPORTING for i in range(m.end, min(m.end + 2, len(raw)))) and not asked_of(m)

    def asked_of(m: Match) -> bool:  # "what <row> does our <topic> need ...?": the topic is whose need for the row is asked
        k = m.start
        while k > 0 and raw[k - 1] in _DETERMINERS:
            k -= 1
        return k > 0 and raw[k - 1] in vocabulary.YES_NO_OPENERS and any(f.pattern.kind == "feature" and f.end == k - 1 for f in entities)

    return every_mention(lambda m: _after(m, raw, vocabulary.WORKS_THERE) or reporting(m) or gone_without(m) or left(m))
