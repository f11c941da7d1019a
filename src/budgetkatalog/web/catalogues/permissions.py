"""Who may see and do what with a proposal in the staff area.

Finance staff: everything in the round. Department author: their own department's
proposals in every state, editing only drafts. Politician: published proposals.
Anyone else: nothing here (the public pages read published versions only).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.models import Proposal, ProposalState

AnyUser = User | AnonymousUser


def _user(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def visible_proposals(user: AnyUser) -> QuerySet[Proposal]:
    u = _user(user)
    qs = Proposal.objects.all()
    if u is None:
        return qs.none()
    if u.is_finance:
        return qs
    if u.is_author:
        return qs.filter(department_id=u.department_id) if u.department_id else qs.none()
    if u.is_politician:
        return qs.filter(state=ProposalState.PUBLISHED)
    return qs.none()


def can_view(user: AnyUser, proposal: Proposal) -> bool:
    u = _user(user)
    if u is None:
        return False
    if u.is_finance:
        return True
    if u.is_author:
        return u.department_id is not None and proposal.department_id == u.department_id
    if u.is_politician:
        return proposal.state == ProposalState.PUBLISHED
    return False


def can_create(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and (u.is_finance or (u.is_author and u.department_id is not None))


def can_edit(user: AnyUser, proposal: Proposal) -> bool:
    u = _user(user)
    if u is None:
        return False
    if u.is_finance:
        return True
    return (u.is_author and proposal.department_id == u.department_id
            and proposal.state == ProposalState.DRAFT)


def can_submit(user: AnyUser, proposal: Proposal) -> bool:
    return proposal.state == ProposalState.DRAFT and can_edit(user, proposal)


def can_approve(user: AnyUser, proposal: Proposal) -> bool:
    u = _user(user)
    return u is not None and u.is_finance and proposal.state == ProposalState.SUBMITTED


def can_publish(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and u.is_finance


def can_read_audit_log(user: AnyUser) -> bool:
    return can_publish(user)
