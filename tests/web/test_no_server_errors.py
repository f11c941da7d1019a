"""No input makes the web application answer 5xx: every URL of the application, as
each role, with generated bad values for every parameter and form field (Hypothesis),
and the concrete values that once did (huge numbers, superscript digits, 1.000-word
searches, NUL bytes, ids that are not numbers, amounts of 20 and 400 digits, text
longer than its column, a costing spec nested 5.000 levels deep).

The test client raises the view's exception instead of answering 500, so a crash
fails with its traceback. On PostgreSQL too (CI runs tests/web with DATABASE_URL).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.actions import do_create_proposal
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.scenarios import actions as scenario_actions
from tests.web.conftest import client_for

EXAMPLES = int(os.environ.get("BUDGETKATALOG_FUZZ_EXAMPLES", "80"))


def routes() -> list[str]:
    """Every URL pattern of the application, as a route with ``<conv:name>`` holes."""
    found: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                found.append(route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


ROUTES = routes()
HOLE = re.compile(r"<(?:(\w+):)?(\w+)>")

# Values that once made a 500, and their relatives.
NASTY = [
    "", "abc", "²", "٣", "-1", "0", "1", "2.5", "2-5", "1e999", "NaN", "−5", "1.000,5",
    "-1.000", "99999999999999999999", "9" * 400, "9" * 5000, "\x00", "a\x00b",
    " ".join(["ord"] * 1000), "x" * 100_000, "<script>alert(1)</script>", "' OR 1=1 --",
    "x = " + "[" * 5000 + "]" * 5000, "2020-02-30", "99999-01-01", "on", "1,2,3",
    "adopted", "partial", "rejected", "publish", "submit", "approve", "return", "cost",
    "recalculate", "targets", "settings", "add_relation", "delete_relation", "load_memo",
    "exclusive", "requires", "overlap", "protected", "party", "public", "private",
]


@dataclass
class World:
    clients: dict[str, Callable[[], Client]]
    ids: dict[str, list[str]]
    fields: list[str]

    @staticmethod
    def first(strategy: st.SearchStrategy[str]) -> str:
        """The first of a sampled_from's values: a real id or slug."""
        return _first(strategy)


@pytest.fixture
def world(published_seed: Catalogue, finance: User, author: User, other_author: User,
          politician: User) -> Iterator[World]:
    politician.party = "A"
    politician.save(update_fields=["party"])
    draft = do_create_proposal(author, published_seed, number="9.1", title="Kladde")
    private = scenario_actions.do_create_scenario(politician, published_seed.pk, "Privat")
    shared = scenario_actions.do_create_scenario(finance, published_seed.pk, "Delt")
    users = {"anonymous": None, "finance": finance, "author": author,
             "other_author": other_author, "politician": politician}
    ids = {"year": ["2020"], "version": ["1"], "catalogue": [str(published_seed.pk)],
           "scenario": [str(private.pk), str(shared.pk)],
           "proposal": [str(draft.pk), str(published_seed.proposals.first().pk)]}  # type: ignore[union-attr]
    years = published_seed.round.years
    numbers = list(published_seed.proposals.values_list("number", flat=True)[:3])
    fields = [
        "q", "department", "area", "group", "citizens", "staff", "id", "lang", "page",
        "forslag", "person", "fra", "til", "run", "objective", "max_fte", "exclude",
        "alternatives", "action", "number", "title", "version", "catalogue", "areas_text",
        "affects_citizens", "affects_staff", "table_caption", "costing_spec", "name",
        "description", "visibility", "relation", "kind", "relation_proposals", "note",
        "area_code", "targets_label", "next", "username", "password", "language",
        *(f"section-{n}" for n in range(1, 8)),
        *(f"line-{letter}-{part}" for letter in "abcdfg" for part in (*years, "code", "name")),
        *(f"target-{y}" for y in years), *(f"overlap-{y}" for y in years),
        *(f"{kind}-{n}" for kind in ("decision", "share", "min-share", "divisibility")
          for n in numbers),
        f"party-{politician.pk}", "s0-decision-2.1",
    ]
    yield World({role: (lambda u=user: client_for(u)) for role, user in users.items()},
                ids, fields)


def fill(route: str, draw: Callable[[st.SearchStrategy[str]], str],
         ids: dict[str, list[str]]) -> str:
    """The route with its holes filled: mostly the ids of real objects of the kind the
    hole names (so the view is reached), sometimes others."""
    def hole(match: re.Match[str]) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        if converter in ("id", "int"):
            kind = ("year" if name == "year" else "version" if name in ("old", "new")
                    else "catalogue" if name == "catalogue_pk" or "katalog/" in route
                    else "scenario" if route.startswith("scenarier/")
                    else "proposal")
            return draw(st.sampled_from([*ids[kind], "0", "999999999"]))
        if name == "proposal_slug":
            return draw(st.sampled_from(["2-1", "2-8", "9-1", "x"]))
        return draw(st.sampled_from(["katalog-2", "x"]))
    return "/" + HOLE.sub(hole, route).lstrip("^").rstrip("$")


values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                   st.integers().map(str), st.decimals(allow_nan=False).map(str))


@pytest.mark.parametrize("role", ["anonymous", "finance", "author", "other_author",
                                  "politician"])
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(data=st.data())
def test_no_url_answers_5xx_to_any_input(world: World, role: str, data: st.DataObject) -> None:
    route = data.draw(st.sampled_from(ROUTES), label="route")
    path = fill(route, data.draw, world.ids)
    method = data.draw(st.sampled_from(["GET", "POST", "HEAD"]), label="method")
    names = data.draw(st.lists(st.sampled_from(world.fields), max_size=8, unique=True),
                      label="fields")
    params = {name: data.draw(values, label=name) for name in names}
    client = world.clients[role]()
    if method == "POST":
        response = client.post(path, params)
    elif method == "HEAD":
        response = client.head(path, params)
    else:
        response = client.get(path, params)
    assert response.status_code < 500, (method, path, params)


# The concrete values, each on every field at once.
CONCRETE = ["abc", "²", "9" * 20, "9" * 400, "9" * 5000, "\x00", "a" * 400,
            " ".join(["ord"] * 1000), "x" * 100_000, "x = " + "[" * 5000 + "]" * 5000]
# Where a value too large to put on every field goes (the request would be refused as
# too big before reaching a view).
HEAVY_FIELDS = ("q", "number", "title", "section-1", "costing_spec", "name",
                "description", "note", "line-a-2020", "target-2020")
# Set on top, so that a POST reaches the branch that parses the fields: by route.
ACTIONS = {"personale/forslag/<": [{"action": "save"}, {"action": "cost"}],
           "opsaetning/": [{"action": "targets"}, {"action": "settings"},
                           {"action": "add_relation", "kind": "overlap"},
                           {"action": "delete_relation"}],
           "optimer/<id:catalogue_pk>/$": [{"run": "1"}]}


def extras(route: str) -> list[dict[str, str]]:
    return next((v for k, v in ACTIONS.items() if k.rstrip("$") in route
                 and (not k.endswith("$") or route.endswith(k.rstrip("$")))), [{}])


@pytest.mark.parametrize("role", ["finance"])
def test_every_url_survives_the_values_that_once_made_a_500(world: World, role: str) -> None:
    """Every URL, GET and POST, with every known field set at once to each value that
    once broke a page."""
    for route in ROUTES:
        path = fill(route, world.first, world.ids)
        for value in CONCRETE:
            names = HEAVY_FIELDS if len(value) > 1000 else world.fields
            base = dict.fromkeys(names, value)
            client = world.clients[role]()
            for extra in extras(route) if role == "finance" else [{}]:
                response = client.get(path, {**base, **extra})
                assert response.status_code < 500, ("GET", path, extra, repr(value)[:60])
                response = client.post(path, {**base, **extra})
                assert response.status_code < 500, ("POST", path, extra, repr(value)[:60])


def _first(strategy: st.SearchStrategy[str]) -> str:
    """The first of a sampled_from's values: a real id or slug, so the view is reached."""
    elements = getattr(strategy, "elements", None)
    if elements:
        return str(elements[0])
    return "1"


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH"])
def test_no_url_answers_a_method_it_does_not_need(world: World, method: str) -> None:
    client = world.clients["finance"]()
    for route in ROUTES:
        path = fill(route, world.first, world.ids)
        response = client.generic(method, path)
        assert response.status_code in (404, 405), (method, path, response.status_code)


def test_staff_and_scenario_pages_are_never_stored(world: World) -> None:
    client = world.clients["finance"]()
    for path in ("/personale/", "/personale/revisionslog/", "/scenarier/", "/konto/login/",
                 "/2020/katalog-2/"):
        response = client.get(path)
        assert response.status_code in (200, 302), path
        assert response.headers.get("Cache-Control") == "no-store", path
    anonymous = world.clients["anonymous"]()
    for path in ("/scenarier/", "/konto/login/"):
        assert anonymous.get(path).headers.get("Cache-Control") == "no-store", path
    # a public page for an anonymous visitor may be kept by the browser
    assert anonymous.get("/2020/katalog-2/").headers.get("Cache-Control") != "no-store"


def test_the_routes_cover_the_whole_application() -> None:
    joined = " ".join(ROUTES)
    for part in ("personale/forslag/", "scenarier/", "versioner/", "revisionslog/",
                 "konto/login/", "soeg/", "feed/", "budgetaftale/"):
        assert part in joined, part
