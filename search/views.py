"""Search page, click-through redirect and the JSON API."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from . import feedback as search_feedback
from . import services
from .query import FACET_LABELS, FACET_PARAMS, SearchParams
from .text import clean_query

PARAM_FOR_FACET = {facet: param for param, facet in FACET_PARAMS.items()}


def _facet_groups(response):
    groups = []
    for facet, values in response.facets.items():
        groups.append(
            {
                "facet": facet,
                "param": PARAM_FOR_FACET[facet],
                "label": FACET_LABELS[facet],
                "values": values,
            }
        )
    return groups


@require_GET
def search_page(request):
    return _render_search(request, SearchParams.from_querydict(request.GET))


def _render_search(request, params, feedback_form=None, status=200):
    response = services.run_search(request.user, params, channel="page")
    results = []
    for position, hit in enumerate(response.hits, start=params.offset + 1):
        token = services.click_token(hit, position, response.query_log_id, params.q)
        results.append({"hit": hit, "token": token})
    page_obj = SimpleNamespace(
        number=params.page,
        paginator=SimpleNamespace(num_pages=response.num_pages),
        has_other_pages=response.num_pages > 1,
        has_previous=params.page > 1,
        has_next=params.page < response.num_pages,
        previous_page_number=params.page - 1,
        next_page_number=params.page + 1,
    )
    context = {
        "params": params,
        "response": response,
        "results": results,
        "facet_groups": _facet_groups(response),
        "search_query": params.q,
        "page_obj": page_obj,
        "searched": bool(params.q or params.filters),
        "feedback_form": feedback_form
        or search_feedback.SearchFeedbackForm(initial={"q": params.q}),
    }
    return render(request, "search/search.html", context, status=status)


@require_POST
def feedback(request):
    """'Heeft u gevonden wat u zocht?' as a plain POST form: works without JavaScript."""
    form = search_feedback.SearchFeedbackForm(request.POST)
    q = clean_query(request.POST.get("q", ""))
    params = SearchParams(q=q)
    if not form.is_valid():
        return _render_search(request, params, form, status=400)
    try:
        search_feedback.submit(
            request,
            query=q,
            found=form.cleaned_data["found"],
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as error:
        form.add_error("comment", error)
        return _render_search(request, params, form, status=400)
    except search_feedback.RateLimited:
        form.add_error(None, _("U hebt in korte tijd veel reacties gegeven. Probeer het later."))
        return _render_search(request, params, form, status=429)
    messages.success(request, _("Bedankt voor uw reactie! Daarmee verbeteren we het zoeken."))
    return HttpResponseRedirect(reverse("search:search") + "?" + urlencode({"q": q}) + "#feedback")


@require_GET
def click(request):
    url = services.record_click(request.GET.get("t", "")[:2000])
    if url is None:
        return HttpResponseBadRequest(_("Deze link is ongeldig of verlopen."))
    return HttpResponseRedirect(url)


# API ---------------------------------------------------------------------------------------


class HitSerializer(serializers.Serializer):
    type = serializers.CharField(source="kind")
    type_label = serializers.CharField(source="kind_label")
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: escaped text, matches wrapped in <mark>.")
    url = serializers.CharField()
    date = serializers.DateTimeField(allow_null=True)
    score = serializers.FloatField()
    level = serializers.CharField()
    status = serializers.CharField()
    promoted = serializers.BooleanField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField()
    count_exact = serializers.BooleanField(
        help_text="False when the query matched more documents than counted: count is then "
        "a lower bound (and so are the facet counts)."
    )
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    sort = serializers.CharField()
    suggestion = serializers.CharField(help_text="'Bedoelde u ...?' (empty when none).")
    results = HitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))


class AutocompleteItemSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    type = serializers.CharField()


_FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Zoekvraag (max. 200 tekens)."),
    OpenApiParameter("type", str, many=True, description="qa, handreiking, signal, dossier, ..."),
    OpenApiParameter("theme", str, many=True),
    OpenApiParameter("phase", str, many=True),
    OpenApiParameter("organisation", str, many=True),
    OpenApiParameter("level", str, many=True),
    OpenApiParameter("status", str, many=True),
    OpenApiParameter("sort", str, enum=["relevance", "date"]),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int, description="1-50, standaard 10."),
]


class SearchAPIView(APIView):
    """Search knowledge, communities and signals; results are filtered for the caller."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=_FILTER_PARAMETERS, responses=SearchResultSerializer, tags=["search"])
    def get(self, request):
        params = SearchParams.from_querydict(request.query_params)
        response = services.run_search(request.user, params, channel="api")
        data = {
            "query": params.q,
            "count": response.total,
            "count_exact": response.total_exact,
            "page": params.page,
            "num_pages": response.num_pages,
            "sort": params.sort,
            "suggestion": response.suggestion,
            "results": HitSerializer(response.hits, many=True).data,
            "facets": {
                PARAM_FOR_FACET[facet]: FacetValueSerializer(values, many=True).data
                for facet, values in response.facets.items()
            },
        }
        return Response(data)


class AutocompleteAPIView(APIView):
    """Titles of questions and handreikingen the caller may read, for the search box."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Begin van een titel.")],
        responses=AutocompleteItemSerializer(many=True),
        tags=["search"],
    )
    def get(self, request):
        return Response(services.autocomplete(request.user, request.query_params.get("q", "")))
