from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog, set_language
from django.views.static import serve as static_serve
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import admin_doors
from core.http_cache import same_origin_post

from . import api, views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    # One login door: the admin login and reset pages go through the site's own forms.
    path("django-admin/login/", admin_doors.django_admin_login),
    path("admin/login/", admin_doors.wagtail_login),
    path("admin/password_reset/", admin_doors.password_reset),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    # Anonymous pages carry no CSRF token (they are cached for everybody): checked by origin.
    path("i18n/setlang/", same_origin_post(set_language), name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", api.api_docs, name="api-docs"),
    path("account/", include("accounts.urls")),
    path("", include("signals.urls")),
    path("", include("feedback.urls")),
    path("", include("communities.urls")),
    path("", include("knowledge.urls")),
    path("", include("search.urls")),
    path("", include("reporting.urls")),
    path("", include("notifications.urls")),
]

# Only image renditions are served straight from MEDIA_ROOT; documents and community
# uploads go through views that check who may read them.
urlpatterns += [
    re_path(
        r"^media/(?P<path>(?:images|original_images)/[^/]+)$",
        static_serve,
        {"document_root": settings.MEDIA_ROOT},
    )
]

# Wagtail's page serving last: it catches every remaining path.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
