"""Answer -> output for a surface: plain text, JSON (Block Kit lives with the Slack layer)."""

from bot.render.json import answer_to_dict
from bot.render.text import render_text

__all__ = ["answer_to_dict", "render_text"]
