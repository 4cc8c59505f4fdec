"""The credits in the article form: dragged into order, their author found or created in place."""

from __future__ import annotations

from adminsortable2.admin import SortableAdminBase, SortableTabularInline
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext

from articles.author_forms import NewAuthorForm
from articles.forms import CreditInlineForm
from articles.models import Credit
from articles.services import editorial
from articles.services.authors import find_author

# The value of the "create the author" choice until the new author's id replaces it.
CREATE_AUTHOR_CHOICE = "new-author"
# Django's own inline, without drag handles: for credits the user may only read.
READ_ONLY_TEMPLATE = "admin/edit_inline/tabular.html"


class CreditAuthorSelect(AutocompleteSelect):
    """The admin's author search, asking the view that also offers to create the author."""

    def get_url(self) -> str:
        return reverse("admin:articles_author_credit_autocomplete")

    def optgroups(self, name, value, attrs=None):
        # A value that is no author's id (the create choice sent before the author was made,
        # or a crafted one) is left out: the form shows its error instead of a failed query.
        return super().optgroups(name, [part for part in value if str(part).isdigit()], attrs)


class CreditInline(SortableTabularInline):
    """The credits, in their order: dragged by their handle, the position field follows."""

    model = Credit
    form = CreditInlineForm
    fields = ["position", "author", "role", "note"]
    autocomplete_fields = ["author"]
    ordering = ["position", "id"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["widget"] = CreditAuthorSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # The credits of an article are as editable as the article itself.
    def _article_editable(self, request, obj) -> bool:
        return obj is None or editorial.can_edit(request.user, obj)

    def has_add_permission(self, request, obj) -> bool:
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class SortableCredits(SortableAdminBase):
    """The article admin's side of the drag and drop: none where the credits are read only."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            if isinstance(inline_formset.opts, CreditInline) and not (
                inline_formset.has_change_permission
            ):
                # Without the class the drag script leaves the rows alone (it would renumber
                # position inputs a read-only form does not have), without the template no
                # handle or move buttons show. The inline is this request's own instance.
                classes = inline_formset.classes.split()
                inline_formset.classes = " ".join(name for name in classes if name != "sortable")
                inline_formset.opts.template = READ_ONLY_TEMPLATE
        return inline_formsets


class CreditAuthorAutocompleteView(AutocompleteJsonView):
    """The author search of a credit, ending with "Create the author “X”" for a new name."""

    def get(self, request, *args, **kwargs):
        self.term, self.model_admin, self.source_field, to_field_name = self.process_request(
            request
        )
        if not self.has_perm(request):
            raise PermissionDenied
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        page = context["page_obj"]
        results = [self.serialize_result(obj, to_field_name) for obj in context["object_list"]]
        if page.number == 1 and self._offers_creation(request):
            results.append(self._creation_choice())
        return JsonResponse({"results": results, "pagination": {"more": page.has_next()}})

    def _offers_creation(self, request) -> bool:
        if self.source_field.model is not Credit or not self.model_admin.has_add_permission(
            request
        ):
            return False
        # Offered only for a name that could be created: a name already taken, or merged into
        # an author, is that author (which the search may not list, for a merged name).
        return NewAuthorForm({"name": self.term}).is_valid() and find_author(self.term) is None

    def _creation_choice(self) -> dict:
        name = " ".join(self.term.split())
        return {
            "id": CREATE_AUTHOR_CHOICE,
            "text": gettext("Create the author “%(name)s”") % {"name": name},
            "name": name,
            "create_url": reverse("admin:articles_author_create_for_credit"),
            "failure": gettext("The author could not be created. Try again, or search again."),
        }
