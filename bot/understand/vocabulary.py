"""The bot's general vocabulary: words about questions, not about platforms.

Platform aliases, feature synonyms, caveat triggers, vendor words and what the
bot knowingly does not cover all live in the knowledge files; what is here
describes how people ask: help phrases, negation, words that carry no topic.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

NEGATIONS = frozenset(
    """
    not no dont doesnt didnt cannot cant couldnt without lack lacks lacking missing unsupported isnt arent
    wont neither nor non none
    """.split()
)


# Words before examples of what was just named ("cover things like X and Y", "gotchas such as X").
EXAMPLES = frozenset({"things like", "stuff like", "such as", "including", "for example", "for instance", "eg"})

# Words that make a stretch of words a clause of its own, not one more item of a list (a subject or a verb).
CLAUSE_WORDS = frozenset("i we you it they he she is are was were be can could does do did will would should has have had".split())

# Nouns that ask for limitations ("the gotchas of <platform>").
PITFALL_NOUNS = frozenset(
    "caveat caveats limitation limitations gotcha gotchas pitfall pitfalls downside downsides drawback drawbacks edges traps".split()
)

# The words a yes-or-no question opens with.
YES_NO_OPENERS = frozenset("does do can is are will has have could would did should".split())

# Contractions as the tokenizer writes them (apostrophe dropped): words, not typos ("arent" is not "agent").
CONTRACTIONS = frozenset(
    """arent isnt dont doesnt didnt wasnt werent wont cant couldnt shouldnt wouldnt hasnt havent hadnt mustnt neednt
    aint youre theyre weve youve theyve thats theres heres whos hows wheres youll theyll itll""".split()
)


# Words the frequency list lacks, one letter from a knowledge word: "actuator" (a web framework's health endpoints) is
# not "activator", "subset" is not "subnet", a "sidebar" of an article is not a "sidecar".
TRADE_WORDS = frozenset({"actuator", "actuators", "subset", "subsets", "sidebar", "sidebars"})


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Frequent English words: a real word is never "corrected" into a knowledge-base word."""
    text = (Path(__file__).parent / "english_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#")) | CONTRACTIONS | TRADE_WORDS


HELP_PHRASES = tuple(
    " ".join(p.split())
    for p in """
    help; usage; how do i use; how to use; what can you; what can u; what do you know; what do u know; what do you cover; what can i
    ask; what should i ask; can i ask; could i ask; should i ask; to ask you; what do you do; what are you
    for; how does this work; how do you work; what topics; which topics; example question; example
    questions; examples; commands; getting started with you; who are you; what are you; hello; hi; hey; get
    started; getting started; how do i start; where do i start; what questions; questions do you; which questions
    """.split(";")
)

# Words that join two things asked side by side ("this and that").
CONJUNCTIONS = frozenset("and or plus also as well vs versus".split())

# Words that may stand between two things listed side by side ("X and a Y").
ARTICLES = frozenset("a an the some".split())

# Nouns that make the word before them the name of the asker's own software or team ("the billing service", "billing
# squad", "billing asks ...").
APP_NOUNS = frozenset(
    "service api backend microservice microservices team squad squads crew tribe guild asks asked engine engines job jobs"
    " update updates file files repo feed feeds"
    " sync worker workers pipeline pipelines bridge bridges exporter exporters importer importers poller pollers scraper scrapers".split()
)

# Words by which askers speak of their own setup ("we deploy with ...", "our service ...").
FIRST_PERSON = frozenset("i im ive id me my mine we were weve wed us our ours".split())

# Words that only join others (articles, prepositions, conjunctions, pronouns): in a value ("billing of a group") they
# set no platform apart.
FUNCTION_WORDS = frozenset(
    """
    a an the and or but if so of to in on at by for from with into onto about as than then via through thru within per
    i me my we us our you your it its they them their this that these those there here
    """.split()
)
# Words that carry no topic of their own. A question about a platform that,
# besides these, has words we matched nothing to (a topic no row covers) is about
# something we do not know, not a request for an overview.
STOPWORDS = FUNCTION_WORDS | frozenset(
    """
    im ive id new newbie beginner noob dumb silly stupid vs
    before after he she what whats which who
    whom whose when where why how is are was were be been being am do does did doing done have has had having
    can could will would shall should may might must let lets get gets got give gives giving go going please
    thanks thank tell know explain describe overview info information summary details detail intro
    introduction show any some all each every both either neither one ones more most much many very really
    just also too only yes no not nope yeah ok okay hmm hm um uh er ah oh lol pls plz thx ty cool
    hey hi hello again still yet already now today currently
    support supports supported supporting use uses used using run runs running work works working deploy
    deploys deployed deploying container containers platform platforms service services app apps application
    applications workload workloads serverless cloud clouds feature features option options capability
    capabilities available possible way ways thing things stuff something anything like want need able offer
    offers provide provides allow allows enable good better best well right true false compared
    between among deployment deployments described hi hello team guys folks question questions wondering wonder
    rundown recap writeup blog blogs post posts article articles adr adrs doc docs section design note notes answer
    answers old say says said read heard looked last days nowadays lately stands mention mentioned
    totally simple terms nutshell high level flavour flavours flavor flavors someone coming moving migrating switching
    bot min mins tldr dump whole full entire complete offering offerings paragraph sentence sentences gimme tl dr migration
    shortly briefly brief colleague colleagues coworker coworkers correct
    decide decides decided deciding decision getting picture even lay land anyway exactly never faq faqs primer little bit couple
    """.split()
)

# Words of a request or a report rather than a question: next to a bare platform name ("support X",
# "X not supported") they ask for something the overview does not answer.
# The words of a feature request around what it asks for ("Add support for X", "[request]: enable X").
ASKING_FOR_IT = frozenset({"add", "adding", "support", "supports", "request", "feature", "please", "enable", "allow"})
FEATURE_REQUEST = frozenset({"support", "supports", "request", "feature"})  # "how to add X" is no request for it

REQUEST_WORDS = frozenset(
    """
    support supports supported supporting add adding request requested integration integrate integrated
    enable enabled allow allowed fix fixed broken bug error errors fail fails failed failing
    """.split()
)

# Words that say what kind of answer is wanted (compare, list, recommend, explain), not what it is about:
# the question's topic must be found in its other words.
CUE_WORDS = frozenset(
    """
    compare compares comparing comparison vs versus difference differences differ differs diff different contrast
    tradeoff tradeoffs pros cons side head stack stacks recommend recommended recommendation suggest suggestion
    choose pick ideal suitable fit fits list name which who why how what when where explain describe
    limitation limitations caveat caveats gotcha gotchas downside downsides drawback drawbacks consider
    considerations issue issues problem problems known possible require required requires
    """.split()
)

# Chat shorthand for grammar words, read as the word ("wich platforms", "tell me abt X", "what can u answer").
SHORTHAND = {
    "wich": "which",
    "whic": "which",
    "wat": "what",
    "wht": "what",
    "abt": "about",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "rite": "right",
    "ist": "is",
}

# Words right before a product the asker is moving away from or knows already ("coming from X", "we used X").
CAME_FROM = frozenset(
    {
        "from",
        "off",
        "used",
        "used to",
        "lived on",
        "leaving",
        "ever run",
        "ever used",
        "mostly on",
        "mainly on",
        "moving",
        "migrating",
        "porting",
    }
)
# Verbs that tell what was so before, in a clause that names a product ("On X we had a scheduler add-on, what's the
# <platform> way?"): that clause tells where the asker comes from, though a question follows it.
TOLD_BEFORE = frozenset({"had", "used", "did", "was", "ran"})
# Words right before what the asker is leaving, said in so many words ("before migrating off <X>").
LEAVING = frozenset(
    {"off", "leaving", "migrating off", "moving off", "migrating from", "moving from", "coming from", "ever run", "ever used"}
)

# Words right before an uncovered topic a platform is weighed against or is to replace ("the pitfalls of <platform>
# compared to normal <topic>", "before we move away from our <topic>"): the yardstick, not the subject.
WEIGHED_AGAINST = frozenset(
    {"compared to", "compared with", "instead of", "rather than", "unlike", "away from", "migrate from", "move from"}
)
# ... and, where a platform's limitations are asked for, a topic merely set against it ("<platform> gotchas vs <topic>")
WEIGHED_OR_SET_AGAINST = WEIGHED_AGAINST | {"vs", "versus"}

# Words right before an uncovered topic that is only when the question arises ("<platform> gotchas before the <topic>",
# "pin it during the <topic> window"): the occasion, not the subject.
OCCASION = frozenset({"during", "before", "ahead of", "in time for", "throughout"})
# Words after "without" that say what the asker would rather not do ("without me bolting on <topic>", "without
# running our own <topic>"): the topic is done without, not asked about.
DOING_WITHOUT = frozenset(
    {"me", "us", "them", "having", "needing", "using", "running", "adding", "bolting", "managing", "operating", "maintaining", "installing"}
)
# Who would otherwise do a chore, right after "without" ("without us writing scripts", "without anyone clicking"): the
# platform is asked to do it.
CHORE_DOERS = frozenset({"us", "me", "you", "anyone", "anybody", "someone", "somebody"})
# Who does something, opening a clause of what is done ("before we wire up <topic>"): the occasion is an act of the
# asker's.
ACTORS = frozenset({"we", "i", "you", "they", "the team", "our team"})

# Words right after a product the asker is moving away from ("our <product> migration", "the <product> exit").
MOVING_OFF = frozenset({"migration", "migrations", "exit", "sunset", "shutdown", "era", "days"})

# Words right before a product set against the platform asked about ("limits on <platform> compared with X").
SET_AGAINST = frozenset(
    {
        "than",
        "versus",
        "vs",
        "unlike",
        "like",
        "similar to",
        "same as",
        "compared with",
        "compared to",
        "instead of",
        "rather than",
        "go to",
        "fall back to",
        "need",
        "the way",  # "go to zero the way <product> does"
        "did for",  # "a NAT gateway like we did for <product>"
        "did with",
        "did on",
        "had on",
        "basically",  # "is it basically <product> on <vendor>?"
        "essentially",
        "equivalent of",  # "the <platform> equivalent of <product>'s rollback"
        "equivalent to",
        "version of",
        "counterpart of",
        "counterpart to",
    }
)
# Words right after a product named as the analogy for what is asked ("a <product> equivalent for <platform>",
# "<product>-like scaling on <platform>", "<platform> in <product> terms").
ANALOGY_AFTER = frozenset({"equivalent", "like", "style", "esque", "alike", "terms", "speak"})
# ... and a few words before one ("like a sleeping <product> dyno", "unlike our old <product> setup").
ANALOGY_BEFORE = frozenset({"like", "unlike"})
# Of those after, the ones that ask for a thing like it ("the X equivalent on <cloud>?"), not measure against it.
ANALOGY_SOUGHT = frozenset({"equivalent"})

# Words right before the place where something already works ("works fine on X", "it worked on X").
WORKS_THERE = frozenset({"works", "worked", "work", "fine on", "works on", "worked on", "work on", "ok on", "okay on"})

# Everyday expressions whose words would otherwise name a row ("where tf are my logs" names no tool, "a good spot
# for it" no kind of capacity): read as one phrase that carries no topic.
IDIOMS = (
    "where tf",
    "hang on",
    "hang off",
    "all log on",
    "log on at once",
    "at run time",
    "at runtime",
    "in charge",
    "three container services",
    "three container platforms",
    "three container options",
    "two container services",
    "two container platforms",
    "what tf",
    "how tf",
    "why tf",
    "wtf",
    "secret sauce",
    "hang up",
    "data centre",
    "data center",
    "sandbox account",
    "sandbox environment",
    "sandbox project",
    "sandbox subscription",
    "in the sandbox",
    "in our sandbox",
    "job opening",
    "good spot",
    "on the spot",
    "sweet spot",
    "weak spot",
    "blind spot",
    "lunch spot",
    "lunch spots",
    "dinner spot",
    "coffee spot",
    "hot spot",
    "mass spec",
    "architecture review",
    "architecture board",
    "review board",
    "design review",
    "short version",
    "quick version",
    "long version",
    "second version",
    "minute version",
    "log in to",
    "log into",
    "logging in to",
    "logging into",
    "windows event log",
    "windows equivalent",
    "windows laptop",
    "windows desktop",
    "windows terminal",
    "the logs show",
    "logs show",
    "logs say",
    "log in at",
    "logging in at",
    "users log in",
    "everyone logs in",
    "people log in",
    "staff log in",
    "students log in",
    "i port",
    "we port",
    "you port",
    "they port",
    "wont port",
    "to port it",
    "to port this",
    "to port that",
    "to port the",
    "to port our",
    "to port my",
    "to port such",
    "to port them",
    "to port everything",
    "port over",
    "port it over",
    "cant spot",
    "couldnt spot",
    "seem to spot",
    "hard to spot",
    "easy to spot",
    "did you spot",
    "i spotted",
    "we spotted",
    "arm provisioning",
    "arm deployment",
    "arm api",
    "arm resource",
    "volume spikes",
    "traffic volume",
    "request volume",
    "message volume",
    "telemetry volume",
    "call volume",
    "order volume",
    "event volume",
    "high volume",
    "low volume",
    "volume of requests",
    "volume of traffic",
    "volume of data",
    "volume of events",
    "volume of messages",
    "price lookup",
    "price files",
    "price sync",
    "price recalculation",
    "price feed",
    "price engine",
    "pricing build",
    "pricing engine",
    "pricing service",
    "pricing api",
    "pricing data",
    "soil probe",
    "moisture probe",
    "temperature probe",
    "sensor probe",
    "probe reading",
    "probe data",
    "probe history",
    "probe exports",
    "probe firmware",
    "probe calibration",
    "field probes",
    "pricing library",
    "pricing cache",
    "meter reading",
    "smart meter",
    "meter data",
    "meter vendor",
    "at scale",
    "tariff engine",
    "billing engine",
    "billing run",
    "billing system",
    "billing service",
    "billing platform",
    "billing batch",
    "billing company",
    "privilege log",
    "privilege screening",
    "privilege review",
    "legal privilege",
    "attorney client privilege",
)

# Words right after someone who asks on the asker's behalf ("the auditor asks how ...", "security wants to know").
REPORTING = frozenset({"ask", "asks", "asked", "asking", "want", "wants", "wanted", "say", "says", "said", "told", "need", "needs"})

# Words right before a platform the question is measured against, or that the asker knows already ("can X do <row>,
# the way Y does?", "X in a nutshell for someone who lives in Y").
AS_IN = frozenset(
    {
        "like",
        "just like",
        "the way",
        "unlike",
        "similar to",
        "same as",
        "lives in",
        "living in",
        "who knows",
        "who uses",
        "as easily as",
        "as completely as",
        "as cheaply as",
        "as quickly as",
    }
) | frozenset({"used to", "coming from", "comes from", "moving from", "migrating from"})
# Of those, the words before where the asker comes from: never a platform compared ("an overview of X and Y for a
# team coming from Z").
COMING_FROM = frozenset({"coming from", "comes from", "moving from", "migrating from"})
# Words right after "in <platform>" that put a question in that platform's terms ("what is X, in <platform> terms?").
TERMS_OF = frozenset({"terms", "speak", "lingo", "language", "vocabulary"})

# Words right before a platform a message moves away from ("moving off X", "leaving X"); "from X" moves away only in a
# message that speaks of moving (``MOVING``), and "X to Y" always does.
# Words after "and" (or "oh") that add a question of its own to the one before ("..., and also does X ...?").
ADDED_ASKS = frozenset({"also", "btw", "separately", "unrelated", "additionally"})
MOVED_OFF = frozenset({"off", "leaving", "left", "ditching", "quitting"})
MOVING = frozenset(
    "move moving moved migrate migrating migrated migration port porting ported shift shifting switch switching "
    "transition transitioning lift".split()
)

# Words right after a row the question puts aside ("<row> aside, ...", "<row> notwithstanding").
ASIDE = frozenset({"aside", "notwithstanding", "excepted", "excluded"})

# Words right after a row that the asker ranks below the others ("cost matters less", "<row> is secondary").
LESS_IMPORTANT = (
    "matters less",
    "matter less",
    "is secondary",
    "are secondary",
    "less important",
    "doesnt matter",
    "dont matter",
    "does not matter",
    "is not a concern",
    "isnt a concern",
    "is no concern",
    "is irrelevant",
    "are irrelevant",
    "not needed",
    "arent needed",
)

# Words in a row's clause (or the clause after it in the same sentence) that say it is dealt with elsewhere ("secrets
# and logging we'll deal with separately", "logs go to <tool>, so those aren't factors").
DEALT_WITH = (
    "separately",
    "separate page",
    "separate question",
    "another question",
    "already solved",
    "already sorted",
    "already handled",
    "already covered",
    "are solved",
    "is solved",
    "signed off",
    "taken care of",
    "not needed",
    "arent factors",
    "are not factors",
    "isnt a factor",
    "not a factor",
    "out of scope",
    "are sorted",
    "is sorted",
    "are fine",
    "is fine",
    "already in place",
    "already done",
    "sort out later",
    "sort that out later",
    "deal with later",
    "deal with that later",
    "handle later",
    "figure out later",
    "worry about later",
    "ask about later",
    "is settled",
    "are settled",
    "already know about",
    "isnt needed",
    "arent needed",
)

# Words that set a platform or a row aside for the question ("ignore <platform>, between the other two ...", "not asking
# about <row>, only ...").
SETTING_ASIDE = frozenset(
    {"ignore", "ignoring", "skip", "skipping", "forget about", "dont care about", "not asking about", "not about"}
    | {"not interested in", "never mind"}
)
# Words right before a platform the question looks past ("anything besides <platform>?").
BESIDES = frozenset({"besides", "except", "beyond", "excluding", "other than", "apart from", "aside from", "anything but", "all but"})
# Words that rule a platform or a vendor out of a pick ("Not <vendor>. Which?", "exclude <vendor>").
EXCLUDING = BESIDES | {"not", "but not", "exclude", "excludes", "ruling out", "rule out", "leave", "forget"} | SETTING_ASIDE
# Words with which a message takes back what it just named ("does X sleep -- sorry, Y", "oh wait, I meant Y"), and
# words that do so only before a pair set side by side ("X vs Y -- actually vs Z", "no, Y vs Z"); the words that may
# stand between them and the name put in place ("sorry, I meant on Y"). A correction that goes on with "and" adds.
TAKING_BACK = frozenset(
    {"sorry", "oops", "meant", "i mean", "scratch that", "make that", "oh wait", "no wait", "wait no", "hmm no", "correction"}
)
TAKING_BACK_PAIR = frozenset({"actually", "no", "hmm", "ugh", "wait", "or rather", "rather"})
TAKEN_BACK_FILLER = frozenset(
    "i meant mean sorry wait oh on for in with make that just the no actually hmm ugh oops rather scratch".split()
)
# The words that set two names side by side ("X vs Y", "X or Y").
PAIRING = frozenset({"vs", "versus", "and", "or", "against"})

# Words that say a platform is not what the message is about ("to be clear, this is not <platform>: our ...").
DISOWNING = frozenset({"this is not", "this isnt", "its not", "it is not", "not about", "isnt about", "nothing to do with"})

# Words right before a row set against the one asked ("..., rather than a long-running service").
RATHER_THAN = frozenset({"rather than", "instead of", "as opposed to"})
# Words right before a row the question puts aside or does without ("work that exits, rather than a long-running
# service"), once the rows that are only the setting have given way.
ROWS_ASIDE = (
    BESIDES
    | RATHER_THAN
    | SETTING_ASIDE
    | {
        "forget",
        "without",
        "no need for",
        "fussed about",
    }
)

# Words that point back at what was just named ("need it for ...", "does it honour that?").
POINTERS = frozenset({"it", "this", "that", "them", "these", "those"})
# "who" past the first word opens what is said of a person ("for someone who ..."), not a question.
RELATIVE_WHO = frozenset({"who", "whos", "whove", "whod"})
# ... and words in it that tell what that person knows or has done ("who only knows ...", "who has never used ...").
KNOWING = frozenset({"only", "ever", "never", "knows", "know", "used", "run", "ran", "runs", "worked", "operated", "managed", "built"})
# The words that ask what a thing is, right before it ("what's a <thing>?").
WHAT_IS = frozenset({"whats", "what is", "what are", "what s"})

# Words of a question that asks whether one thing does as another just named did ("X scales to zero; does <platform> do
# the same?", "can <platform> do that too?"): the other is the yardstick, not what is asked about.
LIKE_BEFORE = frozenset({"same", "too", "also", "likewise", "similarly", "as well"})

# Words before a list of what the asker can do without ("can live without: X, Y, Z").
CAN_DO_WITHOUT = frozenset({"live without", "do without", "cope without", "manage without"})

# Nouns an amount may describe ("a 0.25 vCPU task", "500 vCPU hours"): the amount tells what it is, not what is asked.
DESCRIBED = frozenset(
    "task tasks container containers instance instances service services job jobs worker workers share volume volumes hour hours".split()
)

# Words that ask what something costs ("how much would a 4 vCPU task cost?"): an amount beside them is what is priced.
COST_WORDS = frozenset(
    "cost costs costing price priced charge charged charges bill billed bills billing meter metered metering pay paying".split()
)

# Words opening a question that adds another to the one before ("...? and how much disk?", "...? also, ...", "(2) ...").
ASKING_MORE = frozenset(
    {
        "and",
        "oh",
        "also",
        "plus",
        "b",
        "c",
        "d",
        "2",
        "3",
        "4",
        "ii",
        "iii",
        "secondly",
        "second",
        "third",
        "thirdly",
        "additionally",
        "separately",
    }
)

# Words opening a clause that turns from what was just said to another platform ("... is fine on X, but what about Y?").
TURNING_TO = ("but what about", "but how about", "what about", "how about", "and what about", "but what of")

# Words right before a row the asker says they can do without, when the next clause says what they do need ("we
# don't need <row>, only <row>").
NOT_NEEDED = frozenset({"dont need", "do not need", "dont want", "do not want", "dont require", "dont care for"})
# Words opening a clause that says what is needed instead ("..., only <row>", "..., just <row>").
INSTEAD = frozenset({"only", "just", "but"})

# Words right before a row said in so many words not to be the question ("not asking about <row>", "we don't care
# about <row>"): put aside before any other row gives way to it.
NOT_ASKED = frozenset(
    {
        "not asking about",
        "not asking abt",
        "dont care about",
        "not care about",
        "not worried about",
        "not interested in",
        "not concerned about",
        "not concerned with",
        "not looking at",
        "but not",  # "we need websockets and sidecars but not GPUs"
        "ignore",  # "must run <row>, ignore <row>"
        "ignoring",
        "forget about",
        "never mind",
        # "we'll deal with <row> after we know ...": left for later
        "well deal with",
        "will deal with",
        "well look at",
        "well worry about",
        "will worry about",
        "well sort out",
        "well figure out",
    }
)

# Words after a platform asked about that open what the question is set against or who it is for ("what is <platform>,
# compared to just renting a VM?", "..., for someone who only ever used VMs?", "..., like a VM but managed?", "..., in
# finance terms?").
FRAMING_TAILS = frozenset({"for", "in", "compared", "vs", "versus", "like", "than", "basically", "different", "differs", "differ"})
# Words that only hedge a "what is" ("what is <platform> actually, ...?").
HEDGES = frozenset({"actually", "really", "exactly", "even", "anyway", "now", "today", "though"})
# Words a "what is" asks the platform's standing with ("what is <platform>, part of <product> or a separate service?"):
# what the summary says.
STANDING = frozenset({"part", "separate", "standalone", "mode", "flavour", "flavor", "distinct", "component", "piece", "same"})
