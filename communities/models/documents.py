"""Private documents: stored outside MEDIA_ROOT, streamed by a checked view."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .pages import CommunityPage, _readable_ids


class PrivateDocumentStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT, without a public URL: they are streamed by a checked view."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(
            getattr(
                settings,
                "COMMUNITIES_DOCUMENT_ROOT",
                Path(settings.BASE_DIR) / "private_media" / "communities",
            )
        )

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):  # never a public URL
        raise ValueError("Community documents have no public URL")


private_storage = PrivateDocumentStorage()


def _get_private_storage():
    return private_storage


def document_upload_to(instance, filename):
    return f"{instance.community_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))


class Document(models.Model):
    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(upload_to=document_upload_to, storage=_get_private_storage)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self):
        return self.title

    @cached_property
    def extension(self) -> str:
        return Path(self.original_name).suffix.lower().lstrip(".")
