"""Fixtures of the quality suites."""

from .authorization_world import world  # noqa: F401  (the authorization matrix's world)
