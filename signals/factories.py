import factory

from accounts import roles
from accounts.factories import UserFactory

from .models import Dossier, Signal
from .workflow import Level, Status


class SignalFactory(factory.django.DjangoModelFactory):
    """A signal created directly (no history); use ``services.create_signal`` for the real path."""

    class Meta:
        model = Signal

    title = factory.Sequence(lambda n: f"Knelpunt {n} bij de overdracht")
    description = "De overdracht van COA naar gemeente verloopt alleen per e-mail."
    submitted_by = factory.SubFactory(UserFactory, role=roles.PROFESSIONAL)
    organisation = factory.SelfAttribute("submitted_by.organisation")
    level = Level.UITVOERING
    status = Status.INGEDIEND


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    title = factory.Sequence(lambda n: f"Dossier {n}")
    level = Level.SCHAKEL
    status = Status.IN_BEHANDELING
