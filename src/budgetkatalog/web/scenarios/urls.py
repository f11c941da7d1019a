from __future__ import annotations

from django.urls import path

from budgetkatalog.web import converters  # noqa: F401  (registers <id:>)
from budgetkatalog.web.scenarios import views

app_name = "scenarios"

urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("ny/", views.new, name="new"),
    path("sammenlign/", views.compare, name="compare"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/indstillinger/", views.settings, name="settings"),
    path("<id:pk>/kopier/", views.copy, name="copy"),
    path("<id:pk>/budgetaftale/", views.record_agreement, name="record_agreement"),
    path("optimer/<id:catalogue_pk>/", views.optimiser, name="optimise"),
    path("optimer/<id:catalogue_pk>/gem/", views.save_solution, name="save_solution"),
    path("opsaetning/<id:catalogue_pk>/", views.setup_page, name="setup"),
    path("partier/", views.parties, name="parties"),
]

