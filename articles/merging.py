"""Three-way merge of an article: the version both sides started from, theirs, mine.

Pure Python over a plain dict per article: each field's value, and ``"credits"``, an ordered
list of dicts. Every credit has a ``"key"`` that names it on all three sides (a credit's id
in the admin; author and role for wire copy); its ``CREDIT_ATTRIBUTES`` are merged one by one,
any other entry travels with the side whose credit is kept. The admin's conflict check
(two editors) and the import of an agency's update over the desk's edits both use it.

The rule, field by field: a change on one side only comes in; the same change on both sides
is no collision; different changes on both sides collide, and ``merged`` keeps mine (the
editor about to save, the desk) while ``merged_preferring_theirs`` keeps theirs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

CREDITS = "credits"
# The order of the credits, as a field of its own: reordering and editing a note are
# separate changes that do not collide.
CREDIT_ORDER = "credit_order"
CREDIT_ATTRIBUTES: tuple[str, ...] = ("author", "role", "note")


@dataclasses.dataclass(frozen=True)
class Collision:
    """A field (or one credit) that both sides changed, differently."""

    field: str
    base: Any
    theirs: Any
    mine: Any
    # For a credit: its key; None for an article's field or the credits' order.
    key: Hashable | None = None


@dataclasses.dataclass(frozen=True)
class MergeResult:
    merged: dict
    merged_preferring_theirs: dict
    collisions: list[Collision]
    # Fields (and "credits") where theirs came in: what the one saving was not the author of.
    taken_from_theirs: list[str]

    @property
    def collided_fields(self) -> list[str]:
        """The names of the fields with a collision, each once, in the order found."""
        return list(dict.fromkeys(collision.field for collision in self.collisions))


def merge_value(base: Any, theirs: Any, mine: Any) -> tuple[Any, bool]:
    """(the merged value, whether the two sides collided); on a collision, mine."""
    if theirs in (mine, base):
        return mine, False
    if mine == base:
        return theirs, False
    return mine, True


def merge(
    base: Mapping[str, Any], theirs: Mapping[str, Any], mine: Mapping[str, Any]
) -> MergeResult:
    """Merge ``mine`` and ``theirs``, both edits of ``base``; fields are those of ``mine``."""
    merged: dict = {}
    preferring_theirs: dict = {}
    collisions: list[Collision] = []
    taken: list[str] = []
    for name, my_value in mine.items():
        if name == CREDITS:
            continue
        their_value = theirs.get(name, base.get(name))
        base_value = base.get(name, their_value)
        value, collided = merge_value(base_value, their_value, my_value)
        merged[name] = value
        preferring_theirs[name] = their_value if collided else value
        if collided:
            collisions.append(Collision(name, base_value, their_value, my_value))
        elif value != my_value:
            taken.append(name)
    if CREDITS in mine:
        credits = _merge_credits(
            base.get(CREDITS, theirs.get(CREDITS, [])), theirs.get(CREDITS, []), mine[CREDITS]
        )
        merged[CREDITS], preferring_theirs[CREDITS], credit_collisions, credits_taken = credits
        collisions.extend(credit_collisions)
        if credits_taken:
            taken.append(CREDITS)
    return MergeResult(merged, preferring_theirs, collisions, taken)


def _by_key(credits: Sequence[Mapping[str, Any]]) -> dict[Hashable, Mapping[str, Any]]:
    return {credit["key"]: credit for credit in credits}


def _attributes(credit: Mapping[str, Any] | None) -> tuple | None:
    if credit is None:
        return None
    return tuple(credit.get(name) for name in CREDIT_ATTRIBUTES)


def _merge_credits(
    base: Sequence[Mapping[str, Any]],
    theirs: Sequence[Mapping[str, Any]],
    mine: Sequence[Mapping[str, Any]],
) -> tuple[list[dict], list[dict], list[Collision], bool]:
    base_by_key, theirs_by_key, mine_by_key = _by_key(base), _by_key(theirs), _by_key(mine)
    keys = list(dict.fromkeys([*mine_by_key, *theirs_by_key, *base_by_key]))
    kept: dict[Hashable, dict] = {}
    kept_preferring_theirs: dict[Hashable, dict] = {}
    collisions: list[Collision] = []
    taken = False
    for key in keys:
        base_credit = base_by_key.get(key)
        their_credit = theirs_by_key.get(key)
        my_credit = mine_by_key.get(key)
        credit, credit_preferring_theirs, collided = _merge_credit(
            base_credit, their_credit, my_credit
        )
        if collided:
            collisions.append(Collision(CREDITS, base_credit, their_credit, my_credit, key))
        elif _attributes(credit) != _attributes(my_credit):
            taken = True
        if credit is not None:
            kept[key] = credit
        if credit_preferring_theirs is not None:
            kept_preferring_theirs[key] = credit_preferring_theirs

    base_order = [credit["key"] for credit in base]
    their_order = [credit["key"] for credit in theirs]
    my_order = [credit["key"] for credit in mine]
    order, order_collided, order_taken = _merge_order(base_order, their_order, my_order)
    if order_collided:
        collisions.append(Collision(CREDIT_ORDER, base_order, their_order, my_order))
    # Each order is completed with the credits only the other side added, after their neighbour.
    other_order = my_order if order_taken else their_order
    merged = [kept[key] for key in _complete_order(order, other_order, kept)]
    their_first = order_collided or order_taken
    preferring_theirs = [
        kept_preferring_theirs[key]
        for key in _complete_order(
            their_order if their_first else my_order,
            my_order if their_first else their_order,
            kept_preferring_theirs,
        )
    ]
    taken = taken or (order_taken and not order_collided)
    return merged, preferring_theirs, collisions, taken


def _merge_credit(
    base: Mapping[str, Any] | None,
    theirs: Mapping[str, Any] | None,
    mine: Mapping[str, Any] | None,
) -> tuple[dict | None, dict | None, bool]:
    """(credit kept preferring mine, preferring theirs, collided); None is a removed credit."""
    if base is None or theirs is None or mine is None:
        # Added on one or both sides, or removed on one or both: a whole-credit decision.
        value, collided = merge_value(_attributes(base), _attributes(theirs), _attributes(mine))
        chosen = mine if value == _attributes(mine) else theirs
        preferred = theirs if collided else chosen
        return _copy(chosen), _copy(preferred), collided
    merged = dict(mine)
    preferring_theirs = dict(mine)
    collided = False
    for name in CREDIT_ATTRIBUTES:
        value, attribute_collided = merge_value(base.get(name), theirs.get(name), mine.get(name))
        merged[name] = value
        preferring_theirs[name] = theirs.get(name) if attribute_collided else value
        collided = collided or attribute_collided
    if _attributes(merged) == _attributes(theirs) and _attributes(merged) != _attributes(mine):
        # Their credit entirely: its other entries (an author's name, say) come with it.
        merged = {**theirs, "key": mine["key"]}
    return merged, preferring_theirs, collided


def _copy(credit: Mapping[str, Any] | None) -> dict | None:
    return None if credit is None else dict(credit)


def _merge_order(
    base: list[Hashable], theirs: list[Hashable], mine: list[Hashable]
) -> tuple[list[Hashable], bool, bool]:
    """(the order, collided, theirs taken): compared on the credits all three sides share."""
    shared = set(base) & set(theirs) & set(mine)

    def relative(order: list[Hashable]) -> list[Hashable]:
        return [key for key in order if key in shared]

    base_relative, their_relative, my_relative = relative(base), relative(theirs), relative(mine)
    if my_relative == base_relative and their_relative != base_relative:
        return theirs, False, True
    collided = their_relative not in (base_relative, my_relative)
    return mine, collided, False


def _complete_order(
    order: list[Hashable], other: list[Hashable], kept: Mapping[Hashable, Any]
) -> list[Hashable]:
    """``order`` without removed credits, plus those only ``other`` has, after their neighbour."""
    result = [key for key in order if key in kept]
    for index, key in enumerate(other):
        if key not in kept or key in result:
            continue
        previous = next((k for k in reversed(other[:index]) if k in result), None)
        result.insert(0 if previous is None else result.index(previous) + 1, key)
    for key in kept:
        # Kept but in neither order (restored from the base): last, nothing is dropped.
        if key not in result:
            result.append(key)
    return result


class _Unknown:
    """A base value equal to nothing: with no known base, every difference collides."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN = _Unknown()


def unknown_base(state: Mapping[str, Any]) -> dict:
    """A base for when the version both sides started from is lost: nothing merges silently."""
    return {**{name: UNKNOWN for name in state if name != CREDITS}, CREDITS: []}
