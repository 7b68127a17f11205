"""Access tokens: what a reader may see, as a short list of strings (Pleio style).

A document lists the tokens that may read it; a user holds tokens; a user sees a document
when the two lists overlap. This module is the vocabulary: content apps use these names
when they describe who may read an item, and ``search.permissions.tokens_for`` hands them
to users. It holds no rules about roles; those live in ``accounts.roles``.
"""

from __future__ import annotations

PUBLIC = "public"
LOGGED_IN = "logged_in"
CHAIN = "chain"  # signed-in chain professionals (accounts.roles.is_chain_professional)
# Held by everyone who is NOT a chain professional: lets a source show outsiders a public
# variant of an item (a signal's public summary) that chain professionals see in full.
OUTSIDE_CHAIN = "outside_chain"


def role_token(key: str) -> str:
    return f"role:{key}"


def user_token(user_id) -> str:
    return f"user:{user_id}"


def org_token(organisation_id) -> str:
    return f"org:{organisation_id}"


def community_token(community_id) -> str:
    return f"community:{community_id}"


def partner_token(organisation_id) -> str:
    """Held by the ketenpartner staff of an organisation: they read what was asked of it."""
    return f"partner:{organisation_id}"
