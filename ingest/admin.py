"""The admin's "Import wire files" page: uploads go through the importer of import_articles.

``articles`` knows nothing of it: this module adds its URL to the admin site (the admin
autodiscovers it), and the article list links to it by URL name.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleStatus
from articles.services.editorial import can_publish
from ingest.importer import ImportOutcome, import_wire_files
from ingest.uploads import MAX_UPLOADED_FILES, UploadRefused, unpack_uploads

IMPORT_URL_NAME = "ingest_import_wire_files"
OUTCOME_LABELS = {
    ImportOutcome.CREATED: _("created"),
    ImportOutcome.UPDATED: _("updated"),
    ImportOutcome.UNCHANGED: _("unchanged"),
    ImportOutcome.FAILED: _("failed"),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or many files from a single file input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.xml,.json,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)]


class WireUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Wire files"),
        help_text=_(
            "One or more .txt, .xml or .json files, or .zip files of them (at most %(count)d"
            " files, 50 MB unpacked per zip)."
        )
        % {"count": MAX_UPLOADED_FILES},
    )
    status = forms.ChoiceField(
        label=_("Status of new articles"),
        choices=[(ArticleStatus.DRAFT, _("draft")), (ArticleStatus.PUBLISHED, _("published"))],
        initial=ArticleStatus.DRAFT,
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: report only, write nothing"), required=False, initial=False
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status == ArticleStatus.PUBLISHED and not can_publish(self.user):
            raise forms.ValidationError(_("Only editors can publish: import as drafts."))
        return status


def import_wire_files_view(request: HttpRequest) -> HttpResponse:
    """Upload wire files, import them like ``import_articles``, show the per-file report."""
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = WireUploadForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            report = _import(form)
            if report.get("refused"):
                form.add_error("files", report["refused"])
                report = None
    else:
        form = WireUploadForm(user=request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Import wire files"),
        "form": form,
        "report": report,
        "opts": Article._meta,
    }
    return TemplateResponse(request, "admin/ingest/import_wire_files.html", context)


def _import(form: WireUploadForm) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsroom-upload-") as folder_name:
        folder = Path(folder_name)
        try:
            unpacked = unpack_uploads(form.cleaned_data["files"], folder)
        except UploadRefused as refusal:
            return {"refused": str(refusal)}
        summary = import_wire_files(
            unpacked.paths,
            status=form.cleaned_data["status"],
            dry_run=form.cleaned_data["dry_run"],
        )
    rows = [
        {
            "name": refusal.name,
            "outcome": ImportOutcome.FAILED.value,
            "label": OUTCOME_LABELS[ImportOutcome.FAILED],
            "error": refusal.reason,
        }
        for refusal in unpacked.refusals
    ] + [
        {
            "name": result.path.relative_to(folder).as_posix(),
            "outcome": result.outcome.value,
            "label": OUTCOME_LABELS[result.outcome],
            "error": result.error,
        }
        for result in summary.results
    ]
    counts = {outcome.value: summary.count(outcome) for outcome in ImportOutcome}
    counts[ImportOutcome.FAILED.value] += len(unpacked.refusals)
    return {"rows": rows, "counts": counts, "dry_run": form.cleaned_data["dry_run"]}


_site_urls = admin.site.get_urls


def _urls_with_wire_import() -> list:
    view = admin.site.admin_view(import_wire_files_view)
    return [path("ingest/import/", view, name=IMPORT_URL_NAME), *_site_urls()]


admin.site.get_urls = _urls_with_wire_import
