"""JSON log lines: one object per record, structured events at the top level, LOG_LEVEL respected, scrubbed last."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest

from bot.answer import Engine
from bot.events import answer_event
from bot.gaps import gap_of
from bot.logs import JsonFormatter, configure, emit


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)


def test_an_event_is_one_line_with_its_fields_at_the_top_level(engine: Engine) -> None:
    """An answer record logged with emit() is a single JSON line that `platform-bot gaps` reads as it is."""
    emitted: list[logging.LogRecord] = []
    logger = logging.getLogger("test.events")
    logger.addHandler(handler := _Collect(emitted))
    logger.setLevel(logging.INFO)
    try:
        emit(logger, answer_event(engine.ask("does heroku support gpus?"), surface="dm", latency_ms=1.5, user="U1", team=None))
    finally:
        logger.removeHandler(handler)
    [record] = emitted
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["event"] == "answer" and data["level"] == "info" and data["logger"] == "test.events" and data["time"].endswith("Z")
    assert data["user"] == "U1" and "team" not in data and data["latency_ms"] == 1.5
    gap = gap_of(data)
    assert gap is not None and gap.kind == "unknown"


def test_a_traceback_is_one_field_and_everything_is_scrubbed() -> None:
    """An exception's traceback is the 'error' field of the same line; the scrubber sees the whole finished line."""
    try:
        raise RuntimeError("boom with s3cr3t-value")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed: %s", ("s3cr3t-value",), sys.exc_info())
    data = json.loads(JsonFormatter(lambda line: line.replace("s3cr3t-value", "[redacted]")).format(record))
    assert data["message"] == "failed: [redacted]" and "RuntimeError: boom with [redacted]" in data["error"]


@pytest.mark.usefixtures("restore_logging")
@pytest.mark.parametrize(
    ("level", "shown"), [("WARNING", ["warning"]), ("debug", ["debug", "info", "warning"]), ("nonsense", ["info", "warning"])]
)
def test_log_level_sets_what_is_written(level: str, shown: list[str]) -> None:
    """LOG_LEVEL's value is the threshold (any case); an unknown one means INFO. Only JSON reaches the stream."""
    stream = io.StringIO()
    configure(level, stream=stream)
    log = logging.getLogger("test.level")
    log.debug("d")
    log.info("i")
    log.warning("w")
    assert [json.loads(line)["level"] for line in stream.getvalue().splitlines()] == shown


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__()
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)
