"""Security headers not covered by Django's SecurityMiddleware.

The public site gets a strict Content-Security-Policy (no inline scripts or styles).
The Wagtail and Django admin need inline scripts and framing of their own previews,
so they get a policy that still forbids other origins.
"""

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(ADMIN_PREFIXES)
        response.setdefault("Content-Security-Policy", ADMIN_CSP if is_admin else PUBLIC_CSP)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_admin:
            # Wagtail previews pages of its own in an iframe.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose otherwise.

    Django's LocaleMiddleware follows the browser's Accept-Language; this one only honours
    the language cookie set by the language switch, and only for the languages the whole
    interface exists in (``INTERFACE_LANGUAGES``). Newcomer pages (feedback app) take
    their language from the URL and activate it themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in settings.INTERFACE_LANGUAGES else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language() or language)
        # A public (shared-cache) page already says how it varies: the Dutch default variant
        # is one for everyone, a chosen language adds "Vary: Cookie" (core.http_cache).
        if "public" not in response.get("Cache-Control", ""):
            patch_vary_headers(response, ("Cookie",))
        return response
