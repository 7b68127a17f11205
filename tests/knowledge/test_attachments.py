"""Documents used on knowledge pages: findable by their title and the text inside the file,
for the readers of those pages only, and served only to them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from accounts import roles
from knowledge.factories import publish_handreiking
from knowledge.models import Audience, KnowledgeAttachment
from search.models import ExtractedText, SearchDocument
from search.services import search
from tests.search.test_extract import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(settings, tmp_path, django_capture_on_commit_callbacks):
    # Files on disk (the test settings keep them in memory), so downloads can be served.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }

    def _upload(title, text):
        with django_capture_on_commit_callbacks(execute=True):
            document = get_document_model().objects.create(
                title=title, file=ContentFile(make_pdf(text), name="bijlage.pdf")
            )
        entry = ExtractedText.objects.get(object_id=str(document.pk))
        assert entry.text, (entry.status, entry.reason)
        return document

    return _upload


def _publish(capture, title, document, *, audience=Audience.PUBLIC, as_link=False):
    if as_link:
        body = [
            (
                "paragraph",
                f'<p>Zie <a linktype="document" id="{document.pk}">het formulier</a>.</p>',
            )
        ]
    else:
        body = [("document", {"document": document, "title": ""})]
    with capture(execute=True):
        return publish_handreiking(title, audience=audience, body=body)


def _titles(user, query):
    return [hit.title for hit in search(user, query).hits]


def test_document_on_a_public_handreiking_is_found_by_the_text_inside_it(
    kb, upload, django_capture_on_commit_callbacks
):
    document = upload("Checklist warme overdracht", "Afspraken over het werkplekleren")
    page = _publish(django_capture_on_commit_callbacks, "Handreiking overdracht", document)
    hits = search(AnonymousUser(), "werkplekleren").hits
    assert [h.title for h in hits] == ["Checklist warme overdracht"]
    assert hits[0].kind == "document"
    assert hits[0].url == document.url
    indexed = SearchDocument.objects.get(source="knowledge.document", object_id=str(document.pk))
    assert page.title in indexed.summary  # "Bijlage bij: <handreiking>"


def test_a_link_in_the_text_attaches_the_document_too(
    kb, upload, django_capture_on_commit_callbacks
):
    document = upload("Formulier leerroute", "Het aanvraagformulier voor de onderwijsroute")
    _publish(django_capture_on_commit_callbacks, "Handreiking leerroute", document, as_link=True)
    assert KnowledgeAttachment.objects.filter(document=document).exists()
    assert _titles(AnonymousUser(), "aanvraagformulier") == ["Formulier leerroute"]


def test_document_of_a_restricted_handreiking_is_for_chain_professionals_only(
    kb, upload, make_user, client, django_capture_on_commit_callbacks
):
    document = upload("Interne notitie ketenoverleg", "Knelpunten bij de kinderopvangtoeslag")
    _publish(
        django_capture_on_commit_callbacks,
        "Handreiking ketenoverleg",
        document,
        audience=Audience.PROFESSIONALS,
    )
    professional = make_user(role=roles.PROFESSIONAL)
    assert _titles(professional, "kinderopvangtoeslag") == ["Interne notitie ketenoverleg"]
    assert _titles(AnonymousUser(), "kinderopvangtoeslag") == []
    outsider = make_user(role=None)
    assert _titles(outsider, "kinderopvangtoeslag") == []

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and "inloggen" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(document.url).status_code == 403
    client.force_login(professional)
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF")
    served.close()


def test_removing_the_document_or_unpublishing_the_page_takes_it_out_of_search(
    kb, upload, django_capture_on_commit_callbacks
):
    document = upload("Stappenplan PVT", "Het stappenplan voor het eerste gesprek")
    kept = upload("Overzicht MAP", "De module arbeidsmarkt en participatie")
    page = _publish(django_capture_on_commit_callbacks, "Handreiking PVT", document)
    other = _publish(django_capture_on_commit_callbacks, "Handreiking MAP", kept)
    assert "Stappenplan PVT" in _titles(AnonymousUser(), "stappenplan")

    page.body = [("paragraph", "<p>De uitleg staat nu in de tekst zelf.</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Stappenplan PVT" not in _titles(AnonymousUser(), "stappenplan")
    assert not KnowledgeAttachment.objects.filter(document=document).exists()

    with django_capture_on_commit_callbacks(execute=True):
        other.unpublish()
    assert "Overzicht MAP" not in _titles(AnonymousUser(), "arbeidsmarkt")
