from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy.validators import GuardWarningsMixin, PersonalDataGuardMixin

from . import services
from .models import Event, Membership, Opbrengst

TEXTAREA = {"rows": 8}


class PostBodyField(forms.CharField):
    """Post text: sanitised, length-limited and checked for personal data by the service layer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Bericht"))
        kwargs.setdefault("widget", forms.Textarea(attrs=TEXTAREA))
        kwargs.setdefault(
            "help_text",
            _(
                "Over de praktijk, niet over personen: geen namen of gegevens van inburgeraars. "
                "Links, lijsten en nadruk zijn toegestaan. Noem een lid met @ en het eerste deel "
                "van het e-mailadres, bijv. @priya."
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return services.clean_post_body(value)


class ThreadForm(GuardWarningsMixin, forms.Form):
    title = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = PostBodyField()

    def clean_title(self):
        return services.clean_title(self.cleaned_data["title"])


class ReplyForm(GuardWarningsMixin, forms.Form):
    body = PostBodyField(label=_("Uw reactie"))
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditPostForm(GuardWarningsMixin, forms.Form):
    body = PostBodyField()


class ReasonForm(GuardWarningsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class JoinForm(PersonalDataGuardMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Waarom wilt u meedoen? (optioneel)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    message = forms.CharField(
        label=_("Persoonlijke boodschap (optioneel)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PreferenceForm(forms.Form):
    notification_preference = forms.ChoiceField(
        label=_("Hoe wilt u op de hoogte blijven?"),
        choices=Membership.Digest.choices,
        widget=forms.RadioSelect,
    )


class EventForm(PersonalDataGuardMixin, forms.ModelForm):
    personal_data_fields = ["title", "agenda", "location"]
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "agenda",
            "capacity",
            "waitlist_enabled",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        if not cleaned.get("location") and not cleaned.get("online_url"):
            self.add_error("location", _("Geef een plaats of een online link op."))
        return cleaned


class ReportForm(PersonalDataGuardMixin, forms.Form):
    report = forms.CharField(
        label=_("Verslag"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10})
    )


class DocumentForm(GuardWarningsMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, tekst of CSV; maximaal 10 MB."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        services.check_upload(uploaded)
        return uploaded


class OpbrengstForm(PersonalDataGuardMixin, forms.ModelForm):
    class Meta:
        model = Opbrengst
        fields = ["kind", "title", "summary", "body", "source_thread"]
        widgets = {
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, community=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["source_thread"]
        field.queryset = community.threads.all() if community else field.queryset.none()
        field.label = _("Naar aanleiding van discussie (optioneel)")


class SignalForm(PersonalDataGuardMixin, forms.Form):
    title = forms.CharField(label=_("Titel van het signaal"), max_length=200)
    description = forms.CharField(
        label=_("Beschrijving van het knelpunt"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Het signaal gaat over het stelsel, niet over personen."),
    )


def non_field_error(form, error: ValidationError):
    for message in error.messages:
        form.add_error(None, message)
