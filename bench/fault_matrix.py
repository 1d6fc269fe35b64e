"""The fault matrix: every Web API method the bot calls, failing in each way Slack or a proxy can, once and always.

Usage (from the repository root, with the bot installed with its test extras)::

    python bench/fault_matrix.py              # the whole matrix (about a minute)
    python bench/fault_matrix.py --only chat.postMessage

Each cell starts a fake Slack (``tests/slack/fake_slack.py``) and the real app on loopback ports,
makes one method fail in one way, the first time it is called ("once") or every time ("always"),
sends the signed request that makes the bot call it, waits until the bot is idle, and reads what a
person would see in Slack:

- ``A`` answered: the answer is there, once (a notice besides it, when Slack did not confirm it, is
  counted apart);
- ``T`` told: the answer is not there, and the person was told so ("I couldn't post the answer,
  please ask again" and the like);
- ``D`` duplicated: the answer is there more than once;
- ``L`` lost: neither the answer nor a word about it.

The start-up row reads ``R`` (ready: signed in after its retries) or ``W`` (waiting: still retrying,
``/readyz`` 503, no traceback). Retries are shortened (a 0.5 s client timeout, 0.05 s backoff, a
5 s deadline) so the matrix takes a minute; the mechanism is the one in production. Prints the grid
and the counts; asserts nothing, and exits 1 if any cell is duplicated or lost.
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the fake Slack and the request builders live with the tests

from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator  # noqa: E402

from bot.answer import Engine  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.slack.app import COULD_NOT_POST, COULD_NOT_SHARE, COULD_NOT_SHOW_HOME, SHARE_UNCONFIRMED, UNCONFIRMED, web_client  # noqa: E402
from bot.slack.delivery import Patience  # noqa: E402
from bot.slack.identity import SignIn  # noqa: E402
from bot.slack.outbox import Outbox  # noqa: E402
from bot.slack.run import BOT_TOKEN, sign_in_patiently  # noqa: E402
from bot.web import Lifecycle  # noqa: E402
from tests.slack.fake_slack import BOT_USER, Failure, FakeSlack  # noqa: E402
from tests.slack.harness import (  # noqa: E402
    CHANNEL,
    DM,
    TOKEN,
    World,
    block_action,
    button_value,
    dm_event,
    home_opened_event,
    mention_event,
    slash_command,
    world,
)

TIMEOUT = 0.5  # the bot's Web API client timeout here; "slow" answers come after it
SLOW = 1.0
PATIENCE = Patience(tries=3, busy_tries=12, deadline=5.0, interval=FixedValueRetryIntervalCalculator(0.05))
NOTICES = (COULD_NOT_POST, UNCONFIRMED, COULD_NOT_SHARE, SHARE_UNCONFIRMED, COULD_NOT_SHOW_HOME)
PROXY_TEXT = "upstream connect error or disconnect/reset before headers. reset reason: connection termination"
PROXY_HTML = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
IDLE_FOR = 0.15  # seconds the bot must have had nothing in flight, and Slack no call, before a cell is read
CELL_LIMIT = 30.0


def faults() -> dict[str, Callable[[], Failure]]:
    """The kinds of fault, each a factory (a dated Retry-After is dated when the cell starts)."""
    return {
        "500 JSON": lambda: Failure(500, error="internal_error"),
        "500 JSON, after doing it": lambda: Failure(500, error="internal_error", deliver=True),
        "503 text/plain": lambda: Failure(503, body=PROXY_TEXT, content_type="text/plain"),
        "502 HTML proxy page": lambda: Failure(502, body=PROXY_HTML, content_type="text/html"),
        "504 HTML, after doing it": lambda: Failure(504, body=PROXY_HTML, content_type="text/html", deliver=True),
        "200 text/plain": lambda: Failure(200, body=PROXY_TEXT, content_type="text/plain"),
        "200 HTML page": lambda: Failure(200, body=PROXY_HTML, content_type="text/html"),
        "200 empty body": lambda: Failure(200, body=""),
        "truncated JSON, after doing it": lambda: Failure(200, truncate=True, deliver=True),
        "connection reset": lambda: Failure(reset=True),
        "connection reset, after doing it": lambda: Failure(reset=True, deliver=True),
        "timeout": lambda: Failure(503, delay=SLOW),
        "timeout, after doing it": lambda: Failure(200, delay=SLOW, deliver=True),
        "429 Retry-After: 1": lambda: Failure(429, {"Retry-After": "1"}),
        "429 Retry-After: a date": lambda: Failure(429, {"Retry-After": email.utils.formatdate(time.time() + 1, usegmt=True)}),
        "429 without Retry-After": lambda: Failure(429),
        "ok:false ratelimited": lambda: Failure(200, error="ratelimited"),
        "ok:false internal_error": lambda: Failure(200, error="internal_error"),
        "ok:false channel_not_found": lambda: Failure(200, error="channel_not_found"),
    }


# -- what Slack shows ---------------------------------------------------------------------------------


def shown_notices(slack: FakeSlack) -> int:
    texts = [str(m.get("text", "")) for m in slack.posted()]
    texts += [str(e.get("text", "")) for e in slack.ephemerals]
    texts += [str(r.body.get("text", "")) for r in slack.responses]
    return sum(1 for t in texts for n in NOTICES if n in t)


def is_notice(text: object) -> bool:
    return any(n in str(text) for n in NOTICES)


def payload(message: dict[str, Any]) -> dict[str, Any]:
    metadata = message.get("metadata") or {}
    return dict(metadata.get("event_payload") or {})


@dataclass
class Cell:
    answers: int
    notices: int
    note: str = ""

    @property
    def outcome(self) -> str:
        if self.answers > 1:
            return "D"
        if self.answers == 1:
            return "A"
        return "T" if self.notices else "L"


# -- the scenarios: each sets the stage, sends one request and counts what it produced ------------------

Scenario = Callable[[World, Callable[[], None]], Awaitable[Callable[[], int]]]
"""Given a world and a function that switches the fault on, send the request; return a counter of the answers shown."""


async def _thread_answer(w: World) -> dict[str, Any]:
    asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> can fargate scale to zero?")
    await w.bot.event(mention_event(asked))
    await idle(w)
    [answer] = [m for m in w.slack.posted() if payload(m).get("reply_to") == asked["ts"]]
    return answer


async def _slash_body(w: World) -> dict[str, Any]:
    _, body = await w.bot.command(slash_command("compare fargate and cloud run on scale to zero", w.slack.response_url(CHANNEL)))
    parsed: dict[str, Any] = json.loads(body)
    return parsed


async def mention(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    fail()
    asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> can fargate scale to zero?")
    await w.bot.event(mention_event(asked))
    return lambda: sum(1 for m in w.slack.posted() if payload(m).get("reply_to") == asked["ts"])


async def follow_up_in_thread(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    parent = w.slack.post_user_message(CHANNEL, "we are picking a platform")
    asked = w.slack.post_user_message(CHANNEL, f"<@{BOT_USER}> can fargate scale to zero?", thread_ts=parent["ts"])
    fail()
    await w.bot.event(mention_event(asked))
    return lambda: sum(1 for m in w.slack.posted() if payload(m).get("reply_to") == asked["ts"])


async def direct_message(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    fail()
    event = dm_event("which platforms support gpus?", channel=DM)
    await w.bot.event(event)
    return lambda: sum(1 for m in w.slack.posted() if payload(m).get("reply_to") == event["event"]["ts"])


async def button_in_channel(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    answer = await _thread_answer(w)
    fail()
    value = button_value(answer["blocks"], "show_caveats")
    await w.bot.action(block_action("show_caveats", value, message=answer, response_url=w.slack.response_url(CHANNEL)))
    return lambda: sum(1 for e in w.slack.ephemerals if not is_notice(e.get("text")))


async def button_in_dm(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    event = dm_event("windows containers on fargate?", channel=DM)
    await w.bot.event(event)
    await idle(w)
    [answer] = [m for m in w.slack.posted() if payload(m).get("reply_to") == event["event"]["ts"]]
    fail()
    click = block_action("compare_all", button_value(answer["blocks"], "compare_all"), channel=DM, message=answer)
    key = click["actions"][0]["action_ts"]
    await w.bot.action(click)
    return lambda: sum(1 for m in w.slack.posted() if payload(m).get("click") == key)


async def button_on_slash_answer(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    body = await _slash_body(w)
    fail()
    value = button_value(body["blocks"], "show_caveats")
    await w.bot.action(block_action("show_caveats", value, response_url=w.slack.response_url(CHANNEL), ephemeral=True))
    return lambda: sum(1 for r in w.slack.responses if r.body.get("response_type") == "ephemeral" and not is_notice(r.body.get("text")))


async def share(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    body = await _slash_body(w)
    fail()
    click = block_action(
        "share_answer", button_value(body["blocks"], "share_answer"), response_url=w.slack.response_url(CHANNEL), ephemeral=True
    )
    key = click["actions"][0]["action_ts"]
    await w.bot.action(click)

    def shown() -> int:
        public = sum(1 for m in w.slack.posted() if payload(m).get("click") == key)
        deleted = any(r.body.get("delete_original") for r in w.slack.responses)
        return public if public or not deleted else -1  # the private copy deleted with nothing public: lost

    return shown


async def home(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    fail()
    await w.bot.event(home_opened_event())
    return lambda: min(1, len(w.slack.views))  # publishing the same view again shows it once


async def after_sign_in(w: World, fail: Callable[[], None]) -> Callable[[], int]:
    assert w.bot.service is not None
    await w.bot.service.sign_in.check()  # what serve does at start-up
    fail()
    return await mention(w, lambda: None)


ROWS: list[tuple[str, str, Scenario]] = [
    ("mention", "chat.postMessage", mention),
    ("follow-up in a thread", "conversations.replies", follow_up_in_thread),
    ("direct message", "conversations.history", direct_message),
    ("direct message", "chat.postMessage", direct_message),
    ("button in a channel", "chat.postEphemeral", button_in_channel),
    ("button in the DM", "chat.postMessage", button_in_dm),
    ("button on a /platform answer", "response_url", button_on_slash_answer),
    ("Share in channel", "response_url", share),
    ("Home tab", "views.publish", home),
    ("mention after sign-in", "auth.test", after_sign_in),
]


async def idle(w: World) -> None:
    """Wait until the bot has had nothing in flight, and Slack no new call, for :data:`IDLE_FOR` seconds."""
    assert w.bot.service is not None
    lifecycle = w.bot.service.lifecycle
    deadline = time.monotonic() + CELL_LIMIT
    quiet_since, calls = time.monotonic(), -1
    while time.monotonic() < deadline:
        await asyncio.sleep(0.02)
        busy = lifecycle.in_flight > 0 or len(w.slack.calls) != calls
        calls = len(w.slack.calls)
        if busy:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= IDLE_FOR:
            return


async def run_cell(engine: Engine, method: str, scenario: Scenario, fault: Callable[[], Failure], always: bool) -> Cell:
    async with world(engine, timeout=TIMEOUT, outbox=Outbox(100.0), patience=PATIENCE) as w:

        def fail() -> None:
            if always:
                w.slack.fail_always(method, fault())
            else:
                w.slack.fail_next(method, fault())

        shown = await scenario(w, fail)
        await idle(w)
        answers = shown()
        return Cell(
            answers=0 if answers < 0 else answers, notices=shown_notices(w.slack), note="private copy deleted" if answers < 0 else ""
        )


async def start_up_cell(fault: Callable[[], Failure], always: bool) -> str:
    """``platform-bot serve``'s sign-in loop against a failing auth.test: R when it signed in, W while it is still retrying."""
    slack = await FakeSlack().start()
    try:
        (slack.fail_always if always else slack.fail_next)("auth.test", fault())
        sign_in, lifecycle = SignIn(web_client(TOKEN, base_url=slack.api_url)), Lifecycle()
        task = asyncio.create_task(sign_in_patiently(sign_in, BOT_TOKEN, lifecycle))
        deadline = time.monotonic() + 2.0
        while sign_in.identity is None and time.monotonic() < deadline and not task.done():
            await asyncio.sleep(0.02)
        lifecycle.stop()
        code = await asyncio.wait_for(task, 10)
        if code != 0:
            return "X"
        return "R" if sign_in.identity is not None else "W"
    finally:
        await slack.close()


# -- the report ------------------------------------------------------------------------------------------


async def main(only: str | None, concurrency: int) -> int:
    engine = Engine(load_knowledge(None))
    kinds = faults()
    rows = [r for r in ROWS if only in (None, r[1])]
    gate = asyncio.Semaphore(concurrency)
    started = time.monotonic()

    async def cell(row: int, fault: str, always: bool) -> tuple[int, str, bool, Cell]:
        async with gate:
            _, method, scenario = rows[row]
            return row, fault, always, await run_cell(engine, method, scenario, kinds[fault], always)

    async def start_up(fault: str, always: bool) -> tuple[str, bool, str]:
        async with gate:
            return fault, always, await start_up_cell(kinds[fault], always)

    jobs = [cell(r, f, a) for r in range(len(rows)) for f in kinds for a in (False, True)]
    results = await asyncio.gather(*jobs)
    ups = await asyncio.gather(*(start_up(f, a) for f in kinds for a in (False, True))) if only in (None, "auth.test") else []

    grid: dict[tuple[int, str], dict[bool, Cell]] = {}
    for row, fault, always, found in results:
        grid.setdefault((row, fault), {})[always] = found
    names = list(kinds)
    width = max(len(f"{s} -> {m}") for s, m, _ in rows)
    print("Fault matrix: each cell is once/always. A answered, T told the user, D duplicated, L lost; start-up: R ready, W waiting.\n")
    for i, name in enumerate(names, start=1):
        print(f"  {i:>2} {name}")
    print()
    print(" " * width + " | " + " ".join(f"{i:>5}" for i in range(1, len(names) + 1)))
    counts: Counter[str] = Counter()
    told_too = 0
    for r, (surface, method, _) in enumerate(rows):
        cells = []
        for name in names:
            once, always = grid[(r, name)][False], grid[(r, name)][True]
            cells.append(f"{once.outcome}/{always.outcome}")
            counts.update([once.outcome, always.outcome])
            told_too += sum(1 for c in (once, always) if c.outcome == "A" and c.notices)
        print(f"{surface + ' -> ' + method:<{width}} | " + " ".join(f"{c:>5}" for c in cells))
    if ups:
        by_fault = {(f, a): o for f, a, o in ups}
        line = [f"{by_fault[(n, False)]}/{by_fault[(n, True)]}" for n in names]
        print(f"{'start-up -> auth.test':<{width}} | " + " ".join(f"{c:>5}" for c in line))
        counts.update(o for _, _, o in ups)
    total = sum(counts.values())
    print(
        f"\n{total} runs in {time.monotonic() - started:.0f} s: answered {counts['A']}, told the user {counts['T']}, "
        f"duplicated {counts['D']}, lost {counts['L']}"
        + (f"; start-up ready {counts['R']}, waiting {counts['W']}, exited {counts['X']}" if ups else "")
        + f". Answered cells where a notice came too (Slack did not confirm it): {told_too}."
    )
    return 1 if counts["D"] or counts["L"] or counts["X"] else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="one method (chat.postMessage, response_url, auth.test, ...)")
    parser.add_argument("--concurrency", type=int, default=12, help="cells run at once (default 12)")
    options = parser.parse_args()
    logging.getLogger().addHandler(logging.NullHandler())  # the bot's log lines are not the report
    sys.exit(asyncio.run(main(options.only, options.concurrency)))
