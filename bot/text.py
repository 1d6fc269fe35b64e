"""Text normalisation shared by the loader and the question parser.

Both sides of every match go through the same functions, so a synonym in the
YAML and a word in a question meet in the same form.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A capital after two lower-case letters, or after a one-letter capitalised word, starts a word ("OutOfMemory",
# "setToAll"); "gVisor" and "iPhone" stay whole.
_CAMEL = re.compile(r"(?<=[a-z]{2})(?=[A-Z])|(?<=[A-Z][a-z])(?=[A-Z][a-z])")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
_QUOTES = frozenset("'\u2019\u2018`")
# Runs of ASCII letters and digits, or of other letters (a word in another script is a word we do not know, not nothing).
# A short word of letters around one digit is one word, not letters apart from a digit (an orchestrator's nickname),
# and so is one letter before digits (a model or generation: "A100", "x86"), so "a 100 GiB" is no such name.
_WORD = re.compile(
    r"(?<![a-z0-9])[a-z]{1,2}[0-9][a-z]{1,2}(?![a-z0-9])|(?<![a-z0-9])[a-z][0-9]{1,4}(?![a-z0-9])|[a-z*~]+|[0-9]+|[^\W\d_a-z]+"
)
# A link, without the punctuation that ends the sentence it sits in.
LINK = re.compile(r"https?://[^\s|>]*[^\s|>.,;:!?)]")
# A mention typed as text ("@platform-bot, does ..."): who is addressed, not words of the question.
_MENTION = re.compile(r"(?<![\w@])@[\w.-]+")
# A host name of three parts or more ("eu.gcr.io", "mcr.microsoft.com" in a pasted image reference): its words are an
# address, not the question's ("eu" names no region); the path after it is kept.
_HOST = re.compile(r"(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+\.(?:io|com|dev|net|org|app|cloud)(?![\w-])", re.IGNORECASE)
# A version of three parts ("1.4.0", "v2022.10.0"): a name, not numbers to read ("1.4.0 - task failed" holds no
# "0 tasks"). An address of four parts stays ("169.254.169.254" has a meaning of its own).
_VERSION = re.compile(r"(?<![\w.])v?[0-9]+\.[0-9]+\.[0-9]+(?![\w.]*[0-9a-z])", re.IGNORECASE)
# "cron jobs + managed identity", "secrets & identity": a sign between words is the word "and".
_AND_SIGN = re.compile(r"(?<=\s)[+&](?=\s)")
# Slashed shorthand: "w/o" is "without", "w/" is "with", "b/c" is "because"; and "e.g." and "i.e.", whose full stops
# end no sentence.
_SLASHED = {"w/o": " without ", "w/": " with ", "b/c": " because ", "e.g.": " eg ", "e.g": " eg ", "i.e.": " ie ", "i.e": " ie "}
_SLASH = re.compile(
    r"(?<![a-z0-9])(?:w/o|b/c)(?![a-z0-9])|(?<![a-z0-9])w/(?=[a-z\s]|$)|(?<![a-z0-9.])(?:e\.g|i\.e)\.?(?![a-z0-9])", re.IGNORECASE
)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens: links dropped, CamelCase split, possessives and apostrophes dropped, letters apart
    from digits ("0.25vCPU" is 0, 25, vcpu; a synonym "arm64" is split the same way), punctuation as spaces."""
    return words(normalise(text))


def normalise(text: str) -> str:
    """The text words are read from, punctuation kept: links dropped, slashed shorthand spelled out, CamelCase split,
    possessives and apostrophes dropped, lower case. A message is normalised once and read clause by clause."""
    # each rewrite only where the sign it needs is in the text: a long message costs a few scans instead of searches
    if "@" in text:
        text = _MENTION.sub(" ", text)
    if "://" in text:
        text = LINK.sub(" ", text)
    if "." in text:
        text = _VERSION.sub(" ", _HOST.sub(" ", text))
    if "/" in text or "." in text:
        text = _SLASH.sub(lambda m: _SLASHED[m[0].lower()], text)
    if "+" in text or "&" in text:
        text = _AND_SIGN.sub("and", text)
    if text != text.lower():
        text = _CAMEL.sub(" ", text)
    if _QUOTES.isdisjoint(text):
        return text.lower()
    return _APOSTROPHE.sub("", _POSSESSIVE.sub("", text).lower())


def words(normalised: str) -> list[str]:
    """The word tokens of normalised text."""
    return _WORD.findall(normalised)


def question_words(normalised: str) -> list[str]:
    """The words a question is read as: its tokens without the marks a synonym may carry ("*" for a gap, "~" for a
    weak phrase), which a question's words never hold."""
    if "*" not in normalised and "~" not in normalised:
        return _WORD.findall(normalised)
    return [w for w in (t.strip("*~") for t in _WORD.findall(normalised)) if w]


# Words whose final "s" is not a plural: "https" is not "http", "Windows" is not a window.
_UNSTEMMED = frozenset({"https", "wss", "windows"})


# Shortenings people type for everyday words: "mem" is memory, "reqs" are requests.
_SHORTENED = {
    "req": "request",
    "inst": "instance",
    "mem": "memory",
    "img": "image",
    "src": "source",
    "cfg": "config",
    "conf": "config",
    "svc": "service",
    "env": "environment",
    "var": "variable",
    "db": "database",
    "hr": "hour",
    "h": "hour",
    "sec": "second",
    "perm": "permission",
    "param": "parameter",
    "prereq": "prerequisite",
    "vol": "volume",
}


# Plurals that add "es" to a sibilant (patches, pushes, boxes, passes), but not to a word that ends in "e" (caches).
_ES_PLURALS = ("ches", "shes", "xes", "sses")
_E_WORDS = frozenset({"cache", "niche"})


@lru_cache(maxsize=8192)
def stem(token: str) -> str:
    """A light plural stemmer: ``cards`` -> ``card``, ``policies`` -> ``policy``; short words stay; a shortening
    stands for its word (``reqs`` -> ``request``)."""
    if token in _UNSTEMMED:
        return token
    if len(token) >= 5 and token.endswith("ies"):
        token = token[:-3] + "y"
    elif len(token) >= 5 and token.endswith(_ES_PLURALS) and token[:-1] not in _E_WORDS:
        token = token[:-2]
    elif len(token) >= 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    return _SHORTENED.get(token, token)


def phrase_key(phrase: str) -> str:
    """The canonical form of a phrase, for comparing aliases and synonyms."""
    return " ".join(stem(t) for t in tokenize(phrase))
