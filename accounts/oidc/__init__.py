"""Sign-in through OpenID Connect, one or more providers (mozilla-django-oidc, per provider)."""
