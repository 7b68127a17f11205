"""Consultations and teams on the pages: the workbench panel, "Vragen aan ons" for ketenpartner
staff, the answer form (reached from the signed e-mail link after login) and the
coordinators' close and publish handlers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles

from .. import services, workflow
from ..forms import apply_errors
from ..models import Consultation, Signal
from ..routing_forms import AnswerForm, ConcernedForm, ConsultForm, RerouteForm
from ..services import consultations as consult_services
from .common import coordinator_required, page


def routing_context(obj, bound) -> dict:
    """Team, re-route, consultations and concerned organisations on a workbench page."""
    kind = obj.workflow_kind
    return {
        "reroute_form": bound.get("reroute") or RerouteForm(level=obj.level, exclude=obj.team_id),
        "consult_form": bound.get("consult") or ConsultForm(),
        "concerned_form": bound.get("concerned")
        or (
            ConcernedForm(
                initial={"organisations": list(obj.concerned_organisations.all())},
                prefix="betrokken",
            )
            if kind == "signal"
            else None
        ),
        "consultations": Consultation.objects.filter(**{kind: obj}).select_related(
            "organisation", "contact", "answered_by"
        ),
    }


@login_required
def questions_for_us(request):
    """ "Vragen aan ons": everything asked of the user's organisation, and the signals that
    name it as a concerned party."""
    user = request.user
    if not user.has_role(roles.KETENPARTNER) or not user.organisation_id:
        raise PermissionDenied
    consultations = (
        Consultation.objects.visible_to(user)
        .for_organisation(user.organisation_id)
        .select_related("signal", "dossier", "contact")
        .order_by("status", "due_date", "pk")
    )
    concerning = (
        Signal.objects.visible_to(user)
        .filter(concerned_organisations=user.organisation_id)
        .for_lists()
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "signals/questions_for_us.html",
        {
            "consultations": consultations,
            "page_obj": page(request, concerning),
            "organisation": user.organisation,
        },
    )


@login_required
def consultation_answer(request, pk):
    consultation = get_object_or_404(
        Consultation.objects.select_related("organisation", "signal", "dossier"), pk=pk
    )
    user = request.user
    is_partner = consult_services.is_partner_of(user, consultation.organisation_id)
    if not is_partner and not workflow.is_coordinator(user):
        raise PermissionDenied(_("Deze vraag is niet aan uw organisatie gesteld."))
    token = request.GET.get("t")
    if token and not consult_services.check_link(consultation, token):
        messages.warning(request, _("Deze link is verlopen of ongeldig; u bent wel ingelogd."))
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not is_partner:
            raise PermissionDenied(_("Deze vraag is niet aan uw organisatie gesteld."))
        if form.is_valid():
            try:
                consult_services.answer(consultation, user, form.cleaned_data["answer"])
            except services.ValidationError as error:
                apply_errors(form, error)
            except services.SignalError as error:
                messages.error(request, error.message)
                return redirect(consultation.get_absolute_url())
            else:
                messages.success(request, _("Dank u wel. Uw antwoord is doorgegeven."))
                return redirect("signals:questions_for_us")
    return render(
        request,
        "signals/consultation_answer.html",
        {
            "consultation": consultation,
            "subject": consultation.subject,
            "form": form,
            "can_answer": is_partner and consultation.status == Consultation.Status.OPEN,
        },
    )


def _consultation_op(change):
    @coordinator_required
    @require_POST
    def view(request, pk):
        consultation = get_object_or_404(Consultation, pk=pk)
        try:
            change(request, consultation)
        except services.SignalError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Bijgewerkt."))
        subject = consultation.subject
        return redirect(services.common._workbench_url(subject))

    return view


consultation_close = _consultation_op(lambda request, c: consult_services.close(c, request.user))
consultation_publish = _consultation_op(
    lambda request, c: consult_services.publish_answer(
        c, request.user, on=request.POST.get("on") != "0"
    )
)
