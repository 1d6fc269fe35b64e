"""Help channels (ANSWER_CHANNELS): questions asked without a mention, driven as Slack sends them (message.channels /
message.groups events, signed, into the running server), against a fake Slack that keeps the threads."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.answer import LOW_CONFIDENCE, Engine
from bot.slack.channels import answer_channels, looks_like_question
from bot.slack.handoff import HANDOFF, PlatformTeam
from bot.slack.outbox import Outbox
from tests.slack.fake_slack import BOT_USER
from tests.slack.harness import (
    CHANNEL,
    USER,
    World,
    all_text,
    block_action,
    button_value,
    channel_event,
    current,
    mention_event,
    scenario,
    world,
)
from tests.slack.test_handoff import GROUP, LOW, TEAM, UNKNOWN, handoff_buttons, wait_for_handoffs
from tests.slack.test_http import IGNORED

HELP = "C0HELP0001"
PRIVATE_HELP = "G0HELP0002"
QUESTION = "does ACI support GPUs?"


def replies_in(w: World, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    """The bot's messages in one thread."""
    return [m for m in w.slack.posted() if m in w.slack.messages.get(channel, []) and m.get("thread_ts") == thread_ts]


def payload(message: dict[str, Any]) -> dict[str, Any]:
    return message["metadata"]["event_payload"]  # type: ignore[no-any-return]


async def ask_in(w: World, channel: str, text: str, *, thread_ts: str | None = None, bot: int = 0, **kw: Any) -> dict[str, Any]:
    """A person's message in ``channel`` (or a thread of it), as Slack stores it and then sends it to the bot."""
    asked = w.slack.post_user_message(channel, text, thread_ts=thread_ts)
    assert (await w.bots[bot].event(channel_event(asked, channel, **kw)))[0] == 200
    return asked


async def answered_in_thread(w: World, channel: str, thread_ts: str, count: int = 1) -> list[dict[str, Any]]:
    await w.slack.wait_until(lambda: len(replies_in(w, channel, thread_ts)) >= count)
    return replies_in(w, channel, thread_ts)


@pytest.mark.parametrize(("channel", "channel_type"), [(HELP, "channel"), (PRIVATE_HELP, "group")])
@scenario
async def test_a_question_in_a_help_channel_is_answered_in_its_thread(engine: Engine, channel: str, channel_type: str) -> None:
    """A top-level question without a mention, in a public or private help channel, is answered in a thread under it."""
    async with world(engine, answer_channels=[HELP, PRIVATE_HELP]) as w:
        asked = await ask_in(w, channel, QUESTION, channel_type=channel_type)
        [answer] = await answered_in_thread(w, channel, asked["ts"])
        assert payload(answer) == {"intent": "fact", "platforms": "aci", "features": "gpu", "reply_to": asked["ts"]}
        assert str(current(engine, "aci", "gpu").value) in all_text(answer["blocks"])
        assert not handoff_buttons(answer["blocks"])


@pytest.mark.parametrize("team", [None, TEAM], ids=["no team", "team"])
@scenario
async def test_small_talk_and_statements_get_nothing(engine: Engine, team: PlatformTeam | None) -> None:
    """Small talk, thanks, statements (even a bare platform name the bot could answer) and everyday questions that only
    share a feature's word ("is the VPN broken again?") get no reply, with or without a platform team to hand off to."""
    async with world(engine, answer_channels=[HELP], platform_team=team) as w:
        chatter = ("thanks, that helped!", "lunch anyone?", "is it down?", "we moved to fargate last week", "aci", "hello")
        for text in (*chatter, "is the VPN broken again?", "who owns the ingress?", "how do I see logs for my pod?"):
            await ask_in(w, HELP, text)
        await w.idle()
        # A question-like message may have its thread read (so that replicas answer once); nothing is posted.
        assert HELP not in {c.args.get("channel") for c in w.slack.calls if c.method.startswith("chat.")}


@scenario
async def test_comparisons_asked_without_a_question_mark_are_answered(engine: Engine) -> None:
    """A request that names no platform but asks to compare them ("compare all three on logging") is on topic."""
    async with world(engine, answer_channels=[HELP]) as w:
        asked = await ask_in(w, HELP, "compare all three on logging")
        [answer] = await answered_in_thread(w, HELP, asked["ts"])
        assert payload(answer)["intent"] == "compare" and payload(answer)["features"] == "logging"


@scenario
async def test_unsure_or_uncovered_questions_get_nothing_without_a_team(engine: Engine) -> None:
    """Without PLATFORM_TEAM, a low-confidence or uncovered question in a help channel gets no reply at all."""
    assert engine.ask(LOW).confidence < LOW_CONFIDENCE
    async with world(engine, answer_channels=[HELP]) as w:
        await ask_in(w, HELP, LOW)
        await ask_in(w, HELP, UNKNOWN)
        await w.idle()
        assert not any(c.args.get("channel") == HELP for c in w.slack.called("chat.postMessage"))


@pytest.mark.parametrize(("question", "why"), [(LOW, "was not sure I understood"), (UNKNOWN, "could not answer")])
@scenario
async def test_unsure_or_uncovered_questions_get_only_the_hand_off_with_a_team(engine: Engine, question: str, why: str) -> None:
    """With PLATFORM_TEAM, such a question gets one short thread reply holding the hand-off button and no answer; the
    button hands it off in that thread."""
    async with world(engine, answer_channels=[HELP], platform_team=TEAM) as w:
        asked = await ask_in(w, HELP, question)
        [offer] = await answered_in_thread(w, HELP, asked["ts"])
        actions = [e for b in offer["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert [e["action_id"] for e in actions] == [HANDOFF] and len(offer["blocks"]) == 2
        assert "can't answer this one" in offer["text"] and payload(offer)["reply_to"] == asked["ts"]
        await w.bot.action(block_action(HANDOFF, actions[0]["value"], channel=HELP, message=offer))
        [handoff] = await wait_for_handoffs(w)
        assert handoff["thread_ts"] == asked["ts"] and handoff in w.slack.messages[HELP]
        assert handoff["text"].startswith(f"<!subteam^{GROUP}> <@{USER}> asked something I {why}")


@scenario
async def test_a_channel_not_in_the_list_gets_nothing(engine: Engine) -> None:
    """The same question in a channel that is not a help channel is not answered without a mention."""
    async with world(engine, answer_channels=[HELP], platform_team=TEAM) as w:
        await ask_in(w, CHANNEL, QUESTION)
        await ask_in(w, CHANNEL, UNKNOWN)
        await w.idle()
        assert CHANNEL not in {c.args.get("channel") for c in w.slack.calls}


@scenario
async def test_without_answer_channels_channel_messages_get_nothing(engine: Engine) -> None:
    """ANSWER_CHANNELS unset: channel messages (an app subscribed to message.channels anyway) are never answered."""
    async with world(engine, platform_team=TEAM) as w:
        await ask_in(w, HELP, QUESTION)
        await w.idle()
        assert HELP not in {c.args.get("channel") for c in w.slack.calls}


@scenario
async def test_follow_ups_in_the_thread_build_on_its_answer_on_any_replica(engine: Engine) -> None:
    """Follow-ups in a thread the bot answered are answered there, with its context, whichever replica gets them."""
    async with world(engine, instances=2, answer_channels=[HELP]) as w:
        asked = await ask_in(w, HELP, QUESTION)
        await answered_in_thread(w, HELP, asked["ts"])
        await ask_in(w, HELP, "and Cloud Run?", thread_ts=asked["ts"], bot=1)
        first, second = await answered_in_thread(w, HELP, asked["ts"], 2)
        assert payload(second)["platforms"] == "cloud-run" and payload(second)["features"] == "gpu"
        await ask_in(w, HELP, "what about windows containers?", thread_ts=asked["ts"])
        *_, third = await answered_in_thread(w, HELP, asked["ts"], 3)
        assert payload(third)["platforms"] == "cloud-run" and payload(third)["features"] == "windows-containers"


@scenario
async def test_threads_the_bot_did_not_answer_or_that_people_took_over_get_nothing(engine: Engine) -> None:
    """A question inside someone else's thread gets nothing; nor does a follow-up in a thread the bot answered once the
    platform team has been handed it (a mention there is still answered)."""
    async with world(engine, answer_channels=[HELP], platform_team=TEAM, outbox=Outbox(rate=1000)) as w:
        chat = w.slack.post_user_message(HELP, "we are planning the migration")
        await ask_in(w, HELP, QUESTION, thread_ts=chat["ts"])
        asked = await ask_in(w, HELP, QUESTION)
        [answer] = await answered_in_thread(w, HELP, asked["ts"])
        await w.bot.action(block_action("feedback_down", button_value(answer["blocks"], "feedback_down"), channel=HELP, message=answer))
        [thanks] = await w.slack.wait_for("chat.postEphemeral")
        await w.bot.action(block_action(HANDOFF, handoff_buttons(thanks.args["blocks"])[0]["value"], channel=HELP, ephemeral=True))
        await wait_for_handoffs(w)
        await ask_in(w, HELP, "and Cloud Run?", thread_ts=asked["ts"])
        await w.idle()
        assert not replies_in(w, HELP, chat["ts"]) and len(replies_in(w, HELP, asked["ts"])) == 2  # the answer, the hand-off
        mention = w.slack.post_user_message(HELP, f"<@{BOT_USER}> and Cloud Run?", thread_ts=asked["ts"])
        await w.bot.event(mention_event(mention, channel=HELP))
        *_, followed = await answered_in_thread(w, HELP, asked["ts"], 3)
        assert payload(followed)["platforms"] == "cloud-run" and payload(followed)["features"] == "gpu"


@pytest.mark.parametrize("extra", IGNORED.values(), ids=IGNORED.keys())
@scenario
async def test_bots_edits_deletions_and_other_subtypes_get_nothing(engine: Engine, extra: dict[str, Any]) -> None:
    """In a help channel, the bot's own and other bots' messages, edits, deletions and other subtypes are never answered."""
    async with world(engine, answer_channels=[HELP], platform_team=TEAM) as w:
        asked = w.slack.post_user_message(HELP, QUESTION)
        event = channel_event(asked, HELP)
        event["event"].update(extra)
        assert (await w.bot.event(event))[0] == 200
        await w.idle()
        assert HELP not in {c.args.get("channel") for c in w.slack.calls}


@scenario
async def test_a_mention_in_a_help_channel_is_answered_once(engine: Engine) -> None:
    """A message mentioning the bot comes as both app_mention and message.channels; only the mention listener answers."""
    async with world(engine, answer_channels=[HELP]) as w:
        asked = w.slack.post_user_message(HELP, f"<@{BOT_USER}> {QUESTION}")
        await w.bot.event(channel_event(asked, HELP))
        await w.bot.event(mention_event(asked, channel=HELP))
        await w.idle()
        assert len(replies_in(w, HELP, asked["ts"])) == 1


@scenario
async def test_a_redelivered_help_channel_question_is_answered_once(engine: Engine) -> None:
    """A help-channel event Slack redelivers, to the same or another replica, finds the answer in the thread."""
    async with world(engine, instances=2, answer_channels=[HELP], platform_team=TEAM) as w:
        for question in (QUESTION, UNKNOWN):
            asked = w.slack.post_user_message(HELP, question)
            event = channel_event(asked, HELP)
            await w.bots[0].event(event)
            await answered_in_thread(w, HELP, asked["ts"])
            await w.bots[0].event(event, retry=1)
            await w.bots[1].event(event, retry=2)
        await w.idle()
        assert len([m for m in w.slack.posted() if m in w.slack.messages[HELP]]) == 2


# -- pure helpers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("does aci support gpus", True),
        ("How do I get a static IP?", True),
        ("anyone know if cloud run has sidecars", True),
        ("aci?", True),
        ("compare fargate and ACI on logging", True),
        ("thanks!", False),
        ("fargate is great", False),
        ("", False),
    ],
)
def test_what_looks_like_a_question(text: str, question: bool) -> None:
    """A question mark or a question's first word makes a question; statements and thanks do not."""
    assert looks_like_question(text) is question


def test_answer_channels_are_channel_ids() -> None:
    """ANSWER_CHANNELS takes comma-separated C…/G… ids; a DM id or a channel name is refused, naming it."""
    assert answer_channels({"ANSWER_CHANNELS": " C0HELP0001 ,G0HELP0002,"}) == {"C0HELP0001", "G0HELP0002"}
    assert answer_channels({}) == frozenset()
    with pytest.raises(ValueError, match=r"not 'D0ALICEDM1', '#ask-platform'"):
        answer_channels({"ANSWER_CHANNELS": "C0HELP0001,D0ALICEDM1,#ask-platform"})


def test_the_metadata_of_an_offer_carries_no_context() -> None:
    """An offer (no answer shown) marks the question replied to but gives follow-ups nothing to build on."""
    from bot.slack.context import KnownIds, read_messages

    offer = {"ts": "2.0", "bot_id": "B1", "metadata": {"event_type": "platform_bot_answer", "event_payload": json.loads(
        json.dumps({"intent": "unknown", "platforms": "", "features": "", "reply_to": "1.0"}))}}  # fmt: skip
    conversation = read_messages([offer], reply_to="1.0", known=KnownIds(frozenset({"aci"}), frozenset()), bot_id="B1")
    assert conversation.answered and conversation.context is None
