"""Forms: the public inburgeraar form (texts per language from ``texts.py``) and the
coordinators' moderation forms (site UI, gettext)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.sanitize import plain_text
from privacy.validators import GuardWarningsMixin

from . import services, texts
from .models import Feedback

CONTACT_NO = "nee"
CONTACT_YES = "ja"


class FeedbackForm(forms.Form):
    """One question per fieldset; every label, help text and error in the chosen language."""

    kind = forms.ChoiceField(widget=forms.RadioSelect)
    topic = forms.ChoiceField(widget=forms.RadioSelect)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}))
    contact = forms.ChoiceField(widget=forms.RadioSelect, required=False, initial=CONTACT_NO)
    contact_address = forms.CharField(required=False, max_length=254)
    give_name = forms.BooleanField(required=False)
    # Honeypot: hidden from people (CSS, aria-hidden, no tab stop); bots tend to fill it.
    website = forms.CharField(required=False)

    def __init__(self, *args, language: str, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.t = t = texts.texts_for(language)
        self.user = user
        required = {"required": None, "invalid_choice": t["err_invalid_choice"]}

        kind = self.fields["kind"]
        kind.label = t["kind_label"]
        kind.choices = [(key, t["kinds"][key]) for key in texts.KINDS]
        kind.error_messages = {**required, "required": t["err_required_kind"]}

        topic = self.fields["topic"]
        topic.label = t["topic_label"]
        topic.help_text = t["topic_help"]
        topic.choices = [(key, t["topics"][key]) for key in texts.TOPICS]
        topic.error_messages = {**required, "required": t["err_required_topic"]}

        text = self.fields["text"]
        text.label = t["text_label"]
        text.help_text = t["text_help"]
        text.error_messages = {"required": t["err_required_text"]}
        text.widget.attrs["maxlength"] = str(texts.MAX_TEXT_LENGTH)

        contact = self.fields["contact"]
        contact.label = t["contact_label"]
        contact.help_text = t["contact_help"] % {"days": services.retention_days()}
        contact.choices = [(key, t["contact_choices"][key]) for key in (CONTACT_NO, CONTACT_YES)]
        contact.error_messages = {"invalid_choice": t["err_invalid_choice"]}

        address = self.fields["contact_address"]
        address.label = t["contact_address_label"]
        address.help_text = t["contact_address_help"]
        address.error_messages = {"max_length": t["err_contact_invalid"]}
        address.widget.attrs.update({"autocomplete": "email", "inputmode": "email", "dir": "ltr"})

        if user is not None and user.is_authenticated:
            self.fields["give_name"].label = t["name_label"]
            self.fields["give_name"].help_text = t["name_help"]
        else:
            del self.fields["give_name"]

        honeypot = self.fields["website"]
        honeypot.label = t["honeypot_label"]
        honeypot.widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    # -- validation -----------------------------------------------------------------

    def clean_text(self):
        return services.clean_feedback_text(self.cleaned_data.get("text", ""), self.language)

    def clean_contact_address(self):
        address = plain_text(self.cleaned_data.get("contact_address", ""), max_length=254)
        if address and not services.contact_is_valid(address):
            raise ValidationError(self.t["err_contact_invalid"], code="invalid")
        return address

    def clean(self):
        cleaned = super().clean()
        wants_contact = cleaned.get("contact") == CONTACT_YES
        address = cleaned.get("contact_address")
        if "contact_address" in cleaned:
            if wants_contact and not address:
                self.add_error("contact_address", self.t["err_contact_missing"])
            elif address and not wants_contact:
                self.add_error("contact_address", self.t["err_contact_without_yes"])
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    # -- rendering helpers -----------------------------------------------------------

    def anchor(self, name: str) -> str:
        bound = self[name]
        if isinstance(bound.field.widget, forms.RadioSelect):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def error_links(self) -> list[dict]:
        """Every error, in form order, with the id of the input it belongs to."""
        links = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                links.append(
                    {"anchor": self.anchor(name), "label": self[name].label, "message": message}
                )
        return links


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *Feedback.Status.choices],
    )
    language = forms.ChoiceField(
        label=_("Taal"),
        required=False,
        choices=[("", _("Alle talen")), *[(c, n) for c, n, _d in texts.LANGUAGES]],
    )
    topic = forms.ChoiceField(
        label=_("Onderwerp"), required=False, choices=[("", _("Alle onderwerpen"))]
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Goed en moeilijk"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices += list(Feedback.Topic.choices)
        self.fields["kind"].choices += list(Feedback.Kind.choices)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        for name in ("status", "language", "topic", "kind"):
            value = self.cleaned_data.get(name)
            if value:
                queryset = queryset.filter(**{name: value})
        return queryset


class ToSignalForm(GuardWarningsMixin, forms.Form):
    title = forms.CharField(label=_("Titel van het signaal"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Beschrijf het knelpunt in het stelsel. Geen gegevens over personen."),
    )


class LinkForm(GuardWarningsMixin, forms.Form):
    signal = forms.CharField(
        label=_("Nummer van het bestaande signaal"),
        max_length=20,
        help_text=_("Het nummer staat bij het signaal, bijvoorbeeld S-00042 of 42."),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_signal(self):
        match = re.fullmatch(r"\s*(?:[sS]-?)?0*(\d{1,12})\s*", self.cleaned_data["signal"])
        if not match or int(match.group(1)) == 0:
            raise ValidationError(_("Vul een signaalnummer in, bijvoorbeeld S-00042."))
        return int(match.group(1))


class ArchiveForm(GuardWarningsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden van archiveren"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: gaat over een persoonlijk dossier, of is geen knelpunt."),
        error_messages={"required": _("Geef een reden om deze feedback te archiveren.")},
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Antwoord aan de inburgeraar"),
        max_length=texts.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eenvoudige taal (B1). Geen gegevens over personen."),
    )
    language = forms.ChoiceField(
        label=_("Taal van het antwoord"),
        choices=[(code, name) for code, name, _d in texts.LANGUAGES],
        initial=texts.DEFAULT_LANGUAGE,
    )


class OutcomeForm(forms.Form):
    """One theme's outcome in B1 Dutch, with a title and text per other language."""

    theme = forms.ModelChoiceField(label=_("Thema"), queryset=None)
    title = forms.CharField(label=_("Titel (B1-Nederlands)"), max_length=200)
    body = forms.CharField(
        label=_("Wat we deden (B1-Nederlands)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    is_published = forms.BooleanField(label=_("Publiceren"), required=False)

    def __init__(self, *args, outcome=None, themes=None, **kwargs):
        if outcome is not None:
            kwargs["initial"] = self._initial(outcome)
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        for code, name, _d in texts.LANGUAGES[1:]:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Titel in het %(language)s") % {"language": name},
                max_length=200,
                required=False,
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Tekst in het %(language)s") % {"language": name},
                max_length=4000,
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": 4, "lang": code, "dir": texts.DIRECTIONS[code]}
                ),
            )
            self.fields[f"title_{code}"].widget.attrs.update(
                {"lang": code, "dir": texts.DIRECTIONS[code]}
            )

    @staticmethod
    def _initial(outcome):
        initial = {
            "theme": outcome.theme_id,
            "title": outcome.title,
            "body": outcome.body,
            "is_published": outcome.is_published,
        }
        for row in outcome.translations.all():
            initial[f"title_{row.language}"] = row.title
            initial[f"body_{row.language}"] = row.body
        return initial

    def translations(self) -> dict:
        return {
            code: (
                self.cleaned_data.get(f"title_{code}", ""),
                self.cleaned_data.get(f"body_{code}", ""),
            )
            for code, _n, _d in texts.LANGUAGES[1:]
        }
