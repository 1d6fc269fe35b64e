"""Handing a question to the platform team ("Ask the platform team"), driven as Slack drives the app: signed
requests to the running server, a fake Slack recording where each hand-off lands and what it says."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from bot.answer import LOW_CONFIDENCE, Engine
from bot.gaps import build_report
from bot.logs import JsonFormatter
from bot.slack.context import AnswerRef, KnownIds
from bot.slack.handoff import HANDOFF, HANDOFF_EVENT, HandOffRef, PlatformTeam, platform_team
from tests.slack.fake_slack import BOT_USER
from tests.slack.harness import (
    CHANNEL,
    DM,
    USER,
    World,
    all_text,
    block_action,
    button_value,
    dm_message_event,
    mention_event,
    scenario,
    slash_command,
    world,
)
from tests.slack.test_observability import metric, metrics_of

GROUP = "S0PLATFORM"
LEAD = "U0LEAD0001"
TEAM_CHANNEL = "C0PLATFORM"
TEAM = PlatformTeam(GROUP, channel=TEAM_CHANNEL)
UNKNOWN = "what is the SLA for ACI?"
LOW = "cloud run scale?"
CONFIDENT = "does fargate support GPUs?"
HOSTILE = "<!channel> <@U0VICTIM1> <!subteam^S0OTHER1|@oncall> <!here> @everyone <https://evil.example/x|go> what is the SLA for ACI?"
TOKEN = re.compile(r"<([^<>]*)>")


def handoff_buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b.get("type") == "actions" for e in b["elements"] if e.get("action_id") == HANDOFF]


def handoffs(w: World) -> list[dict[str, Any]]:
    """The hand-off messages posted, in every channel."""
    return [m for m in w.slack.posted() if m.get("metadata", {}).get("event_type") == HANDOFF_EVENT]


def tokens(message: dict[str, Any]) -> set[str]:
    """Every Slack markup token (mention, broadcast, link) a reader's client would act on, in text and blocks."""
    return set(TOKEN.findall(all_text({"text": message["text"], "blocks": message.get("blocks", [])})))


async def mention_answer(w: World, question: str, bot: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    """Ask with a mention in CHANNEL; the question and the bot's answer in its thread."""
    asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> {question}")
    before = len(w.slack.called("chat.postMessage"))
    await w.bots[bot].event(mention_event(asked))
    await w.slack.wait_for("chat.postMessage", before + 1)
    return asked, w.slack.posted()[-1]


async def wait_for_handoffs(w: World, count: int = 1) -> list[dict[str, Any]]:
    await w.slack.wait_until(lambda: len(handoffs(w)) >= count)
    return handoffs(w)


# -- where a hand-off lands -------------------------------------------------------------------------


@scenario
async def test_a_mention_the_bot_cannot_answer_is_handed_off_in_its_thread(engine: Engine) -> None:
    """An unknown mention answer has the button; a click posts in the question's thread, mentioning the user group,
    quoting the question and saying why the bot could not answer; the thread shows it, so no private note is sent."""
    async with world(engine, platform_team=TEAM) as w:
        asked, answer = await mention_answer(w, UNKNOWN)
        [button] = handoff_buttons(answer["blocks"])
        assert button["text"]["text"] == "Ask the platform team"
        assert (await w.bot.action(block_action(HANDOFF, button["value"], message=answer)))[0] == 200
        [handoff] = await wait_for_handoffs(w)
        assert handoff["thread_ts"] == asked["ts"] and handoff in w.slack.messages[CHANNEL]
        assert handoff["text"].startswith(f"<!subteam^{GROUP}> <@{USER}> asked something I could not answer:")
        shown = all_text(handoff["blocks"])
        assert f"<!subteam^{GROUP}>" in shown and f"> {UNKNOWN}" in shown
        assert "Why I could not" in shown and "I don't cover" in shown
        assert tokens(handoff) == {f"!subteam^{GROUP}", f"@{USER}"}
        await w.idle()
        assert not w.slack.called("chat.postEphemeral")


@scenario
async def test_a_direct_message_is_handed_off_in_the_team_channel_with_a_link_to_the_conversation(engine: Engine) -> None:
    """In a DM the hand-off goes to PLATFORM_TEAM_CHANNEL (here mentioning a person), with the conversation's permalink;
    the asker is told privately where it went."""
    async with world(engine, platform_team=PlatformTeam(LEAD, channel=TEAM_CHANNEL)) as w:
        asked = w.slack.post_user_message(DM, UNKNOWN)
        await w.bot.event(dm_message_event(asked))
        await w.slack.wait_for("chat.postMessage")
        answer = w.slack.posted()[-1]
        await w.bot.action(block_action(HANDOFF, handoff_buttons(answer["blocks"])[0]["value"], channel=DM, message=answer))
        [handoff] = await wait_for_handoffs(w)
        assert handoff in w.slack.messages[TEAM_CHANNEL] and "thread_ts" not in handoff
        assert handoff["text"].startswith(f"<@{LEAD}> <@{USER}> asked something I could not answer:")
        link = f"https://fake.slack.com/archives/{DM}/p{answer['ts'].replace('.', '')}"
        assert f"Asked in a direct message: <{link}|open the conversation>" in all_text(handoff["blocks"])
        [note] = await w.slack.wait_for("chat.postEphemeral")
        assert note.args["channel"] == DM and note.args["user"] == USER
        assert f"<#{TEAM_CHANNEL}>" in all_text(note.args["blocks"])


@scenario
async def test_a_slash_command_is_handed_off_in_the_team_channel_even_without_a_permalink(engine: Engine) -> None:
    """A slash answer is ephemeral, so Slack has no permalink for it: the hand-off names the channel instead, and the
    asker's note comes back through response_url."""
    async with world(engine, platform_team=TEAM) as w:
        _, body = await w.bot.command(slash_command(UNKNOWN, w.slack.response_url(CHANNEL)))
        value = handoff_buttons(json.loads(body)["blocks"])[0]["value"]
        await w.bot.action(block_action(HANDOFF, value, response_url=w.slack.response_url(CHANNEL), ephemeral=True))
        [handoff] = await wait_for_handoffs(w)
        assert handoff in w.slack.messages[TEAM_CHANNEL]
        assert f"Asked in <#{CHANNEL}>." in all_text(handoff["blocks"])
        [permalink] = w.slack.called("chat.getPermalink")
        assert permalink.args["channel"] == CHANNEL
        [note] = await w.slack.wait_for_responses(1)
        assert note.body["response_type"] == "ephemeral" and "Handed off" in all_text(note.body["blocks"])


@scenario
async def test_a_thumbs_down_offers_the_hand_off_which_says_what_the_bot_answered(engine: Engine) -> None:
    """A confident answer has no button; the reply to its 👎 does, and the hand-off quotes what the bot answered."""
    async with world(engine, platform_team=TEAM) as w:
        asked, answer = await mention_answer(w, CONFIDENT)
        assert not handoff_buttons(answer["blocks"])
        await w.bot.action(block_action("feedback_down", button_value(answer["blocks"], "feedback_down"), message=answer))
        [thanks] = await w.slack.wait_for("chat.postEphemeral")
        assert "Thanks for the feedback" in all_text(thanks.args["blocks"])
        [button] = handoff_buttons(thanks.args["blocks"])
        await w.bot.action(block_action(HANDOFF, button["value"], ephemeral=True, response_url=w.slack.response_url(CHANNEL)))
        [handoff] = await wait_for_handoffs(w)
        assert handoff["thread_ts"] == asked["ts"]
        shown = all_text(handoff["blocks"])
        assert f"<@{USER}> found my answer unhelpful" in shown and "What I answered" in shown
        assert engine.ask(CONFIDENT).phrasing.bottom_line in shown


@scenario
async def test_low_confidence_and_unknown_answers_offer_the_button_and_confident_ones_do_not(engine: Engine) -> None:
    """The button is on unknown and low-confidence answers only: not on confident answers, usage or 👍's thanks."""
    assert engine.ask(LOW).confidence < LOW_CONFIDENCE <= engine.ask(CONFIDENT).confidence
    async with world(engine, platform_team=TEAM) as w:
        offered = {}
        for question in (UNKNOWN, LOW, CONFIDENT, "help"):
            _, body = await w.bot.command(slash_command(question, w.slack.response_url(CHANNEL)))
            offered[question] = bool(handoff_buttons(json.loads(body)["blocks"]))
        assert offered == {UNKNOWN: True, LOW: True, CONFIDENT: False, "help": False}
        _, answer = await mention_answer(w, CONFIDENT)
        await w.bot.action(block_action("feedback_up", button_value(answer["blocks"], "feedback_up"), message=answer))
        [thanks] = await w.slack.wait_for("chat.postEphemeral")
        assert not handoff_buttons(thanks.args["blocks"])


@scenario
async def test_without_platform_team_no_answer_offers_a_hand_off(engine: Engine) -> None:
    """PLATFORM_TEAM unset: no button on any surface nor after a 👎, and a forged click posts nothing."""
    async with world(engine) as w:
        _, body = await w.bot.command(slash_command(UNKNOWN, w.slack.response_url(CHANNEL)))
        _, mentioned = await mention_answer(w, UNKNOWN)
        dm = w.slack.post_user_message(DM, UNKNOWN)
        await w.bot.event(dm_message_event(dm))
        await w.slack.wait_for("chat.postMessage", 2)
        await w.bot.action(block_action("feedback_down", button_value(mentioned["blocks"], "feedback_down"), message=mentioned))
        [thanks] = await w.slack.wait_for("chat.postEphemeral")
        shown = [json.loads(body)["blocks"], *(m["blocks"] for m in w.slack.posted()), thanks.args["blocks"]]
        assert not any(handoff_buttons(blocks) for blocks in shown)
        forged = HandOffRef(AnswerRef(UNKNOWN, "unknown"), thread=mentioned["thread_ts"]).encode()
        await w.bot.action(block_action(HANDOFF, forged, message=mentioned))
        await w.idle()
        assert not handoffs(w) and len(w.slack.called("chat.postEphemeral")) == 1


@scenario
async def test_without_a_team_channel_only_thread_answers_offer_the_button(engine: Engine) -> None:
    """PLATFORM_TEAM without PLATFORM_TEAM_CHANNEL: a DM or slash hand-off would have nowhere to go, so no button there."""
    async with world(engine, platform_team=PlatformTeam(GROUP)) as w:
        _, body = await w.bot.command(slash_command(UNKNOWN, w.slack.response_url(CHANNEL)))
        assert not handoff_buttons(json.loads(body)["blocks"])
        dm = w.slack.post_user_message(DM, UNKNOWN)
        await w.bot.event(dm_message_event(dm))
        await w.slack.wait_for("chat.postMessage")
        assert not handoff_buttons(w.slack.posted()[-1]["blocks"])
        _, answer = await mention_answer(w, UNKNOWN)
        assert handoff_buttons(answer["blocks"])


# -- once, and inert ---------------------------------------------------------------------------------


@scenario
async def test_a_hostile_question_pings_only_the_team_and_the_asker(engine: Engine) -> None:
    """Broadcasts, mentions, user groups and links typed into the question are quoted as inert text; so is a forged
    button value carrying raw markup."""
    assert engine.ask(HOSTILE).intent == "unknown"
    async with world(engine, platform_team=TEAM) as w:
        asked, answer = await mention_answer(w, HOSTILE)
        await w.bot.action(block_action(HANDOFF, handoff_buttons(answer["blocks"])[0]["value"], message=answer))
        forged = HandOffRef(AnswerRef("<!channel> <@U0VICTIM1> <!subteam^S0OTHER1> &amp; hi", "unknown"), thread=asked["ts"])
        await w.bot.action(block_action(HANDOFF, forged.encode(), message={"ts": "1700000999.000100", "thread_ts": asked["ts"]}))
        posted = await wait_for_handoffs(w, 2)
        for handoff in posted:
            assert tokens(handoff) == {f"!subteam^{GROUP}", f"@{USER}"}, handoff["text"]
            text = all_text({"text": handoff["text"], "blocks": handoff["blocks"]})
            assert not re.search(r"@(channel|here|everyone)\b", text)
        assert "evil.example/x|" not in all_text(posted[0]["blocks"])


@scenario
async def test_a_double_click_posts_once_on_one_replica_or_two(engine: Engine) -> None:
    """Two clicks at once on one replica, a later click on another replica, and the button of the 👎 reply about the
    same answer: one hand-off; each later click is told privately it was already handed off."""
    async with world(engine, instances=2, platform_team=TEAM) as w:
        _, answer = await mention_answer(w, UNKNOWN)
        value = handoff_buttons(answer["blocks"])[0]["value"]

        def click() -> dict[str, Any]:  # each click is a payload of its own (its own action_ts), as Slack sends it
            return block_action(HANDOFF, value, message=answer)

        await asyncio.gather(w.bots[0].action(click()), w.bots[0].action(click()))
        await wait_for_handoffs(w)
        await w.bots[1].action(click())
        await w.slack.wait_for("chat.postEphemeral", 2)
        await w.bots[1].action(block_action("feedback_down", button_value(answer["blocks"], "feedback_down"), message=answer))
        thanks = (await w.slack.wait_for("chat.postEphemeral", 3))[-1]
        await w.bots[0].action(block_action(HANDOFF, handoff_buttons(thanks.args["blocks"])[0]["value"], ephemeral=True))
        notes = await w.slack.wait_for("chat.postEphemeral", 4)
        await w.idle()
        assert len(handoffs(w)) == 1
        already = [n for n in notes if "already been handed" in all_text(n.args["blocks"])]
        assert len(already) == 3 and all(n.args["thread_ts"] == answer["thread_ts"] for n in already[:2])


@scenario
async def test_a_failed_post_can_be_clicked_again(engine: Engine) -> None:
    """When Slack refuses the hand-off, the click is not remembered as done: the next click posts it."""
    from tests.slack.fake_slack import Failure

    async with world(engine, platform_team=TEAM) as w:
        _, answer = await mention_answer(w, UNKNOWN)
        value = handoff_buttons(answer["blocks"])[0]["value"]
        w.slack.fail_next("chat.postMessage", Failure(400))
        await w.bot.action(block_action(HANDOFF, value, message=answer))
        await w.slack.wait_for("chat.postMessage", 2)
        await w.idle()
        assert not handoffs(w)
        await w.bot.action(block_action(HANDOFF, value, message=answer))
        assert len(await wait_for_handoffs(w)) == 1


# -- the record -----------------------------------------------------------------------------------------


@scenario
async def test_a_hand_off_is_logged_counted_and_listed_by_gaps(engine: Engine, caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    """A hand-off is one `event: handoff` JSON line with the reason, question and where it went; it is counted by reason,
    and `platform-bot gaps` lists it next to the unknown answer it came from."""
    caplog.set_level(logging.INFO, logger="bot.slack")
    async with world(engine, platform_team=TEAM) as w:
        _, answer = await mention_answer(w, UNKNOWN)
        await w.bot.action(block_action(HANDOFF, handoff_buttons(answer["blocks"])[0]["value"], message=answer))
        await wait_for_handoffs(w)
        await w.idle()
        text = await metrics_of(w.bot)
        assert metric(text, "platform_bot_handoffs_total", reason="unknown") == 1
        assert metric(text, "platform_bot_handoffs_total", reason="thumbs-down") == 0
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name in ("bot.slack.answers", "bot.slack.handoff")]
    [record] = [line for line in lines if line["event"] == "handoff"]
    assert record["reason"] == "unknown" and record["question"] == UNKNOWN and record["intent"] == "unknown"
    assert record["to"] == CHANNEL and record["channel"] == CHANNEL and record["user"] == USER and record["surface"] == "action"
    log = tmp_path / "bot.log"
    log.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    [group] = [g for g in build_report([log]).by_topic if UNKNOWN in g.questions]
    assert group.kinds == {"unknown": 1, "handoff": 1}


# -- configuration and the button's value -------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "mention", "channel"),
    [
        ({}, None, None),
        ({"PLATFORM_TEAM": " S0PLATFORM "}, "<!subteam^S0PLATFORM>", None),
        ({"PLATFORM_TEAM": "U0LEAD0001", "PLATFORM_TEAM_CHANNEL": "C0PLATFORM"}, "<@U0LEAD0001>", "C0PLATFORM"),
        ({"PLATFORM_TEAM": "W0GRID0001", "PLATFORM_TEAM_CHANNEL": "G0PRIVATE1"}, "<@W0GRID0001>", "G0PRIVATE1"),
    ],
)
def test_platform_team_is_a_group_or_a_person_mentioned_in_slacks_syntax(env: dict[str, str], mention: str, channel: str) -> None:
    """PLATFORM_TEAM S… is a user group (<!subteam^S…>), U…/W… a person (<@U…>); unset means no hand-off."""
    team = platform_team(env)
    assert (team.mention if team else None) == mention and (team.channel if team else None) == channel


def test_the_button_value_fits_and_round_trips() -> None:
    """A hand-off value stays within Slack's 2,000 characters however long the question; what comes back is validated."""
    known = KnownIds(frozenset({"aci"}), frozenset({"gpu"}))
    ref = HandOffRef(AnswerRef('"' * 1500, "fact", ("aci",), ("gpu",)), thread="1700000000.000100", about="1700000000.000200")
    value = ref.encode()
    assert len(value) <= 2000
    back = HandOffRef.decode(value, known)
    assert back is not None and back.thread == ref.thread and back.about == ref.about and back.ref.platforms == ("aci",)
    assert back.ref.question and set(back.ref.question) == {'"'}
    tampered = json.dumps({"q": "x", "i": "fact", "p": ["nope"], "f": [], "t": "<!channel>", "a": 7, "y": "angry"})
    assert HandOffRef.decode(tampered, known) == HandOffRef(AnswerRef("x", "fact"))
    assert HandOffRef.decode("not json", known) is None
