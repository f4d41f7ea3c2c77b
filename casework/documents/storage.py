"""The storage behind family documents: files on disk that no URL ever points at."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage without URLs: a document is read only through the access-checked download view.

    `url()` refuses instead of returning a path under MEDIA_URL, so no template or
    serializer can ever link a family's document past the access check, even by mistake.
    """

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Family documents have no URL; use the download view (casework:document_download).")
