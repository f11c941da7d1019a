from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.i18n import set_language

from budgetkatalog.web import converters  # noqa: F401  (registers <id:>)
from budgetkatalog.web.hearing import urls as hearing_urls
from budgetkatalog.web.public import views as public
from budgetkatalog.web.public.feeds import PublishedProposalsFeed
from budgetkatalog.web.scenarios import urls as scenario_urls
from budgetkatalog.web.scenarios import views as scenario_views
from budgetkatalog.web.staff import site_texts
from budgetkatalog.web.staff import views as staff

public_patterns = ([
    path("", public.front, name="front"),
    path("soeg/", public.site_search, name="search"),
    path("feed/", require_safe(PublishedProposalsFeed()), name="feed"),
    path("tilgaengelighed/", public.accessibility, name="accessibility"),
    path("<id:year>/<slug:slug>/", public.catalogue, name="catalogue"),
    path("<id:year>/<slug:slug>/katalog.json", public.catalogue_json, name="catalogue_json"),
    path("<id:year>/<slug:slug>/versioner/", public.versions, name="versions"),
    path("<id:year>/<slug:slug>/versioner/<id:old>/<id:new>/", public.version_diff,
         name="version_diff"),
    path("<id:year>/<slug:slug>/<slug:proposal_slug>/", public.proposal, name="proposal"),
    path("<id:year>/<slug:slug>/<slug:proposal_slug>/forslag.json", public.proposal_json,
         name="proposal_json"),
], "public")

staff_patterns = ([
    path("", staff.dashboard, name="dashboard"),
    path("forslag/ny/", staff.new_proposal, name="new"),
    path("forslag/<id:pk>/", staff.proposal, name="proposal"),
    path("forslag/<id:pk>/json/", staff.proposal_json, name="proposal_json"),
    path("katalog/<id:pk>/publicer/", staff.publish, name="publish"),
    path("revisionslog/", staff.audit_log, name="audit_log"),
    path("tilgaengelighed/", site_texts.accessibility_statement,
         name="accessibility_statement"),
], "staff")

urlpatterns = [
    path("konto/login/", require_http_methods(["GET", "HEAD", "POST"])(
        auth_views.LoginView.as_view(redirect_authenticated_user=True)), name="login"),
    path("konto/logout/", auth_views.LogoutView.as_view(http_method_names=["post"]),
         name="logout"),
    path("i18n/setlang/", require_POST(set_language), name="set_language"),
    path("personale/hoering/", include(hearing_urls.staff_patterns)),
    path("personale/", include(staff_patterns)),
    path("scenarier/", include(scenario_urls)),
    path("<id:year>/<slug:slug>/budgetaftale/", scenario_views.adopted,
         name="scenarios_adopted"),
    path("", include(hearing_urls.public_patterns)),
    path("", include(public_patterns)),
]
