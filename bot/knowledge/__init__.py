"""The knowledge base: frozen models and the loader that validates YAML into them."""

from bot.knowledge.loader import Change, Entry, KnowledgeBase, KnowledgeError, default_directory, expected_support, load_knowledge
from bot.knowledge.models import Caveat, Feature, Platform, Policy, Ref, Refusal, Scope, Source, Target, Update, Vendor

__all__ = [
    "Caveat",
    "Change",
    "Entry",
    "Feature",
    "KnowledgeBase",
    "KnowledgeError",
    "Platform",
    "Policy",
    "Ref",
    "Refusal",
    "Scope",
    "Source",
    "Target",
    "Update",
    "Vendor",
    "default_directory",
    "expected_support",
    "load_knowledge",
]
