"""The demo's hearing: ``budgetkatalog serve --demo`` (and ``manage load_demo``) open a
hearing on the example catalogue, so a visitor can send a response, and finance staff
(the demo user ``okonomi``) can moderate it, with one dialogue meeting to sign up for.

Idempotent, like the rest of the demo: once the example catalogue has a hearing,
nothing is changed (not even a hearing whose deadline has passed: staff can extend it).
Only the demo loader calls this; a real installation never gets a hearing by itself."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.catalogues.demo import DemoResult, load_demo
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing.actions import MeetingData, do_create_hearing, do_create_meeting
from budgetkatalog.web.hearing.models import Hearing
from budgetkatalog.web.hearing.periods import local_instant, wall_clock

# Long enough that a demo started today is still open when someone tries it.
DEMO_HEARING_DAYS = 90


def open_demo_hearing(at: datetime | None = None) -> Hearing | None:
    """The example catalogue's hearing, opened now until 23:59:59 Copenhagen time
    DEMO_HEARING_DAYS days ahead; None when it already had one (or the demo is not
    loaded)."""
    now = at or timezone.now()
    with transaction.atomic():
        catalogue = (Catalogue.objects.select_for_update()
                     .filter(slug="katalog-2", round__budget_year=2020,
                             latest_version__isnull=False).first())
        staff = User.objects.filter(username="okonomi", role=Role.FINANCE,
                                    is_active=True).first()
        if catalogue is None or staff is None or catalogue.hearings.exists():
            return None
        today = wall_clock(now).date()
        deadline = local_instant(datetime.combine(
            today + timedelta(days=DEMO_HEARING_DAYS), time(23, 59, 59)))
        hearing = do_create_hearing(staff, catalogue.pk, opens_at=now, deadline=deadline,
                                    title="Høring om Katalog 2 (demo)")
        starts = local_instant(datetime.combine(today + timedelta(days=14), time(19, 0)))
        do_create_meeting(staff, hearing.pk, MeetingData(
            title="Dialogmøde om administrationsanalysen", starts_at=starts,
            ends_at=starts + timedelta(hours=2), place="Rådhuset, byrådssalen",
            accessibility="Niveaufri adgang og teleslynge.", capacity=40,
            proposal_numbers=("2.1", "2.2")))
        return hearing


def load_demo_with_hearing() -> tuple[DemoResult, Hearing | None]:
    """The demo catalogue and users, then its hearing."""
    result = load_demo()
    return result, open_demo_hearing()
