from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.i18n import set_language

from budgetkatalog.web import converters  # noqa: F401  (registers <id:>)
from budgetkatalog.web.accounts import sso_views
from budgetkatalog.web.accounts import views as accounts_views
from budgetkatalog.web.hearing import api as hearing_api
from budgetkatalog.web.hearing import urls as hearing_urls
from budgetkatalog.web.public import api
from budgetkatalog.web.public import views as public
from budgetkatalog.web.public.feeds import PublishedProposalsFeed
from budgetkatalog.web.scenarios import urls as scenario_urls
from budgetkatalog.web.scenarios import views as scenario_views
from budgetkatalog.web.staff import carry as staff_carry
from budgetkatalog.web.staff import importing as staff_importing
from budgetkatalog.web.staff import rounds as staff_rounds
from budgetkatalog.web.staff import site_texts
from budgetkatalog.web.staff import users as staff_users
from budgetkatalog.web.staff import views as staff

public_patterns = ([
    path("", public.front, name="front"),
    path("soeg/", public.site_search, name="search"),
    path("feed/", require_safe(PublishedProposalsFeed()), name="feed"),
    path("tilgaengelighed/", public.accessibility, name="accessibility"),
    path("<id:year>/<slug:slug>/", public.catalogue, name="catalogue"),
    path("<id:year>/<slug:slug>/katalog.json", public.catalogue_json, name="catalogue_json"),
    path("<id:year>/<slug:slug>/versioner/", public.versions, name="versions"),
    path("<id:year>/<slug:slug>/hent/", public.downloads, name="downloads"),
    path("<id:year>/<slug:slug>/hent/skabelon.docx", public.empty_template,
         name="empty_template"),
    path("<id:year>/<slug:slug>/versioner/<id:number>/<str:filename>", public.version_file,
         name="version_file"),
    path("<id:year>/<slug:slug>/versioner/<id:old>/<id:new>/", public.version_diff,
         name="version_diff"),
    path("<id:year>/<slug:slug>/<slug:proposal_slug>/", public.proposal, name="proposal"),
    path("<id:year>/<slug:slug>/<slug:proposal_slug>/forslag.json", public.proposal_json,
         name="proposal_json"),
    path("<id:year>/<slug:slug>/<slug:proposal_slug>/skabelon.docx", public.proposal_template,
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
    path("v1/catalogues/<str:year>/<str:slug>/responses/", hearing_api.responses,
         name="responses"),
    re_path(r"^(?P<rest>.*)$", api.unknown, name="unknown"),
], "api")

staff_patterns = ([
    path("", staff.dashboard, name="dashboard"),
    path("forslag/ny/", staff.new_proposal, name="new"),
    path("forslag/<id:pk>/", staff.proposal, name="proposal"),
    path("forslag/<id:pk>/json/", staff.proposal_json, name="proposal_json"),
    path("katalog/<id:pk>/publicer/", staff.publish, name="publish"),
    path("katalog/<id:pk>/afdelinger/", staff.departments, name="departments"),
    path("katalog/<id:pk>/indlaes/", staff_importing.import_file, name="import"),
    path("katalog/<id:pk>/viderefoer/", staff_carry.carry_forward, name="carry_forward"),
    path("runder/", staff_rounds.rounds, name="rounds"),
    path("runder/<id:pk>/", staff_rounds.round_detail, name="round"),
    path("brugere/", staff_users.users, name="users"),
    path("brugere/<id:pk>/", staff_users.user_detail, name="user"),
    path("brugere/<id:pk>/link/", staff_users.send_password_link, name="send_password_link"),
    path("forslag/<id:pk>/skabelon.docx", staff.proposal_template, name="proposal_template"),
    path("revisionslog/", staff.audit_log, name="audit_log"),
    path("tilgaengelighed/", site_texts.accessibility_statement,
         name="accessibility_statement"),
], "staff")

urlpatterns = [
    path("konto/login/", require_http_methods(["GET", "HEAD", "POST"])(
        accounts_views.LoginView.as_view(redirect_authenticated_user=True)), name="login"),
    path("konto/logout/", accounts_views.LogoutView.as_view(http_method_names=["post"]),
         name="logout"),
    # Single sign-on (OpenID Connect); 404 unless configured (docs/deployment.md).
    path("konto/sso/", sso_views.sso_start, name="sso_start"),
    path("konto/sso/svar/", sso_views.sso_callback, name="sso_callback"),
    path("konto/sso/logget-ud/", sso_views.sso_logged_out, name="sso_logged_out"),
    path("konto/adgangskode/<uidb64>/<token>/", require_http_methods(["GET", "HEAD", "POST"])(
        auth_views.PasswordResetConfirmView.as_view(success_url="/konto/adgangskode/gemt/")),
        name="password_reset_confirm"),
    path("konto/adgangskode/gemt/", require_safe(auth_views.PasswordResetCompleteView.as_view()),
         name="password_reset_complete"),
    path("i18n/setlang/", require_POST(set_language), name="set_language"),
    path("api/", include(api_patterns)),
    path("personale/hoering/", include(hearing_urls.staff_patterns)),
    path("personale/", include(staff_patterns)),
    path("scenarier/", include(scenario_urls)),
    path("<id:year>/<slug:slug>/budgetaftale/", scenario_views.adopted,
         name="scenarios_adopted"),
    path("<id:year>/<slug:slug>/budgetaftale/datapakke.zip", scenario_views.adopted_package,
         name="scenarios_adopted_package"),
    path("", include(hearing_urls.public_patterns)),
    path("", include(public_patterns)),
]
