"""Dates at their precision in the admin: no day invented, none silently dropped."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Article, ArticleStatus, DatePrecision
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


class TestMonthPrecisionInTheForm:
    def test_a_day_other_than_the_first_is_refused_with_the_date_to_enter(self, editor_client):
        article = ArticleFactory(date=datetime.date(2023, 10, 15))
        data = change_form_data(editor_client.get(change_url(article)))
        data.update(date="15/10/2023", date_precision=DatePrecision.MONTH)

        response = editor_client.post(change_url(article), data)

        assert response.status_code == 200
        assert response.context["adminform"].form.errors["date"] == [
            "Avec la précision « mois », la date doit être le 1er du mois : saisissez "
            "01/10/2023, ou choisissez la précision « jour » pour garder 15/10/2023."
        ]
        article.refresh_from_db()
        assert (article.date, article.date_precision) == (
            datetime.date(2023, 10, 15),
            DatePrecision.DAY,
        )

    def test_the_first_of_the_month_is_saved(self, editor_client):
        article = ArticleFactory(date=datetime.date(2023, 10, 15))
        data = change_form_data(editor_client.get(change_url(article)))
        data.update(date="01/10/2023", date_precision=DatePrecision.MONTH)

        assert editor_client.post(change_url(article), data).status_code == 302

        article.refresh_from_db()
        assert (article.date, article.date_precision) == (
            datetime.date(2023, 10, 1),
            DatePrecision.MONTH,
        )

    def test_the_message_is_in_english_for_an_english_admin(self, editor_client):
        article = ArticleFactory(date=datetime.date(2023, 10, 15))
        english = {"accept-language": "en"}
        data = change_form_data(editor_client.get(change_url(article), headers=english))
        data.update(date="2023-10-15", date_precision=DatePrecision.MONTH)

        response = editor_client.post(change_url(article), data, headers=english)

        assert "the date must be the 1st of the month" in response.content.decode()


class TestDateDrillDown:
    @pytest.fixture
    def september(self):
        month_only = ArticleFactory(
            headline="Month only", date=datetime.date(2023, 9, 1), date_precision="month"
        )
        on_the_12th = ArticleFactory(headline="On the 12th", date=datetime.date(2023, 9, 12))
        ArticleFactory(headline="In October", date=datetime.date(2023, 10, 3))
        return month_only, on_the_12th

    def drill_down(self, client, query: str) -> list[str]:
        response = client.get(f"{CHANGELIST}?{query}")
        return [choice["title"] for choice in response.context["choices"]]

    def test_a_month_lists_its_month_only_articles_under_the_month_not_the_first(
        self, editor_client, september
    ):
        titles = self.drill_down(editor_client, "date__year=2023&date__month=9")

        assert titles == ["Septembre 2023 (mois seulement)", "12 septembre"]

    def test_the_month_only_choice_lists_only_month_only_articles(self, editor_client, september):
        response = editor_client.get(
            f"{CHANGELIST}?date__year=2023&date__month=9&date_precision=month"
        )

        page = response.content.decode()
        assert "Month only" in page
        assert "On the 12th" not in page
        assert "1 septembre" not in page

    def test_a_day_lists_only_articles_dated_that_day(self, editor_client, september):
        ArticleFactory(headline="On the 1st", date=datetime.date(2023, 9, 1))

        titles = self.drill_down(editor_client, "date__year=2023&date__month=9")
        response = editor_client.get(
            f"{CHANGELIST}?date__year=2023&date__month=9&date__day=1&date_precision=day"
        )

        assert titles == ["Septembre 2023 (mois seulement)", "1 septembre", "12 septembre"]
        page = response.content.decode()
        assert "On the 1st" in page
        assert "Month only" not in page

    def test_going_back_to_the_year_drops_the_precision(self, editor_client, september):
        response = editor_client.get(
            f"{CHANGELIST}?date__year=2023&date__month=9&date_precision=month"
        )

        assert "date_precision" not in response.context["back"]["link"]
        titles = self.drill_down(editor_client, response.context["back"]["link"].lstrip("?"))
        assert titles == ["Septembre 2023", "Octobre 2023"]

    def test_a_list_all_in_one_month_starts_at_that_month(self, editor_client):
        ArticleFactory(date=datetime.date(2023, 9, 1), date_precision="month")

        assert self.drill_down(editor_client, "") == ["Septembre 2023 (mois seulement)"]

    def test_an_archive_of_several_years_lists_only_the_years_it_holds(self, editor_client):
        for year in (2016, 2019, 2019, 2024):
            ArticleFactory(date=datetime.date(year, 5, 4))
        ArticleFactory(date=datetime.date(2018, 1, 1), status=ArticleStatus.DRAFT)

        all_years = editor_client.get(CHANGELIST)
        drafts = editor_client.get(f"{CHANGELIST}?publication=draft")

        assert [choice["title"] for choice in all_years.context["choices"]] == [
            "2016",
            "2018",
            "2019",
            "2024",
        ]
        assert all_years.context["choices"][0]["link"] == "?date__year=2016"
        # With one month left, Django's own drill-down starts at that month's days.
        assert [choice["title"] for choice in drafts.context["choices"]] == ["1 janvier"]


class TestDrillDownAddresses:
    """A mangled ?date__year/month/day link is a 400 that says so, not a 500."""

    @pytest.mark.parametrize(
        "query",
        [
            "date__year=99999999999999999999",
            "date__year=2023&date__month=99999999999999999999",
            "date__year=2023&date__month=9&date__day=99999999999999999999",
            # The period's end would be past the last date there is.
            "date__year=9999",
            "date__year=9999&date__month=12",
            "date__year=2023&date__month=13",
            "date__year=2023&date__month=2&date__day=30",
            "date__year=soon",
        ],
    )
    def test_a_date_that_cannot_be_shown_is_a_400_with_a_message(self, editor_client, query):
        response = editor_client.get(f"{CHANGELIST}?{query}", HTTP_ACCEPT_LANGUAGE="en")

        assert response.status_code == 400
        html = response.content.decode()
        assert "The date in the address is not one the list can show" in html
        assert f'href="{CHANGELIST}"' in html

    def test_the_message_is_french_by_default_and_quotes_no_more_than_needed(self, editor_client):
        response = editor_client.get(f"{CHANGELIST}?date__year={'9' * 500}")

        [note] = re.findall(r'<p class="errornote">(.*?)</p>', response.content.decode(), re.S)
        assert "pas une date que la liste peut afficher" in note
        assert f"{'9' * 10}." in note
        assert "9" * 11 not in note

    def test_a_real_period_still_drills_down(self, editor_client):
        ArticleFactory(headline="In the period", date=datetime.date(2023, 9, 14))

        response = editor_client.get(f"{CHANGELIST}?date__year=2023&date__month=9")

        assert response.status_code == 200
        assert "In the period" in response.content.decode()
