from __future__ import annotations

from django.urls import path

from budgetkatalog.web.scenarios import views

app_name = "scenarios"

urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("ny/", views.new, name="new"),
    path("sammenlign/", views.compare, name="compare"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/indstillinger/", views.settings, name="settings"),
    path("<int:pk>/kopier/", views.copy, name="copy"),
    path("<int:pk>/budgetaftale/", views.record_agreement, name="record_agreement"),
    path("optimer/<int:catalogue_pk>/", views.optimiser, name="optimise"),
    path("optimer/<int:catalogue_pk>/gem/", views.save_solution, name="save_solution"),
    path("opsaetning/<int:catalogue_pk>/", views.setup_page, name="setup"),
    path("partier/", views.parties, name="parties"),
]

