"""Conversation context carried in Slack: button values and message metadata, read back and validated."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.answer import Engine
from bot.slack.context import ANSWER_EVENT, AnswerRef, KnownIds, SeenEvents, answer_metadata, read_messages
from bot.understand.parse import Context

KNOWN = KnownIds(frozenset({"fargate", "cloud-run", "aci"}), frozenset({"gpu", "logging", "revisions"}))


def test_a_button_value_round_trips_what_the_answer_was_about(engine: Engine) -> None:
    """A button value brings back the question, intent, ids and the context it was asked with."""
    answer = engine.ask("and Cloud Run?", Context(("aci",), ("gpu",)))
    ref = AnswerRef.of(answer, Context(("aci",), ("gpu",)))
    assert AnswerRef.decode(ref.encode(), KNOWN) == ref
    assert ref.as_context() == Context(("cloud-run",), ("gpu",))


@given(question=st.text(max_size=3000), platforms=st.lists(st.sampled_from(["fargate", "aci", "x" * 300]), max_size=40))
def test_a_button_value_never_exceeds_2000_characters(question: str, platforms: list[str]) -> None:
    """However long the question or the id lists, the encoded value fits Slack's 2,000-character limit."""
    value = AnswerRef(question, "fact", tuple(platforms), ("gpu",) * 50, Context(tuple(platforms), ())).encode()
    assert len(value) <= 2000
    assert AnswerRef.decode(value, KNOWN) is not None


@pytest.mark.parametrize(
    "value",
    [None, 42, "", "not json", "[]", '{"q": 1, "i": "fact"}', '{"q": "x", "i": "launch"}', "x" * 2001, '{"q": "x"}'],
)
def test_a_value_that_is_not_ours_decodes_to_nothing(value: object) -> None:
    """Tampered or foreign button values are refused rather than trusted."""
    assert AnswerRef.decode(value, KNOWN) is None


def test_unknown_ids_in_a_value_are_dropped() -> None:
    """Ids the knowledge base does not have never reach the engine."""
    ref = AnswerRef.decode(json.dumps({"q": "x", "i": "fact", "p": ["aci", "lambda", 3], "f": {"gpu": 1}, "cp": ["nope"]}), KNOWN)
    assert ref is not None and ref.platforms == ("aci",) and ref.features == () and ref.context == Context((), ())


def _answer(ts: str, platforms: str, features: str, *, intent: str = "fact", reply_to: str = "", bot_id: str = "BBOT") -> dict[str, Any]:
    payload = {"intent": intent, "platforms": platforms, "features": features, "reply_to": reply_to}
    return {"ts": ts, "bot_id": bot_id, "metadata": {"event_type": ANSWER_EVENT, "event_payload": payload}}


def test_the_latest_earlier_answer_gives_the_context() -> None:
    """The context is the newest answer before the question, whatever order Slack lists messages in."""
    messages = [
        _answer("100.1", "aci", "gpu"),
        _answer("300.1", "fargate", "logging"),
        {"ts": "150.1", "user": "U1", "text": "and cloud run?"},
        _answer("200.1", "cloud-run", "gpu"),
    ]
    for order in (messages, list(reversed(messages))):
        conversation = read_messages(order, reply_to="250.1", known=KNOWN, bot_id="BBOT")
        assert conversation.context == Context(("cloud-run",), ("gpu",)) and not conversation.answered


def test_other_apps_help_answers_and_unknown_ids_give_no_context() -> None:
    """Metadata from another bot, answers to help or unknown questions, and ids we do not know are ignored."""
    messages = [
        _answer("100.1", "aci", "gpu", bot_id="B0OTHER"),
        _answer("110.1", "", "", intent="help"),
        _answer("120.1", "lambda", "cold-starts"),
        {"ts": "130.1", "metadata": {"event_type": "something_else", "event_payload": {"platforms": "aci"}}},
        {"ts": "140.1", "metadata": "garbage"},
    ]
    assert read_messages(messages, reply_to="200.1", known=KNOWN, bot_id="BBOT").context is None


def test_an_answer_replying_to_the_question_marks_it_answered() -> None:
    """A message whose metadata says it answers this question means a redelivery, not a new question."""
    messages = [_answer("100.2", "aci", "gpu", reply_to="100.1")]
    assert read_messages(messages, reply_to="100.1", known=KNOWN, bot_id="BBOT").answered
    assert not read_messages(messages, reply_to="100.3", known=KNOWN, bot_id="BBOT").answered


def test_answer_metadata_says_what_the_answer_is_about_and_what_it_answers(engine: Engine) -> None:
    """Posted metadata carries the intent, the ids as comma-separated strings, and the question's ts."""
    metadata = answer_metadata(engine.ask("compare fargate and aci on gpu"), reply_to="123.456").to_dict()
    assert metadata == {
        "event_type": ANSWER_EVENT,
        "event_payload": {"intent": "compare", "platforms": "fargate,aci", "features": "gpu", "reply_to": "123.456"},
    }


def test_seen_events_remember_a_bounded_number_of_ids() -> None:
    """The in-process guard says 'first time' once per event id, and forgets the oldest beyond its size."""
    seen = SeenEvents(size=2)
    assert seen.first_time("Ev1") and not seen.first_time("Ev1")
    assert seen.first_time("Ev2") and seen.first_time("Ev3") and seen.first_time("Ev1")
    assert seen.first_time(None) and seen.first_time(None)
