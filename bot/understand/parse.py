"""Question text -> Query: which platforms, features and caveats it is about, and what it asks.

Pure code: no Slack, no network. The lexicon matches words (exactly, after
correcting likely typos with rapidfuzz); a few rules over cue words decide the
intent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from bot.text import normalise, question_words, stem
from bot.understand import evidence, vocabulary
from bot.understand.cue import SHORT_TEXT, Cue, word_heads
from bot.understand.lexicon import Lexicon, Match

Intent = Literal["fact", "which", "compare", "overview", "caveat", "recommend", "help", "unknown"]
INTENTS: tuple[Intent, ...] = ("fact", "which", "compare", "overview", "caveat", "recommend", "help", "unknown")

MAX_QUESTION_CHARS = 1000
_BACKTICKS = re.compile(r"`+")
SNIPPET_WORDS = 4  # words between backticks that make a pasted snippet rather than a setting's name
MAX_TOKENS = 96  # a Slack message of a few sentences is read whole; a longer one keeps its start and its end
NEGATION_REACH = 4  # words before a row's phrase a negation may stand and still negate it ("can't give me a public IP")
CAVEAT_THRESHOLD = 1.0
UNANCHORED_LOST = 5  # words nothing explains that leave one matched word lost, in a question naming no platform
_WEAK_TRIGGER = 0.4


@dataclass(frozen=True, slots=True)
class Context:
    """What an earlier question in the same conversation was about, for follow-ups."""

    platforms: tuple[str, ...] = ()
    features: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """What a question asks, as the engine takes it. Surfaces may also build one directly (buttons, the
    App Home tab, ``kb show``) with :func:`structured`, never by writing a sentence for the parser."""

    text: str
    intent: Intent
    platforms: tuple[str, ...]
    features: tuple[str, ...]
    caveats: tuple[str, ...] = ()
    scopes: tuple[tuple[str, str], ...] = ()
    """(platform, scope) pairs the question names, outright or by a hint next to the platform."""
    negated: bool = False
    negated_features: tuple[str, ...] = ()
    """Rows the question asks to go without ("no <row> to babysit, and <row>: what fits?")."""
    definition: bool = False
    caveat_list: bool = False
    not_covered: tuple[str, ...] = ()
    """Names of things the knowledge base knowingly does not cover that the question mentions."""
    corrections: tuple[tuple[str, str], ...] = ()
    vendor_guess: bool = False
    weak: bool = False
    follow_up: bool = False
    mentioned_platforms: tuple[str, ...] = field(default=())
    nearest: tuple[str, ...] = ()
    """For a question the bot cannot answer: the rows whose words it shares, to suggest, never to answer."""
    items: tuple[tuple[str, str], ...] = ()
    """(row, item): of a row that lists items, the one item asked about ("does <platform> run arm64?")."""

    def scope_of(self, platform: str) -> str | None:
        return next((s for p, s in self.scopes if p == platform), None)


def structured(
    intent: Intent,
    platforms: Sequence[str] = (),
    features: Sequence[str] = (),
    *,
    scopes: Sequence[tuple[str, str]] = (),
    caveats: Sequence[str] = (),
    text: str = "",
    negated: bool = False,
) -> Query:
    """A query built from ids, not from words: what a button or a command asks."""
    return Query(
        text=text,
        intent=intent,
        platforms=tuple(platforms),
        features=tuple(features),
        caveats=tuple(caveats),
        scopes=tuple(scopes),
        negated=negated,
        caveat_list=intent == "caveat",
        mentioned_platforms=tuple(platforms),
    )


# "only one of the three", "two of the three": asked of them all.
_SOME_OF_THE_THREE = r"\b(only|exactly|just) (one|two) of (the|these) (three|3)\b|\btwo of the (three|3)\b"
# "one of the three runs Arm, doesn't it? which one?": which of them does, not which to pick
_ONE_OF_THEM_WORDS = (
    r"^(i think |i thought |iirc |afaik |(im )?(pretty|fairly|quite) sure |i believe |i remember |i recall |i heard |i read "
    r"|(i was|we were|i got|we got) told |(someone|somebody) (said|told me|says) )?"
    r"(that )?(at least )?one of (them|these|those|the three|the 3)\b"
)
_ONE_OF_THEM = Cue(_ONE_OF_THEM_WORDS)
# "only X has <row>, right?", "only X from these three can ..., or others also can?": a belief that one of them alone
# does, to be checked against them all
_ONLY_NAMED_WORDS = (
    r"^only( [\w-]++){1,5} (has|have|can|supports?|offers?|lets?|allows?|gives?|does|do)\b"
    r"(?=.*\b(right|correct|true|yes|others?( \w++){0,2}|rest|too|also)$)"
)
_WHICH = Cue(
    r"\bwhich\b|\b(anything|anyone|what s|whats|who s|whos) left\b"
    r"|\bwhat (platforms?|services?|ones?|providers?|products?|offerings?|clouds?|vendors?)\b"
    r"|\bname (the|all|any)\b|\blist (the|all|every)\b"
    r"|\bwho (supports?|has|have|offers?|can|does|runs?|scales?|lacks?|includes?|still|provides?|uses?|gives?|allows?|lets?|ticks?"
    r"|actually)\b|\bwho (doesnt|dont|cant|cannot) (have|support|offer|run|scale|let|allow|give|provide)\b"
    r"|\bnone of (them|these|those|the three|three|3|the 3|the( \w++){0,2} (platforms|services|options|offerings))\b"
    r"|\bany (of them|of the|platforms?|services?)\b|(?<!\bon )(?<!\bin )\bany of (these|those)\b"
    # "... on any of these three?", "... in any of these?": the platforms themselves, not a list that follows
    r"|\b(on|in) any of (these|those)( three| 3)?$|\b(on|in) any of (these|those) (three|3)\b"
    r"|\b(on|in) any of (these|those|the)( three| 3)? (platforms|services|options|offerings)\b"
    rf"|{_SOME_OF_THE_THREE}"
    r"|\b(platforms?|services?|ones?) (that|with|without|which|lacking|where)\b"
    r"|\bwhere (can|could|should|do|would) (i|we|you) (run|host|deploy|put|get)\b"
    r"|^(the )(fastest|quickest|cheapest|largest|biggest|longest|lowest|highest|smallest)\b(?! (for|option|choice|place|way)\b)"
    r"|^(fastest|quickest|cheapest|largest|biggest|longest|lowest|highest|smallest)\b(?! (for|option|choice|place|way)\b)"
    r"|\bis there (a|any) ((serverless|container|cloud|managed|hosting|compute) )*(platform|service|option)s?\b"
    r"|\bare there (any )?(platforms|services)\b|\bhow many (platforms|services|of them)\b"
    r"|\b(is there|isnt there|is there not|is not there)( no| even| at least| a single| just)? one of (them|these|those|the three|the 3)\b"
    rf"|{_ONE_OF_THEM_WORDS}"
    r"|^any(thing|one)? (with|without|that|lacking)\b|\bany(thing|one)? (besides|except|other than|apart from)\b"
    r"|\bany that (pass|passes|survive|survives|qualify|qualifies|fit|fits|meet|meets|allow|allows|support|supports|offer|offers)\b"
    r"|^any(thing|one)? (among|of|from|out of) (the|them|these)\b|\bthe only (one|platform|service)\b"
    rf"|{_ONLY_NAMED_WORDS}"
    r"|^(other than|besides|apart from|aside from|except for|excluding) ([\w-]+ ){1,5}what (else )?(can|could|does|do|gives?|runs?"
    r"|takes?|has|have|offers?|supports?|lets?|allows?)\b"
)
# "Which of the serverless platforms ...?": a which over the platforms themselves, not over options or settings.
_WHICH_PLATFORMS = Cue(
    r"\bwhich (of (the|these|them|those) )?((serverless|container|cloud|managed|hosting|compute) )*"
    r"(platforms?|services?|clouds?|offerings?)\b"
    r"|\bwhich of (them|these|those|the three|you|your three|the three you cover)\b"
    r"|\bany\b( \w++){0,3} (among|of) (the three|these three|the platforms|these platforms)\b"
    r"|\bany of (these|them) (have|has|offer|support|let|allow|do|run|give|come|charge|bill)\b"
    r"|\b(on|with|in|for) any of (them|these|those|the three)\b"
    rf"|{_SOME_OF_THE_THREE}"
)
# Which of them all meet what is asked, not which to pick ("which platforms support both X and Y?", "anything with X
# and Y?").
# "who ticks all three?": every row named is a requirement, though no need is stated in so many words.
_ALL_OF_WORDS = r"\b(ticks?|covers?) (both|all)\b"
_ALL_OF = Cue(_ALL_OF_WORDS)
_WHICH_ALL = Cue(
    r"\bwhich (of (the|these|them|those) )?(platforms|services|ones|providers|offerings)\b|\bany of (them|the three|these)\b"
    r"|\banything (that|with|which)\b|\bwhich of (those|these|the three)\b|\bany( \w++){0,2} among (the three|these|them)\b"
    # "which ... and which of those ...?": each asked of them all
    r"|\bwhich\b.* (and|b|also) which\b|" + _ALL_OF_WORDS
)
# A bare "Which?" closing a message: after needs stated ("Must run nightly jobs. Which?") it asks for a pick.
_BARE_WHICH = Cue(r"\bwhich$")
# "Which of the three ...?" opening the message: it asks which, whatever the answer is for ("... for a comparison sheet")
_WHICH_OPENS = Cue(
    r"^which (of (the|these|them|those) )?(three|3|platforms|services|ones|providers|offerings)\b"
    r"(?! (table|matrix|chart|grid|list|sheet)\b)"
)
# "<row>, <row>, <row>. which of the three?": the message ends asking for one of them, not those meeting them all
_WHICH_ONE_AT_END = Cue(r"\bwhich (one|of (the|these|them|those)( three| 3| platforms| services| ones| options)?)$")
_FITTING = Cue(r"\b(best|fits?|ideal|suitable|go with|ought)\b")
_ONLY_ONE = Cue(rf"\bthe only (one|platform|service)\b|{_ONLY_NAMED_WORDS}")
_COMPARE = Cue(
    # "a different one for each service" asks for one of something per service, not the platforms side by side
    r"\b(compare|compared|comparing|comparison|cmp|vs|versus|difference|differences|differ|differs|diff|different(?! ones?\b)"
    r"|contrast|matrix|table"
    r"|tradeoffs?|trade offs?|pros and cons|side by side|head to head|stack up|stacks up"
    r"|equally (good|well|bad|fast|cheap|safe|secure|easy))\b"
    # "compared to back in 2019" sets today against a year, not the platforms against each other
    r"(?! (to|with) (back )?(in )?[0-9]{4}\b)"
    r"|\b(better|worse|faster|slower|cheaper) than (on|in|with)\b|\bas good as (for|on|in|with)\b"
    r"|\bsame (idea|thing|concept|as)\b|\bsimilar to\b|\bequivalent (of|to)\b"
    r"|\b(rank|score|rate) (them|these|those|the three|all three|the platforms)\b|\bper platform\b|\btick or cross\b"
    r"|\bin order of\b|\bscorecard\b"
    # "can all three be run from <tool>?", "do all 3 platforms bill per second?" (not "all three containers", nor
    # "which of the three need ...?")
    r"|(?<!\bof )\b(all|the) (three|3)( of (them|these|those)| (platforms|services|providers|options|clouds|offerings))?"
    r" (be|support|supports|have|has|handle|offer|do|let|allow|allows|run|give|provide|charge|bill|scale|work|need|require|come|get)\b"
    # "are all three x86 only?", "is there spot on all three?", "can we manage all three with <tool>?", "do all three
    # send SIGTERM first?"
    # (not "... on all three. Which ones ...?", nor "brief me on all three", nor "on all three clouds", nor "any of
    # them do all three?", nor "which one ..., or do all three ...?")
    r"|((^(are|is|r)|(?<!\bme )\b(on|across|manage|managing)) all (three|3)\b"
    r"|(?<!\bor )\b(do|does|can|could|will|would) all (three|3)\b(?= \w))"
    r"(?! (of )?(our|us|containers|regions|zones|clouds?)\b)"
    r"(?!.*\b(which|who)\b)"
)
# A comparative between two platforms named ("is X billing better than Y's ...?", "is X stricter about <row> than Y?").
_COMPARATIVE = Cue(r"\b(better|worse|cheaper|pricier|stricter|looser|heavier|lighter|simpler|easier|harder)\b( \w++){0,4} than\b")
_RECOMMEND = Cue(
    # ("we want to know whether ..." asks; it states no requirement)
    r"\b(need|needs|require|requires|requirements?|musts?|(want|wants)(?! to (know|understand|check|confirm|learn|find out|ask))"
    r"|looking for|fits?|(?<!the )(?<!a )recomm?end\w*|suggest\w*"
    r"|best(?! practices?\b)|choose|pick|should (i|we) (use|go|pick|choose)|my options|our options|what are (my|our|the) options"
    r"|ideal|suitable)\b"
)
# A need said not to be one ("we don't need any of it to persist", "what we want to get away from"): it states no
# requirement.
_NO_NEED = Cue(
    r"\b(dont|do not|doesnt|does not|wont|will not|never|no) (really |even )?(need|needs|require|requires|want|wants)\b"
    r"|\b(want|wants|need|needs) to (get|move|stay) away from\b"
)
# A wish states a need as much as "we need" does ("we'd love to use interruptible capacity").
_WISH = Cue(
    r"\b(love to|like to|prefer|hoping to|hope to|would be nice|would be a (bonus|plus)|is a (bonus|plus)|nice to haves?"
    r"|(has|have|needs|need) to work)\b"
    # a label before a list of wishes ("SHOULD: <row>, <row>")
    r"|^(should|may|optional|optionally|desirables?|mandatory|required|essential|non negotiables?|needed|should haves?"
    r"|could haves?)$"
)


def _states_need(clause: str, words: list[str]) -> bool:
    """Does a clause (its words joined, and its words) state a need ("we need GPUs", "we'd love to use spot"), not one
    said not to be?"""
    # a long clause is searched only where a cue may begin: a word of the clause, or its first letters, begins it (a
    # short one is searched whole, which costs less than finding those words)
    known = frozenset(words) if len(clause) >= SHORT_TEXT else None
    heads = word_heads(known) if known is not None else None
    kept = _NO_NEED.sub("", clause, known, heads)
    return _RECOMMEND.search(kept, known, heads) is not None or _WISH.search(kept, known, heads) is not None


# Asking for a platform to choose, not about one: what to use, pick or standardise on.
_CHOOSING = Cue(
    r"\b((?<!the )(?<!a )recommend\w*|suggest\w*|choose|pick|what fits|which fits|which suits|shortlist|standardi[sz]e on"
    r"|my options|our options"
    r"|(cheapest|best|simplest) option)\b|\boptions$"
    r"|\bshould (i|we) (use|go|pick|choose)\b|\bwhat should (i|we) run \w++ on\b"
    r"|\bwhere (do|should|would|could|can) (i|we) (run|put|host|deploy|park) (it|this|that|them|these)$"
    r"|\bwhere (should|would) (it|this|that|they) (live|sit|go)$"
    r"|\bwhich (of (the|these|them|those) )?(one|platform|service)s? (should|would (you|be|suit|fit|work)|do you|to)\b|\bwhich to use\b"
    r"|\b(would|should|do) (you|we|i) go (with|for)\b"
    r"|\b(fits?|suits?) (that |this |us |it |them )?best\b|\bwhich (\w++ ){1,4}(fits|suits)( us| that| this| it)?$"
    r"|\bwhich (of (the|these|them) )?(\w++ )?(is|would be) the better fit\b|\bbest fit\b"
    r"|\bwhich (one|platform|service)$|\b(which|what)( one| platform| service)? (is|would be) (good|best|right|suitable|ideal)\b"
)
# Asking for a pick in so many words ("between X, Y and Z, what would you pick?").
_PICK = Cue(
    r"\b(would|should|do) (you|we|i) (pick|choose|recommend|go with)\b|\b(would|should) (we|i) go\b"
    r"|\bwhich (would|should) (you|we|i) (pick|choose)\b"
    r"|\b(be|is) the (best|better|right) (pick|choice|option|fit)\b|\brecommend( one| something)?$"
    r"|\bpick one( for (us|me))?$|\bpick one and\b|\b(your|a) (recommendation|pick)$"
    r"|\brecommend (between|from)\b|\b(what|which)( one)? (fits|suits|works) (better|best)\b"
    r"|\bshould (we|i) (put|host|deploy|place) (it|this|that|them|the|our|my)\b"
)
# One platform put forward as the asker's guess at the pick ("<platform> is the pick, yes?", "which to choose: ... I'm
# guessing <platform>?", "<platform>, right? what would you pick?"): a pick asked for all the same.
_GUESSED_PICK = Cue(
    r"\b(is|be) the (\w++ )?(pick|choice)\b|\bonly (real |good |sensible )?(fit|pick)\b"
    r"|\bwhat would you (pick|choose|go with)\b|\bwhich to (choose|pick)\b"
    r"|\bshould (i|we) (be )?(pick|choose|use|go with|go for|looking at|look at) \w+( \w++){0,2} or (something|anything) else\b"
)
# A pick asked for in a question of its own, naming nothing ("What should we use today?", "Which fits now?").
_PICK_OF_ALL = Cue(
    r"^(so )?(what|which) (should|would) (we|i|you) (use|pick|choose|go with)( today| now| instead)?$"
    r"|^which (one )?(fits|suits)( us| now| best| today)?$"
)
# A list of requirements in so many words ("requirements: X, Y, Z", "we want X, Y and a Z").
_REQUIREMENTS = Cue(
    r"^(we|i) (want|need|require)\b|^(our |the |my )(requirements?|reqs)\b|^(requirements?|reqs)\b|\bmust haves?\b"
    r"|\bshortlist(ing|ed)?\b|\bhard requirements?\b"
)
# Asking which of the platforms named is the better pick ("X or Y for the nightly job, which is better?").
# "which" with a comparative or superlative: which of the platforms named does more of a row.
_WHICH_MORE = Cue(
    r"\bwhich\b( \w++){0,3} (faster|fastest|quicker|quickest|slower|slowest|bigger|biggest|larger|largest|longer|longest"
    r"|smaller|smallest|more|most|less|least|higher|highest|lower|lowest|cheaper|cheapest|pricier|priciest)\b"
)
_BETTER = Cue(r"\bwhich (one )?(is|would be) (better|best|preferable|the better( one)?)\b")
_OVERVIEW = Cue(
    r"^(tell me|tell us|what is|whats|what are|describe|explain|overview|summary|summari[sz]e|info|information|about)\b"
    r"|\b(tell me|tell us|know) about\b|\bwhat do you know\b|\boverview of\b|\bintro\w* (to|into)\b|\bwhat even is\b"
    r"|\bwhat(s| is) (it|that)( exactly| really| even)?$|\b(is|are) what\b"
    r"|^what (actually|really|exactly) (is|are)\b|^introduce\b|\bplease introduce\b|\bintroduce (a bit|a little|briefly|shortly)\b"
    r"|^what( [\w-]++){1,3} (exactly|even)\b"
)
# Asking for a summary in so many words ("what is" may ask a definition or a fact).
_TELL_ME = Cue(
    r"\b(tell (me|us) (in general |briefly |a bit |a little )?about|overview|summary|summari[sz]e|rundown|nutshell"
    r"|(big|current|full|whole|general|rough|broad|overall) picture|elevator pitch|gist|tl dr|tldr"
    r"|(30|60|thirty|sixty) (second|sec) (version|pitch)|in (one|two|three|a few|2|3) (sentences|lines)"
    r"|pitch for|short pitch|quick pitch|short version|quick version|high level"
    r"|(2|two|5|five|10|ten) minute version|lay of the land|(the|a|quick) 101\b|general description|intended use cases|principal strengths"
    r"|(give|gimme) (me|us) the (\w++ ){0,2}pitch\b"
    r"|\b(one|a|single|short) (paragraph|para)\b(?! (on|about)\b)|catch (me|us) up on|quick what is"
    r"|the deal with|explain like (im|i am) (5|five)|broad strokes|what (would|am|are) (i|we) (be )?signing up for"
    r"|tour of|primer|crash course|(what is|whats|what) (it|its) good (for|at)"
    r"|where ((does|do|might|would|could) )?(it|they) (sits?|fits?)\b"
    r"|(what is|whats|what are|what) \w+( \w++){0,3} ((actually|really) (good |used )?|(good|used) )for"
    r"|what( is| are)? \w+( \w++){0,3} (actually |really |even )?(meant|designed|built|made|intended) for"
    r"|what (do )?(people|folks|teams) use (it|them) for|what (kind|kinda|sort|type)s? of (workloads?|things|apps|jobs) (is|are) "
    r"\w+( \w++){0,3} (actually |really )?(good|best|meant|designed|built|made|intended|suited|fit) (at|for|to)"
    r"|what (kind|kinda|sort|type)s? of (workloads?|things|apps|jobs) (is|are) (suitable|suited|good|best|meant) for (it|them)"
    r"|why would (a|an|we|i|you)( \w++){0,3} (bother with|choose (it|them) over)"
    r"|why would (a|an|we|i|you|anyone|someone)( \w++){0,4} (use|pick|want|choose|need) (it|them)$"
    r"|tell ((me|us) )?(shortly|quickly|in short) (what|about|how)|(i|we) keep hearing( about)?\b"
    r"|one line (pitch|summary|version|answer)|for what (it is|its|they are) good"
    r"|in broad terms|where (does |do )?(it|they) (tend to |usually |really )?shines?|one paragraph version"
    r"|why (do|does)( \w++){1,3} keep (pushing|recommending|mentioning) (it|them)"
    r"|when (do )?(people|folks|teams) use (it|them)|^explain \w++( \w++)? to (someone|somebody|a|an)\b|(one|two|three) sentence pitch"
    r"|short presentation of|what (it|they) (does|do) (well|best)\b|\brefresher\b|briefing (on|about)"
    r"|(which|what) (\w++ ){0,2}(workloads?|apps|jobs|things|services) (suit|fit) (it|them)\b"
    r"|what (kinds?|sorts?|types?) of \w+( \w++){0,4} (a )?good (home|fit|place) for"
    r"|for (which|what) (kind|kinds|sort|sorts|type|types) of (workloads?|things|apps|jobs|projects) (it|they) (is|are)"
    r" (good|best|suited|meant)"
    r"|\bbriefly\b|\b(one|two|three|four|five|a few|a couple of|2|3|4|5) ((or|to) )?((two|three|four|five|2|3|4|5) )?(sentences|lines)\b"
    r"|what(s| is)? the point of"
    r"|what (is|are) (it|they) (well |best |most |really )?suited (to|for)"
    r"|lowdown|(in|for) (two|2|five|5) minutes|brief (me|us) on|in (a )?few words|typical use cases"
    r"|what (it|they) (is|are) not|what (is|are) (it|they) not|what \w+( \w++)? (actually|really) is"
    r"|(what is|whats) \w+( \w++)? (actually|really)$"
    r"|when (would|do|does|should) (a |an )?\w+( \w++)?( like \w++)? (reach for|pick|choose|go for) (it|them)"
    r"|(whats|what) new (with|in|on)|in (short|brief)"
    r"|what does \w+( \w++)? look like (today|now|these days|in 20[0-9][0-9])"
    r"|describe|explain|explained|explainer|intro\w* (to|into)"
    r"|(in )?(plain|simple|normal|everyday) (\w++ )?(english|words|terms)|laymans terms"
    r"|when (does|do|would) it make sense|eli ?5|(typically|usually|mostly|commonly|normally) used for"
    r"|as if (i|we) (were|was) (brand )?new"
    r"|what (is|are) (it|they|that) (really |actually |even )?for|\bwhat (its|it is|theyre|they are) (really |actually |even )?for\b"
    r"|\bworth (a|another) (second )?look\b|what (kinds?|sorts?|types?) of \w+( \w++){0,3} (is|are) (it|they)"
    r" (designed|meant|built|made|intended) for|sweet spot|in (one|a|1|two|2) (line|lines|sentence|sentences)"
    r"|in (\w++ )?bullet( points?)?|when (would|should|do) (i|we|you|(a|an) \w+( like \w++)?) use (it|this|them)"
    r"|(which|what) (kinds?|sorts?|types?) of \w+( \w++)? (does|do) (it|they) (fit|suit)( best)?"
    r"|description of|(what|which) (it|they) (is|are) (best )?suited (to|for)"
    r"|(in|with) (a|one|two|2|a couple of|a few)( (accurate|plain|simple|short|clear|single|honest|crisp|concise))? (sentences?|lines?)"
    r"( or two)?|(short|brief|quick|simple) explanation of"
    r"|sum (it |\w++ )?up|how (would|do|should|could|can|might) (you|i|we|one) define|^(please )?define\b"
    r"|one liner|blurb|(quick|short|brief) intro|(what is|whats) \w+( \w++){0,3} (basically|exactly)|what \w+( \w++){0,3} basically"
    r"|walk (me|us) through what|(get|wrap) (my|our) heads? around what|broadly speaking|where (does |do )?(it|they) shines?"
    r"|(what is|whats) (it|that) one (line|sentence)|in (one|a|1) paragraph|(short|quick) brief|brief on|(what is|whats) it roughly"
    r"|what (kinds?|sorts?|types?) of \w+( \w++){0,3} (is|are) (it|they) (best )?suited (to|for)"
    r"|for what (kinds?|sorts?|types?) of \w+( \w++){0,3} (is|are) (it|they) (intended|meant|designed|built)|considered (to be )?good at"
    r"|for what (kind|sort|type) of (workloads?|things|apps|jobs)|(what is|whats) \w+( \w++){0,3} (in 20[0-9][0-9]|nowadays|these days)"
    r"|why (would|should|do|does) (we|i|you|anyone|people|one) (use|want|pick|choose) (it|this|them|that))\b"
)
# Asking what each of several platforms is ("what each one is, a line each", "what is each one for?").
_EACH_IS = Cue(r"\bwhat (each|every) (one|of them) is\b|\bwhat is each (one|of them)( for)?\b|\ba line each\b|\bone liners?\b")
# A summary asked for in so many words, of something named ("an overview of X", "tell me about X").
_SUMMARY_OF = Cue(r"\b(overview|rundown|summary|intro|introduction|tour) of\b|\btell (me|us) about\b")
_DEFINITION = Cue(r"^(what is|whats|what are|what does|define|definition|explain|meaning of|what do you mean by)\b")
# Asking why, or for advice ("why are my tasks ...?", "any tips for ...?"): what the caveats answer.
_ADVICE_WORDS = r"\b(why|how come|workaround|best practices?|tips?|advice|what should (i|we) do)\b"
_ADVICE = Cue(_ADVICE_WORDS)
_HOWTO = Cue(r"\bhow (do|can|should|would|could|to|are|is|does) (i|we|you|one|my|our|it|they)\b|\bhow to\b|\bhow long\b|" + _ADVICE_WORDS)
# A tool misbehaving ("... is ignored when ...", "... reverts to 0 after import"): with a tool named, the tool's
# trouble, not the platform's.
_FAULT = Cue(
    r"\b(errors?|erroring|fails?|failed|failing|broken|throws?|throwing|exception|doesnt work|does not work|not working"
    r"|stopped working|(is|are|gets|get) ignored|ignores|reverts?|reverting|drops|dropped|not detected|(doesnt|does not) detect"
    r"|orphaned|exits|duplicates?|duplicated|wrong|hangs|hanging|(doesnt|does not|dont|do not) return"
    r"|crash(es|ed|ing)?|destroyed|blows? away|invalid|missing after|(gets|get|is|are) replaced on every)\b"
)
# A tool's own bug asked about ("known issue on their side?", "a regression since the upgrade?"): with a tool named,
# the tool's trouble even when asked.
_TOOL_BUG = Cue(
    r"\bknown (issue|issues|bug|bugs|problem)\b|\bregression\b|\bon (their|its) (side|end)\b|\bbug (in|with) (the|their|its|this)\b"
    r"|\b(fixes|fixed|fix) (that|this|the) bug\b|\bbug (with|in) \w+|\b(provider|cli|sdk|plugin|extension) bug\b"
)
# A name written as code: a resource type or attribute in snake case ("a_resource_type"), or a command's flag
# ("--a-flag"); read on the text as typed, before the words are split.
_SNAKE_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}\b")
_CODE_NAME = re.compile(_SNAKE_NAME.pattern + r"|(?<![\w-])--[a-z][a-z0-9-]+")
_SYMPTOM = Cue(
    r"\b(stuck|pending|never|fails?|failed|failing|failure|errors?|broken|crash\w*|took|takes|slow|lose|loses|losing|lost"
    r"|unable|not working|doesnt work|wont|issue|problem|problems|trouble|keeps?|gone|disappear\w*)\b"
)
# The words that ask for a topic's or a platform's gotchas.
_PITFALL_WORDS = (
    r"caveats?|limitations?|gotchas?|footguns?|pitfalls?|downsides?|drawbacks?|watch out|known issues|weaknesses|things to watch"
    r"|(look|watch) out for|keep an eye out"
    r"|(the|what is|whats|what s) catch(es)?(?! up\b)|catch(es)?$|catch(es)? (\w++ )?out|bites?|(get|gets|getting) bitten"
    r"|^catch(es)? (with|on)|(anything|what|something) (else )?to watch"
    r"|trips? (you |people |us )?up|surprises?|anything tricky"
    r"|risks? (of|with|in|when)|weak (spots?|points?)|(material|main|key|known|principal|notable|major) restrictions"
    r"|falls? short|(what|anything|things|stuff)( \w++){0,3} go(es)? wrong|stops? working|what (would |will |might |could )?breaks?$"
    r"|what (is not working|does not work|doesnt work)|limits (i|we|you) should know"
    r"|any catch(es)?|(sharp|rough) edges?|(the|any|common|hidden|what) traps?|trips up|(discover|learn|find out) too late"
    r"|be careful|(should|must|would) (we|i|you) be worried about|what (else )?(do|would|will) (we|i|you) lose"
    r"|what( \w++){1,5} (wont|will not|doesnt|does not) work|anything (still )?painful|(what|anything)( \w++){0,4} (that )?hurts"
)
_CAVEAT_LIST = Cue(
    rf"\b({_PITFALL_WORDS}|limits of|(things|anything|something|stuff) to (consider|know)|considerations?|warnings?|what to know"
    r"|should (i|we) know|need to know|((need|needs|have|has|ought|got) to|should|must|i|we|you) know before)\b"
)
# The caveats of one topic ("gotchas with <feature> on <platform>"), where "limits of" rather asks for a size.
_PITFALLS = Cue(rf"\b({_PITFALL_WORDS})\b")
# Asked of every platform: no word of the question is read as one of them ("what does each of them want?").
_EVERY_PLATFORM = Cue(r"\beach (one|of them|platform|provider)\b|\b(all|the) (three|3)\b|\b(all|every|each) (platforms?|providers?)\b")
# "X or Y for our <app>? it has to ...": what the app must do, said as an obligation
_HAS_TO = Cue(r"\b(has|have) to\b")
# "how much would a task with 4 vCPU cost?": what an amount costs, not whether it can be had
_COSTING = Cue(rf"(?<!for )(?<!save )(?<!saving )(?<!cut )(?<!lower )(?<!reduce )(?<!spot )\b({'|'.join(sorted(vocabulary.COST_WORDS))})\b")
# "do X and Y both ...?": the two named asked the same, side by side
_BOTH = Cue(r"\bboth\b")
# "Which X does each one use?": each platform's X, side by side.
_EACH = Cue(
    r"\beach (one|platform|provider)\b|\beach of\b(?! (my|our|your|its|their)\b)|\b(on|for|in) each$"
    r"|\beach (get|gets|handle|handles|do|does|support|supports|deal|treat|manage|offer|offers|provide|provides|implement|compare"
    r"|send|sends|bill|bills|charge|charges|allow|allows|give|gives|expose|exposes)\b"
    r"|\b(is|are) each (billed|priced|charged|handled|done|supported|offered|exposed|managed|treated|set up|configured)\b"
)
_YESNO = Cue(
    r"^(does|do|can|is|are|will|has|have|could|would|did|should|any (way|chance))\b"
    r"|\b(possible|supported|allowed|doable|feasible|available)( at all)?$"
)
_CHOICE = Cue(r"\bor\b")
# Asking for a row's value ("where do <them> go?", "which <resource> creates it?"): the row answers it, the caveats
# ride along.
_WH_VALUE = Cue(r"\b(where (do|does|is|are)|which \w+( \w++)? (creates?|do|does|is|are)|how (many|much|big|large|small))\b")
# Words after "the other(s)" that make it no other platform ("the other half of the team", "on the other hand").
_NOT_PLATFORMS = r"(?! (half|hand|side|day|week|month|year|teams?|ways?|end|people|person|engineers?|devs?|groups?|containers?)\b)"
_OTHERS = Cue(
    r"\b(all|every|each|any) (three|3|platforms?|services?|providers?|clouds?|of them|the others?)\b|\b(all|the) (three|3)\b"
    rf"|\bthe others?\b{_NOT_PLATFORMS}|\bother (platforms?|services?|two|ones)\b|\beverything else\b"
)
# All of our platforms, in so many words ("for all three", "all 3 doable?").
_ALL_THREE = Cue(r"\ball (three|3)\b")
# Two things said to be alike, or set side by side to see whether they are ("basically a <unit>?", "<unit> vs <unit>,
# same idea?").
_SAME_IDEA = Cue(
    r"\bsame (idea|thing|concept|as|unit)\b|\bbasically\b|\bequivalent\b|\bsimilar\b|\bmap(s|ping)? (to|onto)\b"
    r"|\b(kind of|more|roughly|is it|is that) like\b"
)
# The platforms besides the one named ("how do the other two do it?").
_THE_OTHERS = Cue(rf"\bthe (other (two|2|ones|platforms)|others)\b{_NOT_PLATFORMS}")
_FOLLOW_UP = Cue(r"^(and|what about|how about|and what about|same for|also|or|for)\b")
HELP_WORDS = 16
"""The most words a request for help with the bot itself has."""
HELP_SUBJECT_WORDS = 3
"""The most words nothing explains that a request for help with the bot may hold ("hi, how do I start here?")."""
# Help asked with something else ("can you help me write a grading rubric?"): not help with the bot.
_HELP_DOING = Cue(r"\bhelp (me |us )?(to )?(write|draft|build|fix|debug|create|make|design|plan|pick a name|choose a name)\b")
_HELP = Cue(r"\b(" + "|".join(re.escape(p) for p in vocabulary.HELP_PHRASES) + r")\b")


# Cue words in a sentence that only tells, read as what they mean there: "..., which people love" is relative, "a
# container warm for each one" asks nothing of each platform, "it can live somewhere different" compares nothing.
_TOLD_AS = {"which": "that", "each": "a", "different": "other"}
# Prepositions a relative "which" follows ("a revision to which traffic can be rolled back"), and the words after a
# "which" that ask instead ("in which regions", "on which of them").
_RELATIVE_PREPOSITIONS = frozenset({"to", "in", "on", "by", "through", "from", "with", "under", "at", "into", "onto", "upon"})
_WHICH_ASKS = frozenset(
    """one ones of platform platforms service services region regions cloud clouds option options provider providers
    vendor vendors product products offering offerings do does is are can could would will should""".split()
)


def _relative_which(raw: Sequence[str], openings: set[int]) -> set[int]:
    """The "which" of a relative clause after a noun and a preposition ("a revision to which traffic can be split"), read
    as "that": it asks nothing. One that opens a clause asks ("<row> built in: which vendors?")."""
    return {
        i
        for i, t in enumerate(raw)
        if t == "which"
        and i >= 2
        and i not in openings
        and raw[i - 1] in _RELATIVE_PREPOSITIONS
        and raw[i - 2] not in vocabulary.CONJUNCTIONS
        and raw[i - 2] not in vocabulary.STOPWORDS
        and i + 1 < len(raw)
        and raw[i + 1] not in _WHICH_ASKS
    }


# The words that say what limitations are limitations of ("limitation with X", "issues around X").
_OF_SOMETHING = frozenset({"with", "around", "regarding", "about", "when", "using"})
# Words right after "we" or "I" that tell what the asker already has somewhere ("the <row> file we use <where>").
_KEEPING = frozenset({"use", "run", "have", "keep", "already"})
KEPT_REACH = 10  # words after a row's phrase that may still tell where the asker keeps that thing
_ADDRESS = re.compile(
    r"^(((hey|hi|hello|hiya|yo|ok|okay|so|morning)( (there|all|team|folks|everyone|guys|bot|platform bot))?|platform bot|bot"
    r"|quick (one|q|question)|question)( |$))+"
)


_NO_CHORE = frozenset(f"without {w}" for w in vocabulary.CHORE_DOERS)


def understand(text: str, lexicon: Lexicon, context: Context | None = None) -> Query:
    """Read one question. ``context`` carries the previous question of a thread for follow-ups."""
    text = text[:MAX_QUESTION_CHARS]
    read = lexicon.linked(lexicon.named_properly(_without_tags(text, lexicon)))  # what is read: the message past the tags that open it
    normalised = normalise(read)
    pieces = evidence.segments(normalised)
    raw = _window([w for _, words in pieces for w in words])
    stems = [stem(t) for t in raw]
    corrected, mended = lexicon.mend_names(
        [vocabulary.SHORTHAND.get(s) or lexicon.correct_typed(r, s) for r, s in zip(raw, stems, strict=True)]
    )
    names_at = {i + k for i, n, _ in mended for k in range(n)}
    corrections = tuple(
        [(r, c) for i, (r, s, c) in enumerate(zip(raw, stems, corrected, strict=True)) if c != s and i not in names_at]
        + [(" ".join(raw[i : i + n]), name) for i, n, name in mended if " ".join(raw[i : i + n]) != name]
    )
    clauses = evidence.clauses(pieces, len(raw), MAX_TOKENS, _states_need)
    several = len({c.sentence for c in clauses}) > 1  # a message of several sentences: the ones that ask decide
    asking = {c.sentence for c in clauses if c.asks}
    # Cues are read past a greeting or an address to the bot ("hey bot, what's ..."), where the question starts; a
    # cue word typed wrong ("whcih platforms ...") is read as the cue, and a "which" in a sentence that only tells
    # ("... idle at nothing, which people love. Can <platform> ...?") is a relative one, not a question.
    telling = evidence.told_words(clauses) if any(t in _TOLD_AS for t in raw) else set()
    telling |= _relative_which(raw, {c.words.start for c in clauses})
    said = " ".join(
        _TOLD_AS.get(r, r) if i in telling else c if c != s and (c in vocabulary.CUE_WORDS or s in vocabulary.SHORTHAND) else r
        for i, (r, s, c) in enumerate(zip(raw, stems, corrected, strict=True))
    )
    joined = _ADDRESS.sub("", said) or said

    look = _Cues(joined)
    found = evidence.unbroken_names(evidence.within_clauses(lexicon.find(corrected), clauses))
    if not any(m.pattern.kind == "feature" and not m.pattern.weak for m in found):
        # no row's phrase fits the words as they stand: one may fit around a platform's name of several words
        found += evidence.within_clauses(evidence.across_names(found, corrected, lexicon.find_gapped_rows), clauses)
    # An idiom's words carry no topic ("where tf are my logs"): nothing else is read in them, unless a longer phrase
    # holds them ("where logs show up" is no "the logs show ...").
    phrases = [m for m in found if m.pattern.kind == "feature"]
    idioms = [
        m
        for m in found
        if m.pattern.kind == "idiom" and not any(p.pattern.size > m.pattern.size and set(m.positions) <= set(p.positions) for p in phrases)
    ]
    in_idioms = {i for m in idioms for i in m.positions}
    found = [m for m in found if m.pattern.kind != "idiom" and not set(m.positions) & in_idioms]
    # Hints select a scope beside the platform's name; they take no word from a feature, whose phrase may hold a
    # scope's jargon.
    hints = [m for m in found if m.pattern.kind == "hint"]
    # A tool's name only tells whether a report of trouble is the tool's (below); it takes no word from anything else.
    entities = _resolve([m for m in found if m.pattern.kind not in ("trigger", "narrow", "hint", "tool", "unit")])
    named = {i for m in entities if m.pattern.kind in ("platform", "scope") for i in m.positions}
    triggers = [m for m in found if m.pattern.kind == "trigger" and not set(m.positions) <= named]
    triggers = evidence.in_question(triggers, entities, clauses, summary=look.has(_TELL_ME))
    if look.overview or look.has(_TELL_ME):
        triggers = evidence.before_audience(triggers, raw)

    def targets(*kinds: str) -> tuple[str, ...]:
        return _ordered(m.pattern.target for m in entities if m.pattern.kind in kinds)

    scope_names = targets("scope")
    platforms = _ordered([*targets("platform"), *(s.split("/")[0] for s in scope_names)])
    # In a message of several sentences, a platform named only around the question is where the asker comes from.
    asked_text = " ".join(raw[i] for c in clauses if c.asks for i in c.words)
    # a pick asked for naming none ("A blog said <platform> was the one for <row>. ... What should we use today?") is
    # asked of them all, as a "which" is
    which_of_all = _WHICH_PLATFORMS.search(asked_text) is not None or _PICK_OF_ALL.search(asked_text) is not None
    told = set() if look.has(_COMPARE) else evidence.told_platforms(entities, clauses, which=which_of_all)
    platforms = tuple(p for p in platforms if p not in told)
    # "To be clear, this is not <platform>: ..." is about something else.
    disowned = evidence.looked_past(entities, raw, vocabulary.DISOWNING)
    platforms = tuple(p for p in platforms if p not in disowned)
    told |= disowned
    # "Can X do <row>, the way Y does?" asks about X; Y is what it is measured against.
    # ... as is Y in "X, explained in Y terms"
    measured = evidence.looked_past(entities, raw, vocabulary.COMING_FROM if look.has(_COMPARE) else vocabulary.AS_IN)
    measured |= evidence.framed_in(entities, raw)
    if set(platforms) - measured:
        platforms = tuple(p for p in platforms if p not in measured)
        told |= measured
    # "Moving off X to Y: will our <row> still work?" asks of Y, where it is going; set side by side in so many words,
    # the platforms it may go to are compared, not the one it leaves unless it is the only other.
    left = evidence.moved_from(entities, raw)
    going_to = set(platforms) - left
    if going_to and (not look.has(_COMPARE) or len(going_to) >= 2):
        platforms = tuple(p for p in platforms if p not in left)
        told |= left
    if not (look.has(_COMPARE) or look.has(_EACH)):
        known = evidence.turned_from(entities, raw, clauses)  # "<row> is fine on X, but what about Y?" asks of Y
        platforms = tuple(p for p in platforms if p not in known)
        told |= known
    # "does X go to sleep -- sorry, Y": what a message takes back is not asked
    taken, put_in, rows_from = evidence.taken_back(entities, raw)
    if taken:
        platforms = _ordered([*(p for p in platforms if p not in taken), *put_in])
        told = (told | taken) - set(put_in)
    scope_names = tuple(s for s in scope_names if s.split("/")[0] not in told)
    past = evidence.looked_past(entities, raw, vocabulary.EXCLUDING, lexicon.vendors)
    over_all = look.has(_WHICH) or look.has(_CHOOSING)
    if past and (over_all or look.has(_EVERY_PLATFORM) or look.has(_THE_OTHERS)):
        platforms = tuple(p for p in lexicon.platforms if p not in past)  # "anything besides X?", "not X, the other two": the others
    elif set(platforms) - past:
        platforms = tuple(p for p in platforms if p not in past)  # "compare X and Y, leave Z out of it"
    if over_all and look.has(_ONLY_ONE):
        platforms = ()  # "is X still the only one that ...?" asks which of them all
    strong = _ordered(m.pattern.target for m in entities if m.pattern.kind == "feature" and not m.pattern.weak)
    # A weak phrase made only of words that carry no topic ("work with") names nothing on its own.
    weak_matches = [
        m
        for m in entities
        if m.pattern.kind == "feature" and m.pattern.weak and any(raw[i] not in vocabulary.STOPWORDS for i in m.positions)
    ]
    # In a message of several sentences, a weak word in a sentence that neither asks nor states a need is told in
    # passing ("they care about latency budgets ... What are the pitfalls of X?").
    holding = asking | {c.sentence for c in clauses if c.need}
    if holding and several:
        weak_matches = [m for m in weak_matches if any(c.sentence in holding for c in clauses if m.start in c.words)]
    weak = _ordered(m.pattern.target for m in weak_matches)

    # Products named as the asker's background are said not to be covered, but do not make the question unknown. A
    # question over our platforms ("which of the three ...?", "which platforms ...?") names them as much as a name does.
    ours = bool(platforms) or look.has(_WHICH_PLATFORMS) or look.has(_EVERY_PLATFORM)
    topical = bool(strong or weak or triggers)
    # a question naming none of ours that ends on what its row is like ("..., like X?") asks it of them all
    likened_last = any(m.pattern.kind == "product" for m in entities) and all(
        evidence.likened_last(m, raw) for m in entities if m.pattern.kind == "product"
    )
    background = evidence.background_products(
        entities,
        raw,
        clauses,
        platform_named=ours,
        topical=topical,
        summary=bool(platforms) and not topical and look.summary,
        over_ours=bool(strong) and (look.has(_WHICH) or look.has(_CHOOSING) or (not ours and likened_last)),
    )
    products = tuple(p for p in targets("product") if p not in background and p not in taken)
    context_products = targets("context")
    topics = _topics(entities, triggers)
    set_against = evidence.background_topics(
        entities, raw, platform_named=bool(platforms), topical=bool(strong or weak), pitfalls=look.has(_CAVEAT_LIST)
    )
    set_against |= evidence.told_topics(
        entities, clauses, platform_asked=bool(platforms) and (look.has(_CAVEAT_LIST) or look.has(_TELL_ME))
    )
    topics = tuple(t for t in topics if t not in set_against)

    vendor_guess = False
    if not platforms and not products and not which_of_all and not look.has(_EVERY_PLATFORM) and not look.has(_CHOOSING):
        # A vendor's name, or a word that usually means one scope of a platform, read as the platform: a guess, said so.
        # Like a hint, a guessed word takes no word from a feature whose phrase holds it ("<guess> service on our
        # cluster ..."), unless the question is over all the platforms ("which platforms accept a <guess> service?").
        guesses = found if not look.has(_WHICH) else entities
        guessed_scopes = _ordered(m.pattern.target for m in guesses if m.pattern.kind == "guess")
        guessed = _ordered(
            [*(p for v in targets("vendor") for p in lexicon.vendors.get(v, ())), *(s.split("/")[0] for s in guessed_scopes)]
        )
        if guessed:
            platforms, vendor_guess = guessed, True
            scope_names = _ordered([*scope_names, *guessed_scopes])
    elif platforms and not products and look.has(_COMPARE):
        # A word that usually means one scope of a platform, set against a platform named outright ("<guess> service
        # auto scaling vs <platform>'s scaling"), is the other side of the comparison: a guess, said so.
        guessed_scopes = _ordered(
            m.pattern.target for m in found if m.pattern.kind == "guess" and m.pattern.target.split("/")[0] not in platforms
        )
        if guessed_scopes:
            platforms, vendor_guess = _ordered([*platforms, *(s.split("/")[0] for s in guessed_scopes)]), True
            scope_names = _ordered([*scope_names, *guessed_scopes])
    scoped = _scopes(scope_names, _ordered(m.pattern.target for m in hints), platforms)
    caveat_scores = _score_caveats(triggers)

    features = strong
    weak_used = False
    # Weak words that are also a scope's or an offering's name ("on <scope>") do not name a row in a question that asks
    # for a summary or for a platform's limitations.
    if look.has(_TELL_ME) or (platforms and look.has(_CAVEAT_LIST)):
        framing = {i for m in found if m.pattern.kind in ("context", "hint", "guess") for i in m.positions}
        weak_matches = [m for m in weak_matches if not set(m.positions) <= framing]
        if platforms and look.has(_CAVEAT_LIST):
            # "the gotchas of <platform> that bite high-traffic services": words after the limitations asked for and
            # the platform they are asked of tell who asks ("<row> gotchas on <platform>" still names the row)
            pitfall = next((i for i, t in enumerate(raw) if t in vocabulary.PITFALL_NOUNS), len(raw))
            asked_of = min((m.start for m in entities if m.pattern.kind in ("platform", "scope") and m.start > pitfall), default=len(raw))
            # ... and a word listed with the limitations ("its main gotchas and limits") is one of them
            listed = pitfall + 2 if pitfall + 1 < len(raw) and raw[pitfall + 1] in ("and", "or") else -1
            weak_matches = [m for m in weak_matches if m.start < asked_of and m.start != listed]
        weak = _ordered(m.pattern.target for m in weak_matches)
    if platforms and (look.has(_SUMMARY_OF) or look.has(_TELL_ME)):
        weak = ()  # "tell me about <platform>: ... its main strengths and limits", "ELI5 <platform> ... over a VM": a summary
    if not features and weak:
        # A weak word names the feature unless a caveat about something else explains it.
        hinted = [c for c, s in caveat_scores.items() if s >= CAVEAT_THRESHOLD and lexicon.caveat_fits(c, platforms, scoped)]
        if not hinted or any(lexicon.caveat_about(c, weak) for c in hinted):
            # One row named by weak words at three places or more ("max ... 4 cores / 16 GB") is named outright.
            spots = {m.start for m in weak_matches if m.pattern.target in weak}
            features, weak_used = weak, not (len(weak) == 1 and len(spots) >= 3)

    # "X or Y for our <app>? it needs ...", "<needs> ... X or Y?": the platforms offered as the choice
    offered_for = len(platforms) >= 2 and _offered_for(entities, raw)
    left_to_choose = len(platforms) >= 2 and _choice_at_end(entities, raw, clauses)
    offered = offered_for or left_to_choose
    picking = several and len(platforms) != 1 and (_CHOOSING.search(asked_text) is not None or offered)
    features = evidence.asked(features, entities, clauses, raw, lexicon.qualifiers, choosing=picking)
    named_features = features
    # In a list of requirements ("we need X and a Y, which one?") each row named is one asked for: none is only the
    # setting, and a row named in words of its own (two words or more) is not narrowed into another.
    listing = look.has(_CHOOSING) or look.has(_REQUIREMENTS) or look.has(_ALL_OF) or (offered and several)
    # a narrowing's words are the question's own, not part of a platform's name ("<platform ending in run> for ...")
    features, narrowing = evidence.narrowed(
        features,
        [m for m in found if m.pattern.kind == "narrow" and named.isdisjoint(m.positions)],
        entities,
        raw,
        clauses,
        keep_named=listing,
        items_apart=listing and (not platforms or offered),  # requirements over them all, or over those offered
        only=lexicon.narrowing_only,
    )
    entities = [*entities, *narrowing]
    features = evidence.not_asked(features, entities, raw, clauses)
    features = evidence.quantities(features, entities, raw, clauses, given=look.has(_COSTING) and not listing)
    if "`" in read and len(raw) <= MAX_TOKENS:
        # "`<command> --<flag> 1`: what is <platform> billed on?": a row named only in a pasted snippet is its setting
        code = _in_code(read, len(raw))
        # ... unless a pronoun closing the question points back at it ("<snippet> in my service yaml: does <platform>
        # honour that?")
        pointing = any(
            t in vocabulary.POINTERS and (i + 1 == len(raw) or raw[i + 1] in ("or", "and")) for i, t in enumerate(raw) if i not in code
        )
        features = evidence.without_rows_in(features, entities, code) if code and not pointing else features
    if lexicon.tool_rows and asking and "_" in read:
        # "<provider>_<resource> <attribute> = ...: does <platform> allow that?": the tools' row named only inside
        # a resource type's name is the setting of what the platform is asked to allow (a report that asks nothing
        # may be the tool's)
        typed = _in_code_names(read, raw)
        features = evidence.without_rows_in(features, entities, typed, keep=frozenset(features) - lexicon.tool_rows) if typed else features
    # rows named as examples of another ("<row> on a schedule, e.g. the nightly <row> crunch") go before any row gives
    # way to another
    features = evidence.examples(features, entities, raw, clauses)
    # A row that only says what kind of unit is asked about ("a Windows group") gives way in a question of one platform;
    # where the platforms are chosen among ("which platform for a Windows app that needs <row>?") it is a requirement.
    # A report that asks nothing ("<error> with <kind> tasks") keeps it: the kind is as likely what the report is about.
    qualifying = lexicon.qualifiers if asking and len(platforms) == 1 and not (listing or look.has(_WHICH)) else frozenset()
    features = evidence.carried(features, entities, clauses, lexicon.qualifiers, lexicon.carriers)
    # a row set against the one asked ("<row>, rather than a <row> service") is gone before any row gives way to it
    features = evidence.instead_of(features, entities, raw, clauses)
    if platforms and look.has(_CAVEAT_LIST):
        features = evidence.yardsticks(features, entities, raw)
    features = evidence.setting_aside(features, lexicon.yielding, entities, raw, clauses, listing=listing, qualifying=qualifying)
    features = evidence.named_apps(features, entities, raw, lexicon.app_kinds)
    features = evidence.purposes(features, entities, raw, clauses)
    features = evidence.put_aside(features, entities, raw, clauses, lexicon.done_without)
    if look.has(_TELL_ME):
        # "... Can you give me an overview of <platform>?": rows named only around that sentence are its setting.
        features = evidence.in_question_rows(features, entities, clauses)
    if len(platforms) == 1 and look.has(_SUMMARY_OF):
        features = evidence.summary_rows(features, entities, clauses)
    if platforms and (look.has(_TELL_ME) or look.overview):
        features = evidence.audience_rows(features, entities, raw)

    if rows_from is not None:
        # "<row A> and <row B> -- sorry, <row A> and <row C>": the rows named again after the correction are the ones asked
        again = {f for f in features if any(m.start > rows_from for m in evidence.naming(f, entities))}
        features = tuple(f for f in features if f in again) if again else features

    follow_up = False
    if context is not None and (look.has(_FOLLOW_UP) or len(raw) <= 6):
        if platforms and not features and context.features and not look.has(_COMPARE):
            features, follow_up = context.features, True
        elif features and not platforms and context.platforms and not look.has(_WHICH):
            platforms, follow_up = context.platforms, True

    # A negation right before a row's words ("no cluster", "without a cluster") asks to go without that row; one
    # elsewhere ("..., don't want to pay for idle") does not, nor one inside the phrase that names a capability
    # ("an identity without static keys").
    within = {i for m in entities if m.pattern.kind == "feature" and m.pattern.target in lexicon.capabilities for i in m.positions}
    negations = {i for i, t in enumerate(raw) if t in vocabulary.NEGATIONS and i not in within}
    negated_features = (
        tuple(f for f in features if any(evidence.negated_at(m, negations, clauses, NEGATION_REACH) for m in evidence.naming(f, entities)))
        if negations
        else ()
    )
    negated = bool(negated_features) or (bool(negations) and not features)
    mentioned = platforms

    def unnamed() -> list[str]:
        """The question's words that name no platform, product or other thing: what a row's words are sought in."""
        names = {i for m in entities if m.pattern.kind not in ("feature", "narrow", "topic") for i in m.positions}
        return [s for i, s in enumerate(corrected) if i not in names]

    def reading(intent: Intent, *, platforms: tuple[str, ...] = (), features: tuple[str, ...] = (), **extra: Any) -> Query:
        if intent == "unknown" and not features:
            extra.setdefault("nearest", lexicon.nearest(unnamed()))
        return Query(
            text=text,
            intent=intent,
            platforms=platforms,
            features=features,
            scopes=tuple((p, s) for p, s in scoped if p in platforms),
            corrections=corrections,
            vendor_guess=vendor_guess,
            weak=weak_used,
            follow_up=follow_up,
            mentioned_platforms=mentioned,
            negated=negated,
            negated_features=negated_features,
            items=lexicon.items_named(corrected, features),
            **extra,
        )

    # "do I have to create a <row> first, and does it mean <product> we'd patch?": a product named after the row nearest to
    # it, in the same sentence of a question about one of ours, is what that row's answer speaks to
    products = tuple(
        p for p in products if not (platforms and not look.has(_COMPARE) and _after_its_row(p, entities, raw, clauses, features, lexicon))
    )
    if products:
        return reading("unknown", platforms=platforms, features=features, not_covered=(*products, *topics))
    # A report that a tool misbehaves, with no question in it ("<tool> export drops the volume mounts"): the
    # tool's trouble. Asked why, or what the platform allows, it is the platform's; a tool that names the row about
    # tools themselves (the refusal's ``near``), it is that row's; not another tool beside that row's word
    # ("<cli> hangs at 'waiting for <template> stack'").
    if (
        lexicon.tools
        and ((bug := look.has(_TOOL_BUG)) or (not asking and look.has(_FAULT)))
        and _tool_named(found, read)
        and (bug or not _tools_row(found, entities, features, lexicon))
    ):
        return reading("unknown", platforms=platforms, features=features, not_covered=(lexicon.tools,))

    # Words any phrase of a recognised feature covers are the feature's ("need" in "need a cluster"), not cues; nor
    # do they make a caveat outweigh the fact asked for.
    claimed = {i for m in found if m.pattern.kind == "feature" and m.pattern.target in (*features, *named_features) for i in m.positions}
    heads = {i + 1 for i, t in enumerate(raw) if t == "which"}
    # ... or a row's phrase opens with it ("which signal is sent")
    which_row = bool(heads) and any(
        m.pattern.kind == "feature" and not m.pattern.weak and (m.start in heads or m.start + 1 in heads) for m in entities
    )
    # the clauses that ask after the message's start ("<setup>. can it ...?", "if we go <scope>, can any ...?")
    # ("..., or is that <scope> only?" offers the other answer to the same question)
    opening = [raw[c.words.start] for c in clauses if c.asks and c.words.start > 0 and len(c.words) and raw[c.words.start] != "or"]
    asked_yes_no = len(platforms) == 1 and bool(opening) and all(w in vocabulary.YES_NO_OPENERS for w in opening)
    cues = look.without(
        " ".join(t for i, t in enumerate(raw) if i not in claimed),
        which_row=which_row,
        asked_yes_no=asked_yes_no,
        asked=" ".join(raw[i] for c in clauses if c.sentence in asking for i in c.words) if several and asking else None,
    )
    ranked = tuple(
        sorted(
            (c for c, s in caveat_scores.items() if s >= CAVEAT_THRESHOLD and lexicon.caveat_fits(c, platforms, scoped)),
            key=lambda c: -caveat_scores[c],
        )
    )

    # A subject we do not cover decides, unless it is only told around a question that asks about a row ("... got
    # `<error>`. What is the thing <platform> actually runs?"), or named as the alternative to a row ("Can <platform>
    # do <row>, or do we have to use the <topic>?") or in the reason for asking it ("..., since our <topic> shows ..."),
    # or asked of a platform apart from a row asked in another clause ("<platform>: can probes be <topic>? and where
    # would we see ...?"; not where a tool is the setting): then the row is answered, and the answer says what it
    # cannot cover.
    def aside(t: str) -> bool:
        named = [m for m in entities if m.pattern.target == t]
        rows = {i for f in features for i in evidence.positions(f, entities)}
        # "a <topic> equivalent for <platform>", "like a <topic>" (of a platform or of them all): what the row asked about
        # is measured against; "<row> so I can reach it from <topic>": what it is wanted for; "the <row> file we use
        # <topic>": where the asker has it
        if (
            features
            and (platforms or which_of_all or cues.which)
            and all(evidence.likened(m, raw) or evidence.wanted_for(m, raw, clauses) or _ours_where(m, raw, rows) for m in named)
        ):
            return True
        # "without a <row> or a <topic>": listed with a row the asker wants to go without, it is gone without too
        unwanted = [m for f in negated_features for m in evidence.naming(f, entities)]
        if unwanted and all(any(evidence.listed_with(u, m, raw) for u in unwanted) for m in named):
            return True
        # "do I still have to create a <row> and <topic>?": listed with the row nearest to it, the row's answer speaks
        # to it
        beside = [m for f in features if f in lexicon.refusals[t].near for m in evidence.naming(f, entities)]
        if beside and all(any(evidence.listed_with(b, m, raw) or evidence.listed_with(m, b, raw) for b in beside) for m in named):
            return True
        told = several and all(evidence.sentence_of(m, clauses) not in asking for m in named)
        if told and any(evidence.sentence_of(m, clauses) in asking for f in features for m in evidence.naming(f, entities)):
            return True
        held = {evidence.clause_of(m, clauses) for m in named}

        # the topic's clauses that follow a clause of the same sentence naming a row
        after_row = [k for k in held if k and clauses[k - 1].sentence == clauses[k].sentence and rows.intersection(clauses[k - 1].words)]
        # ... where every naming of it is in such a clause ("or do we have to use the <topic>?", not "<row> straight from
        # <topic>, or ...")
        apart = {k for k in after_row if raw[clauses[k].words.start] == "or" or evidence.gives_reason(k, clauses, raw)}
        if apart and held <= apart:
            return True
        if not platforms or _tool_named(found, read):
            return False
        # "<platform> max <row> size, and do we need a <topic> request for it?": the row's cell for that platform speaks to it
        answered_in = lexicon.refusals[t].answered_in
        # ... unless the row only says what the topic is of, and no amount asks where the row's limit lies ("how do we
        # get a <topic> increase for <row>?", not "<row> above 4 needs a <topic> request?")
        answering = [set(strong) & set(features) & set(answered_in.get(p, ())) for p in platforms]
        of_topic = not any(t.isdigit() for t in raw) and all(
            any(n.start - m.end <= 2 and m.start - n.end <= 2 for n in named)
            for f in set().union(*answering)
            for m in evidence.naming(f, entities)
        )
        if all(answering) and not of_topic:
            return True
        # "<platform>: biggest <row> size, and what needs a <topic> ticket?": a question added to the row's own
        if any(raw[clauses[k].words.start] == "and" and k - 1 not in held for k in after_row):
            return True
        rows_at = {evidence.clause_of(m, clauses) for f in features for m in evidence.naming(f, entities)}
        return None not in held and any(k is not None and k not in held and clauses[k].asks for k in rows_at)

    if topics and ((not features and not ranked) or any(lexicon.refusals[t].decides and not aside(t) for t in topics)):
        return reading("unknown", platforms=platforms, features=features, not_covered=topics)
    unexplained = _unexplained(raw, [*entities, *hints, *idioms], triggers, lexicon, platforms)

    # A weak word alone does not decide the topic of a question with words it leaves unexplained, unless the question's
    # words as a whole are plainly that row's ("how fast does an <platform> group come up? need workers ready in ...").
    def corroborated() -> bool:
        return (
            len(features) == 1 and bool(platforms and asking) and lexicon.closest(unnamed()) == features[0] and not _tool_named(found, read)
        )

    # "which is cheaper for ..., X, Y or Z?": the weak word is the measure the platforms named are ranked on
    ranked_on = len(platforms) >= 2 and len(features) == 1 and cues.has(_WHICH_MORE)
    if weak_used and features and unexplained and not _asks_for_it(platforms, unexplained, raw) and not corroborated() and not ranked_on:
        # two platforms asked to be compared in so many words are compared whole ("X vs Y for our public api, compare them").
        if len(platforms) >= 2 and cues.compare:
            return reading("compare", platforms=platforms)
        if not (platforms and (cues.overview or (cues.caveat_list and not _pitfall_of_something(raw)))):
            return reading("unknown", platforms=platforms, features=features)
        # "what is <platform>, and why is it always said with <other product>?", "<platform> gotchas before we move
        # prod traffic onto it" (not "<platform> limitation with <something>: <weak word>"): the weak word is not what
        # is asked
        features, weak_used = (), False
    # Naming no platform and asking over none of them, a question has less to show it is about ours: fewer words
    # nothing explains leave one word or phrase lost (a row's words among five or more about the asker's own business).
    unanchored = not platforms and not (cues.which or cues.compare or cues.has(_CHOOSING) or cues.has(_EVERY_PLATFORM))
    if features and evidence.thin(
        features,
        entities,
        unexplained,
        raw,
        clauses,
        lost=UNANCHORED_LOST if unanchored else evidence.LONG_UNEXPLAINED,
        phrase=unanchored and not any(m.pattern.kind == "vendor" for m in found),  # a cloud's name anchors it a little
        beside_platform=not _tool_named(found, read),
    ):
        return reading("unknown", platforms=platforms, features=features)
    # Asking for help is a short message ("help me", "what can you answer?"); a long one that says something "did not
    # help" asks about something else, and so does one that names what it wants help with ("<tool> not failing over,
    # config help pls").
    helping = (
        not platforms
        and not features
        and len(raw) <= HELP_WORDS
        and len(unexplained) <= HELP_SUBJECT_WORDS
        and cues.help
        and not cues.has(_HELP_DOING)
    )
    if helping:
        return reading("help")
    # "is a <platform>'s <unit> basically the same idea as a <unit>?", "what's a <unit>, basically a <unit>?": the unit a
    # platform runs, asked what it is or set beside another, with no row named, asks the row about units
    units = [m for m in found if m.pattern.kind == "unit"]
    if not features and not topics and platforms and evidence.unit_asked(units, raw, same=look.has(_SAME_IDEA)):
        features = _ordered(m.pattern.target for m in units)
    guessing = not features and not ranked and not topics and (platforms or cues.which) and bool(asking)
    if guessing and not cues.has(_TELL_ME) and not context_products and not _tool_named(found, read):
        # No phrase matched, but the words asked about are plainly one row's ("will <platform> ever park it by itself
        # and wake it when a request shows up?"): that row, read as a guess; not where another product or a tool is
        # the setting (its own settings and quirks share our rows' words).
        row = lexicon.closest(unnamed())
        if row:
            features, weak_used = (row,), True
            # "... on their own, without us writing any scripts?": the asker doing without a chore asks that the
            # platform do it, not that it lack the row guessed
            negated = negated and not all(" ".join(raw[i : i + 2]) in _NO_CHORE for i in negations)
    # A caveat named by one phrase, with no platform and no row, in a message of words nothing explains ("... lagging
    # by 20 minutes at peak ... consumer group rebalancing ...") is not what is asked about.
    if not platforms and not features and ranked and _one_place(ranked, triggers):
        place = {i for m in triggers if m.pattern.target in ranked for i in m.positions}
        if evidence.lost_in(place, unexplained, raw, []):
            return reading("unknown")
        # ... nor one named only by the name of the asker's own product it warns about ("<product> vs <product> for
        # ...?"): the question is about that product
        own_products = {i for m in entities if m.pattern.kind == "context" for i in m.positions}
        if place <= own_products:
            return reading("unknown", not_covered=context_products)
    if not platforms and not features and not ranked and cues.summary and cues.has(_EVERY_PLATFORM):
        platforms = tuple(lexicon.platforms)  # "summarise the three", "what is each one for?": each of them
    if not platforms and not features and not ranked:
        if cues.compare and len(unexplained) <= 2:
            return reading("compare")
        if context_products:
            return reading("unknown", not_covered=context_products)
        return reading("help" if not raw or helping else "unknown")

    choosing = look.has(_CHOOSING) or look.has(_EVERY_PLATFORM)
    if not platforms and context_products and not (cues.which or cues.compare or choosing or cues.has(_ONE_OF_THEM)):
        return reading("unknown", features=features, not_covered=context_products)
    # "<offering> <row word> vs <row word>, which one?": naming none of ours, the two sides are the offering's own, and
    # so is the pick
    if not platforms and _set_against_each_other(raw) and not (look.has(_EVERY_PLATFORM) or look.has(_WHICH_PLATFORMS)):
        offerings = _ordered(m.pattern.target for m in found if m.pattern.kind == "context")
        if offerings:
            return reading("unknown", features=features, not_covered=offerings)

    # A caveat outweighs the fact asked for only on words of its own, not on the words that named the feature
    # (a question about sizes stays one even when the words that name sizes also hint at advice on sizing).
    own = _score_caveats([t for t in triggers if not set(t.positions) & claimed])
    independent = tuple(c for c in ranked if own.get(c, 0.0) >= CAVEAT_THRESHOLD)
    # Background notes ride along with a fact; only advice and limitations answer a how-to or a symptom.
    answering = tuple(c for c in ranked if lexicon.caveats[c].kind != "note")
    in_turn = several and len(platforms) == 2 and evidence.asked_in_turn(platforms, entities, clauses)
    among = len(platforms) == 2 and (
        bool(past) or bool(set(targets("platform")) - set(platforms)) or _which_of_named(entities, raw) or cues.has(_WHICH_PLATFORMS)
    )
    intent = _decide(
        platforms,
        features,
        ranked,
        _Evidence(independent, answering),
        cues,
        lexicon.caveat_adds,
        in_turn=in_turn,
        among=among,
        # the kind of app counts among its needs when the choice is left to the end ("a <kind> app that needs <row>.
        # X or Y?"), not when the platforms come first ("X or Y for a <kind> batch that needs <row>?")
        offered=(left_to_choose and len(features) >= 2)
        or (offered_for and (cues.recommend or cues.has(_HAS_TO)) and len(set(features) - lexicon.qualifiers) >= 2),
    )
    if intent == "overview" and not follow_up:
        # An overview answers a bare platform name or "tell me about X", not a request ("support X") or a
        # question about something unrecognised.
        leftover = unexplained
        asks = [t for t in raw if t in vocabulary.REQUEST_WORDS]
        # "Does this work with X?" asks yes or no about something it does not name: not for an overview.
        # Nor a report of trouble ("issue deploying on X"): that is for the hand-off, not a summary.
        # Asked for a summary in so many words, a few more words are the asker's framing ("in terms I can repeat"),
        # and a clause that only tells the asker's setting is not asked about ("my manager keeps bringing it up").
        allowance = 4 if look.has(_TELL_ME) else 1 if cues.overview else 0
        asked = {i for c in clauses if c.sentence in asking for i in c.words}
        if several and any(m.start in asked for m in entities if m.pattern.kind in ("platform", "scope")):
            # in a message of several sentences, one that does not ask tells the asker's setting ("I come from
            # <field>. What is <platform> and why would we use it?")
            leftover = [t for i, t in enumerate(raw) if i in asked and t in unexplained]
        # the clauses before the first that asks of a platform, in its sentence, tell who asks or why ("new hire here:
        # what is <platform>?", "Writing a one-pager for the ops lead: can you summarise <platforms>?")
        named_at = {m.start for m in entities if m.pattern.kind in ("platform", "scope")}
        first = next((c for c in clauses if c.asks and not named_at.isdisjoint(c.words)), None)
        opening_words = (
            {i for c in clauses if not c.asks and c.sentence == first.sentence and c.words.stop <= first.words.start for i in c.words}
            if first is not None
            else set()
        )
        if allowance > 1:
            setting = {i for c in clauses if c.scene for i in c.words} | opening_words
            # "... of <platform> for a new hire on the billing team", "... to someone who has survived four rebrands": who
            # the summary is for.
            after = max((i for m in entities if m.pattern.kind in ("platform", "scope") for i in m.positions), default=len(raw))
            audience = next((i for i in range(after + 1, len(raw)) if raw[i] == "for" or raw[i] in vocabulary.RELATIVE_WHO), len(raw))
            setting |= set(range(audience, len(raw)))
            setting |= evidence.told_words(clauses)
            # in a message of several sentences, those that do not ask ("Strengths and weaknesses in a sentence each
            # would be plenty.") frame the summary
            if asking and several:
                # ... and so do those that ask without naming anything ("I need to understand what I've inherited.
                # Can you give me an overview of <platform>?")
                naming_sentences = {evidence.sentence_of(m, clauses) for m in entities}
                framing = {k for k in asking if k not in naming_sentences} if asking & naming_sentences else set()
                setting |= {i for c in clauses if c.sentence not in asking or c.sentence in framing for i in c.words}
            left = set(unexplained) - _TELL_ME.words_matched(joined)  # "in plain words" asks how, not about what
            leftover = [t for i, t in enumerate(raw) if i not in setting and t in left]
        elif cues.overview:
            # "what is <platform> actually, compared to just renting a VM?", "what is <platform>, for someone who only
            # ever deployed on VMs?": what it is set against, or who it is for, frames the question
            after = max((i for m in entities if m.pattern.kind in ("platform", "scope") for i in m.positions), default=len(raw))
            tail = next((i for i in range(after + 1, len(raw)) if raw[i] in vocabulary.FRAMING_TAILS), len(raw))
            # not past a word of what is asked ("what is <platform>'s markup compared to ...?")
            if any(raw[i] in unexplained and raw[i] not in vocabulary.HEDGES for i in range(after + 1, tail)):
                tail = len(raw)
            framing = opening_words | set(range(tail, len(raw)))
            leftover = [t for i, t in enumerate(raw) if i not in framing and t in leftover]
        elif opening_words:
            leftover = [t for i, t in enumerate(raw) if i not in opening_words and t in leftover]
        if cues.overview:
            leftover = [t for t in leftover if t not in vocabulary.STANDING and t not in vocabulary.HEDGES]
        summary = cues.overview or allowance > 1
        if len(leftover) > allowance or ((asks or cues.yesno or cues.symptom) and not summary):
            what = " ".join((leftover or asks)[:4])
            return reading("unknown", platforms=platforms, not_covered=(what,) if what else ())
    return reading(
        intent,
        platforms=platforms,
        features=features,
        caveats=ranked,
        definition=cues.definition and not platforms,
        caveat_list=cues.caveat_list,
        not_covered=(*topics, *background),
    )


def _after_its_row(
    product: str, entities: Sequence[Match], raw: Sequence[str], clauses: list[evidence.Clause], features: Sequence[str], lexicon: Lexicon
) -> bool:
    """Is every naming of the product after a row that comes nearest to it (its refusal's ``near``), in that row's
    sentence?"""
    rows = [m for f in features if f in lexicon.refusals[product].near for m in evidence.naming(f, entities)]
    named = [m for m in entities if m.pattern.kind == "product" and m.pattern.target == product]

    def follows(r: Match, m: Match) -> bool:  # in the row's sentence, or the next one when it opens with "and" ("And are there ...?")
        k, at = evidence.sentence_of(r, clauses), evidence.sentence_of(m, clauses)
        opening = next((c.words.start for c in clauses if c.sentence == at), None)
        return k == at or (k is not None and at == k + 1 and opening is not None and raw[opening] in ("and", "also", "plus"))

    return bool(rows) and all(any(r.start < m.start and follows(r, m) for r in rows) for m in named)


def _pitfall_of_something(raw: Sequence[str]) -> bool:
    """Are the limitations asked for said to be with something ("<platform> limitation with <X>"): that is the subject."""
    at = next((i for i, t in enumerate(raw) if t in vocabulary.PITFALL_NOUNS), None)
    return at is not None and at + 1 < len(raw) and raw[at + 1] in _OF_SOMETHING


def _unexplained(
    raw: Sequence[str], entities: Sequence[Match], triggers: Sequence[Match], lexicon: Lexicon, platforms: Sequence[str]
) -> list[str]:
    """The question's words that carry meaning but that nothing recognised explains."""
    fitting = [m for m in triggers if lexicon.caveat_fits(m.pattern.target, platforms)]
    covered = {i for m in (*entities, *fitting) for i in m.positions}
    ignore = vocabulary.STOPWORDS | vocabulary.CUE_WORDS
    return [t for i, t in enumerate(raw) if i not in covered and vocabulary.SHORTHAND.get(t, t) not in ignore and not t.isdigit()]


def _scopes(named: Sequence[str], hints: Sequence[str], platforms: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The scope asked for each platform: one it was named by, else one its hint words
    point at alone (a scope's own jargon next to the platform's name); a platform whose hints point two ways gets none."""
    out: dict[str, str] = {}
    for target in named:
        p, s = target.split("/", 1)
        out.setdefault(p, s)
    by_platform: dict[str, set[str]] = defaultdict(set)
    for target in hints:
        p, s = target.split("/", 1)
        by_platform[p].add(s)
    for p, ss in by_platform.items():
        if p in platforms and p not in out and len(ss) == 1:
            out[p] = next(iter(ss))
    return tuple(out.items())


def _asks_for_it(platforms: Sequence[str], unexplained: Sequence[str], raw: Sequence[str]) -> bool:
    """ "Add support for <platform> <weak word>": a feature request whose only other words ask for it names its row."""
    return bool(platforms) and all(t in vocabulary.ASKING_FOR_IT for t in unexplained) and any(t in vocabulary.FEATURE_REQUEST for t in raw)


def _set_against_each_other(raw: Sequence[str]) -> bool:
    """Does the question set two things against each other in so many words ("X vs Y")?"""
    return any(t in ("vs", "versus") and 0 < i < len(raw) - 1 for i, t in enumerate(raw))


def _names_in_order(entities: Sequence[Match]) -> list[Match]:
    """The platforms' and scopes' names, in the order the question has them."""
    return sorted((m for m in entities if m.pattern.kind in ("platform", "scope")), key=lambda m: m.start)


def _offered_for(entities: Sequence[Match], raw: Sequence[str]) -> bool:
    """Are two platforms named as the choice for something ("<platform> or <platform> for our <app>? ...")?"""
    names = _names_in_order(entities)
    return any(raw[a.end : b.start] == ["or"] and raw[b.end : b.end + 1] == ["for"] for a, b in zip(names, names[1:], strict=False))


def _choice_at_end(entities: Sequence[Match], raw: Sequence[str], clauses: list[evidence.Clause]) -> bool:
    """Does the message end with a clause that is only the platforms to choose from ("... <row> and <row>. X or Y?",
    "... X vs Y?"), or with that and a few words more that name nothing ("X or Y, in your view?")?"""
    if len(clauses) < 2:
        return False
    names = _names_in_order(entities)
    k = next((i for i in range(len(clauses) - 1, 0, -1) if any(m.start in clauses[i].words for m in names)), 0)
    words = clauses[k].words
    chain = [m for m in names if m.start in words]
    if len(chain) < 2 or chain[0].start != words.start or chain[-1].end != words.stop:
        return False
    tail = range(words.stop, len(raw))
    named = {i for m in entities for i in m.positions}
    if len(tail) > _TAIL_WORDS or named.intersection(tail) or any(c.sentence != clauses[k].sentence for c in clauses[k + 1 :]):
        return False
    if tail and (raw[tail.start] in vocabulary.YES_NO_OPENERS or _COMPARE.search(" ".join(raw[tail.start :])) is not None):
        return False  # "X or Y, does either fit?", "X or Y, side by side?" ask each of them
    gaps = [raw[a.end : b.start] for a, b in zip(chain, chain[1:], strict=False)]
    # "<row> and <row>: X vs Y?" sets two rows side by side; "needs <row> and <row>. X vs Y?" asks for the one to take
    versus = gaps[-1] in (["vs"], ["versus"]) and any(c.need for c in clauses[:k])
    return (gaps[-1] == ["or"] or versus) and all(g in ([], ["or"]) for g in gaps[:-1])


_TAIL_WORDS = 4
"""At most this many words after the platforms offered at the end ("what's your recommendation")."""


def _which_of_named(entities: Sequence[Match], raw: Sequence[str]) -> bool:
    """Does "which of" open a list of platforms named ("which of <platform> and <platform> ...")?"""
    return any(m.start >= 2 and raw[m.start - 2 : m.start] == ["which", "of"] for m in entities if m.pattern.kind in ("platform", "scope"))


def _tools_row(found: Sequence[Match], entities: Sequence[Match], features: Sequence[str], lexicon: Lexicon) -> bool:
    """Is the row about tools themselves asked, named by the tool's own words or with no tool named by name ("<IaC
    provider>: import fails"), not only beside another tool ("<cli> hangs at 'waiting for <template> stack'")?"""
    row_words = {i for f in lexicon.tool_rows.intersection(features) for i in evidence.positions(f, entities)}
    tool_words = {i for m in found if m.pattern.kind == "tool" for i in m.positions}
    return bool(row_words) and (not tool_words or bool(tool_words & row_words))


def _tool_named(found: Sequence[Match], text: str) -> bool:
    """Does the message name a tool, or a name written as code?"""
    return any(m.pattern.kind == "tool" for m in found) or _CODE_NAME.search(text) is not None


# A tag in brackets that opens a message ("[payments] ...", "(search team) quick q: ...").
_TAG = re.compile(r"^\s*(\[[^\[\]]{1,40}\]|\([^()]{1,40}\))\s*")
_NAMING = frozenset({"platform", "scope", "hint", "guess", "vendor", "product", "context", "topic", "tool"})


def _without_tags(text: str, lexicon: Lexicon) -> str:
    """The message without the tags in brackets it opens with that name no product, ours or another's ("[architecture
    council] what are the gotchas with <platform>?" is asked by a team, not about the row its words name); a tag that names
    one ("[<platform>] [request]: ...", "[<product>] ...") is kept."""
    while (tag := _TAG.match(text)) is not None and tag.end() < len(text):
        words = [stem(w) for w in question_words(normalise(tag[1]))]
        if any(m.pattern.kind in _NAMING for m in lexicon.find(words)):
            break
        text = text[tag.end() :]
    return text


def _in_code(text: str, read: int) -> frozenset[int]:
    """The positions of the words of the snippets typed between backticks ("`<cli> create --<flag> 4`"), when the
    message is read whole (``read`` words) and its backticks pair up; none otherwise. A few words between backticks
    name a setting (``<setting>=0``), which may be what is asked about."""
    parts = _BACKTICKS.split(text)
    if len(parts) < 3 or len(parts) % 2 == 0:
        return frozenset()
    code: set[int] = set()
    at = 0
    for k, part in enumerate(parts):
        n = len(question_words(normalise(part)))
        if k % 2 and n >= SNIPPET_WORDS:
            code.update(range(at, at + n))
        at += n
    return frozenset(code) if at == read else frozenset()


def _in_code_names(text: str, raw: Sequence[str]) -> frozenset[int]:
    """The positions of the words of the names written as code in snake case ("a_resource_type")."""
    at: set[int] = set()
    for name in _SNAKE_NAME.findall(text.lower()):
        words = question_words(normalise(name))
        n = len(words)
        at.update(i + k for i in range(len(raw) - n + 1) if list(raw[i : i + n]) == words for k in range(n))
    return frozenset(at)


def _window(tokens: list[str]) -> list[str]:
    """The words to read: all of a question, or the start and end of a long message (where questions sit)."""
    if len(tokens) <= MAX_TOKENS:
        return tokens
    half = MAX_TOKENS // 2
    return tokens[:half] + tokens[-half:]


class _Cues:
    """The cue words of a question, each looked for only when a rule asks (most questions need a few)."""

    def __init__(self, joined: str) -> None:
        self._joined = joined
        self._unclaimed = joined
        self._seen: dict[Cue, bool] = {}
        self.which_row = False  # "which" asks a row's value ("which <row> does <platform> have?")
        self._asked_yes_no = False
        self._asked: str | None = None  # the words of the sentences that ask, in a message of several

    @cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(self._joined.split())

    @cached_property
    def _heads(self) -> frozenset[str]:
        return word_heads(self._words)

    def without(self, unclaimed: str, *, which_row: bool, asked_yes_no: bool = False, asked: str | None = None) -> _Cues:
        """The cues, once the question's words a feature claimed ("need" in "need a cluster") are known, whether
        its "which" heads a row's words, and whether a later sentence of a message asks yes or no
        ("Team of two. ... Do we have to create a cluster?")."""
        self._unclaimed = unclaimed
        self.which_row = which_row
        self._asked_yes_no = asked_yes_no
        self._asked = asked
        return self

    @cached_property
    def better(self) -> bool:
        return self.has(_BETTER)

    @cached_property
    def choosing(self) -> bool:
        """Asks for a platform to pick ("which platform should we use?", "what fits?"); in a message of several
        sentences, in a sentence that asks (a shortlist or a paper told about around "which platforms X?" asks which)."""
        return self.in_asked(_CHOOSING)

    def in_asked(self, cue: Cue) -> bool:
        """Is the cue in the sentences that ask (in a message of several), or in the question?"""
        return cue.search(self._asked) is not None if self._asked is not None else self.has(cue)

    def has(self, cue: Cue) -> bool:
        """Is the cue in the question (each looked for once: a long message costs a search per cue)?"""
        found = self._seen.get(cue)
        if found is None:
            found = self._seen[cue] = cue.search(self._joined, self._words, self._heads) is not None
        return found

    @cached_property
    def which(self) -> bool:
        return self.has(_WHICH)

    @cached_property
    def compare(self) -> bool:
        return self.has(_COMPARE)

    @cached_property
    def recommend(self) -> bool:
        # "Do I need a cluster?" asks yes or no; "we need GPUs, which one?" asks for a recommendation.
        found = _RECOMMEND.search(self._unclaimed)
        return found is not None and not (self.yesno and found[0] in ("need", "needs", "require", "requires", "must"))

    @cached_property
    def overview(self) -> bool:
        return self.has(_OVERVIEW)

    @cached_property
    def summary(self) -> bool:
        """Asks what a platform, or each of several, is ("in a nutshell", "a line each")."""
        return self.overview or self.has(_TELL_ME) or self.has(_EACH_IS)

    @cached_property
    def definition(self) -> bool:
        return self.has(_DEFINITION) and not (self.recommend or self.which)

    @cached_property
    def howto(self) -> bool:
        return self.has(_HOWTO)

    @cached_property
    def symptom(self) -> bool:
        """Trouble reported ("keeps failing"); in a message of several sentences, in a sentence that asks ("why does
        it keep failing?"), not in the story told around a question for a fact."""
        return self.in_asked(_SYMPTOM)

    @cached_property
    def caveat_list(self) -> bool:
        return self.has(_CAVEAT_LIST)

    @cached_property
    def each(self) -> bool:
        return self.has(_EACH)

    @cached_property
    def pitfalls(self) -> bool:
        return self.has(_PITFALLS)

    @cached_property
    def others(self) -> bool:
        """ "Compare it with all of them": the other platforms asked for beside the one named ("each task" is not); in a
        message of several sentences, in a sentence that asks ("... all three deployed together. Can <platform> ...?"
        asks of one)."""
        return self.in_asked(_OTHERS)

    @cached_property
    def choice(self) -> bool:
        """ "X or Y?": a choice between the platforms named."""
        return self.has(_CHOICE)

    @cached_property
    def yesno(self) -> bool:
        return self._asked_yes_no or self.has(_YESNO)

    @cached_property
    def help(self) -> bool:
        return self.has(_HELP)


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Which of the recognised caveats may outweigh the fact asked for."""

    independent: tuple[str, ...]  # named by words of their own, not by the feature's words
    answering: tuple[str, ...]  # advice or limitations, which answer a how-to or a symptom (notes do not)


def _decide(
    platforms: tuple[str, ...],
    features: tuple[str, ...],
    caveats: tuple[str, ...],
    evidence: _Evidence,
    cues: _Cues,
    adds: Callable[[str, Sequence[str]], bool],
    *,
    in_turn: bool = False,
    among: bool = False,
    offered: bool = False,
) -> Intent:
    """The intent, from what was recognised and the cue words around it; first rule that fits wins. ``in_turn``: each
    platform is asked about in a question of its own; ``among``: "which" asks which of a set the platforms are in
    (what is left once some were ruled out, "which platforms ... on X and Y", "which of X and Y ..."); ``offered``: the
    platforms are put forward as the choice for something of the asker's that has two rows or more to meet ("X or Y for
    our <app>? it needs <row> and <row>", "<row>, <row> and <row>. X or Y?")."""
    if len(platforms) >= 2 and not features and not cues.compare and not cues.caveat_list and cues.summary:
        # "what are X, Y and Z, in a nutshell?", "summarise all three": what each one is, not their rows side by side
        return "overview"
    # "which X does each one use" asks each platform's X; "weighing the trade-offs, which platform should we pick for
    # <row>?" asks for one
    picking = features and not platforms and cues.choosing and cues.recommend
    # naming neither platforms nor rows, a comparison is of ours only if it says so ("how do the three compare?"), not
    # one of other things ("<product> vs <product> for ...?")
    ours = bool(features) or cues.has(_EVERY_PLATFORM) or cues.has(_WHICH_PLATFORMS)
    # "which of the three <row>? ... for a comparison table": the message opens asking which, whatever it is for
    side_by_side = (cues.compare and (bool(platforms) or not cues.has(_WHICH_OPENS))) or (cues.each and not cues.yesno)
    # ... but "X vs Y for <app>, requirements: ... recommend one" asks for the pick
    picked = len(platforms) >= 2 and features and cues.has(_PICK)
    if side_by_side and (len(platforms) >= 2 or (not platforms and ours) or cues.others) and not (picking or picked or offered):
        return "compare"
    if len(platforms) == 2 and features and cues.has(_COMPARATIVE) and not cues.which:
        return "compare"  # "is X billing better than Y's for ...?" sets the two side by side
    if cues.caveat_list and platforms and not features and not cues.has(_SUMMARY_OF):
        return "caveat"  # but "an overview of <platform>: what it is and where it falls short" asks a summary
    if not platforms:
        if (
            len(features) == 1
            and cues.which
            and (cues.has(_ONE_OF_THEM) or not (cues.choosing or (cues.recommend and cues.has(_BARE_WHICH))))
        ):
            return "which"  # "which platform lets me ..., I just want ..." asks which; "... which should we use?" a pick
        if (
            len(features) >= 2
            and cues.has(_WHICH_ALL)
            and not (cues.choosing or cues.has(_FITTING) or cues.has(_REQUIREMENTS) or cues.has(_WHICH_ONE_AT_END))
        ):
            return "which"  # the platforms meeting them all, not one to pick
        if (len(features) >= 2 and cues.which) or (features and cues.choosing):
            return "recommend"
        if features and cues.others and not (cues.yesno or cues.definition or cues.choosing):
            return "compare"  # "how do the three handle secrets? I need to present the options"
        if features and cues.has(_ALL_THREE) and not (cues.definition or cues.choosing or cues.which):
            return "compare"  # "<row> for all three?", "is <row> there on all three, or is one left out?": each, side by side
        if features and cues.recommend and not cues.definition:
            return "recommend"
        if features and cues.which:
            return "which"
        if caveats and not features:
            return "caveat"
        if features:
            return "fact"
        return "caveat" if caveats else "unknown"
    if len(platforms) >= 2 and (cues.better or cues.has(_PICK) or offered) and features:
        return "recommend"  # "X or Y for nightly jobs, which is better?", "X or Y for our <app>? it needs <row>, <row>"
    if len(platforms) == 1 and features and cues.in_asked(_GUESSED_PICK):
        return "recommend"
    if len(platforms) >= 2 and cues.has(_WHICH_MORE) and len(features) == 1:
        return "compare"  # "which starts faster, <platform> or <platform>?" sets the two side by side
    if len(platforms) >= 2 and cues.which and features and not cues.which_row:
        if len(platforms) == 2 and len(features) == 1 and not among and not (cues.recommend or cues.choosing):
            return "compare"  # "between X and Y, which one ...?": the two named, side by side on the row
        # several rows: the platforms named meeting them all; one row needed, then a bare "which?": a pick
        return "which" if len(features) == 1 and not (cues.recommend and cues.has(_BARE_WHICH)) else "recommend"
    if features and (len(platforms) >= 3 or (not cues.howto and len(platforms) == 2 and (cues.choice or not cues.yesno))):
        return "compare"
    if len(platforms) == 2 and features and cues.has(_BOTH) and not cues.which:
        return "compare"
    if len(platforms) == 1 and features and not cues.which and cues.in_asked(_THE_OTHERS):
        return "compare"  # "... on <platform>? also how do the other two do it": the one named beside the others
    if features:
        if cues.pitfalls and not cues.compare:
            return "caveat"  # the gotchas of one topic: its caveats, or its facts where it has none
        independent = evidence.independent
        # a symptom, a "why" or a request for advice is answered by the caveats that explain it; "how do I <row>?" by the row
        advised = evidence.answering and (cues.symptom or cues.has(_ADVICE))
        if not cues.yesno and (advised or (independent and adds(independent[0], features) and not cues.has(_WH_VALUE))):
            return "caveat"
        if in_turn and len(features) == 1:
            return "compare"  # one row asked of each platform in turn ("does X ...? same for Y?"): side by side
        return "fact"
    if caveats:
        return "caveat"
    if len(platforms) >= 2:
        return "compare"
    return "overview"


def _resolve(matches: list[Match]) -> list[Match]:
    """Pick matches that share no word: most words first, then the tightest, then the leftmost, then by kind.

    A match covering exactly the same words as a chosen one of another kind also
    stays (one word can be an offering we do not cover on its own and a hint at a feature); a feature's phrase that
    overlaps a chosen phrase of the same row takes its other words for that row.
    """
    chosen: list[Match] = []
    taken: dict[int, tuple[int, ...]] = {}
    order = sorted(
        matches,
        key=lambda m: (-m.pattern.size, m.positions[-1] - m.positions[0], m.positions[0], -m.pattern.rank),
    )
    kinds_at: dict[tuple[int, ...], set[str]] = {}  # the kinds chosen on exactly these words
    row_of: dict[tuple[int, ...], str] = {}  # the row a feature's phrase of several words was chosen for, by its words
    for m in order:
        if taken.keys().isdisjoint(m.positions):
            chosen.append(m)
            taken.update(dict.fromkeys(m.positions, m.positions))
            kinds_at[m.positions] = {m.pattern.kind}
            if m.pattern.size > 1 and m.pattern.kind == "feature":
                row_of[m.positions] = m.pattern.target
        elif taken.get(m.positions[0]) == m.positions and m.pattern.kind not in kinds_at[m.positions]:
            # a word is taken once, with all the words of the match that took it: the first word tells
            chosen.append(m)
            kinds_at[m.positions].add(m.pattern.kind)
        elif row_of and m.pattern.size > 1 and m.pattern.kind == "feature" and _same_row(m, taken, row_of):
            # a phrase of the same row overlapping one taken goes on with it ("run on <x> cpus"): its other words are
            # that row's too, not another row's on their own
            taken.update(dict.fromkeys((i for i in m.positions if i not in taken), m.positions))
            kinds_at[m.positions] = {m.pattern.kind}
            row_of[m.positions] = m.pattern.target
    chosen.sort(key=lambda m: m.start)
    if all(m.pattern.contiguous for m in chosen):
        return chosen
    return [m for m in chosen if m.pattern.contiguous or not _straddles(m, chosen)]


def _same_row(m: Match, taken: dict[int, tuple[int, ...]], row_of: dict[tuple[int, ...], str]) -> bool:
    """Does the match overlap a phrase of its own row that was chosen?"""
    return any(row_of.get(taken.get(i, ())) == m.pattern.target for i in m.positions)


def _ours_where(m: Match, raw: Sequence[str], rows: set[int]) -> bool:
    """Is the match where the asker keeps a thing a row names ("the <row> file we use <where>")?"""
    row = max((i for i in rows if m.start - KEPT_REACH <= i < m.start), default=None)
    if row is None:
        return False
    between = raw[row + 1 : m.start]
    return any(w in ("we", "i") and k + 1 < len(between) and between[k + 1] in _KEEPING for k, w in enumerate(between))


def _straddles(m: Match, chosen: list[Match]) -> bool:
    """A gapped feature phrase ("run * X") whose gap holds another feature ("run <feature> in X") is not one."""
    if m.pattern.kind != "feature" or m.pattern.contiguous:
        return False
    inside = range(m.start + 1, m.end - 1)
    return any(
        c.pattern.kind == "feature" and not c.pattern.weak and c.pattern.target != m.pattern.target and c.start in inside for c in chosen
    )


def _topics(entities: list[Match], triggers: list[Match]) -> tuple[str, ...]:
    """Out-of-scope topics, unless a longer caveat trigger covers the same words."""
    out = []
    for m in entities:
        if m.pattern.kind != "topic":
            continue
        if any(set(m.positions) < set(t.positions) for t in triggers):
            continue
        out.append(m.pattern.target)
    return _ordered(out)


def _one_place(caveats: Sequence[str], triggers: Sequence[Match]) -> bool:
    """Do the caveats' triggers all sit in the words of one of them ("20 minutes" holds "minutes")?"""
    spans = [set(m.positions) for m in triggers if m.pattern.target in caveats]
    return bool(spans) and any(all(s <= widest for s in spans) for widest in spans)


def _score_caveats(triggers: list[Match]) -> dict[str, float]:
    best: dict[tuple[str, tuple[str, ...]], float] = {}
    for m in triggers:
        w = _WEAK_TRIGGER if m.pattern.weak else 1.0
        key = (m.pattern.target, m.pattern.elements)
        best[key] = max(best.get(key, 0.0), w)
    scores: dict[str, float] = defaultdict(float)
    for (cid, _), w in best.items():
        scores[cid] += w
    return dict(scores)


def _ordered(items: object) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for i in items:  # type: ignore[attr-defined]
        seen.setdefault(i, None)
    return tuple(seen)
