"""Reporting pages: dashboards per scope, the kwartaalrapportage, phase pages, the public page
and the CSV import of ketenindicator values. Who sees what: ``reporting.roles``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from signals.models import Dossier, Signal
from signals.workflow import Level
from taxonomy.models import Phase, Region

from . import display, pdf, roles, services, xlsx
from .charts import line_chart
from .figures import OVERALL, ReportFilter, cached, compute_figures, public_figures
from .forms import DashboardFilterForm, GenerateReportForm, IndicatorImportForm
from .models import QuarterlyReport
from .periods import Period


def _require_scope(request, scope):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not roles.can_see_scope(request.user, scope):
        raise PermissionDenied(_("U heeft geen toegang tot deze rapportage."))
    return None


def _scope_nav(user, current):
    return [
        {
            "scope": scope,
            "label": services.scope_label(scope),
            "url": reverse("reporting:dashboard")
            if scope == OVERALL
            else reverse("reporting:level", args=[scope]),
            "current": scope == current,
        }
        for scope in roles.dashboard_scopes(user)
    ]


def home(request):
    scopes = roles.dashboard_scopes(request.user)
    if not scopes:
        return redirect("reporting:public")
    if scopes[0] == OVERALL:
        return redirect("reporting:dashboard")
    return redirect("reporting:level", scopes[0])


def dashboard(request, level=None):
    scope = level or OVERALL
    denied = _require_scope(request, scope)
    if denied:
        return denied
    form = DashboardFilterForm(request.GET or None)
    start, end = form.range()
    f = ReportFilter(start=start, end=end, level=level, **form.ids())
    figures = cached(compute_figures, f)
    today = timezone.localdate()
    return render(
        request,
        "reporting/dashboard.html",
        {
            "scope": scope,
            "scope_label": services.scope_label(scope),
            "scope_nav": _scope_nav(request.user, scope),
            "form": form,
            "figures": figures,
            "kpis": display.kpis(figures),
            "charts": display.figure_charts(figures),
            "report_period": Period.containing(today).previous(),
            "phases": Phase.objects.active(),
        },
    )


def public(request):
    form = DashboardFilterForm(request.GET or None)
    start, end = form.range()
    ids = form.ids()
    f = ReportFilter(start=start, end=end, theme=ids["theme"], phase=ids["phase"])
    figures = cached(public_figures, f)
    return render(
        request,
        "reporting/public.html",
        {
            "form": form,
            "figures": figures,
            "kpis": display.kpis(figures),
            "charts": display.figure_charts(figures, public=True),
        },
    )


def phase_page(request, slug):
    """Indicators of a phase (trend against target) next to the signals and dossiers about it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    phase = get_object_or_404(Phase, slug=slug)
    region = None
    region_slug = request.GET.get("regio") or ""
    if region_slug:
        region = Region.objects.filter(slug=region_slug).first()
    trends = services.indicator_trends(phase, region=region)
    items = []
    for trend in trends:
        indicator = trend["indicator"]
        values = trend["values"]
        chart = line_chart(
            f"indicator-{indicator.pk}",
            indicator.name,
            _("Verloop van %(name)s per kwartaal (%(unit)s), met de streefwaarde.")
            % {"name": indicator.name, "unit": indicator.unit},
            [v.period_label for v in values],
            [(region.name if region else _("Landelijk"), [float(v.value) for v in values])],
            target=indicator.target,
            label_header=_("Kwartaal"),
        )
        latest = values[-1] if values else None
        items.append(
            {
                "indicator": indicator,
                "chart": chart,
                "latest": latest,
                "meets_target": indicator.meets_target(latest.value) if latest else None,
            }
        )
    signals = (
        Signal.objects.visible_to(request.user)
        .filter(phase=phase)
        .select_related("region")
        .order_by("-created_at", "-pk")[:20]
    )
    dossiers = (
        Dossier.objects.visible_to(request.user)
        .filter(signals__phase=phase)
        .distinct()
        .order_by("-created_at", "-pk")[:20]
    )
    return render(
        request,
        "reporting/phase.html",
        {
            "phase": phase,
            "phases": Phase.objects.active(),
            "regions": Region.objects.active().exclude(kind=Region.Kind.LANDELIJK),
            "region": region,
            "items": items,
            "signals": signals,
            "dossiers": dossiers,
        },
    )


# --------------------------------------------------------------------------- quarterly


def _parse_period(text):
    try:
        period = Period.parse(text)
    except ValueError:
        raise Http404
    if period.kind != "kwartaal":
        raise Http404
    return period


@require_http_methods(["GET", "POST"])
def quarterly_index(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scopes = roles.dashboard_scopes(request.user)
    if not scopes:
        raise PermissionDenied(_("U heeft geen toegang tot de rapportages."))
    labels = {s: services.scope_label(s) for s in scopes}
    form = GenerateReportForm(request.POST or None, scopes=scopes, scope_labels=labels)
    if request.method == "POST" and form.is_valid():
        scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
        report, _created = services.generate_quarterly_report(scope, period, user=request.user)
        messages.success(
            request,
            _("De kwartaalrapportage %(period)s (%(scope)s) is berekend.")
            % {"period": period.label, "scope": labels[scope]},
        )
        return redirect(report.get_absolute_url())
    reports = QuarterlyReport.objects.filter(scope__in=scopes).only(
        "scope", "year", "quarter", "generated_at"
    )[:60]
    return render(
        request,
        "reporting/quarterly_index.html",
        {
            "form": form,
            "reports": [(r, labels.get(r.scope, r.scope)) for r in reports],
        },
    )


def _report_context(request, scope, period_text):
    if scope not in roles.SCOPES:
        raise Http404
    period = _parse_period(period_text)
    denied = _require_scope(request, scope)
    if denied:
        return denied, None
    data, stored = services.report_data(scope, period)
    return None, {"data": data, "stored": stored, "period": period, "scope": scope}


def quarterly(request, scope, period):
    denied, ctx = _report_context(request, scope, period)
    if denied:
        return denied
    figures = ctx["data"]["figures"]
    ctx.update(
        {
            "figures": figures,
            "kpis": display.kpis(figures),
            "charts": display.figure_charts(figures),
            "scope_label": services.scope_label(scope),
        }
    )
    return render(request, "reporting/quarterly.html", ctx)


def quarterly_pdf(request, scope, period):
    denied, ctx = _report_context(request, scope, period)
    if denied:
        return denied
    response = HttpResponse(pdf.build_pdf(ctx["data"]), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="kwartaalrapportage-{ctx["period"].label}-{scope}.pdf"'
    )
    return response


def quarterly_xlsx(request, scope, period):
    denied, ctx = _report_context(request, scope, period)
    if denied:
        return denied
    response = HttpResponse(
        xlsx.build_xlsx(ctx["data"]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="kwartaalrapportage-{ctx["period"].label}-{scope}.xlsx"'
    )
    return response


# --------------------------------------------------------------------------- import


@require_http_methods(["GET", "POST"])
def import_values(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not roles.can_edit_indicators(request.user):
        raise PermissionDenied(_("Alleen redacteuren kunnen indicatorwaarden importeren."))
    result = None
    file_error = None
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.import_indicator_values(form.cleaned_data["file"].read())
        except services.ImportFileError as exc:
            file_error = str(exc)
        else:
            if result.imported:
                messages.success(
                    request,
                    _("%(n)d regels verwerkt: %(c)d nieuw, %(u)d bijgewerkt, %(s)d ongewijzigd.")
                    % {
                        "n": result.imported,
                        "c": result.created,
                        "u": result.updated,
                        "s": result.unchanged,
                    },
                )
    return render(
        request,
        "reporting/import.html",
        {"form": form, "result": result, "file_error": file_error, "levels": Level},
    )
