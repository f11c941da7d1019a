from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import set_language

from budgetkatalog.web.hearing import urls as hearing_urls
from budgetkatalog.web.public import api
from budgetkatalog.web.public import views as public
from budgetkatalog.web.public.feeds import PublishedProposalsFeed
from budgetkatalog.web.scenarios import urls as scenario_urls
from budgetkatalog.web.scenarios import views as scenario_views
from budgetkatalog.web.staff import site_texts
from budgetkatalog.web.staff import views as staff

public_patterns = ([
    path("", public.front, name="front"),
    path("soeg/", public.site_search, name="search"),
    path("feed/", PublishedProposalsFeed(), name="feed"),
    path("tilgaengelighed/", public.accessibility, name="accessibility"),
    path("<int:year>/<slug:slug>/", public.catalogue, name="catalogue"),
    path("<int:year>/<slug:slug>/katalog.json", public.catalogue_json, name="catalogue_json"),
    path("<int:year>/<slug:slug>/versioner/", public.versions, name="versions"),
    path("<int:year>/<slug:slug>/hent/", public.downloads, name="downloads"),
    path("<int:year>/<slug:slug>/hent/skabelon.docx", public.empty_template,
         name="empty_template"),
    path("<int:year>/<slug:slug>/versioner/<int:number>/<str:filename>", public.version_file,
         name="version_file"),
    path("<int:year>/<slug:slug>/versioner/<int:old>/<int:new>/", public.version_diff,
         name="version_diff"),
    path("<int:year>/<slug:slug>/<slug:proposal_slug>/", public.proposal, name="proposal"),
    path("<int:year>/<slug:slug>/<slug:proposal_slug>/forslag.json", public.proposal_json,
         name="proposal_json"),
    path("<int:year>/<slug:slug>/<slug:proposal_slug>/skabelon.docx", public.proposal_template,
         name="proposal_template"),
], "public")

# The read-only JSON API: path parts are read by the views, so every answer is JSON.
api_patterns = ([
    path("openapi.json", api.openapi, name="openapi"),
    path("v1/catalogues/", api.catalogues, name="catalogues"),
    path("v1/catalogues/<str:year>/<str:slug>/", api.catalogue, name="catalogue"),
    path("v1/catalogues/<str:year>/<str:slug>/versions/", api.versions, name="versions"),
    path("v1/catalogues/<str:year>/<str:slug>/versions/<str:number>/", api.version,
         name="version"),
    path("v1/catalogues/<str:year>/<str:slug>/proposals/", api.proposals, name="proposals"),
    path("v1/catalogues/<str:year>/<str:slug>/proposals/<str:proposal_slug>/", api.proposal,
         name="proposal"),
    re_path(r"^(?P<rest>.*)$", api.unknown, name="unknown"),
], "api")

staff_patterns = ([
    path("", staff.dashboard, name="dashboard"),
    path("forslag/ny/", staff.new_proposal, name="new"),
    path("forslag/<int:pk>/", staff.proposal, name="proposal"),
    path("forslag/<int:pk>/json/", staff.proposal_json, name="proposal_json"),
    path("forslag/<int:pk>/skabelon.docx", staff.proposal_template, name="proposal_template"),
    path("katalog/<int:pk>/publicer/", staff.publish, name="publish"),
    path("revisionslog/", staff.audit_log, name="audit_log"),
    path("tilgaengelighed/", site_texts.accessibility_statement,
         name="accessibility_statement"),
], "staff")

urlpatterns = [
    path("konto/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True),
         name="login"),
    path("konto/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include(api_patterns)),
    path("personale/hoering/", include(hearing_urls.staff_patterns)),
    path("personale/", include(staff_patterns)),
    path("scenarier/", include(scenario_urls)),
    path("<int:year>/<slug:slug>/budgetaftale/", scenario_views.adopted,
         name="scenarios_adopted"),
    path("", include(hearing_urls.public_patterns)),
    path("", include(public_patterns)),
]
