"""Logs as JSON lines on stdout: one object per event, readable by people, log pipelines and ``platform-bot gaps``.

Every line has ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``. A structured event
(:func:`emit`) adds its fields at the top level, ``event`` first among them, so an answer record
from :mod:`bot.events` is one line that ``platform-bot gaps`` reads back as it is. A traceback is
one field, ``error``, never extra lines. The finished line passes through ``scrub`` (the Slack layer
gives one that removes tokens and secrets) before it is written.

Knows neither Slack nor aiohttp.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Mapping
from typing import Any, TextIO

Scrub = Callable[[str], str]
FIELDS = "fields"  # the LogRecord attribute that carries an event's fields

_BASE = ("time", "level", "logger", "message")


def emit(logger: logging.Logger, fields: Mapping[str, Any], level: int = logging.INFO) -> None:
    """Log ``fields`` (which name their ``event``) as one structured line."""
    if logger.isEnabledFor(level):
        logger.log(level, str(fields.get("event", "event")), extra={FIELDS: dict(fields)})


class JsonFormatter(logging.Formatter):
    """One JSON object per record; a record's structured fields (see :func:`emit`) sit at the top level."""

    def __init__(self, scrub: Scrub | None = None) -> None:
        super().__init__()
        self._scrub = scrub or (lambda line: line)

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, FIELDS, None)
        if isinstance(fields, Mapping):
            line.update((k, v) for k, v in fields.items() if k not in _BASE)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["error"] = record.exc_text
        return self._scrub(json.dumps(line, ensure_ascii=False, default=str))


def configure(level: str = "INFO", *, scrub: Scrub | None = None, stream: TextIO | None = None) -> None:
    """JSON lines to ``stream`` (stdout) at ``level`` (a name such as ``LOG_LEVEL``'s; unknown names mean INFO).

    Python's warnings are logged too, so nothing else reaches the stream in another format.
    """
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(JsonFormatter(scrub))
    name = level.strip().upper()
    logging.basicConfig(level=name if name in logging.getLevelNamesMapping() else "INFO", handlers=[handler], force=True)
    logging.captureWarnings(True)
