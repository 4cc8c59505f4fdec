"""Write N realistic wire files for benchmarks: python -m benchmarks.generate N OUTPUT_DIR.

``--format newsml-g2`` writes the same stories as NewsML-G2 newsMessages.

French and English articles of varied lengths, with datelines, photo credits and
credit lines whose authors come from a fixed pool, so the same people recur as
they do on a real wire. The same N and --seed always give the same files.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks.vocabulary import (
    ENGLISH,
    ENGLISH_MONTHS,
    FIRST_NAMES,
    FRENCH,
    FRENCH_MONTHS,
    LAST_NAMES,
    PLACES,
    SYLLABLES,
)

FILES_PER_FOLDER = 10_000
DEFAULT_SEED = 2024
DEFAULT_AUTHORS = 2_000
COMPANIES = 5_000


def company_pool(size: int, rng: random.Random) -> list[str]:
    """Made-up company names: rare words, so searches range from common to selective."""
    names: set[str] = set()
    while len(names) < size:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize())
    return sorted(names)


def author_pool(size: int, rng: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < size:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def sentence(words: dict[str, list[str]], rng: random.Random) -> str:
    return " ".join(
        (
            rng.choice(words["subjects"]),
            rng.choice(words["verbs"]),
            rng.choice(words["objects"]),
            rng.choice(words["tails"]),
        )
    )


def body_paragraphs(
    words: dict[str, list[str]], companies: list[str], rng: random.Random
) -> list[str]:
    # Wire stories are mostly short, with a long tail of long ones.
    sentence_count = max(2, min(120, int(rng.lognormvariate(2.4, 0.7))))
    paragraphs, remaining = [], sentence_count
    while remaining > 0:
        size = min(remaining, rng.randint(1, 4))
        paragraphs.append(" ".join(sentence(words, rng) for _ in range(size)))
        remaining -= size
    company = rng.choice(companies)
    quote = (
        f"La société {company} n'a pas souhaité commenter."
        if words is FRENCH
        else f"{company} declined to comment."
    )
    paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), quote)
    return paragraphs


def names_phrase(names: list[str], conjunction: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def credit_line(french: bool, pool: list[str], place: str, rng: random.Random) -> str:
    def some(count_max: int) -> list[str]:
        return rng.sample(pool, rng.randint(1, count_max))

    place_name = place.title()
    clauses = []
    if french:
        reporting = f"Reportage {names_phrase(some(2), 'et')}"
        if rng.random() < 0.3:
            reporting += f", avec {names_phrase(some(2), 'et')}"
        if rng.random() < 0.4:
            reporting += f" à {place_name}"
        clauses.append(reporting)
        if rng.random() < 0.4:
            clauses.append(f"rédigé par {names_phrase(some(1), 'et')}")
        if rng.random() < 0.6:
            clauses.append(f"version française {names_phrase(some(2), 'et')}")
        clauses.append(f"édité par {names_phrase(some(1), 'et')}")
    else:
        reporting = f"Reporting by {names_phrase(some(2), 'and')}"
        if rng.random() < 0.4:
            reporting += f" in {place_name}"
        clauses.append(reporting)
        if rng.random() < 0.3:
            clauses.append(f"Additional reporting by {names_phrase(some(2), 'and')}")
        if rng.random() < 0.4:
            clauses.append(f"Writing by {names_phrase(some(1), 'and')}")
        clauses.append(f"Editing by {names_phrase(some(2), 'and')}")
    return "(" + "; ".join(clauses) + ")"


@dataclass(frozen=True)
class Story:
    """One generated story, before it is written in a wire format."""

    french: bool
    date_text: str
    headline: str
    photo_credit: str
    paragraphs: list[str]


def wire_story(rng: random.Random, pool: list[str], companies: list[str]) -> Story:
    french = rng.random() < 0.6
    words = FRENCH if french else ENGLISH
    day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(11 * 365))
    month_precision = rng.random() < 0.3
    date_text = day.strftime("%Y-%m") if month_precision else day.isoformat()
    headline = f"{rng.choice(words['subjects'])}: {rng.choice(words['headline_words'])}"
    # Most wire headlines are unique; some repeat word for word (and get -2, -3 slugs).
    if rng.random() < 0.8:
        headline += f", {rng.choice(companies)}"
    place = rng.choice(PLACES)
    if rng.random() < 0.5:
        if french:
            dateline = f"{place}, {day.day} {FRENCH_MONTHS[day.month - 1]} (Reuters) - "
        else:
            dateline = f"{place}, {ENGLISH_MONTHS[day.month - 1]} {day.day} (Reuters) - "
    else:
        dateline = f"{place} (Reuters) - "
    paragraphs = body_paragraphs(words, companies, rng)
    paragraphs[0] = dateline + paragraphs[0]
    paragraphs[-1] += " " + credit_line(french, pool, place, rng)
    photo_credit = ""
    if rng.random() < 0.4:
        photographer = rng.choice(pool) if rng.random() < 0.5 else ""
        photo_credit = "Reuters" + (f"/{photographer}" if photographer else "")
    return Story(french, date_text, headline, photo_credit, paragraphs)


def wire_text(story: Story) -> str:
    """The story as plain-text wire copy (docs/wire-format.md)."""
    parts = [f" date {story.date_text} {story.headline}"]
    if story.photo_credit:
        label = "Crédit photo" if story.french else "Photo credit"
        parts.append(f"{label} © {story.photo_credit}")
    return "\n\n".join([*parts, *story.paragraphs]) + "\n"


def newsml_g2(story: Story, guid: str) -> str:
    """The same story as a NewsML-G2 newsMessage, its photo credit on a picture item."""
    created = story.date_text if len(story.date_text) == 10 else story.date_text + "-01"
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in story.paragraphs)
    picture = (
        f'<newsItem guid="{guid}:photo" version="1" standard="NewsML-G2">'
        '<itemMeta><itemClass qcode="ninat:picture"/></itemMeta>'
        f"<contentMeta><creditline>{escape(story.photo_credit)}</creditline></contentMeta>"
        "</newsItem>"
        if story.photo_credit
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>'
        f"{picture}"
        f'<newsItem guid="{guid}" version="1" standard="NewsML-G2">'
        '<itemMeta><itemClass qcode="ninat:text"/><provider literal="Reuters"/>'
        f"<firstCreated>{created}T08:00:00Z</firstCreated>"
        '<pubStatus qcode="stat:usable"/></itemMeta>'
        f'<contentMeta><language tag="{"fr" if story.french else "en"}"/>'
        f"<headline>{escape(story.headline)}</headline><creditline>Reuters</creditline>"
        "</contentMeta><contentSet>"
        '<inlineXML contenttype="application/xhtml+xml">'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{paragraphs}</body></html>'
        "</inlineXML></contentSet></newsItem></itemSet></newsMessage>\n"
    )


def generate(
    count: int,
    output: Path,
    *,
    seed: int = DEFAULT_SEED,
    authors: int = DEFAULT_AUTHORS,
    wire_format: str = "text",
) -> None:
    """Write `count` wire files below `output`, 10,000 to a folder."""
    rng = random.Random(seed)
    pool = author_pool(authors, rng)
    companies = company_pool(COMPANIES, rng)
    for index in range(count):
        story = wire_story(rng, pool, companies)
        digest = hashlib.sha256(f"{seed}-{index}".encode()).hexdigest()[:16]
        folder = output / f"{index // FILES_PER_FOLDER:04d}"
        if index % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        if wire_format == "newsml-g2":
            guid = f"urn:newsml:bench.example:{seed}:{index}"
            (folder / f"{index:07d}_{digest}.xml").write_text(
                newsml_g2(story, guid), encoding="utf-8"
            )
        else:
            (folder / f"{index:07d}_{digest}.txt").write_text(wire_text(story), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of wire files to write")
    parser.add_argument("output", type=Path, help="folder to write them in")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--authors", type=int, default=DEFAULT_AUTHORS, help="size of the author pool"
    )
    parser.add_argument(
        "--format", dest="wire_format", choices=["text", "newsml-g2"], default="text"
    )
    arguments = parser.parse_args()
    generate(
        arguments.count,
        arguments.output,
        seed=arguments.seed,
        authors=arguments.authors,
        wire_format=arguments.wire_format,
    )


if __name__ == "__main__":
    main()
