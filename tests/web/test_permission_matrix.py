"""Role × proposal state × every view: an unpublished text is never shown without the
right — not on a page, by URL guess, in a search, listing, export, feed or API.

The proposal under test carries a marker word in its title and text. Public views
must show it exactly when it is published; staff views follow the roles' rights.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from budgetkatalog.web.accounts.models import Department, Role, User
from budgetkatalog.web.catalogues.actions import (
    ProposalData,
    do_approve_proposal,
    do_create_proposal,
    do_publish_catalogue,
    do_save_proposal,
    do_submit_proposal,
)
from budgetkatalog.web.catalogues.models import Catalogue, Proposal
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

MARKER = "Kvantespringsforslag"
LATER = "Efterredigeringsord"
STATES = ("draft", "submitted", "approved", "published", "edited_after_publication")
TITLE = f"{MARKER} titel"
LATER_TEXT = f"Tekst om {LATER.lower()}"
ROLES = ("anonymous", "politician", "other_author", "own_author", "finance")


def write(user: User, proposal: Proposal, title: str, text: str) -> Proposal:
    data = ProposalData(number=proposal.number, title=title,
                        department_id=proposal.department_id, table_caption="8290",
                        sections={2: text})
    return do_save_proposal(user, proposal.pk, proposal.lock_version, data)


def put_in_state(state: str, catalogue: Catalogue, author: User, finance: User) -> Proposal:
    proposal = do_create_proposal(author, catalogue, number="9.1", title=TITLE)
    proposal = write(author, proposal, TITLE, f"Tekst om {MARKER.lower()}.")
    if state == "draft":
        return proposal
    do_submit_proposal(author, proposal.pk)
    if state == "submitted":
        return Proposal.objects.get(pk=proposal.pk)
    do_approve_proposal(finance, proposal.pk)
    if state == "approved":
        return Proposal.objects.get(pk=proposal.pk)
    do_publish_catalogue(finance, catalogue.pk)
    proposal = Proposal.objects.get(pk=proposal.pk)
    if state == "published":
        return proposal
    # published, then edited by finance: the edit must stay out of public view
    return write(finance, proposal, TITLE, f"{LATER_TEXT}.")


@pytest.fixture
def users(make_user: Callable[..., User], finance_department: Department,
          other_department: Department) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "politician": make_user("p", Role.POLITICIAN),
        "other_author": make_user("oa", Role.AUTHOR, other_department),
        "own_author": make_user("a", Role.AUTHOR, finance_department),
        "finance": make_user("f", Role.FINANCE, finance_department),
    }


def public_urls(year: int) -> list[str]:
    base = f"/{year}/katalog-2"
    return [
        "/", f"{base}/", f"{base}/?q={MARKER}", f"{base}/?department=Økonomi+%26+Stab",
        f"/soeg/?q={MARKER}", f"/soeg/?q={LATER}", f"{base}/?q={LATER}",
        f"{base}/9-1/", f"{base}/9-1/forslag.json", f"{base}/katalog.json", "/feed/",
        f"{base}/versioner/",
    ]


def seen(client: Client, url: str, word: str) -> bool:
    response = client.get(url)
    assert response.status_code in (200, 302, 404), (url, response.status_code)
    return response.status_code == 200 and word.casefold() in response.content.decode().casefold()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(state: str, role: str, published_seed: Catalogue,
                           users: dict[str, User | None]) -> None:
    own, finance = users["own_author"], users["finance"]
    assert own is not None and finance is not None
    proposal = put_in_state(state, published_seed, own, finance)
    client = client_for(users[role])
    is_public = state in ("published", "edited_after_publication")

    # public pages: the title shows exactly when published, whoever is logged in; the
    # post-publication edit never shows there, nor does a search for it find anything
    for url in public_urls(2020):
        shown = seen(client, url, TITLE)
        if LATER in url:
            assert not shown, (url, role, state)
        elif not url.endswith("/versioner/"):
            assert shown == is_public, (url, role, state)
        assert not seen(client, url, LATER_TEXT), (url, role, state)
    if is_public:
        assert client.get("/2020/katalog-2/9-1/").status_code == 200
    else:
        assert client.get("/2020/katalog-2/9-1/").status_code == 404
        assert client.get("/2020/katalog-2/9-1/forslag.json").status_code == 404

    # staff pages follow the role's rights
    may_see = {
        "anonymous": False,
        # the live proposal, only while it is as published; after a later edit the
        # politician reads the published version on the public pages
        "politician": state == "published",
        "other_author": False,
        "own_author": True,
        "finance": True,
    }[role]
    editor = client.get(f"/personale/forslag/{proposal.pk}/")
    export = client.get(f"/personale/forslag/{proposal.pk}/json/")
    listing = client.get("/personale/")
    if role == "anonymous":
        assert editor.status_code == 302 and "/konto/login/" in editor["Location"]
        assert export.status_code == 302 and listing.status_code == 302
        return
    assert editor.status_code == (200 if may_see else 404)
    assert export.status_code == (200 if may_see else 404)
    assert (MARKER in listing.content.decode()) == may_see
    # writes: only the right roles, and a refused write changes nothing
    before = Proposal.objects.get(pk=proposal.pk).lock_version
    response = client.post(f"/personale/forslag/{proposal.pk}/", {
        "version": str(before), "number": "9.1", "title": "Overskrevet", "action": "save"})
    may_edit = role == "finance" or (role == "own_author" and state == "draft")
    if may_edit:
        assert response.status_code == 302
    else:
        assert response.status_code in (403, 404)
        assert Proposal.objects.get(pk=proposal.pk).lock_version == before
    publish = client.post(f"/personale/katalog/{published_seed.pk}/publicer/")
    assert publish.status_code == (302 if role == "finance" else 403)
    audit = client.get("/personale/revisionslog/")
    assert audit.status_code == (200 if role == "finance" else 403)
