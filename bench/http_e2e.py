"""End-to-end benchmark over HTTP: ``platform-bot serve`` against a bare Bolt app on the same server stack.

Usage (from the repository root, with the bot installed)::

    python bench/http_e2e.py                 # the README's figures (about two minutes)
    python bench/http_e2e.py --quick         # a smoke run: fewer requests, one cold start

Both servers run as real subprocesses on loopback: ``platform-bot serve`` itself, and a baseline
(``--baseline-server``) that is a bare Bolt ``AsyncApp`` whose listeners only ``ack()``, served
through the same ``bot.web`` / ``bot.slack.http`` route and runner. This process sends them the
same signed requests, a ``/platform`` slash command or an Events API ``app_mention``, from 1, 16
and 64 concurrent clients, and plays the Slack Web API (``SLACK_API_URL``), noting when each
``chat.postMessage`` arrives. Each mention goes to a channel of its own, so Slack's per-channel
pace (one message a second, kept by the bot's outbox) does not enter the figures.

Prints, per level: throughput, p50/p99 latency to the HTTP response, and for mentions the p50/p99
to the answer's ``chat.postMessage`` at the fake Slack; the ratio of the bot's p50 to the
baseline's; the serve process's RSS after start and after 10,000 answers; cold start from process
start to ``GET /readyz`` answering 200. With two or more cores the servers are pinned to core 1
and this process to core 0 (``--no-pin`` to leave them free). Asserts nothing. Every loop is
bounded in count and time, and only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-signing-secret-0123456789abcdef"
TOKEN = "xoxb-0000-bench-token"
BOT_USER = "UBENCHBOT1"
BOT_ID = "BBENCHBOT1"
TEAM = "T0BENCH001"
HOST = "127.0.0.1"
READY_TIMEOUT = 30.0
LEVEL_DEADLINE = 90.0  # seconds: a level stops sending after this, whatever its request count
QUESTIONS = [
    "does ACI support GPUs?", "compare Fargate and Cloud Run on persistence", "which platforms can scale to zero?",
    "why is my pod stuck Pending on EKS Fargate?", "I need Windows containers and a public IP, which platform fits?",
    "tell me about Cloud Run", "which don't support gpus", "farget vs clodu run", "does AWS Lambda support GPUs", "help",
    "compare all platforms", "does cloud run support sidecars?",
]  # fmt: skip


# -- the fake Slack Web API -------------------------------------------------------------------------


class FakeSlack:
    """Just enough of the Web API for ``serve``: auth.test, chat.postMessage (timed by ``reply_to``), empty reads."""

    def __init__(self) -> None:
        self.posted: dict[str, float] = {}
        self.posts = 0
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=4 * 1024**2)
        app.router.add_route("*", "/api/{method}", self._api)  # slack_sdk reads with GET, posts with POST
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, HOST, 0).start()
        self.url = f"http://{HOST}:{self._runner.addresses[0][1]}/api/"

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "auth.test":
            return web.json_response(
                {"ok": True, "user": "platform-bot", "user_id": BOT_USER, "bot_id": BOT_ID, "team_id": TEAM, "team": "Bench"}
            )
        if method == "chat.postMessage":
            now = time.monotonic()
            args = await request.json() if request.content_type == "application/json" else dict(await request.post())
            metadata = args.get("metadata") or {}
            metadata = json.loads(metadata) if isinstance(metadata, str) else metadata
            reply_to = (metadata.get("event_payload") or {}).get("reply_to")
            if reply_to:
                self.posted[str(reply_to)] = now
            self.posts += 1
            return web.json_response({"ok": True, "channel": args.get("channel"), "ts": f"{time.time():.6f}"})
        return web.json_response({"ok": True, "messages": [], "has_more": False})


# -- the servers --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    started: float
    ready_after: float = 0.0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def command(kind: str) -> list[str]:
    if kind == "bot":
        script = Path(sys.executable).with_name("platform-bot")
        return (
            [str(script), "serve"]
            if script.exists()
            else [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", "serve"]
        )
    return [sys.executable, str(Path(__file__).resolve()), "--baseline-server"]


async def start(kind: str, slack: FakeSlack, *, pin: int | None, log_level: str) -> Server:
    """Start a server and wait for its readiness probe (``/readyz``, else ``/healthz``); the time taken is its cold start."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")},
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.url,
        "PORT": str(port),
        "HOST": HOST,
        "LOG_LEVEL": log_level,
    }
    started = time.monotonic()
    process = subprocess.Popen(command(kind), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if pin is not None:
        os.sched_setaffinity(process.pid, {pin})
    server = Server(kind, process, port, started)
    async with aiohttp.ClientSession() as session:
        while time.monotonic() - started < READY_TIMEOUT:
            if process.poll() is not None:
                raise SystemExit(f"{kind} server exited with code {process.returncode} before it was ready")
            for path in ("/readyz", "/healthz"):
                try:
                    async with session.get(f"{server.url}{path}") as r:
                        if r.status == 200:
                            server.ready_after = time.monotonic() - started
                            return server
                        if r.status != 404:
                            break
                except aiohttp.ClientError:
                    break
            await asyncio.sleep(0.005)
    server.stop()
    raise SystemExit(f"{kind} server not ready within {READY_TIMEOUT} s")


async def probe_path(server: Server) -> str:
    async with aiohttp.ClientSession() as session, session.get(f"{server.url}/readyz") as r:
        return "/readyz" if r.status != 404 else "/healthz"


def baseline_server() -> None:
    """A bare Bolt app whose listeners only ack(), on the bot's own aiohttp route and runner (``--baseline-server``)."""
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack.http import MAX_BODY, events_handler
    from bot.web import serve_until_stopped, web_app

    client = AsyncWebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"])

    async def ack_only(ack: Any) -> None:
        await ack()

    app.command("/platform")(ack_only)
    app.event("app_mention")(ack_only)
    http = web_app({"/slack/events": events_handler(app, os.environ["SLACK_SIGNING_SECRET"])}, client_max_size=MAX_BODY)
    asyncio.run(serve_until_stopped(http, host=os.environ["HOST"], port=int(os.environ["PORT"])))


# -- the requests -------------------------------------------------------------------------------------------


@dataclass
class Request:
    body: bytes
    content_type: str
    ts: str | None = None  # the mentioned message's ts, for timing its answer


_counter = itertools.count(1)


def slash(question: str) -> Request:
    fields = {
        "token": "x", "team_id": TEAM, "team_domain": "bench", "channel_id": "C0BENCH001", "channel_name": "bench",
        "user_id": "U0BENCH001", "user_name": "bench", "command": "/platform", "text": question, "api_app_id": "A0BENCH001",
        "is_enterprise_install": "false", "response_url": "http://127.0.0.1:9/response", "trigger_id": f"1.{next(_counter)}.x",
    }  # fmt: skip
    return Request(urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")


def mention(question: str) -> Request:
    n = next(_counter)
    ts = f"{1_700_000_000 + n}.{n % 1_000_000:06d}"
    event = {
        "type": "app_mention", "user": "U0BENCH001", "text": f"<@{BOT_USER}> {question}", "ts": ts,
        "channel": f"C{n:09d}", "event_ts": ts, "team": TEAM,
    }  # fmt: skip
    envelope = {
        "token": "x", "team_id": TEAM, "api_app_id": "A0BENCH001", "event": event, "type": "event_callback",
        "event_id": f"Ev{n:010d}", "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }  # fmt: skip
    return Request(json.dumps(envelope).encode(), "application/json", ts)


@cache
def question_mix() -> list[str]:
    """bench/engine.py's 10,000 questions (every intent, 15% with a typo), after a few fixed ones."""
    from engine import questions  # bench/engine.py, next to this file

    from bot.knowledge import load_knowledge

    return QUESTIONS + questions(load_knowledge(ROOT / "knowledge"), 10_000)


def requests(kind: str, n: int) -> Iterator[Request]:
    make = slash if kind == "slash" else mention
    for q in itertools.islice(itertools.cycle(question_mix()), n):
        yield make(q)


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    sent: dict[str, float] = field(default_factory=dict)
    errors: int = 0
    elapsed: float = 0.0


async def send(session: aiohttp.ClientSession, url: str, req: Request, verifier: SignatureVerifier, result: Result) -> None:
    """One signed request (signed just before sending), its latency and outcome noted in ``result``."""
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": req.content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": str(verifier.generate_signature(timestamp=stamp, body=req.body.decode())),
    }
    t0 = time.monotonic()
    if req.ts:
        result.sent[req.ts] = t0
    try:
        async with session.post(url, data=req.body, headers=headers) as r:
            await r.read()
            ok = r.status == 200
    except aiohttp.ClientError:
        ok = False
    result.latencies.append(time.monotonic() - t0)
    result.errors += not ok


async def load(server: Server, reqs: list[Request], concurrency: int) -> Result:
    """Closed loop: ``concurrency`` clients over keep-alive connections, each sending when its last was answered."""
    verifier = SignatureVerifier(SECRET)
    result = Result()
    queue = iter(reqs)
    deadline = time.monotonic() + LEVEL_DEADLINE
    url = f"{server.url}/slack/events"

    async def client(session: aiohttp.ClientSession) -> None:
        for req in queue:
            if time.monotonic() > deadline:
                return
            await send(session, url, req, verifier, result)

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as session:
        began = time.monotonic()
        await asyncio.gather(*(client(session) for _ in range(concurrency)))
        result.elapsed = time.monotonic() - began
    return result


async def paced(server: Server, reqs: list[Request], rate: float) -> Result:
    """Open loop: send ``reqs`` at a fixed ``rate`` per second whatever the answers do, as Slack sends them."""
    verifier = SignatureVerifier(SECRET)
    result = Result()
    url = f"{server.url}/slack/events"
    connector = aiohttp.TCPConnector(limit=256)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as session:
        began = time.monotonic()
        tasks = []
        for i, req in enumerate(reqs):
            delay = began + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(send(session, url, req, verifier, result)))
        await asyncio.gather(*tasks)
        result.elapsed = time.monotonic() - began
    return result


async def posted_latencies(slack: FakeSlack, sent: dict[str, float], wait: float = 15.0) -> tuple[list[float], int]:
    """Latency from sending each mention to its answer arriving at the fake Slack; and how many never arrived."""
    until = time.monotonic() + wait
    while time.monotonic() < until and any(ts not in slack.posted for ts in sent):
        await asyncio.sleep(0.01)
    latencies = [slack.posted[ts] - t for ts, t in sent.items() if ts in slack.posted]
    return latencies, len(sent) - len(latencies)


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def ms(x: float) -> str:
    return f"{x * 1000:7.2f}"


# -- the run -----------------------------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> None:
    pin_servers = pin_self = None
    if args.pin and len(os.sched_getaffinity(0)) >= 2:
        cores = sorted(os.sched_getaffinity(0))
        pin_self, pin_servers = cores[0], cores[1]
        os.sched_setaffinity(0, {pin_self})
    slack = FakeSlack()
    await slack.start()
    levels = [int(c) for c in args.levels.split(",")]
    counts = {c: args.requests * (1 if c == 1 else 4) for c in levels}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; servers pinned to core {pin_servers}, load to core {pin_self}")
    print(f"requests per level and kind: {counts}; warm-up {args.warmup} of each kind first; log level {args.log_level}")
    servers: dict[str, Server] = {}
    answers = 0
    try:
        for kind in ("baseline", "bot"):
            servers[kind] = await start(kind, slack, pin=pin_servers, log_level=args.log_level)
        bot = servers["bot"]
        probe = await probe_path(bot)
        rss_start = bot.rss_mib()
        print(f"\nserve ready ({probe}) {bot.ready_after * 1000:.0f} ms after start; RSS {rss_start:.1f} MiB")
        for server in servers.values():  # warm-up: first requests pay for imports, auth.test and caches
            for kind in ("slash", "mention"):
                await load(server, list(requests(kind, args.warmup)), 8)
        answers += 2 * args.warmup
        rss_warm = bot.rss_mib()
        memory = [(answers, rss_warm)]

        print(
            f"\n{'kind':8} {'conc':>4} {'server':9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'post p50':>9} {'post p99':>9} {'errors':>6}"
        )
        ratios: list[tuple[str, int, float]] = []
        for kind in ("slash", "mention"):
            for c in levels:
                p50s = {}
                for name in ("baseline", "bot"):
                    reqs = list(requests(kind, counts[c]))
                    result = await load(servers[name], reqs, c)
                    post = ""
                    if kind == "mention" and name == "bot":
                        latencies, missing = await posted_latencies(slack, result.sent)
                        post = f"{ms(pct(latencies, 50)):>9} {ms(pct(latencies, 99)):>9}"
                        result.errors += missing
                    if name == "bot":
                        answers += len(result.latencies)
                        memory.append((answers, bot.rss_mib()))
                    p50s[name] = pct(result.latencies, 50)
                    rate = len(result.latencies) / result.elapsed if result.elapsed else float("nan")
                    print(
                        f"{kind:8} {c:>4} {name:9} {rate:8.0f} {ms(p50s[name]):>8} {ms(pct(result.latencies, 99)):>8} "
                        f"{post or ' ' * 19:>19} {result.errors:>6}"
                    )
                ratios.append((kind, c, p50s["bot"] / p50s["baseline"]))

        print("\nbot p50 / bare Bolt p50 (HTTP response; target <= 1.25):")
        for kind, c, ratio in ratios:
            print(f"  {kind:8} concurrency {c:>3}: {ratio:.2f}x")

        rates = [float(r) for r in args.rates.split(",") if r]
        if rates:
            print(f"\nopen loop: requests arrive at a fixed rate ({args.rate_seconds:g} s a level), as Slack sends them")
            print(f"{'kind':8} {'req/s':>6} {'server':9} {'p50 ms':>8} {'p99 ms':>8} {'post p50':>9} {'post p99':>9} {'errors':>6}")
            open_ratios: list[tuple[str, float, float]] = []
            for kind in ("slash", "mention"):
                for rate in rates:
                    p50s = {}
                    for name in ("baseline", "bot"):
                        result = await paced(servers[name], list(requests(kind, int(rate * args.rate_seconds))), rate)
                        post = ""
                        if kind == "mention" and name == "bot":
                            latencies, missing = await posted_latencies(slack, result.sent)
                            post = f"{ms(pct(latencies, 50)):>9} {ms(pct(latencies, 99)):>9}"
                            result.errors += missing
                        if name == "bot":
                            answers += len(result.latencies)
                        p50s[name] = pct(result.latencies, 50)
                        print(
                            f"{kind:8} {rate:6.0f} {name:9} {ms(p50s[name]):>8} {ms(pct(result.latencies, 99)):>8} "
                            f"{post or ' ' * 19:>19} {result.errors:>6}"
                        )
                    open_ratios.append((kind, rate, p50s["bot"] / p50s["baseline"]))
            print("\nbot p50 / bare Bolt p50, open loop (target <= 1.25):")
            for kind, rate, ratio in open_ratios:
                print(f"  {kind:8} {rate:6.0f} req/s: {ratio:.2f}x")

        while answers < args.answers:  # top up to --answers, 2,000 at a time (half slash, half mention), noting RSS
            chunk = min(2_000, args.answers - answers)
            for kind, n in (("slash", chunk // 2), ("mention", chunk - chunk // 2)):
                sent = await load(bot, list(requests(kind, n)), 16)
                if kind == "mention":
                    await posted_latencies(slack, sent.sent)
            answers += chunk
            memory.append((answers, bot.rss_mib()))
        count, rss = next(((n, rss) for n, rss in memory if n >= args.answers), memory[-1])
        print(f"\nserve RSS: {rss_start:.1f} MiB after start, {rss_warm:.1f} MiB after warm-up, {rss:.1f} MiB after {count} answers")
        print("  RSS (MiB) by answers given: " + ", ".join(f"{n}: {rss:.1f}" for n, rss in memory))
        print(f"posts received by the fake Slack: {slack.posts}")
    finally:
        for server in servers.values():
            server.stop()

    colds: dict[str, list[float]] = {"bot": [], "baseline": []}
    for _ in range(args.cold_starts):
        for kind in colds:
            server = await start(kind, slack, pin=pin_servers, log_level=args.log_level)
            colds[kind].append(server.ready_after)
            server.stop()
    await slack.close()
    for kind, times in colds.items():
        if times:
            median, low, high = (statistics.median(times) * 1000, min(times) * 1000, max(times) * 1000)
            spread = f"min {low:.0f}, max {high:.0f}, {len(times)} starts"
            print(f"cold start, {kind}: process start to {probe} OK: median {median:.0f} ms ({spread})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=1000, help="requests per kind at concurrency 1 (4x that at 16 and 64)")
    ap.add_argument("--levels", default="1,16,64")
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--rates", default="20,100", help="open-loop arrival rates (requests a second); empty to skip")
    ap.add_argument("--rate-seconds", type=float, default=5.0, help="how long each open-loop level lasts")
    ap.add_argument("--answers", type=int, default=10_000, help="answers before the final RSS reading")
    ap.add_argument("--cold-starts", type=int, default=5)
    ap.add_argument("--log-level", default="INFO", help="the servers' LOG_LEVEL (INFO, as in production)")
    ap.add_argument("--no-pin", dest="pin", action="store_false", help="do not pin the servers and the load to separate cores")
    ap.add_argument("--quick", action="store_true", help="a smoke run: 100 requests a level, 1 cold start")
    ap.add_argument("--baseline-server", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline_server:
        baseline_server()
        return
    if args.quick:
        args.requests, args.warmup, args.answers, args.cold_starts, args.rate_seconds = 100, 50, 0, 1, 1.0
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
