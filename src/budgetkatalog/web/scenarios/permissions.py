"""Who may see and change which scenario.

- Private: the owner only (finance staff included: they do not read politicians'
  private work).
- Shared with the party: the owner and active politicians of the same party.
- Public (and every budget agreement): everyone, anonymous visitors included,
  read-only.
- Only the owner edits, and nobody edits a locked scenario (the budget agreement).
- Politicians and finance staff create and copy scenarios; finance staff record the
  budget agreement and enter the round's targets and relations.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.scenarios.models import Scenario, Visibility

AnyUser = User | AnonymousUser


def _user(user: AnyUser | None) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def visible_scenarios(user: AnyUser | None) -> QuerySet[Scenario]:
    u = _user(user)
    public = Q(visibility=Visibility.PUBLIC)
    if u is None:
        return Scenario.objects.filter(public)
    shown = public | Q(owner=u)
    if u.is_politician and u.party:
        shown |= Q(visibility=Visibility.PARTY, party=u.party)
    return Scenario.objects.filter(shown)


def can_view(user: AnyUser | None, scenario: Scenario) -> bool:
    if scenario.visibility == Visibility.PUBLIC:
        return True
    u = _user(user)
    if u is None:
        return False
    if scenario.owner_id == u.pk:
        return True
    return (scenario.visibility == Visibility.PARTY and u.is_politician
            and bool(u.party) and u.party == scenario.party)


def can_create(user: AnyUser | None) -> bool:
    u = _user(user)
    return u is not None and (u.is_politician or u.is_finance)


def can_edit(user: AnyUser | None, scenario: Scenario) -> bool:
    u = _user(user)
    return u is not None and not scenario.locked and scenario.owner_id == u.pk


def can_copy(user: AnyUser | None, scenario: Scenario) -> bool:
    return can_create(user) and can_view(user, scenario)


def can_record_agreement(user: AnyUser | None, scenario: Scenario) -> bool:
    u = _user(user)
    return u is not None and u.is_finance and can_view(u, scenario)


def can_set_up(user: AnyUser | None) -> bool:
    u = _user(user)
    return u is not None and u.is_finance
