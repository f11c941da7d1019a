"""The deadline is exact to the second in Copenhagen time, on both sides of a
daylight-saving change; extending and closing early are logged."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing.actions import (
    HearingClosed,
    ResponseData,
    do_close_hearing,
    do_create_hearing,
    do_set_deadline,
    do_submit_response,
)
from budgetkatalog.web.hearing.models import Hearing, Response, SenderType
from budgetkatalog.web.hearing.periods import LocalTimeError, local_instant
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def data(text: str = "Svar") -> ResponseData:
    return ResponseData(token=uuid.uuid4(), sender_type=SenderType.CITIZEN, name="Ida",
                        email="ida@example.dk", text=text)


def test_wall_clock_times_name_the_right_instant_on_each_side_of_the_change() -> None:
    # Summer time ends on 27 October 2019 at 03:00 CEST (01:00 UTC).
    assert local_instant(datetime(2019, 10, 26, 12, 0)) == datetime(2019, 10, 26, 10, 0,
                                                                   tzinfo=UTC)
    assert local_instant(datetime(2019, 10, 27, 12, 0)) == datetime(2019, 10, 27, 11, 0,
                                                                   tzinfo=UTC)


@pytest.mark.parametrize("wall,word", [
    (datetime(2020, 3, 29, 2, 30), "findes ikke"),
    (datetime(2019, 10, 27, 2, 30), "to gange"),
])
def test_a_time_the_change_skips_or_repeats_is_refused(wall: datetime, word: str) -> None:
    with pytest.raises(LocalTimeError, match=word):
        local_instant(wall)


@pytest.mark.parametrize("opens,deadline", [
    # Opened in summer time, deadline in winter time (autumn change in between).
    (datetime(2019, 10, 1, 8, 0), datetime(2019, 10, 28, 12, 0, 0)),
    # Opened in winter time, deadline in summer time (spring change in between).
    (datetime(2020, 3, 1, 8, 0), datetime(2020, 3, 30, 23, 59, 59)),
    # The deadline's own day is the day of the change.
    (datetime(2019, 10, 1, 8, 0), datetime(2019, 10, 27, 23, 59, 59)),
])
def test_deadline_minus_one_second_is_accepted_and_plus_one_refused(
        published_seed: Catalogue, finance: User, opens: datetime, deadline: datetime) -> None:
    hearing = do_create_hearing(finance, published_seed.pk, opens_at=local_instant(opens),
                                deadline=local_instant(deadline))
    exact = local_instant(deadline)
    accepted = do_submit_response(hearing.pk, data("lige før"), at=exact - timedelta(seconds=1))
    assert accepted.created
    on_time = do_submit_response(hearing.pk, data("på sekundet"),
                                 at=exact + timedelta(microseconds=999_999))
    assert on_time.created
    with pytest.raises(HearingClosed):
        do_submit_response(hearing.pk, data("for sent"), at=exact + timedelta(seconds=1))
    assert list(Response.objects.order_by("id").values_list("text", flat=True)) == [
        "lige før", "på sekundet"]


def test_an_extended_deadline_accepts_again_and_is_logged(published_seed: Catalogue,
                                                          finance: User) -> None:
    start = local_instant(datetime(2019, 8, 20, 8, 0))
    first = local_instant(datetime(2019, 9, 20, 12, 0))
    hearing = do_create_hearing(finance, published_seed.pk, opens_at=start, deadline=first)
    late = first + timedelta(hours=1)
    with pytest.raises(HearingClosed):
        do_submit_response(hearing.pk, data(), at=late)
    do_set_deadline(finance, hearing.pk, local_instant(datetime(2019, 9, 27, 12, 0)))
    assert do_submit_response(hearing.pk, data(), at=late).created
    entry = AuditEntry.objects.get(action="hearing.set_deadline")
    assert entry.changes["deadline"] == ["2019-09-20T12:00:00", "2019-09-27T12:00:00"]
    assert entry.actor_name == finance.username


def test_closing_early_refuses_from_the_next_second_and_is_logged(
        published_seed: Catalogue, finance: User) -> None:
    start = local_instant(datetime(2019, 8, 20, 8, 0))
    hearing = do_create_hearing(finance, published_seed.pk, opens_at=start,
                                deadline=local_instant(datetime(2019, 9, 20, 12, 0)))
    closing = local_instant(datetime(2019, 9, 1, 10, 0, 0))
    do_close_hearing(finance, hearing.pk, at=closing)
    assert do_submit_response(hearing.pk, data(), at=closing).created
    with pytest.raises(HearingClosed):
        do_submit_response(hearing.pk, data(), at=closing + timedelta(seconds=1))
    assert AuditEntry.objects.filter(action="hearing.close_early").count() == 1


def test_only_finance_staff_set_up_and_change_hearings(published_seed: Catalogue,
                                                        finance: User, politician: User,
                                                        author: User) -> None:
    from django.core.exceptions import PermissionDenied
    start = local_instant(datetime(2019, 8, 20, 8, 0))
    end = local_instant(datetime(2019, 9, 20, 12, 0))
    for user in (politician, author):
        with pytest.raises(PermissionDenied):
            do_create_hearing(user, published_seed.pk, opens_at=start, deadline=end)
    hearing = do_create_hearing(finance, published_seed.pk, opens_at=start, deadline=end)
    for user in (politician, author):
        with pytest.raises(PermissionDenied):
            do_close_hearing(user, hearing.pk, at=start)


def test_staff_set_the_deadline_in_copenhagen_time_through_the_page(
        published_seed: Catalogue, finance: User) -> None:
    client = client_for(finance)
    page = client.post("/personale/hoering/", {
        "catalogue": published_seed.pk, "title": "", "opens_at": "2019-08-20T08:00",
        "deadline": "2019-10-27T23:59:59"})
    assert page.status_code == 302
    hearing = Hearing.objects.get()
    assert hearing.deadline == datetime(2019, 10, 27, 22, 59, 59, tzinfo=UTC)
    refused = client.post(f"/personale/hoering/{hearing.pk}/", {
        "action": "deadline", "frist-deadline": "2020-03-29T02:30"})
    assert refused.status_code == 400
    assert "findes ikke i dansk tid" in refused.content.decode()


def test_the_staff_hearing_pages_are_for_finance_only(published_seed: Catalogue,
                                                      politician: User, author: User) -> None:
    for user in (politician, author):
        assert client_for(user).get("/personale/hoering/").status_code == 404
    assert Client().get("/personale/hoering/").status_code == 302
