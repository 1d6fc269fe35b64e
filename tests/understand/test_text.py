"""Tokens: the same on both sides of every match, whatever the question's typography."""

from __future__ import annotations

import pytest

from bot.text import normalise, phrase_key, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("OutOfMemoryError", ["out", "of", "memory", "error"]),  # a one-letter-capitalised word ends too
        ("setToAllNow", ["set", "to", "all", "now"]),
        ("gVisor iPhone NoSQL", ["gvisor", "iphone", "nosql"]),  # brand spellings stay whole
        ("0.25vCPU and 0.5GB", ["0", "25", "vcpu", "and", "0", "5", "gb"]),  # letters apart from digits
        ("arm64 k8s h2c", ["arm", "64", "k8s", "h2c"]),  # so a synonym written "arm64" meets "arm 64"; "k8s" is one word
        ("A100 or a 100 GiB, x86_64", ["a100", "or", "a", "100", "gib", "x86", "64"]),  # one letter before digits: a model
        ("NET_ADMIN https://x.example/a?b", ["net", "admin"]),  # underscores split, links dropped
        ("클라우드런의 시간 600초는", ["클라우드런의", "시간", "600", "초는"]),  # words of other scripts are words
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("reqs per instance", "requests per instance"),
        ("max mem", "max memory"),
        ("img pull", "image pull"),
        ("env vars", "environment variables"),
        ("runs for 24h", "runs for 24 hours"),
    ],
)
def test_shortened_words_meet_their_word(typed: str, meant: str) -> None:
    """A shortening people type ("mem", "reqs") and the word it stands for match each other."""
    assert phrase_key(typed) == phrase_key(meant)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("what are the catches", "what are the catch"),  # "-es" after a sibilant is a plural
        ("image caches", "image cache"),  # but not after a word ending in "e"
        ("ssm params", "ssm parameter"),
        ("min inst", "min instance"),
        ("cron jobs + managed identity", "cron jobs and managed identity"),  # a sign between words is "and"
    ],
)
def test_plurals_signs_and_shortenings_meet_their_words(typed: str, meant: str) -> None:
    assert phrase_key(typed) == phrase_key(meant)


def test_a_link_leaves_the_punctuation_that_ends_its_sentence() -> None:
    """A message is normalised once and then split into clauses: a link at the end of a sentence is dropped without
    the full stop after it, so the sentence still ends there."""
    assert normalise("See https://x.example/a. Then ask.") == "see  . then ask."
    assert tokenize("See https://x.example/a. Then ask.") == ["see", "then", "ask"]


def test_e_g_and_i_e_end_no_sentence() -> None:
    """The full stops of "e.g." and "i.e." are not sentence ends: "a sidecar, e.g. a logging agent" is one sentence."""
    assert "." not in normalise("run a sidecar, e.g. a logging agent, i.e. a second container")
    assert tokenize("E.g. gpus") == ["eg", "gpus"]
    assert normalise("see the docs. every run") == "see the docs. every run"


def test_a_host_name_in_a_pasted_reference_is_no_words_of_the_question() -> None:
    """ "eu.gcr.io/p/etl" names no region; the path after the host is kept, and two-part names ("run.app") stay."""
    assert tokenize("--image eu.gcr.io/p/etl") == ["image", "p", "etl"]
    assert tokenize("FROM mcr.microsoft.com/dotnet/framework/aspnet") == ["from", "dotnet", "framework", "aspnet"]
    assert tokenize("the run.app url") == ["the", "run", "app", "url"]


def test_a_mention_typed_as_text_is_no_words_of_the_question() -> None:
    """ "@platform-bot" addresses the bot; an e-mail address keeps its words."""
    assert tokenize("@platform-bot does it scale? mail ops@example.com") == ["does", "it", "scale", "mail", "ops", "example", "com"]


def test_a_version_of_three_parts_is_no_numbers_of_the_question() -> None:
    """ "1.4.0 - task failed" holds no "0 tasks" (a row's phrase); a decimal and a four-part address keep their numbers."""
    assert tokenize("upgraded to 1.4.0 - Task failed") == ["upgraded", "to", "task", "failed"]
    assert tokenize("dask v2022.10.0 times out") == ["dask", "times", "out"]
    assert tokenize("0.25 vCPU") == ["0", "25", "vcpu"]
    assert tokenize("curl 169.254.169.254 hangs") == ["curl", "169", "254", "169", "254", "hangs"]
