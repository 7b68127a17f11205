"""Coordinator operations shared by the workbench signal page and the dossier page.

Each handler does one thing to ``obj`` (a signal or a dossier) and returns a redirect, or a
dict of bound forms that the page shows again with their errors (nothing typed is lost).
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import services, workflow
from ..forms import ActionForm, AssignForm, BundleForm, FollowUpForm, NoteForm, apply_errors


def _page_url(obj) -> str:
    return services.common._workbench_url(obj)


def form_operation(key, make_form, run):
    """A handler that binds a form, runs ``run(obj, user, form)`` and reports back.

    ``run`` returns the success message. Validation and domain errors about a field of the
    form are shown on the form itself.
    """

    def handler(request, obj):
        form = make_form(request, obj)
        if form.is_valid():
            try:
                message = run(obj, request.user, form)
            except ValidationError as error:
                apply_errors(form, error)
            except services.SignalError as error:
                if error.field not in form.fields:
                    raise
                apply_errors(form, error)
            else:
                messages.success(request, message)
                return redirect(_page_url(obj))
        return {key: form}

    return handler


def _action_form(request, obj):
    name = request.POST.get("action", "")
    return ActionForm(request.POST, prefix=name, initial={"action": name})


def _run_action(obj, user, form):
    name = form.initial["action"]
    services.apply_action(obj, name, user, form.cleaned_data["reason"])
    return _("Gelukt: %(a)s.") % {"a": workflow.get_action(name).label}


def _run_assign(obj, user, form):
    services.apply_action(obj, "assign", user, assignee=form.cleaned_data["assigned_to"])
    return _("De behandelaar is aangepast.")


def _run_bundle(obj, user, form):
    data = form.cleaned_data
    dossier = services.bundle([obj], data["dossier"] or data["new_title"], user, data["reason"])
    return _("Gebundeld in dossier %(d)s.") % {"d": dossier.title}


def _run_note(obj, user, form):
    services.add_note(obj, user, form.cleaned_data["text"])
    return _("Notitie opgeslagen.")


def _run_followup(obj, user, form):
    services.add_followup(obj, user, form.cleaned_data["text"], form.cleaned_data["is_public"])
    return _("Update geplaatst; melders en volgers zijn ingelicht.")


_apply_action = form_operation("action", _action_form, _run_action)


def action(request, obj):
    """Take a workflow action, or (button "Voorbeeld") show the e-mail each recipient gets."""
    if not request.POST.get("preview"):
        return _apply_action(request, obj)
    from ..services.replies import preview_emails

    form = _action_form(request, obj)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "") if hasattr(form, "cleaned_data") else ""
    name = form.initial["action"]
    return {
        "action": form,
        "extra": {
            "email_preview": preview_emails(obj, name, reason, request.user),
            "preview_action": name,
        },
    }


assign = form_operation(
    "assign", lambda request, obj: AssignForm(request.POST, level=obj.level), _run_assign
)
bundle = form_operation("bundle", lambda request, obj: BundleForm(request.POST), _run_bundle)
note = form_operation("note", lambda request, obj: NoteForm(request.POST), _run_note)
followup = form_operation(
    "followup", lambda request, obj: FollowUpForm(request.POST), _run_followup
)


def question(request, obj):
    page = services.outcome_to_question_draft(obj, request.user)
    messages.success(
        request,
        _("Concept voor vraag en antwoord gemaakt voor de redactie: %(t)s.") % {"t": page.title},
    )
    return redirect(_page_url(obj))


def operation_view(load, render_page, handler, *, guard=None):
    """Wrap ``handler`` as a POST view: load the object, run, re-render with bound forms."""

    @wraps(handler)
    def view(request, pk):
        obj = load(request.user, pk)
        if guard is not None:
            guard(request.user, obj)
        try:
            result = handler(request, obj)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_page_url(obj))
        except services.SignalError as error:
            messages.error(request, error.message)
            return redirect(_page_url(obj))
        if isinstance(result, dict):
            return render_page(request, obj, result)
        return result

    return view


def _run_reroute(obj, user, form):
    from ..services.routing import reroute

    reroute(obj, form.cleaned_data["team"], user, form.cleaned_data["reason"])
    return _("Doorgestuurd naar %(team)s.") % {"team": form.cleaned_data["team"].name}


def _run_consult(obj, user, form):
    from ..services.consultations import ask

    data = form.cleaned_data
    asked = ask(
        obj, user, data["organisations"], data["question"], data["due_date"], data["contact"]
    )
    return _("Vraag gesteld aan %(orgs)s.") % {
        "orgs": ", ".join(c.organisation.name for c in asked)
    }


def _run_concerned(obj, user, form):
    from ..services.consultations import set_concerned

    set_concerned(obj, user, form.cleaned_data["organisations"])
    return _("Betrokken organisaties bijgewerkt.")


def _reroute_form(request, obj):
    from ..routing_forms import RerouteForm

    return RerouteForm(request.POST, level=obj.level, exclude=obj.team_id)


def _consult_form(request, obj):
    from ..routing_forms import ConsultForm

    return ConsultForm(request.POST)


def _concerned_form(request, obj):
    from ..routing_forms import ConcernedForm

    return ConcernedForm(request.POST, prefix="betrokken")


reroute = form_operation("reroute", _reroute_form, _run_reroute)
consult = form_operation("consult", _consult_form, _run_consult)
concerned = form_operation("concerned", _concerned_form, _run_concerned)
