"""Check JSON-LD against the schema.org vocabulary, offline.

Every ``@type`` must be a schema.org class; every property must exist and its
``domainIncludes`` cover the node's type or one of its ancestors; a nested node's type
must be in the property's ``rangeIncludes`` (or below one of them).
"""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path

VOCABULARY = Path(__file__).parent / "website" / "schemas" / "schemaorg-current-https.jsonld.gz"


def _ids(value) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [item["@id"].removeprefix("schema:") for item in values]


@functools.cache
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    graph = json.loads(gzip.decompress(VOCABULARY.read_bytes()))["@graph"]
    parents: dict[str, set[str]] = {}
    properties: dict[str, tuple[set[str], set[str]]] = {}
    for term in graph:
        name = term["@id"].removeprefix("schema:")
        kinds = term["@type"] if isinstance(term["@type"], list) else [term["@type"]]
        if "rdf:Property" in kinds:
            properties[name] = (
                set(_ids(term.get("schema:domainIncludes"))),
                set(_ids(term.get("schema:rangeIncludes"))),
            )
        else:
            parents[name] = set(_ids(term.get("rdfs:subClassOf")))
    return parents, properties


def _ancestors(type_name: str) -> set[str]:
    parents, _ = _vocabulary()
    seen = {type_name}
    todo = [type_name]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def schema_org_problems(node: dict, path: str = "$") -> list[str]:
    """What in the node does not follow the vocabulary; empty when it all does."""
    parents, properties = _vocabulary()
    type_name = node.get("@type")
    if type_name not in parents:
        return [f"{path}: unknown type {type_name!r}"]
    problems = []
    lineage = _ancestors(type_name)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in properties:
            problems.append(f"{path}.{key}: no such property")
            continue
        domains, ranges = properties[key]
        if not domains & lineage:
            problems.append(f"{path}.{key}: not a property of {type_name}")
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, dict):
                where = f"{path}.{key}[{index}]"
                if not ranges & _ancestors(item.get("@type", "")):
                    problems.append(f"{where}: {item.get('@type')} is not in the range of {key}")
                problems += schema_org_problems(item, where)
    return problems
