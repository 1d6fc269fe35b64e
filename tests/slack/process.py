"""The real ``platform-bot`` commands as processes: started with an environment, their JSON log read as it comes."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


@dataclass
class BotProcess:
    """A running ``python -m bot.cli <command>``; stdout (the JSON log) and stderr are read all along, so no pipe fills."""

    proc: asyncio.subprocess.Process
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _readers: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    async def start(cls, *args: str, env: dict[str, str]) -> BotProcess:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", *args, cwd=ROOT, env={**os.environ, **env},  # the no_proxy fixture has cleared proxies
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        bot = cls(proc)
        assert proc.stdout is not None and proc.stderr is not None
        bot._readers = [asyncio.create_task(bot._read(proc.stdout, bot.stdout)), asyncio.create_task(bot._read(proc.stderr, bot.stderr))]
        return bot

    async def _read(self, stream: asyncio.StreamReader, into: list[str]) -> None:
        while line := await stream.readline():
            into.append(line.decode())
            async with self._changed:
                self._changed.notify_all()
        async with self._changed:
            self._changed.notify_all()

    @property
    def output(self) -> str:
        return "".join(self.stdout) + "".join(self.stderr)

    def records(self) -> list[dict[str, Any]]:
        """The JSON log so far; a line that is not JSON fails the test."""
        return [json.loads(line) for line in self.stdout if line.strip()]

    async def wait_for(self, found: Callable[[dict[str, Any]], bool], timeout: float = 15) -> dict[str, Any]:
        """The first log record (from the start) for which ``found`` holds."""

        def first() -> dict[str, Any] | None:
            return next((r for r in self.records() if found(r)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: first() is not None or self.ended), timeout)
        record = first()
        assert record is not None, "the process ended first:\n" + self.output
        return record

    @property
    def ended(self) -> bool:
        return all(r.done() for r in self._readers)

    async def port(self) -> int:
        record = await self.wait_for(lambda r: bool(LISTENING.search(str(r.get("message")))))
        match = LISTENING.search(record["message"])
        assert match is not None
        return int(match[1])

    def signal(self, sig: signal.Signals) -> None:
        self.proc.send_signal(sig)

    async def stop(self, timeout: float = 15) -> int:
        """SIGTERM, then the exit code once the process is gone."""
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        return await self.exit_code(timeout)

    async def exit_code(self, timeout: float = 15) -> int:
        try:
            code = await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
            raise
        await asyncio.gather(*self._readers)
        return code
