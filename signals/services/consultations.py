"""Consultations: a coordinator asks ketenpartner organisations for input on a signal or
dossier; the organisation's staff answer in the product. Also the organisations a signal
names as concerned ("betrokken organisaties").

Question and answer go through the personal-data guard. Asking, reminding, answering,
closing and publishing are history rows of the signal or dossier.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles as account_roles
from notifications.services import notify
from taxonomy.models import Organisation

from .. import workflow
from ..deadlines import add_working_days
from ..models import Consultation, Signal
from .common import TEXT_MAX, _raise_if, _record, _workbench_url, clean_text
from .errors import ActionForbidden, SignalError, TransitionNotAllowed
from .routing import team_recipients

LINK_SALT = "signals.consultation"
LINK_MAX_AGE = 60 * 60 * 24 * 90  # a link in an e-mail works for 90 days
REMINDER_WORKING_DAYS = 2


def answer_link(consultation: Consultation) -> str:
    """The answer form's address with a signed token naming the consultation."""
    token = signing.dumps({"c": consultation.pk}, salt=LINK_SALT)
    return f"{reverse('signals:consultation_answer', args=[consultation.pk])}?t={token}"


def check_link(consultation: Consultation, token: str) -> bool:
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return False
    return data.get("c") == consultation.pk


def partner_staff(organisation_id) -> list[int]:
    group = account_roles.ROLES[account_roles.KETENPARTNER].group_name
    return list(
        get_user_model()
        .objects.filter(is_active=True, organisation_id=organisation_id, groups__name=group)
        .values_list("pk", flat=True)
    )


def is_partner_of(user, organisation_id) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.has_role(account_roles.KETENPARTNER)
        and user.organisation_id == organisation_id
    )


def _recipients(consultation) -> list[int]:
    if consultation.contact_id:
        return [consultation.contact_id]
    return partner_staff(consultation.organisation_id)


def _subject_kwargs(obj) -> dict:
    return obj.subject_kwargs()


def ask(obj, actor, organisations, question: str, due_date, contact=None) -> list[Consultation]:
    """Ask one or more organisations the same question (one consultation each)."""
    errors: dict = {}
    question = clean_text(question, "question", TEXT_MAX, errors, required=True)
    organisations = [
        o if isinstance(o, Organisation) else Organisation.objects.filter(pk=o).first()
        for o in organisations or ()
    ]
    if not organisations or None in organisations:
        errors["organisations"] = _("Kies minstens één bestaande organisatie.")
    if due_date is None or due_date < timezone.localdate():
        errors["due_date"] = _("Kies een datum vanaf vandaag.")
    contact_user = None
    if contact not in (None, ""):
        contact_user = get_user_model().objects.filter(pk=getattr(contact, "pk", contact)).first()
        org_ids = {o.pk for o in organisations if o}
        if contact_user is None or not any(is_partner_of(contact_user, i) for i in org_ids):
            errors["contact"] = _(
                "De contactpersoon moet ketenpartner zijn bij een van de gekozen organisaties."
            )
    _raise_if(errors)
    if not workflow.is_coordinator_of(actor, obj.level):
        raise ActionForbidden(_("Alleen een coördinator van dit niveau kan ketenpartners vragen."))
    created = []
    with transaction.atomic():
        for organisation in dict.fromkeys(organisations):
            consultation = Consultation.objects.create(
                organisation=organisation,
                contact=contact_user
                if contact_user and contact_user.organisation_id == organisation.pk
                else None,
                question=question,
                due_date=due_date,
                asked_by=actor,
                **_subject_kwargs(obj),
            )
            event = _record(
                obj,
                actor,
                "consult_ask",
                reason=question,
                payload={
                    "consultation": consultation.pk,
                    "organisation": organisation.pk,
                    "organisation_name": organisation.name,
                    "due_date": due_date.isoformat(),
                },
            )
            notify(
                _recipients(consultation),
                verb="consultation-asked",
                title=_("Vraag aan %(org)s over %(ref)s: %(title)s")
                % {"org": organisation.name, "ref": obj.reference, "title": obj.title[:120]},
                url=answer_link(consultation),
                body=question[:1000]
                + "\n\n"
                + _("Graag antwoord vóór %(date)s.") % {"date": due_date.strftime("%d-%m-%Y")},
                event_key=f"consultation:{consultation.pk}:asked:{event.pk}",
            )
            created.append(consultation)
    return created


def answer(consultation: Consultation, user, text: str) -> Consultation:
    """The organisation's ketenpartner staff answer; anyone else gets ActionForbidden (403)."""
    if not is_partner_of(user, consultation.organisation_id):
        raise ActionForbidden(_("Deze vraag is niet aan uw organisatie gesteld."))
    errors: dict = {}
    text = clean_text(text, "answer", TEXT_MAX, errors, required=True, label=_("uw antwoord"))
    _raise_if(errors)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.status != Consultation.Status.OPEN:
            raise TransitionNotAllowed(_("Deze vraag is al beantwoord of gesloten."))
        locked.answer = text
        locked.answered_by = user
        locked.answered_at = timezone.now()
        locked.status = Consultation.Status.ANSWERED
        locked.save()
        subject = locked.subject
        event = _record(
            subject,
            user,
            "consult_answer",
            reason=text,
            payload={"consultation": locked.pk, "organisation": locked.organisation_id},
        )
        recipients = set(team_recipients(subject))
        if locked.asked_by_id:
            recipients.add(locked.asked_by_id)
        notify(
            recipients,
            verb="consultation-answered",
            title=_("%(org)s heeft geantwoord over %(ref)s")
            % {"org": locked.organisation.name, "ref": subject.reference},
            url=_workbench_url(subject),
            body=text[:1000],
            event_key=f"consultation:{locked.pk}:answered:{event.pk}",
        )
    return locked


def _coordinator_change(consultation, actor, action, **changes):
    subject = consultation.subject
    if not workflow.is_coordinator_of(actor, subject.level):
        raise ActionForbidden(_("Alleen een coördinator van dit niveau kan dit doen."))
    with transaction.atomic():
        for name, value in changes.items():
            setattr(consultation, name, value)
        consultation.save(update_fields=list(changes))
        _record(
            subject,
            actor,
            action,
            payload={"consultation": consultation.pk, **{k: str(v) for k, v in changes.items()}},
        )
    return consultation


def close(consultation: Consultation, actor) -> Consultation:
    consultation.refresh_from_db()
    if consultation.status == Consultation.Status.CLOSED:
        raise TransitionNotAllowed(_("Deze vraag is al gesloten."))
    return _coordinator_change(
        consultation, actor, "consult_close", status=Consultation.Status.CLOSED
    )


def publish_answer(consultation: Consultation, actor, on: bool = True) -> Consultation:
    consultation.refresh_from_db()
    if on and not consultation.answer:
        raise SignalError(_("Er is nog geen antwoord om te publiceren."))
    return _coordinator_change(consultation, actor, "consult_publish", answer_is_public=on)


def send_reminders(today=None) -> int:
    """Remind the organisation a few working days before the due date (once per question)."""
    today = today or timezone.localdate()
    soon = add_working_days(today, REMINDER_WORKING_DAYS)
    due = Consultation.objects.open().filter(reminded_at__isnull=True, due_date__lte=soon)
    sent = 0
    for consultation in due.select_related("organisation", "signal", "dossier"):
        with transaction.atomic():
            subject = consultation.subject
            event = _record(
                subject, None, "consult_remind", payload={"consultation": consultation.pk}
            )
            consultation.reminded_at = timezone.now()
            consultation.save(update_fields=["reminded_at"])
            notify(
                _recipients(consultation),
                verb="consultation-reminder",
                title=_("Herinnering: vraag over %(ref)s, antwoord graag vóór %(date)s")
                % {"ref": subject.reference, "date": consultation.due_date.strftime("%d-%m-%Y")},
                url=answer_link(consultation),
                body=consultation.question[:1000],
                event_key=f"consultation:{consultation.pk}:reminder:{event.pk}",
                urgent=True,
            )
            sent += 1
    return sent


def set_concerned(signal: Signal, actor, organisations) -> Signal:
    """Coordinators name the organisations a signal concerns; those partners then see it."""
    if not workflow.is_coordinator_of(actor, signal.level):
        raise ActionForbidden(_("Alleen een coördinator van dit niveau kan dit aanpassen."))
    ids = sorted({getattr(o, "pk", o) for o in organisations or ()})
    known = set(Organisation.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if set(ids) - known:
        raise ValidationError({"organisations": [_("Onbekende organisatie.")]})
    with transaction.atomic():
        signal.concerned_organisations.set(ids)
        _record(signal, actor, "concerned", payload={"organisations": ids})
    return signal
