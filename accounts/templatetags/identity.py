from django import template

from ..oidc.config import providers

register = template.Library()


@register.simple_tag
def oidc_providers():
    """The configured OpenID providers, for the login page."""
    return providers()


@register.simple_tag
def can_manage_members(user):
    from ..lifecycle import can_manage_members as allowed

    return allowed(user)
