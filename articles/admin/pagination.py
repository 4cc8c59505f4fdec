"""The article list's pages, counted up to a bound: a million articles cost what 10,000 do."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from articles.selectors import count_up_to

# Two hundred pages of fifty: beyond this an editor narrows with a filter, a date or a
# search rather than paging, so the exact total is not worth a count of the whole archive.
COUNT_BOUND = 10_000


class BoundedCountPaginator(Paginator):
    """Counts at most COUNT_BOUND rows; ``count_is_bounded`` says there are more."""

    @cached_property
    def _counted(self) -> int:
        # One row past the bound says there are more.
        return count_up_to(self.object_list, COUNT_BOUND + 1)

    @cached_property
    def count(self) -> int:
        return min(self._counted, COUNT_BOUND)

    @property
    def count_is_bounded(self) -> bool:
        return self._counted > COUNT_BOUND
