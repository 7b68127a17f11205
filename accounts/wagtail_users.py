"""Wagtail's user admin, extended with the organisation a user belongs to."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from taxonomy.models import Organisation


class _OrganisationFields(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.active(), required=False, label=_("Organisatie")
    )
    job_title = forms.CharField(required=False, max_length=120, label=_("Functie"))


class AdminUserCreationForm(UserCreationForm, _OrganisationFields):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"organisation", "job_title"}


class AdminUserEditForm(UserEditForm, _OrganisationFields):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"organisation", "job_title"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
