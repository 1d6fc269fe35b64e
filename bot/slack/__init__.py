"""The Slack layer: the only part of the bot that knows Slack exists.

``app`` wires Bolt listeners to the engine, ``blocks`` renders answers as Block Kit, ``context``
carries conversation context in Slack itself, ``markup`` reads and escapes Slack's text, and
``run`` starts HTTP or Socket Mode. The core (``bot.knowledge``, ``bot.understand``,
``bot.answer``, ``bot.render``) never imports from here.
"""
