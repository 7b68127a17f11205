from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Organisation

from . import throttle
from .oidc.policy import password_login_refusal

User = get_user_model()


class LoginForm(AuthenticationForm):
    """E-mail and password, with a lock-out after repeated failures."""

    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of wachtwoord klopt niet. Let op hoofdletters in het wachtwoord."
        ),
        "inactive": _(
            "Dit account is nog niet geactiveerd. Kijk in uw e-mail voor de activatielink."
        ),
        "locked": _(
            "Er is te vaak een verkeerd wachtwoord ingevuld. Probeer het over %(minutes)s minuten opnieuw "
            "of stel een nieuw wachtwoord in."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        if refusal := password_login_refusal(email):
            raise forms.ValidationError(refusal, code="password_login_disabled")
        if throttle.is_locked(email, self.request):
            from django.conf import settings

            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.register_failure(email, self.request)
            raise
        throttle.reset(email, self.request)
        return cleaned


class RegistrationForm(forms.ModelForm):
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimaal 10 tekens; niet alleen cijfers en geen veelgebruikt wachtwoord."),
    )
    password2 = forms.CharField(
        label=_("Herhaal wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=_(
            "Ik heb de privacyverklaring gelezen en meld geen persoonsgegevens van inburgeraars."
        ),
        error_messages={
            "required": _("U moet akkoord gaan met de privacyverklaring om een account te maken.")
        },
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "organisation", "job_title"]
        labels = {
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "email": _("Werk-e-mailadres"),
            "organisation": _("Organisatie"),
            "job_title": _("Functie"),
        }
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("name")
        self.fields["organisation"].required = True
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs["autocomplete"] = (
                "given-name" if name == "first_name" else "family-name"
            )

    def clean_email(self):
        """An address that already has an account is not an error here: saying so would tell
        anyone which addresses have accounts. The view answers as for a new account and
        mails the existing owner instead (``account_exists`` is then True)."""
        email = self.cleaned_data["email"].strip().lower()
        self.account_exists = User.objects.filter(email__iexact=email).exists()
        return email

    def validate_unique(self):
        # The e-mail uniqueness check is handled in clean_email (without disclosing it).
        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions() | {"email"})
        except forms.ValidationError as error:
            self._update_errors(error)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            candidate = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "organisation", "job_title", "preferred_language"]
        labels = {
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "organisation": _("Organisatie"),
            "job_title": _("Functie"),
            "preferred_language": _("Voorkeurstaal voor e-mail"),
        }
        widgets = {
            "preferred_language": forms.Select(choices=[("nl", "Nederlands"), ("en", "English")])
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("name")
