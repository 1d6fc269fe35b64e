"""The bot's Prometheus metrics, on a registry of their own.

Each running app gets its own :class:`Metrics` (and ``CollectorRegistry``), so several instances in
one process, as in tests, count apart. Label values come from small fixed sets (surfaces, intents,
votes, results), never from what users type. Knows prometheus_client, not Slack: the Slack layer
adds its Web API counters in ``bot.slack.metrics``.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info
from prometheus_client.exposition import choose_encoder

PREFIX = "platform_bot"
SURFACES = ("slash", "mention", "dm", "channel", "action", "home")
VOTES = ("up", "down")
HANDOFF_REASONS = ("unknown", "low-confidence", "thumbs-down")
RELOAD_RESULTS = ("ok", "unchanged", "invalid")
REFUSALS = ("team",)
UNDELIVERED = ("failed", "unconfirmed")
# Answers take about a millisecond to compute; what the histogram sees is mostly Slack's round trips.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """Requests, answers, feedback, hand-offs, latency and the knowledge in service."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.requests = Counter(f"{PREFIX}_requests", "Requests taken, by surface.", ["surface"], registry=r)
        self.refused = Counter(
            f"{PREFIX}_requests_refused", "Requests refused: from a workspace not in ALLOWED_TEAM_IDS.", ["reason"], registry=r
        )
        self.answers = Counter(f"{PREFIX}_answers", "Answers given, by surface and intent.", ["surface", "intent"], registry=r)
        self.undelivered = Counter(
            f"{PREFIX}_answers_undelivered",
            "Answers not delivered after their retries (failed), or sent without Slack confirming they were shown (unconfirmed), "
            "by surface. The asker is told either way.",
            ["surface", "outcome"],
            registry=r,
        )
        self.unknown = Counter(
            f"{PREFIX}_unknown_questions", "Questions the knowledge base does not cover, by surface.", ["surface"], registry=r
        )
        self.latency = Histogram(
            f"{PREFIX}_answer_latency_seconds",
            "From the request's arrival to the answer delivered, by surface.",
            ["surface"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.feedback = Counter(f"{PREFIX}_feedback", "Thumbs up and down on answers.", ["vote"], registry=r)
        self.handoffs = Counter(f"{PREFIX}_handoffs", "Questions handed to the platform team, by reason.", ["reason"], registry=r)
        self.knowledge = Info(f"{PREFIX}_knowledge", "The knowledge base in service: its version (a content hash).", registry=r)
        self.reloads = Counter(f"{PREFIX}_knowledge_reloads", "Knowledge reloads (SIGHUP), by result.", ["result"], registry=r)
        self.in_flight = Gauge(f"{PREFIX}_in_flight", "Requests and answers being worked on.", registry=r)
        for surface in SURFACES:
            self.requests.labels(surface)
            self.unknown.labels(surface)
            for outcome in UNDELIVERED:
                self.undelivered.labels(surface, outcome)
        for vote in VOTES:
            self.feedback.labels(vote)
        for reason in HANDOFF_REASONS:
            self.handoffs.labels(reason)
        for result in RELOAD_RESULTS:
            self.reloads.labels(result)
        for reason in REFUSALS:
            self.refused.labels(reason)

    def answered(self, surface: str, intent: str, seconds: float) -> None:
        self.answers.labels(surface, intent).inc()
        if intent == "unknown":
            self.unknown.labels(surface).inc()
        self.latency.labels(surface).observe(seconds)

    def knowledge_version(self, version: str) -> None:
        self.knowledge.info({"version": version})

    def count_in_flight(self, count: Callable[[], int]) -> None:
        """Report ``count()`` as the work in flight at each scrape."""
        self.in_flight.set_function(count)

    def exposition(self, accept: str | None = None) -> tuple[bytes, str]:
        """The registry in the text format the scraper asked for (``Accept``), and its content type."""
        encode, content_type = choose_encoder(accept or "")
        return encode(self.registry), content_type
