"""Nothing in bot/ names a product, platform, scope, vendor or topic: what the bot covers, and what it
knowingly refuses, lives in knowledge/ only, so a maintainer who adds a platform or a row in YAML gets
answers without a code change."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from bot.knowledge import KnowledgeBase
from bot.text import tokenize as words
from tests.conftest import ROOT

# Words of the knowledge that are also ordinary words of code with another meaning (the logging module,
# a connection's TLS, a process's shutdown, Slack's rate limits); the scan looks at string literals,
# docstrings and comments.
GENERIC = {
    *("logging", "managed", "identity", "secrets", "resources", "regions", "pricing", "jobs", "shutdown", "spot", "isolation"),
    *("tls", "request timeout", "rate limit", "rate limits"),  # what HTTP calls to Slack meet, too
    *("metrics", "monitoring", "prometheus", "413", "traceback"),  # what the bot's own operations expose and log
}


def _knowledge_terms(kb: KnowledgeBase) -> set[str]:
    terms: set[str] = set()
    for p in kb.platforms.values():
        terms |= {p.id, p.name, *p.aliases}
        for s in p.scopes:
            terms |= {s.name, *s.aliases, *s.hints}
    for v in kb.vendors:
        terms |= {v.name, *v.words}
    for r in kb.refusals:
        terms |= {r.name, *r.phrases}
    for f in kb.features.values():
        terms |= {f.id, f.name}
    return {" ".join(words(t)) for t in terms if t.strip("~")} - GENERIC


def _strings_and_comments(path: Path) -> list[tuple[int, str]]:
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type in (tokenize.STRING, tokenize.COMMENT) or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            out.append((tok.start[0], tok.string))
    return out


def test_the_code_names_no_knowledge(kb: KnowledgeBase) -> None:
    terms = sorted(_knowledge_terms(kb), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b")
    found = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        for line, text in _strings_and_comments(path):
            for m in pattern.finditer(" ".join(words(text))):
                found.append(f"{path.relative_to(ROOT)}:{line}: {m.group(1)!r}")
    assert not found, "\n".join(found)
