"""The engine in service, replaced whole when the knowledge is reloaded (SIGHUP) without a restart.

Listeners hold a :class:`LiveEngine` and read :attr:`LiveEngine.now` once per request: a
:class:`Serving` pairs one knowledge version's engine with the ids it knows, so a request that
straddles a reload still uses one version throughout. A reload loads and validates the new
knowledge off the event loop, then swaps the reference on it in one assignment; a knowledge base
that fails validation is never swapped in, and the old one goes on serving.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.answer import Answer, Engine
from bot.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from bot.slack.context import KnownIds
from bot.understand.parse import Context, Query, structured

ReloadResult = Literal["ok", "unchanged", "invalid"]


@dataclass(frozen=True, slots=True)
class Serving:
    """One knowledge version: its engine and the platform and feature ids it knows."""

    engine: Engine
    known: KnownIds

    @classmethod
    def of(cls, engine: Engine) -> Serving:
        kb = engine.kb
        scopes = frozenset(f"{p.id}/{s.id}" for p in kb.platforms.values() for s in p.scopes)
        return cls(engine, KnownIds(frozenset(kb.platforms), frozenset(kb.features), scopes, frozenset(kb.caveats)))

    @property
    def kb(self) -> KnowledgeBase:
        return self.engine.kb

    @property
    def version(self) -> str:
        return self.engine.kb.version

    def ask(self, question: str, context: Context | None = None) -> Answer:
        return self.engine.ask(question, context)

    def answer(self, query: Query) -> Answer:
        """Answer a structured query (a button, the App Home tab), as of today."""
        return self.engine.answer(query)

    def matrix(self) -> Answer:
        return self.engine.matrix()

    def help(self) -> Answer:
        return self.engine.answer(structured("help", text="help"))


@dataclass(frozen=True, slots=True)
class Reload:
    """How a reload went. ``version`` is the one in service afterwards (``previous`` when rejected)."""

    result: ReloadResult
    version: str
    previous: str
    directory: str
    seconds: float
    problems: tuple[str, ...] = ()


class LiveEngine:
    """The engine in service; :meth:`reload` swaps in a new one when the knowledge on disk is valid."""

    def __init__(self, engine: Engine) -> None:
        self._now = Serving.of(engine)
        self._reloading = asyncio.Lock()
        self.last_reload: Reload | None = None

    @classmethod
    def of(cls, engine: Engine | LiveEngine) -> LiveEngine:
        return engine if isinstance(engine, LiveEngine) else cls(engine)

    @property
    def now(self) -> Serving:
        """The knowledge in service at this moment: read it once per request."""
        return self._now

    @property
    def kb(self) -> KnowledgeBase:
        return self._now.kb

    @property
    def version(self) -> str:
        return self._now.version

    async def reload(self, directory: str | Path | None = None) -> Reload:
        """Load ``directory`` (by default the one in service came from); swap it in if valid, else keep the old one."""
        async with self._reloading:
            previous = self._now
            root = Path(directory) if directory is not None else previous.kb.directory
            started = time.perf_counter()
            try:
                engine = await asyncio.to_thread(_engine, root)
            except KnowledgeError as exc:
                return self._done(Reload("invalid", previous.version, previous.version, str(root), _since(started), tuple(exc.problems)))
            except Exception as exc:  # a reload must never take the serving process down: it reports instead
                problem = f"{root}: could not be read ({type(exc).__name__}: {exc})"
                return self._done(Reload("invalid", previous.version, previous.version, str(root), _since(started), (problem,)))
            if engine.kb.version == previous.version:
                return self._done(Reload("unchanged", previous.version, previous.version, str(root), _since(started)))
            self._now = Serving.of(engine)
            return self._done(Reload("ok", engine.kb.version, previous.version, str(root), _since(started)))

    def _done(self, reload: Reload) -> Reload:
        self.last_reload = reload
        return reload


def _engine(directory: Path) -> Engine:
    return Engine(load_knowledge(directory))


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 4)
