"""The Slack app in HTTP mode, driven the way Slack drives it: signed requests to the running server,
with a fake Slack Web API recording what the bot sends back."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import time
from html import unescape
from typing import Any

import pytest

from bot.answer import Engine
from bot.logs import JsonFormatter
from bot.slack.app import build_app
from bot.slack.context import AnswerRef
from bot.slack.http import events_handler
from bot.slack.live import Serving
from bot.slack.markup import escape
from tests.slack.fake_slack import BOT_ID, BOT_USER, TEAM, Failure
from tests.slack.harness import (
    CHANNEL,
    DM,
    USER,
    World,
    all_text,
    block_action,
    button_value,
    current,
    dm_event,
    dm_message_event,
    home_opened_event,
    mention_event,
    scenario,
    slash_command,
    world,
)

SOURCE_LINK = re.compile(r"<(https?://[^|<>]+)\|[^<>]+>")


def tables(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [b for b in blocks if b["type"] == "table"]


def payload_of(call_args: dict[str, Any]) -> dict[str, Any]:
    return call_args["metadata"]["event_payload"]  # type: ignore[no-any-return]


async def ask_slash(w: World, text: str) -> tuple[int, dict[str, Any], float]:
    start = time.perf_counter()
    status, body = await w.bot.command(slash_command(text, w.slack.response_url(CHANNEL)))
    return status, json.loads(body) if body else {}, time.perf_counter() - start


# -- /platform ----------------------------------------------------------------------------------


@scenario
async def test_slash_command_is_answered_in_its_acknowledgement_only_for_the_asker(engine: Engine) -> None:
    """/platform <question> is acknowledged within Slack's 3 s with the answer itself, ephemeral, with a Share button."""
    async with world(engine) as w:
        status, body, elapsed = await ask_slash(w, "does ACI support GPUs?")
        assert status == 200 and elapsed < 3.0
        assert body["response_type"] == "ephemeral"
        value = current(engine, "aci", "gpu").value or ""
        assert "Azure Container Instances" in all_text(body["blocks"]) and value in all_text(body["blocks"])
        assert "Azure Container Instances" in body["text"]
        assert "You asked" in all_text(body["blocks"])
        assert json.loads(button_value(body["blocks"], "share_answer"))["f"] == ["gpu"]
        assert not w.slack.called("chat.postMessage")


@pytest.mark.parametrize("text", ["", "help", "  HELP "])
@scenario
async def test_slash_command_alone_or_help_shows_usage_with_examples(engine: Engine, text: str) -> None:
    """/platform alone or /platform help shows how to ask, with example questions as buttons."""
    async with world(engine) as w:
        status, body, _ = await ask_slash(w, text)
        assert status == 200
        shown = all_text(body["blocks"])
        assert "/platform matrix" in shown and "mention me" in shown
        examples = [
            e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"].startswith("ask_suggestion:")
        ]
        assert len(examples) >= 3


@scenario
async def test_slash_matrix_shows_the_whole_comparison_as_one_table(engine: Engine) -> None:
    """/platform matrix answers with every platform and feature in one table block as of today, changed cells marked †
    and a legend of the changes, and the table in monospace as fallback."""
    async with world(engine) as w:
        _, body, _ = await ask_slash(w, "matrix")
        [table] = tables(body["blocks"])
        features = [f.name for f in engine.kb.features.values()]
        assert [r[0]["text"] for r in table["rows"][1:]] == features
        assert [c["text"] for c in table["rows"][0][1:]] == [p.name for p in engine.kb.platforms.values()]
        assert_today_marked(engine, [[c["text"] for c in row] for row in table["rows"]], all_text(body["blocks"]))
        assert "```" in body["text"] and features[0] in body["text"]


@scenario
async def test_share_in_channel_posts_the_answer_for_everyone_and_drops_the_private_copy(engine: Engine) -> None:
    """Share in channel posts the slash answer in the channel via response_url (with its metadata), then deletes the ephemeral one."""
    async with world(engine) as w:
        _, body, _ = await ask_slash(w, "compare fargate and cloud run on persistence")
        value = button_value(body["blocks"], "share_answer")
        response_url = w.slack.response_url(CHANNEL)
        status, _ = await w.bot.action(block_action("share_answer", value, response_url=response_url, ephemeral=True))
        assert status == 200
        shared, deleted = await w.slack.wait_for_responses(2)
        assert shared.body["response_type"] == "in_channel" and shared.body["replace_original"] is False
        assert f"<@{USER}> asked" in all_text(shared.body["blocks"])
        assert len(tables(shared.body["blocks"])) == 1
        assert shared.body["metadata"]["event_payload"]["features"] == "persistence"
        assert deleted.body == {"delete_original": True}


# -- mentions, DMs and follow-ups -------------------------------------------------------------------


@scenario
async def test_mention_is_answered_in_a_thread_with_the_mention_stripped(engine: Engine) -> None:
    """An @-mention gets its answer in the thread of the message; the bot's mention is not part of the question."""
    async with world(engine) as w:
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does fargate support GPUs?")
        status, _ = await w.bot.event(mention_event(asked))
        assert status == 200
        [call] = await w.slack.wait_for("chat.postMessage")
        assert call.args["channel"] == CHANNEL and call.args["thread_ts"] == asked["ts"]
        assert payload_of(call.args) == {"intent": "fact", "platforms": "fargate", "features": "gpu", "reply_to": asked["ts"]}
        assert json.loads(button_value(call.args["blocks"], "feedback_up"))["q"] == "does fargate support GPUs?"
        assert call.args["unfurl_links"] is False


@scenario
async def test_mention_inside_a_thread_is_answered_in_that_thread(engine: Engine) -> None:
    """A mention made inside a thread is answered in the same thread, not a new one."""
    async with world(engine) as w:
        parent = w.slack.post_user_message(CHANNEL, "we are choosing a serverless container platform")
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> which platforms can scale to zero?", thread_ts=parent["ts"])
        await w.bot.event(mention_event(asked))
        [call] = await w.slack.wait_for("chat.postMessage")
        assert call.args["thread_ts"] == parent["ts"]


@scenario
async def test_follow_ups_in_a_thread_reuse_its_context_on_another_replica(engine: Engine) -> None:
    """'and Cloud Run?' and 'what about windows containers?' build on the thread's last answer, whichever replica gets them."""
    async with world(engine, instances=2) as w:
        first, second = w.bots
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does ACI support GPUs?")
        await first.event(mention_event(asked))
        await w.slack.wait_for("chat.postMessage", 1)

        follow = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> and Cloud Run?", thread_ts=asked["ts"])
        await second.event(mention_event(follow))
        calls = await w.slack.wait_for("chat.postMessage", 2)
        assert payload_of(calls[1].args)["platforms"] == "cloud-run" and payload_of(calls[1].args)["features"] == "gpu"
        assert calls[1].args["thread_ts"] == asked["ts"]

        again = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> what about windows containers?", thread_ts=asked["ts"])
        await first.event(mention_event(again))
        calls = await w.slack.wait_for("chat.postMessage", 3)
        assert payload_of(calls[2].args)["platforms"] == "cloud-run"
        assert payload_of(calls[2].args)["features"] == "windows-containers"
        assert all(c.args["include_all_metadata"] in ("1", "true", True) for c in w.slack.called("conversations.replies"))


@scenario
async def test_direct_message_is_answered_in_the_dm_and_follow_ups_work_across_replicas(engine: Engine) -> None:
    """A DM is answered in the DM; the next DM ('and ACI?') reuses the last answer there, even on another replica."""
    async with world(engine, instances=2) as w:
        first_q = w.slack.post_user_message(DM, "does fargate support multi-container pods")
        await w.bots[0].event(dm_message_event(first_q))
        [call] = await w.slack.wait_for("chat.postMessage")
        assert call.args["channel"] == DM and "thread_ts" not in call.args
        assert payload_of(call.args)["features"] == "multi-container"

        follow = w.slack.post_user_message(DM, "and ACI?")
        await w.bots[1].event(dm_message_event(follow))
        calls = await w.slack.wait_for("chat.postMessage", 2)
        assert payload_of(calls[1].args) == {"intent": "fact", "platforms": "aci", "features": "multi-container", "reply_to": follow["ts"]}


@scenario
async def test_home_tab_is_published_when_opened(engine: Engine) -> None:
    """Opening the Home tab publishes how to ask, examples and the matrix as of today (changed cells marked †, with a
    legend); opening the Messages tab publishes nothing."""
    async with world(engine) as w:
        await w.bot.event(home_opened_event("messages"))
        await w.bot.event(home_opened_event("home"))
        [call] = await w.slack.wait_for("views.publish")
        view = call.args["view"] if isinstance(call.args["view"], dict) else json.loads(call.args["view"])
        assert call.args["user_id"] == USER and view["type"] == "home"
        shown = all_text(view["blocks"])
        assert "How to ask" in shown and "Example questions" in shown and "Comparison matrix" in shown
        rows = [_row_cells(line) for line in shown.splitlines() if line.startswith("*") and "* — " in line]
        assert [r[0] for r in rows] == [f.name for f in engine.kb.features.values()]
        assert_today_marked(engine, rows, shown)
        await w.settle()
        assert len(w.slack.called("views.publish")) == 1


def _row_cells(line: str) -> list[str]:
    """A Home tab matrix line ("*Row* — Platform: value · Platform: value †") as cells, platform names dropped."""
    name, _, rest = line.partition("* — ")
    return [unescape(name.lstrip("*")), *(unescape(c.split(": ", 1)[1]) for c in rest.split(" · "))]


def assert_today_marked(engine: Engine, rows: list[list[str]], shown: str) -> None:
    """Table ``rows`` (features by platform, header first or not) hold today's values, a changed cell ending in †,
    and ``shown`` has the legend naming each change."""
    body = [r for r in rows if r[0] in {f.name for f in engine.kb.features.values()}]
    changed = 0
    for row, feature in zip(body, engine.kb.features, strict=True):
        for cell, platform in zip(row[1:], engine.kb.platforms, strict=True):
            fact = current(engine, platform, feature)
            assert cell.endswith(" †") == fact.changed, (feature, platform, cell)
            value = cell.removesuffix(" †").removesuffix("…")
            assert (fact.value or "–").startswith(value), (feature, platform, cell)
            changed += fact.changed
    assert changed and "Changed:" in shown
    aci_gpu = current(engine, "aci", "gpu")
    assert aci_gpu.changed and f"Azure Container Instances, {engine.kb.features['gpu'].name}" in shown


# -- buttons -------------------------------------------------------------------------------------------


async def _thread_answer(w: World, question: str) -> dict[str, Any]:
    asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> {question}")
    before = len(w.slack.called("chat.postMessage"))
    await w.bot.event(mention_event(asked))
    await w.slack.wait_for("chat.postMessage", before + 1)
    return w.slack.posted()[-1]


@scenario
async def test_compare_all_on_a_channel_answer_shows_the_feature_across_every_platform_to_the_clicker(engine: Engine) -> None:
    """Compare all platforms on a thread answer sends the clicker, privately and in the thread, this feature across every
    platform as of today (changed cells marked †)."""
    async with world(engine) as w:
        answer = await _thread_answer(w, "does ACI support GPUs?")
        click = block_action("compare_all", button_value(answer["blocks"], "compare_all"), message=answer)
        assert (await w.bot.action(click))[0] == 200
        [call] = await w.slack.wait_for("chat.postEphemeral")
        assert call.args["user"] == USER and call.args["channel"] == CHANNEL and call.args["thread_ts"] == answer["thread_ts"]
        [table] = tables(call.args["blocks"])
        facts = [current(engine, p, "gpu") for p in engine.kb.platforms]
        expected = [engine.kb.features["gpu"].name, *((f.value or "–") + (" †" if f.changed else "") for f in facts)]
        assert [c["text"] for c in table["rows"][1]] == expected


@scenario
async def test_compare_all_asks_with_the_ids_in_the_button_not_its_wording(engine: Engine) -> None:
    """Compare all platforms answers the structured query in its value: the features it names, across every platform,
    whatever the question's wording says."""
    async with world(engine) as w:
        value = AnswerRef("tell me about AWS Lambda pricing", "fact", ("aci",), ("windows-containers",)).encode()
        await w.bot.action(block_action("compare_all", value, channel=DM))
        [call] = await w.slack.wait_for("chat.postMessage")
        payload = {k: v for k, v in payload_of(call.args).items() if k != "click"}  # "click": which click posted it
        assert payload == {"intent": "compare", "platforms": ",".join(engine.kb.platforms), "features": "windows-containers"}
        [table] = tables(call.args["blocks"])
        assert [r[0]["text"] for r in table["rows"][1:]] == [engine.kb.features["windows-containers"].name]


@scenario
async def test_caveats_on_a_slash_answer_come_back_privately_through_response_url(engine: Engine) -> None:
    """Caveats on an ephemeral slash answer shows the notes behind it, as another ephemeral message."""
    async with world(engine) as w:
        _, body, _ = await ask_slash(w, "can fargate scale to zero?")
        response_url = w.slack.response_url(CHANNEL)
        await w.bot.action(
            block_action("show_caveats", button_value(body["blocks"], "show_caveats"), response_url=response_url, ephemeral=True)
        )
        [post] = await w.slack.wait_for_responses(1)
        assert post.body["response_type"] == "ephemeral" and post.body["replace_original"] is False
        assert engine.kb.caveats["fargate-no-builtin-autoscale"].title in all_text(post.body["blocks"])


@scenario
async def test_caveats_are_the_notes_of_the_structured_query_in_the_button(engine: Engine) -> None:
    """Caveats shows the notes behind the ids in the button's value (its platforms, features and caveats), whatever
    the question's wording says."""
    caveat = engine.kb.caveats["fargate-no-builtin-autoscale"]
    async with world(engine) as w:
        value = AnswerRef("does ACI support GPUs?", "fact", ("fargate",), ("scale-to-zero",), caveats=(caveat.id,)).encode()
        await w.bot.action(block_action("show_caveats", value, channel=DM))
        [call] = await w.slack.wait_for("chat.postMessage")
        shown = all_text(call.args["blocks"])
        assert caveat.title in shown
        assert not [c.title for c in engine.kb.caveats.values() if "fargate" not in c.platforms and c.title in shown]
        assert payload_of(call.args)["features"] == "scale-to-zero"


@scenario
async def test_buttons_in_a_dm_post_real_answers_that_follow_ups_can_build_on(engine: Engine) -> None:
    """In the bot's DM a button's result is a real message with metadata, not an ephemeral one."""
    async with world(engine) as w:
        asked = w.slack.post_user_message(DM, "windows containers on fargate?")
        await w.bot.event(dm_message_event(asked))
        await w.slack.wait_for("chat.postMessage")
        answer = w.slack.posted()[-1]
        await w.bot.action(block_action("compare_all", button_value(answer["blocks"], "compare_all"), channel=DM, message=answer))
        calls = await w.slack.wait_for("chat.postMessage", 2)
        assert calls[1].args["channel"] == DM
        assert payload_of(calls[1].args)["features"] == "windows-containers"
        assert payload_of(calls[1].args)["platforms"] == "fargate,cloud-run,aci"


@scenario
async def test_feedback_is_one_structured_log_line(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    """👍 / 👎 log one JSON line (bot.events.feedback_event, which `platform-bot gaps` reads) with the vote, the question, the
    answer's intent and ids, and who voted where; the voter is thanked."""
    caplog.set_level(logging.INFO, logger="bot.slack.feedback")
    async with world(engine) as w:
        answer = await _thread_answer(w, "which platforms support revisions?")
        await w.bot.action(block_action("feedback_down", button_value(answer["blocks"], "feedback_down"), message=answer))
        await w.slack.wait_for("chat.postEphemeral")
    [record] = [r for r in caplog.records if r.name == "bot.slack.feedback"]
    line = json.loads(JsonFormatter().format(record))
    expected = engine.ask("which platforms support revisions?")
    assert {k: v for k, v in line.items() if k not in ("time", "level", "logger", "message")} == {
        "event": "feedback", "surface": "action", "vote": "down", "question": "which platforms support revisions?", "intent": "which",
        "platforms": list(expected.platforms), "features": ["revisions"], "caveats": [], "team": TEAM, "user": USER, "channel": CHANNEL,
        "message_ts": answer["ts"],
    }  # fmt: skip


@scenario
async def test_a_suggestion_button_answers_the_suggested_question(engine: Engine) -> None:
    """An example or 'did you mean' button carries its suggestion's structured query (an encoded AnswerRef), and a
    click answers that query."""
    async with world(engine) as w:
        _, body, _ = await ask_slash(w, "does AWS Lambda support GPUs")
        assert body["blocks"] and "Lambda" in all_text(body["blocks"])
        suggestion = button_value(body["blocks"], "ask_suggestion:0")
        ref = AnswerRef.decode(suggestion, Serving.of(engine).known)
        offered = engine.ask("does AWS Lambda support GPUs").suggestions[0]
        assert ref is not None and ref.query() == dataclasses.replace(offered.query, text=offered.text)
        response_url = w.slack.response_url(CHANNEL)
        await w.bot.action(block_action("ask_suggestion:0", suggestion, response_url=response_url, ephemeral=True))
        [post] = await w.slack.wait_for_responses(1)
        expected = engine.answer(ref.query())
        assert expected.intent != "unknown"
        answered = json.loads(button_value(post.body["blocks"], "feedback_up"))
        assert (answered["q"], answered["i"], answered["p"], answered["f"]) == (
            ref.question,
            expected.intent,
            list(expected.platforms),
            list(expected.features),
        )
        first = next(b for b in post.body["blocks"] if b["type"] == "section")
        assert first["text"]["text"] == f"*{escape(expected.phrasing.bottom_line)}*"


@scenario
async def test_an_old_plain_text_suggestion_is_still_answered_as_a_question(engine: Engine) -> None:
    """A suggestion button from a message posted before buttons carried queries (its value a plain question) is answered
    as that question."""
    async with world(engine) as w:
        question = "does fargate support GPUs?"
        await w.bot.action(block_action("ask_suggestion:1", question, response_url=w.slack.response_url(CHANNEL), ephemeral=True))
        [post] = await w.slack.wait_for_responses(1)
        answered = json.loads(button_value(post.body["blocks"], "feedback_up"))
        assert (answered["q"], answered["i"], answered["p"], answered["f"]) == (question, "fact", ["fargate"], ["gpu"])


# -- what must get no answer -----------------------------------------------------------------------------


@scenario
async def test_a_bad_signature_or_an_old_timestamp_gets_401_and_no_reply(engine: Engine) -> None:
    """A request with a wrong signature, or signed more than five minutes ago, is refused with 401 and never answered."""
    async with world(engine) as w:
        forged = await w.bot.event(dm_event("does aci support gpus?", channel="D0FORGED01"), signature="v0=" + "0" * 64)
        stale = await w.bot.event(dm_event("does aci support gpus?", channel="D0STALE001"), timestamp=int(time.time()) - 301)
        wrong_secret = await w.bot.command(slash_command("help", w.slack.response_url(CHANNEL)), signature="v0=deadbeef")
        assert [forged[0], stale[0], wrong_secret[0]] == [401, 401, 401]
        await w.settle()
        assert [c.args["channel"] for c in w.slack.called("chat.postMessage")] == ["D0SETTLE01"]
        assert not any(c.args.get("channel") in ("D0FORGED01", "D0STALE001") for c in w.slack.calls)


@scenario
async def test_a_redelivered_event_gets_one_reply_on_the_same_or_another_replica(engine: Engine) -> None:
    """An event Slack redelivers (X-Slack-Retry-Num, same event_id) is answered once, whichever replica gets the retry."""
    async with world(engine, instances=2) as w:
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> compare fargate and aci")
        event = mention_event(asked, event_id="Ev0REDELIVER")
        await w.bots[0].event(event)
        await w.slack.wait_for("chat.postMessage")
        assert (await w.bots[0].event(event, retry=1))[0] == 200
        assert (await w.bots[1].event(event, retry=2))[0] == 200
        await w.settle(w.bots[0])
        await w.settle(w.bots[1])
        assert len([m for m in w.slack.posted() if m.get("thread_ts") == asked["ts"]]) == 1
        # The first delivery looks too (the same event may reach two replicas); the retry to the same replica does not.
        assert [c.args["ts"] for c in w.slack.called("conversations.replies")] == [asked["ts"]] * 2


@scenario
async def test_a_redelivered_direct_message_gets_one_reply(engine: Engine) -> None:
    """A DM redelivered to another replica finds its answer in the DM history and is not answered again."""
    async with world(engine, instances=2) as w:
        asked = w.slack.post_user_message(DM, "does cloud run support revisions")
        event = dm_message_event(asked, event_id="Ev0DMREDELIV")
        await w.bots[0].event(event)
        await w.slack.wait_for("chat.postMessage")
        await w.bots[1].event(event, retry=1)
        await w.settle(w.bots[1])
        assert len(w.slack.messages[DM]) == 2  # the question and one answer


IGNORED = {
    "the bot's own message": {"user": BOT_USER, "bot_id": BOT_ID, "app_id": "A0PLATFORM"},
    "another bot's message": {"subtype": "bot_message", "bot_id": "B0OTHERBOT", "username": "deploybot"},
    "another bot without subtype": {"bot_id": "B0OTHERBOT", "bot_profile": {"id": "B0OTHERBOT", "name": "ci"}},
    "an edit": {"subtype": "message_changed", "message": {"type": "message", "user": USER, "text": "edited: aci gpu?"}},
    "a deletion": {"subtype": "message_deleted", "deleted_ts": "1700000000.000100"},
    "a join": {"subtype": "channel_join"},
    "a file share": {"subtype": "file_share"},
}


@pytest.mark.parametrize("extra", IGNORED.values(), ids=IGNORED.keys())
@scenario
async def test_bots_edits_deletions_and_other_subtypes_get_no_reply(engine: Engine, extra: dict[str, Any]) -> None:
    """Messages from the bot itself or other bots, and edits, deletions or other subtypes, are acknowledged and never answered."""
    async with world(engine) as w:
        status, _ = await w.bot.event(dm_event("does aci support gpus?", channel="D0IGNORED1", extra=extra))
        assert status == 200
        await w.settle()
        assert not any(c.args.get("channel") == "D0IGNORED1" for c in w.slack.calls)


@scenario
async def test_a_mention_in_the_bots_dm_is_answered_once(engine: Engine) -> None:
    """Mentioning the bot in its own DM fires both app_mention and message.im; only the DM listener answers."""
    async with world(engine) as w:
        asked = w.slack.post_user_message(DM, f"<@{BOT_USER}> does aci support gpus?")
        await w.bot.event(mention_event(asked, channel=DM))
        await w.bot.event(dm_message_event(asked))
        await w.settle()
        assert len([m for m in w.slack.posted() if m.get("metadata", {}).get("event_payload", {}).get("reply_to") == asked["ts"]]) == 1


@scenario
async def test_a_mention_by_another_bot_gets_no_reply(engine: Engine) -> None:
    """An app_mention posted by a bot is not answered (bots do not talk to each other in loops)."""
    async with world(engine) as w:
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> does aci support gpus?", user="U0SOMEBOT1")
        event = mention_event(asked)
        event["event"]["bot_id"] = "B0OTHERBOT"
        assert (await w.bot.event(event))[0] == 200
        await w.settle()
        assert not any(c.args.get("channel") == CHANNEL for c in w.slack.calls)


# -- hostile input, failures, health -----------------------------------------------------------------------

HOSTILE = "<!channel> <@U0VICTIM1> <!subteam^S0TEAM|@oncall> <https://evil.example/x|click here> @here does ACI support GPUs? &lt;b&gt;"


def assert_inert(payload: Any, engine: Engine) -> None:
    """Nothing in ``payload`` is Slack markup except links to the knowledge base's own sources."""
    text = all_text(payload)
    urls = {s.url.replace("&", "&amp;") for s in engine.kb.sources.values()}
    assert set(SOURCE_LINK.findall(text)) <= urls
    leftover = SOURCE_LINK.sub("", text)
    assert "<" not in leftover and ">" not in leftover, leftover
    assert "evil.example" not in text or "<https://evil" not in text
    assert "@here" not in text and "@channel" not in text


@scenario
async def test_a_hostile_question_cannot_mention_anyone_or_make_a_link(engine: Engine) -> None:
    """Mentions, broadcasts and links typed into a question are shown as inert text on every surface."""
    async with world(engine) as w:
        _, body, _ = await ask_slash(w, HOSTILE)
        assert_inert(body, engine)
        asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> {HOSTILE}")
        await w.bot.event(mention_event(asked))
        dm = w.slack.post_user_message(DM, HOSTILE)
        await w.bot.event(dm_message_event(dm))
        calls = await w.slack.wait_for("chat.postMessage", 2)
        for call in calls:
            assert_inert({"text": call.args["text"], "blocks": call.args["blocks"]}, engine)
        value = button_value(body["blocks"], "share_answer")
        await w.bot.action(block_action("share_answer", value, response_url=w.slack.response_url(CHANNEL), ephemeral=True))
        shared, _ = await w.slack.wait_for_responses(2)
        text = all_text(shared.body["blocks"])
        assert "<@U0VICTIM1>" not in text and "<!channel>" not in text and "<https://evil" not in text


@scenario
async def test_web_api_calls_are_retried_on_429_and_5xx(engine: Engine) -> None:
    """A 429 (after its Retry-After) and a 502 from the Web API are retried, and the answer is posted once."""
    async with world(engine) as w:
        w.slack.fail_next("chat.postMessage", Failure(429, {"Retry-After": "0"}), Failure(502))
        await w.bot.event(dm_event("does aci support gpus?"))
        calls = await w.slack.wait_for("chat.postMessage", 3)
        assert len(calls) == 3
        assert len(w.slack.posted()) == 1


@scenario
async def test_a_slack_failure_is_logged_without_the_token(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    """When Slack keeps failing, the listener logs Slack's error and carries on; the token appears in no log line."""
    caplog.set_level(logging.DEBUG)
    async with world(engine) as w:
        w.slack.fail_next("chat.postMessage", *[Failure(503)] * 3)
        await w.bot.event(dm_event("does aci support gpus?"))
        await w.slack.wait_for("chat.postMessage", 3)
        await w.settle()
    assert any(getattr(r, "fields", {}).get("error") == "fake_failure" for r in caplog.records if r.getMessage() == "answer_undelivered")
    assert all("testtoken" not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
        ("[]", "application/json"),
        ('{"type":"event_callback","event":"not an object"}', "application/json"),
        ('{"type":"event_callback","event":{"type":"app_mention","user":7,"text":null,"channel":[]}}', "application/json"),
        ('{"type":"block_actions","actions":["x"],"user":{"id":"U1"}}', "application/json"),
        ('{"type":"block_actions","actions":[{"action_id":"share_answer","value":"{\\"q\\":1}"}],"user":{"id":"U1"}}', "application/json"),
        (
            "payload=" + "%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22compare_all%22%2C"
            "%22value%22%3A%22%7B%5C%22q%5C%22%3A%5C%22x%5C%22%2C%5C%22i%5C%22%3A%5C%22fact%5C%22%2C%5C%22p%5C%22%3A%5B%5C%22nope%5C%22%5D%7D%22%7D%5D%7D",
            "application/x-www-form-urlencoded",
        ),
    ],
)
@scenario
async def test_signed_but_malformed_requests_never_get_a_500(engine: Engine, body: str, content_type: str) -> None:
    """A signed request whose body is broken or oddly shaped gets a 4xx or a quiet 200, never a 500; the server keeps serving."""
    async with world(engine) as w:
        status, _ = await w.bot.post(body, content_type)
        assert status in (200, 400, 404)
        assert (await w.bot.get("/healthz"))[0] == 200


def test_http_mode_refuses_to_build_without_a_signing_secret(engine: Engine) -> None:
    """Without a signing secret every signature would verify, so the HTTP app will not be built at all."""
    with pytest.raises(ValueError, match="signing secret"):
        build_app(engine, token="xoxb-1", signing_secret="")
    app = build_app(engine, token="xoxb-1", socket_mode=True)
    with pytest.raises(ValueError, match="signing secret"):
        events_handler(app, "")


@scenario
async def test_healthz_says_ok_with_the_knowledge_version(engine: Engine) -> None:
    """GET /healthz answers 200 with the knowledge base version."""
    async with world(engine) as w:
        status, body = await w.bot.get("/healthz")
        assert status == 200 and json.loads(body) == {"status": "ok", "knowledge_version": engine.kb.version}
