import factory

from .models import Organisation, Phase, Region, Theme


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"gemeente-voorbeeld-{n}")
    type = Organisation.Type.GEMEENTE
    region = factory.SubFactory(RegionFactory)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Fase {n}")
    slug = factory.Sequence(lambda n: f"fase-{n}")
    number = factory.Sequence(lambda n: 100 + n)
