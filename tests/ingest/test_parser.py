"""The wire-copy parser and renderer: every rule of the format, without Django.

The format is section 1 of the project contract (docs/wire-format.md). Sample files live in
tests/ingest/wire/ (good) and tests/ingest/wire/bad/ (refused).
"""

import datetime
from pathlib import Path

import pytest

from ingest.formats.detection import read_source_items
from ingest.formats.wire_copy import (
    AuthorKind,
    CreditEntry,
    CreditRole,
    Dateline,
    DatePrecision,
    WireCopy,
    WireCopyError,
    decode_wire_copy,
    parse_wire_copy,
    render_wire_copy,
)

TESTS = Path(__file__).resolve().parent
SEED = TESTS.parent.parent / "fixtures" / "000_b7a23fd024b318f7.txt"
WIRE = TESTS / "wire"
BAD_WIRE = WIRE / "bad"

PHOTO = CreditRole.PHOTO
REPORTING = CreditRole.REPORTING
ADDITIONAL = CreditRole.ADDITIONAL_REPORTING
WRITING = CreditRole.WRITING
TRANSLATION = CreditRole.TRANSLATION
EDITING = CreditRole.EDITING
ORGANISATION = AuthorKind.ORGANISATION


def parse(text: str) -> WireCopy:
    return parse_wire_copy(text, "test")


def read(path: Path) -> WireCopy:
    return parse_wire_copy(decode_wire_copy(path.read_bytes()), path.stem)


def article(body: str, headline: str = "Un titre", date: str = "2023-09") -> WireCopy:
    """Parse a minimal file around the given body (dateline and credit line included)."""
    return parse(f" date {date} {headline}\n\n{body}\n")


def credits_of(copy: WireCopy) -> list[tuple[str, str, str]]:
    return [(credit.role, credit.name, credit.note) for credit in copy.credits]


def error_for(text: str) -> str:
    with pytest.raises(WireCopyError) as caught:
        parse(text)
    return str(caught.value)


class TestSeed:
    def test_parses_to_the_article_of_the_contract(self):
        seed = read(SEED)

        assert seed.source_id == "000_b7a23fd024b318f7"
        assert seed.language == "fr"
        assert (seed.date, seed.date_precision) == (datetime.date(2023, 9, 1), DatePrecision.MONTH)
        assert seed.headline == (
            'Les forces ukrainiennes "gagnent progressivement du terrain" dit Stoltenberg'
        )
        assert seed.photo_credit == "Reuters"
        assert seed.dateline == Dateline(place="KYIV", source="Reuters")
        assert seed.body.startswith("Les troupes ukrainiennes")
        assert seed.body.endswith('et "déstabilisantes".')
        assert seed.credits == (
            CreditEntry(PHOTO, "Reuters", kind=ORGANISATION),
            CreditEntry(REPORTING, "Andrew Gray"),
            CreditEntry(TRANSLATION, "Victor Goury-Laffont"),
            CreditEntry(TRANSLATION, "Mariana Abreu"),
            CreditEntry(EDITING, "Kate Entringer"),
        )

    def test_its_body_is_the_whole_paragraph_between_dateline_and_credit_line(self):
        text = SEED.read_text(encoding="utf-8")
        paragraph = text.split("\n")[4]

        body = read(SEED).body

        assert paragraph == f"KYIV (Reuters) - {body} (Reportage Andrew Gray; " + (
            "version française Victor Goury-Laffont et Mariana Abreu ; édité par Kate Entringer)"
        )

    def test_renders_to_the_canonical_form(self):
        rendered = render_wire_copy(read(SEED))

        assert rendered.startswith(
            ' date 2023-09 Les forces ukrainiennes "gagnent progressivement du terrain" dit'
            " Stoltenberg\n\nCrédit photo © Reuters\n\nKYIV (Reuters) - Les troupes ukrainiennes"
        )
        assert rendered.endswith(
            'et "déstabilisantes". (Reportage Andrew Gray; version française Victor Goury-Laffont'
            " et Mariana Abreu; édité par Kate Entringer)\n"
        )

    def test_its_rendering_parses_back_to_the_same_article(self):
        seed = read(SEED)

        assert parse_wire_copy(render_wire_copy(seed), seed.source_id) == seed


class TestDateLine:
    def test_a_month_is_kept_as_a_month_on_its_first_day(self):
        copy = article("Texte.", date="2023-09")

        assert (copy.date, copy.date_precision) == (datetime.date(2023, 9, 1), DatePrecision.MONTH)

    def test_a_day_is_kept_as_a_day(self):
        copy = article("Texte.", date="2024-02-29")

        assert (copy.date, copy.date_precision) == (datetime.date(2024, 2, 29), DatePrecision.DAY)

    def test_leading_spaces_and_blank_lines_before_it_are_allowed(self):
        copy = parse("\n\n    date 2024-03-12 Un titre\n\nDu texte.")

        assert (copy.headline, copy.body) == ("Un titre", "Du texte.")

    def test_the_headline_is_the_rest_of_the_line_stripped(self):
        copy = article("Texte.", headline='« Guillemets » et "quotes"   ')

        assert copy.headline == '« Guillemets » et "quotes"'

    @pytest.mark.parametrize(
        "date, reason",
        [
            ("2023-13", "there is no month 13"),
            ("2023-00", "there is no month 0"),
            ("2023-02-30", "February 2023 has 28 days"),
            ("2023-04-31", "April 2023 has 30 days"),
            ("2023-09-00", "September 2023 has 30 days"),
            ("0000-01", "there is no year 0"),
        ],
    )
    def test_an_impossible_date_is_refused_by_name(self, date, reason):
        assert error_for(f" date {date} Un titre\n\nDu texte.") == (
            f"impossible date {date}: {reason}"
        )

    @pytest.mark.parametrize("date", ["2023-9", "2023/09", "09-2023", "2023-09-1", "hier"])
    def test_a_date_in_another_form_is_refused(self, date):
        assert error_for(f" date {date} Un titre\n\nDu texte.") == (
            f'the first line needs a date YYYY-MM or YYYY-MM-DD after the word date, found "{date}"'
        )

    def test_a_missing_date_line_is_refused(self):
        assert error_for("Un titre sans date\n\nKYIV (Reuters) - Du texte.") == (
            'the first line must be "date YYYY-MM[-DD] headline", found "Un titre sans date"'
        )

    def test_a_date_without_headline_is_refused(self):
        assert error_for(" date 2023-09\n\nDu texte.") == (
            "no headline after the date 2023-09 on the first line"
        )


class TestPhotoCredit:
    def test_an_agency_is_kept_verbatim_and_credited_first_as_an_organisation(self):
        copy = article("Crédit photo © Reuters\n\nKYIV (Reuters) - Texte. (Reportage Ann Lee)")

        assert copy.photo_credit == "Reuters"
        assert copy.credits[0] == CreditEntry(PHOTO, "Reuters", kind=ORGANISATION)
        assert copy.credits[1:] == (CreditEntry(REPORTING, "Ann Lee"),)

    def test_a_photographer_after_the_slash_is_credited_as_a_person(self):
        copy = article("Photo credit © Reuters/Manon Cruz\n\nText.")

        assert copy.photo_credit == "Reuters/Manon Cruz"
        assert copy.credits == (CreditEntry(PHOTO, "Manon Cruz"),)

    def test_a_file_photo_label_after_the_photographer_is_not_a_name(self):
        copy = read(WIRE / "en_photographer_dated_dateline.txt")

        assert copy.photo_credit == "Reuters/Valentyn Ogirenko/File Photo"
        assert copy.credits[0] == CreditEntry(PHOTO, "Valentyn Ogirenko")

    def test_the_line_is_optional(self):
        copy = article("KYIV (Reuters) - Texte.")

        assert (copy.photo_credit, copy.credits) == (None, ())

    def test_a_line_with_nothing_after_the_copyright_sign_is_refused(self):
        assert error_for(" date 2023-09 Titre\n\nCrédit photo ©\n\nTexte.") == (
            'the photo credit line has nothing after "©"'
        )


class TestDateline:
    @pytest.mark.parametrize(
        "opening, dateline",
        [
            ("KYIV (Reuters) - ", Dateline("KYIV", "Reuters")),
            ("PARIS, 7 novembre (AFP) - ", Dateline("PARIS", "AFP", "7 novembre")),
            ("KYIV, Nov 7 (Reuters) - ", Dateline("KYIV", "Reuters", "Nov 7")),
            ("BUDAPEST, March 12 (Reuters) - ", Dateline("BUDAPEST", "Reuters", "March 12")),
            ("BRUXELLES (AFP) \u2013 ", Dateline("BRUXELLES", "AFP")),
            ("UNITED NATIONS (AP) — ", Dateline("UNITED NATIONS", "AP")),
            ("Rio de Janeiro (AFP) - ", Dateline("Rio de Janeiro", "AFP")),
            ("KYIV, Ukraine (Reuters) - ", Dateline("KYIV, Ukraine", "Reuters")),
            ("N'DJAMENA (Reuters) -\n", Dateline("N'DJAMENA", "Reuters")),
        ],
    )
    def test_opens_the_body_and_is_not_part_of_it(self, opening, dateline):
        copy = article(f"{opening}Le texte commence ici.")

        assert copy.dateline == dateline
        assert copy.body == "Le texte commence ici."

    def test_a_body_without_dateline_is_allowed(self):
        copy = read(WIRE / "fr_no_dateline_crlf_body_ends_with_aside.txt")

        assert copy.dateline is None
        assert copy.body.startswith("Les températures devraient")

    def test_a_sentence_with_a_parenthesis_and_a_dash_is_not_a_dateline(self):
        copy = article("Le président (ex-ministre) - selon lui - a démissionné.")

        assert copy.dateline is None
        assert copy.body == "Le président (ex-ministre) - selon lui - a démissionné."


class TestBody:
    def test_paragraphs_are_separated_by_exactly_one_blank_line(self):
        copy = article("KYIV (Reuters) - Un.\n\n\n\nDeux.\n   \nTrois.")

        assert copy.body == "Un.\n\nDeux.\n\nTrois."

    def test_crlf_and_trailing_spaces_are_normalised(self):
        copy = read(WIRE / "fr_no_dateline_crlf_body_ends_with_aside.txt")

        assert copy.body == (
            "Les températures devraient dépasser 40 degrés dans plusieurs départements, selon les"
            " prévisions publiées mercredi (voir la carte ci-dessous).\n\nLes autorités appellent"
            " à la prudence et rappellent les consignes en vigueur (AFP)"
        )

    def test_indentation_is_layout_and_line_breaks_inside_a_paragraph_are_kept(self):
        copy = article("   Une ligne  \n   et la suite.\n\n   Un autre paragraphe.")

        assert copy.body == "Une ligne\net la suite.\n\nUn autre paragraphe."

    def test_guillemets_and_quotes_are_text_like_any_other(self):
        copy = read(WIRE / "fr_photographer_dated_dateline.txt")

        assert "« passage en force »." in copy.body
        assert copy.body.count("\n\n") == 2

    def test_the_final_newline_is_optional(self):
        copy = read(WIRE / "fr_agency_photo_avec_no_final_newline.txt")

        assert copy.body.endswith("selon un communiqué du Conseil.")
        assert copy.credits[-1] == CreditEntry(EDITING, "Sophie Louet")

    def test_a_headline_without_body_is_refused(self):
        assert error_for(" date 2023-09 Un titre tout seul\n\n  \n") == (
            "headline without body: nothing follows the date line"
        )

    @pytest.mark.parametrize(
        "rest, message",
        [
            ("Crédit photo © AFP\n", "no body after the photo credit line"),
            ("KYIV (Reuters) - ", "no body: nothing but the dateline after the headline"),
            ("(Reportage Ann Lee)", "no body: nothing but the credit line after the headline"),
        ],
    )
    def test_a_file_with_everything_but_a_body_is_refused(self, rest, message):
        assert error_for(f" date 2023-09 Un titre\n\n{rest}") == message


class TestCreditLine:
    @pytest.mark.parametrize(
        "phrase, role",
        [
            ("Reportage", REPORTING),
            ("rédigé par", WRITING),
            ("Rédaction", WRITING),
            ("version française", TRANSLATION),
            ("édité par", EDITING),
            ("Reportage complémentaire", ADDITIONAL),
            ("Reporting by", REPORTING),
            ("Additional reporting by", ADDITIONAL),
            ("Writing by", WRITING),
            ("Translated by", TRANSLATION),
            ("Editing by", EDITING),
            ("EDITING BY", EDITING),
            ("Édité par", EDITING),
        ],
    )
    def test_each_role_phrase_gives_its_role(self, phrase, role):
        copy = article(f"KYIV (Reuters) - Texte. ({phrase} Ann Lee)")

        assert copy.body == "Texte."
        assert credits_of(copy) == [(role, "Ann Lee", "")]

    def test_avec_in_a_reportage_clause_is_additional_reporting(self):
        copy = article("Texte. (Reportage Ann Lee avec Bo Chen à Berlin; édité par Cy Dore)")

        assert credits_of(copy) == [
            (REPORTING, "Ann Lee", ""),
            (ADDITIONAL, "Bo Chen", "à Berlin"),
            (EDITING, "Cy Dore", ""),
        ]

    def test_a_comma_before_a_role_phrase_opens_a_clause(self):
        copy = read(WIRE / "fr_photographer_dated_dateline.txt")

        assert credits_of(copy)[1:] == [
            (REPORTING, "Julie Carriat", ""),
            (REPORTING, "Elizabeth Pineau", ""),
            (ADDITIONAL, "Tangi Salaün", "à Bruxelles"),
            (WRITING, "Sophie Louet", ""),
            (EDITING, "Blandine Hénault", ""),
        ]

    def test_avec_outside_a_reportage_clause_only_joins_names(self):
        copy = article("Texte. (Reportage Ann Lee; édité par Bo Chen, avec Cy Dore)")

        assert credits_of(copy) == [
            (REPORTING, "Ann Lee", ""),
            (EDITING, "Bo Chen", ""),
            (EDITING, "Cy Dore", ""),
        ]

    def test_names_are_joined_by_et_and_and_commas(self):
        copy = read(WIRE / "fr_agency_photo_avec_no_final_newline.txt")
        english = read(WIRE / "en_agency_photo_comma_names.txt")

        assert [name for role, name, _ in credits_of(copy) if role == TRANSLATION] == [
            "Camille Raynaud",
            "Zhifan Liu",
            "Claude Chendjou",
        ]
        assert [name for role, name, _ in credits_of(english) if role == TRANSLATION] == [
            "Ana Lopes",
            "Marc Dubois",
            "Ingrid Holm",
        ]

    def test_a_trailing_place_is_a_note_for_the_names_before_it(self):
        copy = article(
            "Text. (Reporting by Anita Komuves and Krisztina Than in Budapest; "
            "Editing by Alex Richardson)"
        )

        assert credits_of(copy) == [
            (REPORTING, "Anita Komuves", "in Budapest"),
            (REPORTING, "Krisztina Than", "in Budapest"),
            (EDITING, "Alex Richardson", ""),
        ]

    def test_each_name_can_have_its_own_place(self):
        copy = read(WIRE / "en_agency_photo_comma_names.txt")

        assert credits_of(copy)[1:3] == [
            (REPORTING, "Michelle Nichols", "at the United Nations"),
            (REPORTING, "Humeyra Pamuk", "in Washington"),
        ]

    def test_single_words_after_a_place_are_more_places(self):
        copy = read(WIRE / "fr_place_notes.txt")

        assert credits_of(copy) == [
            (REPORTING, "Pavel Polityuk", "à Kyiv"),
            (REPORTING, "Dmitri Antonov", "à Moscou"),
            (TRANSLATION, "Jean Terzian", "à Paris et Londres"),
        ]

    def test_a_name_after_a_place_keeps_no_note(self):
        copy = article("Text. (Reporting by Ann Lee in Kyiv and Bo Chen)")

        assert credits_of(copy) == [(REPORTING, "Ann Lee", "in Kyiv"), (REPORTING, "Bo Chen", "")]

    def test_a_clause_without_role_phrase_continues_the_previous_role(self):
        copy = article(
            "Text. (Reporting by Ann Lee in Kyiv; Bo Chen in Moscow; Editing by Cy Dore)"
        )

        assert credits_of(copy) == [
            (REPORTING, "Ann Lee", "in Kyiv"),
            (REPORTING, "Bo Chen", "in Moscow"),
            (EDITING, "Cy Dore", ""),
        ]

    def test_may_wrap_over_lines_and_names_have_their_spaces_collapsed(self):
        copy = article("Text. (Reporting by Ann   Lee and\nkate  ENTRINGER;\nEditing by Bo Chen)")

        assert credits_of(copy) == [
            (REPORTING, "Ann Lee", ""),
            (REPORTING, "kate ENTRINGER", ""),
            (EDITING, "Bo Chen", ""),
        ]

    def test_may_stand_in_its_own_paragraph(self):
        copy = read(WIRE / "en_no_photo_wrapped_lines.txt")

        assert copy.body.endswith("Analysts said the recovery was still fragile.")
        assert credits_of(copy) == [
            (REPORTING, "Joe Cash", ""),
            (REPORTING, "Ellen Zhang", ""),
            (EDITING, "Sam Holmes", ""),
        ]

    @pytest.mark.parametrize(
        "ending",
        ["(AFP)", "(see chart)", "(voir la carte)", "(avec AFP)", "(selon lui; Reportage Ann Lee)"],
    )
    def test_a_final_parenthesis_without_leading_role_phrase_stays_in_the_body(self, ending):
        copy = article(f"KYIV (Reuters) - Texte {ending}")

        assert copy.body == f"Texte {ending}"
        assert copy.credits == ()

    def test_only_the_final_parenthesis_is_the_credit_line(self):
        copy = article(
            "Texte (Reportage Ann Lee) suite.\n\nFin (voir ci-dessus). (Reportage Bo Chen)"
        )

        assert copy.body == "Texte (Reportage Ann Lee) suite.\n\nFin (voir ci-dessus)."
        assert credits_of(copy) == [(REPORTING, "Bo Chen", "")]

    def test_credits_keep_the_source_order_after_the_photo_credit(self):
        copy = read(WIRE / "en_photographer_dated_dateline.txt")

        assert credits_of(copy) == [
            (PHOTO, "Valentyn Ogirenko", ""),
            (REPORTING, "Olena Harmash", "in Kyiv"),
            (ADDITIONAL, "Lidia Kelly", "in Melbourne"),
            (WRITING, "Tom Balmforth", ""),
            (EDITING, "Kate Entringer", ""),
            (EDITING, "Gareth Jones", ""),
        ]

    def test_a_role_phrase_without_a_name_is_refused(self):
        assert error_for(" date 2023-09 Titre\n\nTexte. (Reportage Ann Lee; édité par)") == (
            'the credit line "(Reportage Ann Lee; édité par)" has no name after "édité par"'
        )


class TestLanguage:
    @pytest.mark.parametrize(
        "headline, body, language",
        [
            ("Le train est en retard", "Selon la SNCF.", "fr"),
            ("The train is late", "Said the company.", "en"),
            ("Zelensky", "Zelensky. (Reportage Ann Lee)", "fr"),
            ("Zelensky", "Zelensky. (Reporting by Ann Lee)", "en"),
            ("Zelensky", "Crédit photo © AP\n\nZelensky.", "fr"),
            ("Zelensky", "Photo credit © AP\n\nZelensky.", "en"),
            ("Zelensky", "KYIV, 7 novembre (Reuters) - Zelensky.", "fr"),
            ("Zelensky", "KYIV, November 7 (Reuters) - Zelensky.", "en"),
            ("Grève", "Macron.", "fr"),
            ("Strike", "Macron.", "en"),
        ],
    )
    def test_is_detected_on_short_texts(self, headline, body, language):
        assert article(body, headline=headline).language == language

    def test_credit_phrases_outweigh_a_few_function_words(self):
        copy = article("The train is late. (Reportage Ann Lee)", headline="Le train")

        assert copy.language == "fr"

    def test_a_long_text_outweighs_a_photo_line_in_the_other_language(self):
        body = "Le gouvernement a annoncé que les prix de l'énergie sont en baisse. " * 3

        assert article(f"Photo credit © AP\n\n{body}").language == "fr"

    @pytest.mark.parametrize(
        "name, language",
        [(path.name, path.name[:2]) for path in sorted(WIRE.glob("*.txt"))],
    )
    def test_of_each_sample_file_is_the_one_its_name_says(self, name, language):
        assert read(WIRE / name).language == language


BAD_FILES = {
    "empty.txt": "empty file",
    "whitespace_only.txt": "empty file",
    "no_date_line.txt": 'the first line must be "date YYYY-MM[-DD] headline"',
    "impossible_day.txt": "impossible date 2023-02-30: February 2023 has 28 days",
    "impossible_month.txt": "impossible date 2023-13: there is no month 13",
    "latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 17, line 1); save the file as UTF-8",
    "mojibake.txt": 'text is double-encoded ("Ã©" stands for "é" at line 1)',
    "utf16.txt": "UTF-16 text, not UTF-8; save the file as UTF-8",
    "binary.txt": "binary file, not text",
    "headline_only.txt": "headline without body",
    "headline_and_photo_only.txt": "no body after the photo credit line",
}


class TestBadInput:
    def test_every_bad_sample_is_listed_here(self):
        assert sorted(path.name for path in BAD_WIRE.iterdir()) == sorted(BAD_FILES)

    @pytest.mark.parametrize("name, message", BAD_FILES.items(), ids=BAD_FILES.keys())
    def test_is_refused_with_a_one_line_message(self, name, message):
        with pytest.raises(WireCopyError) as caught:
            read(BAD_WIRE / name)

        assert str(caught.value).startswith(message)
        assert "\n" not in str(caught.value)

    def test_a_bom_is_kept_in_the_text_and_ignored_by_the_parser(self):
        text = decode_wire_copy(b"\xef\xbb\xbf date 2023-09 T\n\nBody.\n")

        assert text == "\ufeff date 2023-09 T\n\nBody.\n"
        assert parse_wire_copy(text, "bom").headline == "T"

    def test_good_text_is_returned_verbatim(self):
        data = " date 2023-09 Été\r\n\r\nCRÉDIT\u2019S — « ok » €\r\n".encode()

        assert decode_wire_copy(data) == data.decode("utf-8")

    @pytest.mark.parametrize("garbled", ["CrÃ©dit", "trÃ¨s", "lâ€™Otan", "Ã\xa0 Kyiv", "ï»¿date"])
    def test_double_encoded_text_is_refused_never_returned(self, garbled):
        with pytest.raises(WireCopyError, match="double-encoded"):
            decode_wire_copy(f" date 2023-09 Titre\n\n{garbled}\n".encode())

    def test_a_stray_control_character_is_named_with_its_place(self):
        with pytest.raises(WireCopyError) as caught:
            decode_wire_copy(b" date 2023-09 Titre\n\nDu \x1b texte.\n")

        assert str(caught.value) == "control character U+001B at line 3, column 4; remove it"

    def test_text_already_damaged_by_a_conversion_is_refused(self):
        with pytest.raises(WireCopyError, match="replacement character U\\+FFFD at line 3"):
            decode_wire_copy(" date 2023-09 Titre\n\nD\ufffdj\ufffd.\n".encode())

    def test_the_parser_refuses_control_characters_too(self):
        assert error_for(" date 2023-09 Titre\n\nDu \x00 texte.") == (
            "control character U+0000 at line 3, column 4; remove it"
        )


def test_a_batch_decodes_and_parses_each_file_and_returns_errors_as_values():
    good = b" date 2023-09 Titre\n\nCorps.\n"

    [item, error] = read_source_items([(good, "good"), (b"", "empty")])

    text, copy = item.text, item.wire
    assert text == good.decode() and copy.headline == "Titre" and copy.source_id == "good"
    assert isinstance(error, WireCopyError)
    assert str(error).startswith(BAD_FILES["empty.txt"])


class TestSampleFiles:
    @pytest.mark.parametrize("path", sorted(WIRE.glob("*.txt")), ids=lambda path: path.name)
    def test_render_back_to_the_same_article(self, path):
        copy = read(path)

        assert parse_wire_copy(render_wire_copy(copy), copy.source_id) == copy

    def test_the_source_id_is_the_file_name_without_txt(self):
        assert read(WIRE / "fr_place_notes.txt").source_id == "fr_place_notes"


class TestRender:
    def base(self, **changes) -> WireCopy:
        fields = {
            "source_id": "x",
            "language": "fr",
            "date": datetime.date(2024, 3, 12),
            "date_precision": DatePrecision.DAY,
            "headline": "Un titre",
            "body": "Un paragraphe.\n\nUn autre.",
        }
        return WireCopy(**{**fields, **changes})

    def test_writes_the_canonical_layout(self):
        copy = self.base(
            photo_credit="Reuters/Manon Cruz",
            dateline=Dateline("PARIS", "Reuters", "12 mars"),
            credits=(CreditEntry(PHOTO, "Manon Cruz"), CreditEntry(REPORTING, "Ann Lee")),
        )

        assert render_wire_copy(copy) == (
            " date 2024-03-12 Un titre\n\nCrédit photo © Reuters/Manon Cruz\n\n"
            "PARIS, 12 mars (Reuters) - Un paragraphe.\n\nUn autre. (Reportage Ann Lee)\n"
        )

    def test_keeps_month_precision_and_writes_no_photo_dateline_or_credit_line_when_absent(self):
        copy = self.base(date=datetime.date(2024, 3, 1), date_precision=DatePrecision.MONTH)

        assert render_wire_copy(copy) == " date 2024-03 Un titre\n\nUn paragraphe.\n\nUn autre.\n"

    def test_writes_the_phrases_of_the_articles_language(self):
        def credits(place: str, other_place: str) -> tuple[CreditEntry, ...]:
            return (
                CreditEntry(REPORTING, "Ann Lee"),
                CreditEntry(REPORTING, "Bo Chen", place),
                CreditEntry(REPORTING, "Cy Dore", place),
                CreditEntry(ADDITIONAL, "Di Eng", other_place),
                CreditEntry(WRITING, "Ed Fox"),
                CreditEntry(TRANSLATION, "Fa Gil"),
                CreditEntry(TRANSLATION, "Gu Ho"),
                CreditEntry(TRANSLATION, "Hu Ip"),
                CreditEntry(EDITING, "Io Ju"),
            )

        french = self.base(credits=credits("à Kyiv", "à Berlin"), photo_credit="AFP")
        english = self.base(
            credits=credits("in Kyiv", "in Berlin"), photo_credit="AFP", language="en"
        )

        assert "Crédit photo © AFP\n" in render_wire_copy(french)
        assert render_wire_copy(french).endswith(
            " (Reportage Ann Lee; reportage Bo Chen et Cy Dore à Kyiv, avec Di Eng à Berlin;"
            " rédigé par Ed Fox; version française Fa Gil, Gu Ho et Hu Ip; édité par Io Ju)\n"
        )
        assert "Photo credit © AFP\n" in render_wire_copy(english)
        assert render_wire_copy(english).endswith(
            " (Reporting by Ann Lee; Reporting by Bo Chen and Cy Dore in Kyiv; Additional"
            " reporting by Di Eng in Berlin; Writing by Ed Fox; Translated by Fa Gil, Gu Ho and"
            " Hu Ip; Editing by Io Ju)\n"
        )
        for copy in (french, english):
            assert parse(render_wire_copy(copy)).credits[1:] == copy.credits

    def test_french_additional_reporting_without_reporting_has_a_phrase_of_its_own(self):
        copy = self.base(credits=(CreditEntry(ADDITIONAL, "Ann Lee"), CreditEntry(EDITING, "Bo")))

        assert render_wire_copy(copy).endswith(
            " (Reportage complémentaire Ann Lee; édité par Bo)\n"
        )
        assert parse(render_wire_copy(copy)).credits == copy.credits

    def test_the_photo_credit_comes_from_the_photo_line_only(self):
        copy = self.base(
            photo_credit="AFP",
            credits=(CreditEntry(PHOTO, "AFP", kind=ORGANISATION), CreditEntry(PHOTO, "Ann Lee")),
        )

        assert render_wire_copy(copy).endswith("Un autre.\n")

    def test_keeps_one_line_fields_on_one_line(self):
        copy = self.base(headline="Un\ntitre", dateline=Dateline("NEW\nYORK", "AFP"))

        assert render_wire_copy(copy).startswith(" date 2024-03-12 Un titre\n\nNEW YORK (AFP) - ")
