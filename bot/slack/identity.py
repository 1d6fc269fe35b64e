"""Who the bot is in its workspace: learnt once from ``auth.test`` and given to Bolt for every request.

Bolt's single-workspace authorization calls ``auth.test`` on the first requests it sees, each its
own call while the first is in flight, and answers a failure by dropping the request or telling a
slash command's user to reinstall the app. Here the start-up check (``platform-bot serve`` and
``socket`` sign in before they are ready) is the one call; :class:`Authorization` hands its
result to every request. Should a request come before anyone signed in (an app built without the
start-up check, as in tests), one ``auth.test`` is shared by all that wait for it, and if Slack
fails it the request is still served with what the request itself says.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.client import SlackClient
from bot.slack.faults import CALL_FAILURES, describe_error

REFUSED_TOKEN = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"})

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Identity:
    """What ``auth.test`` says about the bot token: the workspace (or organization) and the bot's own ids."""

    team_id: str | None
    enterprise_id: str | None
    bot_user_id: str | None
    bot_id: str | None
    name: str | None
    scopes: str | None

    @classmethod
    def of(cls, auth: Any) -> Identity:
        """From an ``auth.test`` response (anything with ``get`` and ``headers``)."""

        def text(key: str) -> str | None:
            value = auth.get(key)
            return value if isinstance(value, str) and value else None

        headers = getattr(auth, "headers", None) or {}
        scopes = headers.get("x-oauth-scopes") if hasattr(headers, "get") else None
        return cls(text("team_id"), text("enterprise_id"), text("user_id"), text("bot_id"), text("user"), scopes)


class SignIn:
    """The bot's :class:`Identity`, once ``auth.test`` has given it; concurrent callers share one call.

    The call is made once, without slack_sdk's retries: whoever asks decides when to ask again (the
    start-up loop in :mod:`bot.slack.run` backs off; a request goes on without it).
    """

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._once = SlackClient.like(client, retry_handlers=[])
        self.identity: Identity | None = None
        self.last_failure: str | None = None
        self._pending: asyncio.Future[Identity] | None = None

    async def check(self) -> Identity:
        """The identity, asking ``auth.test`` unless it is known; raises what the call raised."""
        if self.identity is not None:
            return self.identity
        if self._pending is None or self._pending.done():
            self._pending = asyncio.ensure_future(self._auth_test())
        return await asyncio.shield(self._pending)

    async def _auth_test(self) -> Identity:
        try:
            auth = await self._once.auth_test()
        except Exception as exc:
            self.last_failure = describe_error(exc)
            raise
        self.identity = Identity.of(auth)
        self.last_failure = None
        return self.identity

    async def problem(self) -> str | None:
        """For readiness: None once signed in, else why not yet."""
        if self.identity is not None:
            return None
        why = f" (auth.test: {self.last_failure})" if self.last_failure else ""
        return f"not signed in to Slack yet{why}"


class Authorization(AsyncAuthorize):
    """Bolt's ``authorize``: the signed-in identity and the bot token, for every request, without calling Slack again."""

    def __init__(self, sign_in: SignIn, token: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        self.sign_in = sign_in
        self.token = token

    async def __call__(
        self,
        *,
        context: AsyncBoltContext,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        actor_enterprise_id: str | None = None,
        actor_team_id: str | None = None,
        actor_user_id: str | None = None,
    ) -> AuthorizeResult | None:
        try:
            me = await self.sign_in.check()
        except SlackApiError as exc:
            if describe_error(exc) in REFUSED_TOKEN:
                log.error("Slack refuses the bot token (%s): the request cannot be served", describe_error(exc))
                return None  # Bolt then tells the user the installation is gone, which is the truth
            me = None
            log.warning("auth.test failed (%s); serving the request with the ids it carries", describe_error(exc))
        except CALL_FAILURES as exc:
            me = None
            log.warning("auth.test failed (%s); serving the request with the ids it carries", describe_error(exc))
        if me is None:
            return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token=self.token)
        return AuthorizeResult(
            enterprise_id=me.enterprise_id,
            team_id=me.team_id or team_id,
            bot_user_id=me.bot_user_id,
            bot_id=me.bot_id,
            bot_token=self.token,
            bot_scopes=me.scopes,
            user_id=user_id,
        )
