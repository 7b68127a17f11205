"""Access tokens: what a user may read, as a short list of strings (Pleio style).

A document lists the tokens that may read it; a user holds tokens; a user sees a document
when the two lists overlap. Content apps add tokens of their own (community membership,
signal handling) through ``user_tokens(user)`` in their ``search_index`` module.
"""

from __future__ import annotations

import logging

from accounts import roles
from core.access import (  # noqa: F401  (the vocabulary, re-exported for search callers)
    CHAIN,
    LOGGED_IN,
    OUTSIDE_CHAIN,
    PUBLIC,
    community_token,
    org_token,
    role_token,
    user_token,
)

from . import registry

logger = logging.getLogger(__name__)


def tokens_for(user) -> list[str]:
    """Every access token of ``user`` (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return [OUTSIDE_CHAIN, PUBLIC]
    cached = getattr(user, "_search_tokens", None)
    if cached is not None:
        return cached
    tokens = {PUBLIC, LOGGED_IN, user_token(user.pk)}
    user_roles = roles.user_roles(user)
    tokens.update(role_token(key) for key in user_roles)
    if roles.is_chain_professional(user):
        tokens.add(CHAIN)
    else:
        tokens.add(OUTSIDE_CHAIN)
    if getattr(user, "organisation_id", None):
        tokens.add(org_token(user.organisation_id))
    for provider in registry.token_providers():
        try:
            tokens.update(str(token) for token in provider(user) or ())
        except Exception:  # a broken provider must not open or break search
            logger.exception("search: user token provider %r failed", provider)
    result = sorted(tokens)
    user._search_tokens = result
    return result
