from __future__ import annotations

from django.urls import path

from budgetkatalog.web import converters  # noqa: F401  (registers <id:>)
from budgetkatalog.web.hearing import views

public_patterns = ([
    path("<id:year>/<slug:slug>/hoering/", views.hearing_page, name="page"),
    path("<id:year>/<slug:slug>/hoering/svar/", views.respond, name="respond"),
    path("<id:year>/<slug:slug>/hoering/svar/<id:number>/", views.response_page,
         name="response"),
    path("<id:year>/<slug:slug>/hoering/moeder/<id:pk>/", views.meeting, name="meeting"),
    path("<id:year>/<slug:slug>/hoering/moeder/<id:pk>/kalender.ics", views.meeting_ics,
         name="meeting_ics"),
    path("hoering/bilag/<id:pk>/", views.attachment, name="attachment"),
], "hearing")

staff_patterns = ([
    path("", views.staff_hearings, name="list"),
    path("<id:pk>/", views.staff_hearing, name="detail"),
    path("svar/<id:pk>/", views.moderate, name="moderate"),
    path("moeder/<id:pk>/", views.staff_meeting, name="meeting"),
    path("<id:pk>/eksport.<str:kind>", views.export, name="export"),
], "hearing_staff")
