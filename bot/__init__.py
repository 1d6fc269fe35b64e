"""platform-bot: answers platform-engineering questions from a curated knowledge base."""

__version__ = "0.1.0"
