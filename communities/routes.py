"""Sub-routes of a community page (``/communities/<slug>/...``), served by Wagtail's routing.

Every route passes one gate first: a hidden community does not exist (404) for non-members.
The route methods only delegate to ``views``.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path


def _view(name):
    def route(self, request, *args, **kwargs):
        from . import views

        return getattr(views, name)(request, self, *args, **kwargs)

    route.__name__ = name
    return route


class CommunityRoutesMixin(RoutablePageMixin):
    def serve(self, request, view=None, args=None, kwargs=None):
        self.require_visible(request.user)
        try:
            return super().serve(request, view, args, kwargs)
        except PermissionDenied as denied:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return TemplateResponse(
                request,
                "communities/no_access.html",
                {"page": self, "base": self.get_url(request), "reason": str(denied)},
                status=403,
            )

    def serve_preview(self, request, mode_name):
        from . import views

        return views.community_home(request, self)

    index_route = path("", name="home")(_view("community_home"))
    join_route = path("lid-worden/", name="join")(_view("join"))
    leave_route = path("verlaten/", name="leave")(_view("leave"))
    members_route = path("leden/", name="members")(_view("members"))
    member_action_route = path("leden/<int:pk>/<str:action>/", name="member_action")(
        _view("member_action")
    )
    invite_route = path("uitnodigen/", name="invite")(_view("invite"))
    preferences_route = path("instellingen/", name="preferences")(_view("preferences"))
    threads_route = path("discussies/", name="threads")(_view("threads"))
    thread_new_route = path("discussies/nieuw/", name="thread_new")(_view("thread_new"))
    thread_route = path("discussies/<int:pk>/", name="thread")(_view("thread_detail"))
    thread_follow_route = path("discussies/<int:pk>/volgen/", name="thread_follow")(
        _view("thread_follow")
    )
    thread_signal_route = path("discussies/<int:pk>/signaal/", name="thread_signal")(
        _view("thread_signal")
    )
    post_edit_route = path("berichten/<int:pk>/bewerken/", name="post_edit")(_view("post_edit"))
    post_answer_route = path("berichten/<int:pk>/antwoord/", name="post_answer")(
        _view("post_answer")
    )
    post_report_route = path("berichten/<int:pk>/melden/", name="post_report")(_view("post_report"))
    post_moderate_route = path("berichten/<int:pk>/<str:action>/", name="post_moderate")(
        _view("post_moderate")
    )
    moderation_route = path("moderatie/", name="moderation")(_view("moderation"))
    events_route = path("bijeenkomsten/", name="events")(_view("events"))
    event_new_route = path("bijeenkomsten/nieuw/", name="event_new")(_view("event_edit"))
    event_route = path("bijeenkomsten/<int:pk>/", name="event")(_view("event_detail"))
    event_edit_route = path("bijeenkomsten/<int:pk>/bewerken/", name="event_edit")(
        _view("event_edit")
    )
    event_rsvp_route = path("bijeenkomsten/<int:pk>/aanmelden/", name="event_rsvp")(
        _view("event_rsvp")
    )
    event_cancel_route = path("bijeenkomsten/<int:pk>/afmelden/", name="event_cancel")(
        _view("event_cancel")
    )
    event_ics_route = path("bijeenkomsten/<int:pk>/agenda/", name="event_ics")(_view("event_ics"))
    event_report_route = path("bijeenkomsten/<int:pk>/verslag/", name="event_report")(
        _view("event_report")
    )
    documents_route = path("documenten/", name="documents")(_view("documents"))
    document_download_route = path("documenten/<int:pk>/download/", name="document_download")(
        _view("document_download")
    )
    document_delete_route = path("documenten/<int:pk>/verwijderen/", name="document_delete")(
        _view("document_delete")
    )
    opbrengsten_route = path("opbrengsten/", name="opbrengsten")(_view("opbrengsten"))
    opbrengst_new_route = path("opbrengsten/nieuw/", name="opbrengst_new")(_view("opbrengst_edit"))
    opbrengst_route = path("opbrengsten/<int:pk>/", name="opbrengst")(_view("opbrengst_detail"))
    opbrengst_offer_route = path("opbrengsten/<int:pk>/aanbieden/", name="opbrengst_offer")(
        _view("opbrengst_offer")
    )
