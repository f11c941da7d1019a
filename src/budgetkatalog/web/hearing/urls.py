from __future__ import annotations

from django.urls import path

from budgetkatalog.web.hearing import views

public_patterns = ([
    path("<int:year>/<slug:slug>/hoering/", views.hearing_page, name="page"),
    path("<int:year>/<slug:slug>/hoering/svar/", views.respond, name="respond"),
    path("<int:year>/<slug:slug>/hoering/svar/<int:number>/", views.response_page,
         name="response"),
    path("<int:year>/<slug:slug>/hoering/moeder/<int:pk>/", views.meeting, name="meeting"),
    path("<int:year>/<slug:slug>/hoering/moeder/<int:pk>/kalender.ics", views.meeting_ics,
         name="meeting_ics"),
    path("hoering/bilag/<int:pk>/", views.attachment, name="attachment"),
], "hearing")

staff_patterns = ([
    path("", views.staff_hearings, name="list"),
    path("<int:pk>/", views.staff_hearing, name="detail"),
    path("svar/<int:pk>/", views.moderate, name="moderate"),
    path("<int:pk>/eksport.<str:kind>", views.export, name="export"),
], "hearing_staff")
