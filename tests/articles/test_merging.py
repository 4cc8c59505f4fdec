"""The merge rules of two edits of one article (articles/merging.py): every field, every credit."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles import history, merging
from articles.merging import CREDIT_ORDER, CREDITS, Collision, merge

WHEN = datetime.datetime(2024, 3, 12, 8, 0, tzinfo=datetime.UTC)

# One value before and two different edits of every field the admin form edits.
FIELD_VALUES = {
    "headline": ("Titre", "Titre de Alice", "Titre de Bruno"),
    "slug": ("titre", "titre-alice", "titre-bruno"),
    "language": ("fr", "en", "de"),
    "date": (datetime.date(2023, 9, 1), datetime.date(2023, 9, 12), datetime.date(2023, 10, 1)),
    "date_precision": ("month", "day", "day-and-more"),
    "dateline_place": ("KYIV", "KIEV", "KYÏV"),
    "dateline_date": ("", "7 novembre", "8 novembre"),
    "dateline_source": ("Reuters", "AFP", "AP"),
    "body": ("Texte.", "Texte d'Alice.", "Texte de Bruno."),
    "photo": ("", "photos/2024/03/a.jpg", ("upload", "b.jpg")),
    "photo_caption": ("", "Légende A", "Légende B"),
    "photo_alt_text": ("", "Texte alternatif A", "Texte alternatif B"),
    "photo_credit": ("Reuters", "Reuters/Manon Cruz", "AFP"),
    "status": ("draft", "in_review", "published"),
    "published_at": (None, WHEN, WHEN + datetime.timedelta(hours=1)),
}


def test_every_field_the_form_edits_has_its_case_here():
    assert set(FIELD_VALUES) == set(history.MERGED_FIELDS)


def credit(key, author=1, role="reporting", note=""):
    return {"key": key, "author": author, "role": role, "note": note}


def article(**changes) -> dict:
    state = {name: values[0] for name, values in FIELD_VALUES.items()}
    state[CREDITS] = [credit(1, 10, "photo"), credit(2, 20), credit(3, 30, "editing")]
    state.update(changes)
    return state


@pytest.mark.parametrize("name", FIELD_VALUES)
class TestEachField:
    def test_a_change_on_their_side_only_comes_in(self, name):
        theirs = FIELD_VALUES[name][1]
        result = merge(article(), article(**{name: theirs}), article())
        assert result.merged[name] == theirs
        assert result.collisions == []
        assert result.taken_from_theirs == [name]

    def test_a_change_on_my_side_only_stays(self, name):
        mine = FIELD_VALUES[name][2]
        result = merge(article(), article(), article(**{name: mine}))
        assert result.merged[name] == mine
        assert (result.collisions, result.taken_from_theirs) == ([], [])

    def test_the_same_change_on_both_sides_is_no_collision(self, name):
        same = FIELD_VALUES[name][1]
        result = merge(article(), article(**{name: same}), article(**{name: same}))
        assert result.merged[name] == same
        assert result.collisions == []

    def test_different_changes_collide_and_mine_is_kept(self, name):
        base, theirs, mine = FIELD_VALUES[name]
        result = merge(article(), article(**{name: theirs}), article(**{name: mine}))
        assert result.merged[name] == mine
        assert result.merged_preferring_theirs[name] == theirs
        assert result.collisions == [Collision(name, base, theirs, mine)]


class TestCredits:
    def notes(self, state):
        return [(c["key"], c["note"]) for c in state[CREDITS]]

    def test_different_notes_changed_on_each_side_both_survive(self):
        theirs = article(
            credits=[credit(1, 10, "photo"), credit(2, 20, note="à Kyiv"), credit(3, 30, "editing")]
        )
        mine = article(
            credits=[credit(1, 10, "photo"), credit(2, 20), credit(3, 30, "editing", "à Bruxelles")]
        )
        result = merge(article(), theirs, mine)
        assert self.notes(result.merged) == [(1, ""), (2, "à Kyiv"), (3, "à Bruxelles")]
        assert result.collisions == []
        assert result.taken_from_theirs == [CREDITS]

    def test_the_same_note_changed_differently_collides_on_that_credit_only(self):
        theirs = article(
            credits=[credit(1, 10, "photo"), credit(2, 20, note="à Kyiv"), credit(3, 30, "editing")]
        )
        mine = article(
            credits=[
                credit(1, 10, "photo"),
                credit(2, 20, note="à Kharkiv"),
                credit(3, 30, "editing"),
            ]
        )
        result = merge(article(), theirs, mine)
        assert self.notes(result.merged)[1] == (2, "à Kharkiv")
        assert self.notes(result.merged_preferring_theirs)[1] == (2, "à Kyiv")
        [collision] = result.collisions
        assert (collision.field, collision.key) == (CREDITS, 2)
        assert (collision.theirs["note"], collision.mine["note"]) == ("à Kyiv", "à Kharkiv")

    @pytest.mark.parametrize(
        "attribute, value", [("author", 99), ("role", "writing"), ("note", "x")]
    )
    def test_an_attribute_changed_on_one_side_merges_with_another_changed_on_the_other(
        self, attribute, value
    ):
        other = "note" if attribute != "note" else "role"
        theirs = article()
        theirs[CREDITS] = [dict(c) for c in theirs[CREDITS]]
        theirs[CREDITS][1][attribute] = value
        mine = article()
        mine[CREDITS] = [dict(c) for c in mine[CREDITS]]
        mine[CREDITS][1][other] = "translation" if other == "role" else "à Kyiv"
        result = merge(article(), theirs, mine)
        assert result.merged[CREDITS][1][attribute] == value
        assert result.merged[CREDITS][1][other] == mine[CREDITS][1][other]
        assert result.collisions == []

    def test_a_credit_added_on_each_side_both_stay_after_their_neighbour(self):
        theirs = article(
            credits=[
                credit(1, 10, "photo"),
                credit(2, 20),
                credit("t", 40),
                credit(3, 30, "editing"),
            ]
        )
        mine = article(
            credits=[
                credit(1, 10, "photo"),
                credit(2, 20),
                credit(3, 30, "editing"),
                credit("m", 50),
            ]
        )
        result = merge(article(), theirs, mine)
        assert [c["key"] for c in result.merged[CREDITS]] == [1, 2, "t", 3, "m"]
        assert result.collisions == []

    def test_a_credit_removed_on_one_side_and_untouched_on_the_other_goes(self):
        theirs = article(credits=[credit(1, 10, "photo"), credit(3, 30, "editing")])
        result = merge(article(), theirs, article())
        assert [c["key"] for c in result.merged[CREDITS]] == [1, 3]
        assert result.collisions == []

    def test_a_credit_removed_on_one_side_and_edited_on_the_other_collides_and_stays(self):
        theirs = article(credits=[credit(1, 10, "photo"), credit(3, 30, "editing")])
        mine = article(
            credits=[credit(1, 10, "photo"), credit(2, 20, note="à Kyiv"), credit(3, 30, "editing")]
        )
        result = merge(article(), theirs, mine)
        assert [c["key"] for c in result.merged[CREDITS]] == [1, 2, 3]
        assert [c["key"] for c in result.merged_preferring_theirs[CREDITS]] == [1, 3]
        assert [(c.key, c.theirs) for c in result.collisions] == [(2, None)]

    def test_the_same_credit_added_on_both_sides_differently_collides(self):
        theirs = article(credits=[*article()[CREDITS], credit("x", 40, note="a")])
        mine = article(credits=[*article()[CREDITS], credit("x", 40, note="b")])
        result = merge(article(), theirs, mine)
        assert [c.key for c in result.collisions] == ["x"]
        assert result.merged[CREDITS][-1]["note"] == "b"

    def test_a_reorder_on_one_side_and_a_note_on_the_other_both_survive(self):
        base = article()
        theirs = article(credits=[base[CREDITS][2], base[CREDITS][0], base[CREDITS][1]])
        mine = article(credits=[base[CREDITS][0], credit(2, 20, note="à Kyiv"), base[CREDITS][2]])
        result = merge(base, theirs, mine)
        assert self.notes(result.merged) == [(3, ""), (1, ""), (2, "à Kyiv")]
        assert result.collisions == []

    def test_two_different_reorders_collide_and_mine_is_kept(self):
        base = article()
        first, second, third = base[CREDITS]
        result = merge(
            base, article(credits=[third, first, second]), article(credits=[second, first, third])
        )
        assert [c["key"] for c in result.merged[CREDITS]] == [2, 1, 3]
        assert [c["key"] for c in result.merged_preferring_theirs[CREDITS]] == [3, 1, 2]
        assert [c.field for c in result.collisions] == [CREDIT_ORDER]

    def test_a_whole_credit_of_theirs_brings_its_other_entries(self):
        base = article(credits=[{**credit(1), "name": "Anna"}])
        theirs = article(credits=[{**credit(1, note="à Berne"), "name": "Anna M."}])
        result = merge(base, theirs, base)
        assert result.merged[CREDITS] == [{**credit(1, note="à Berne"), "name": "Anna M."}]


def test_with_no_known_base_every_difference_collides_and_nothing_merges_unseen():
    theirs = article(headline="Titre de Alice")
    mine = article(body="Texte de Bruno.")
    result = merge(merging.unknown_base(theirs), theirs, mine)
    assert {c.field for c in result.collisions} == {"headline", "body"}
    assert (result.merged["headline"], result.merged["body"]) == ("Titre", "Texte de Bruno.")


FIELDS = [name for name in FIELD_VALUES if name not in {"photo", "published_at"}]


@st.composite
def two_edits_that_do_not_collide(draw):
    """A base article and two edits of it touching separate fields and separate credits."""
    count = draw(st.integers(min_value=0, max_value=6))
    base = {name: f"base {name}" for name in FIELDS}
    base[CREDITS] = [credit(key, author=key, note=f"note {key}") for key in range(count)]
    field_sides = draw(
        st.lists(
            st.sampled_from(["theirs", "mine", None]), min_size=len(FIELDS), max_size=len(FIELDS)
        )
    )
    credit_sides = draw(
        st.lists(st.sampled_from(["theirs", "mine", None]), min_size=count, max_size=count)
    )
    credit_edits = draw(
        st.lists(st.sampled_from(["note", "remove"]), min_size=count, max_size=count)
    )
    sides = {"theirs": {**base, CREDITS: []}, "mine": {**base, CREDITS: []}}
    expected = {name: base[name] for name in FIELDS}
    for name, side in zip(FIELDS, field_sides, strict=True):
        if side:
            sides[side][name] = expected[name] = f"{side}'s {name}"
    expected_credits = {}
    for original, side, edit in zip(base[CREDITS], credit_sides, credit_edits, strict=True):
        for name, state in sides.items():
            if side == name and edit == "remove":
                continue
            changed = side == name and edit == "note"
            state[CREDITS].append({**original, "note": f"{name}'s note"} if changed else original)
        if not (side and edit == "remove"):
            expected_credits[original["key"]] = f"{side}'s note" if side else original["note"]
    for name in sides:
        for index in range(draw(st.integers(min_value=0, max_value=2))):
            key = f"{name}-{index}"
            sides[name][CREDITS].insert(
                draw(st.integers(min_value=0, max_value=len(sides[name][CREDITS]))),
                credit(key, author=100, note=key),
            )
            expected_credits[key] = key
    return base, sides["theirs"], sides["mine"], expected, expected_credits


@given(two_edits_that_do_not_collide())
def test_any_two_edits_that_do_not_collide_both_survive(case):
    base, theirs, mine, expected, expected_credits = case
    result = merge(base, theirs, mine)
    assert result.collisions == []
    assert {name: result.merged[name] for name in FIELDS} == expected
    assert {c["key"]: c["note"] for c in result.merged[CREDITS]} == expected_credits
    assert len(result.merged[CREDITS]) == len(expected_credits)
