"""The knowledge base: frozen models and the loader that validates YAML into them."""

from bot.knowledge.loader import KnowledgeBase, KnowledgeError, default_directory, expected_support, load_knowledge
from bot.knowledge.models import Caveat, Cell, Feature, Platform, Policy, Ref, Source, Target, Update

__all__ = [
    "Caveat",
    "Cell",
    "Feature",
    "KnowledgeBase",
    "KnowledgeError",
    "Platform",
    "Policy",
    "Ref",
    "Source",
    "Target",
    "Update",
    "default_directory",
    "expected_support",
    "load_knowledge",
]
