"""Query + KnowledgeBase -> Answer: what the bot will say, as data (facts, notes, sentences, sources)."""

from bot.answer.catalog import Catalog
from bot.answer.engine import Engine, canonical_question
from bot.answer.model import (
    LOW_CONFIDENCE,
    Answer,
    Citation,
    Dated,
    Fact,
    Line,
    Note,
    Phrasing,
    Provenance,
    SourceLine,
    Suggestion,
    Table,
)

__all__ = [
    "LOW_CONFIDENCE",
    "Answer",
    "Catalog",
    "Citation",
    "Dated",
    "Engine",
    "Fact",
    "Line",
    "Note",
    "Phrasing",
    "Provenance",
    "SourceLine",
    "Suggestion",
    "Table",
    "canonical_question",
]
