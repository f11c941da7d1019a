"""The OpenAPI 3.0 description of the read-only API (``api.py``)."""

from __future__ import annotations

from typing import Any

_ERROR = {"description": "Findes ikke / not found", "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Error"}}}}
_BAD = {"description": "Ugyldig parameter / invalid parameter", "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _parameter(name: str, schema: dict[str, Any], example: object, description: str
               ) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": schema, "example": example}


# The hearing's sender types (``hearing.models.SenderType``; the apps may not import
# each other, and a test checks the two agree).
SENDER_TYPES = ["citizen", "business", "association", "board", "elderly_council",
                "disability_council", "staff", "authority"]

YEAR = _parameter("year", {"type": "integer", "minimum": 1000, "maximum": 9999}, 2020,
                  "Budgetår / budget year")
SLUG = _parameter("slug", {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}, "katalog-2",
                  "Katalogets korte navn / the catalogue's short name")
NUMBER = _parameter("number", {"type": "integer", "minimum": 1, "maximum": 999999999}, 1,
                    "Versionsnummer / version number")
PROPOSAL = _parameter("proposal_slug", {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                      "2-8", "Forslagets korte navn, fx 2-8 for 2.8 / the proposal's slug")

PAGE = {"name": "page", "in": "query", "required": False,
        "description": "Side, 100 svar pr. side / page, 100 responses a page",
        "schema": {"type": "integer", "minimum": 1, "maximum": 9999999, "default": 1}}


def _get(summary: str, description: str, schema: str, parameters: list[dict[str, Any]]
         ) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": "OK", "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{schema}"}}}},
        "404": _ERROR,
    }
    if any(p["in"] == "query" for p in parameters):
        responses["400"] = _BAD
    return {"get": {"summary": summary, "description": description,
                    "parameters": parameters, "responses": responses}}


def openapi_document(server: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Budgetkatalog API",
            "version": "1",
            "description": "Offentliggjorte budgetkataloger, versioner og forslag, kun til "
                           "læsning. Beløb i hele 1.000 kr. (tabellens enhed); '+' er "
                           "merudgift/mindre indtægt, '-' mindre udgift/merindtægt; et tomt "
                           "felt er null. / Published budget catalogues, versions and "
                           "proposals, read-only. Amounts in whole DKK 1,000.",
        },
        "servers": [{"url": server}],
        "paths": {
            "/catalogues/": _get("Offentliggjorte kataloger / published catalogues",
                                 "Every catalogue with a published version, newest budget "
                                 "year first.", "CatalogueList", []),
            "/catalogues/{year}/{slug}/": _get(
                "Et katalog / one catalogue",
                "The catalogue with its versions and the proposals of its latest version.",
                "CatalogueDetail", [YEAR, SLUG]),
            "/catalogues/{year}/{slug}/versions/": _get(
                "Versioner / versions", "Published versions, newest first, with the files "
                "that can be downloaded for each.", "VersionList", [YEAR, SLUG]),
            "/catalogues/{year}/{slug}/versions/{number}/": _get(
                "En version / one version",
                "The version's catalogue JSON (docs/catalogue-json.md), exactly as published.",
                "CatalogueDocument", [YEAR, SLUG, NUMBER]),
            "/catalogues/{year}/{slug}/proposals/": _get(
                "Forslag / proposals", "The proposals of the latest published version.",
                "ProposalList", [YEAR, SLUG]),
            "/catalogues/{year}/{slug}/proposals/{proposal_slug}/": _get(
                "Et forslag / one proposal",
                "The proposal in the latest published version, in the catalogue JSON's "
                "proposal form: sections, Table 1 lines, totals.",
                "ProposalDocument", [YEAR, SLUG, PROPOSAL]),
            "/catalogues/{year}/{slug}/responses/": _get(
                "Offentliggjorte høringssvar / published hearing responses",
                "The published responses of the catalogue's current hearing, oldest first, "
                "100 a page: the text as published (contact data masked), the sender's "
                "name only with consent, the attachments made public. Never an e-mail "
                "address or a response that is not published. `hearing` is null when "
                "the catalogue has had no hearing.", "ResponseList", [YEAR, SLUG, PAGE]),
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "message"],
                      "properties": {"error": {"type": "string"},
                                     "message": {"type": "string"}}},
            "CatalogueSummary": {
                "type": "object",
                "required": ["year", "slug", "title", "municipality", "latest_version", "url"],
                "properties": {"year": {"type": "integer"}, "slug": {"type": "string"},
                               "title": {"type": "string"},
                               "municipality": {"type": "string"},
                               "latest_version": {"type": "integer", "nullable": True},
                               "url": {"type": "string", "format": "uri"}}},
            "CatalogueList": {
                "type": "object", "required": ["catalogues"],
                "properties": {"catalogues": {"type": "array", "items": {
                    "$ref": "#/components/schemas/CatalogueSummary"}}}},
            "VersionSummary": {
                "type": "object", "required": ["number", "published_at", "url", "downloads"],
                "properties": {"number": {"type": "integer"},
                               "published_at": {"type": "string", "format": "date-time"},
                               "url": {"type": "string", "format": "uri"},
                               "downloads": {"type": "object", "additionalProperties": {
                                   "type": "string", "format": "uri"}}}},
            "VersionList": {
                "type": "object", "required": ["versions"],
                "properties": {"versions": {"type": "array", "items": {
                    "$ref": "#/components/schemas/VersionSummary"}}}},
            "ProposalSummary": {
                "type": "object",
                "required": ["number", "slug", "title", "department", "group", "totals", "url"],
                "properties": {"number": {"type": "string"}, "slug": {"type": "string"},
                               "title": {"type": "string"},
                               "department": {"type": "string", "nullable": True,
                                              "description": "null: ikke angivet"},
                               "group": {"type": "string"},
                               "totals": {"type": "object", "additionalProperties": {
                                   "type": "integer"}},
                               "url": {"type": "string", "format": "uri"}}},
            "ProposalList": {
                "type": "object", "required": ["version", "proposals"],
                "properties": {"version": {"type": "integer", "nullable": True},
                               "proposals": {"type": "array", "items": {
                                   "$ref": "#/components/schemas/ProposalSummary"}}}},
            "CatalogueDetail": {"allOf": [
                {"$ref": "#/components/schemas/CatalogueSummary"},
                {"type": "object",
                 "required": ["years", "unit", "price_level", "versions", "proposals",
                              "responses"],
                 "properties": {
                     "responses": {"type": "string", "format": "uri"},
                     "years": {"type": "array", "items": {"type": "integer"}},
                     "unit": {"type": "integer"},
                     "price_level": {"type": "integer", "nullable": True},
                     "versions": {"type": "array", "items": {
                         "$ref": "#/components/schemas/VersionSummary"}},
                     "proposals": {"type": "array", "items": {
                         "$ref": "#/components/schemas/ProposalSummary"}}}}]},
            "TableLine": {
                "type": "object", "required": ["letter", "code", "name", "amounts"],
                "properties": {"letter": {"type": "string"},
                               "code": {"type": "string", "nullable": True},
                               "name": {"type": "string", "nullable": True},
                               "amounts": {"type": "object", "additionalProperties": {
                                   "type": "integer", "nullable": True}}}},
            "ProposalDocument": {
                "type": "object",
                "required": ["number", "title", "sections", "table", "lines", "total"],
                "properties": {
                    "number": {"type": "string"}, "title": {"type": "string"},
                    "areas_text": {"type": "string", "nullable": True},
                    "fte": {"type": "string", "nullable": True},
                    "sections": {"type": "array", "items": {
                        "type": "object", "required": ["number", "heading", "blocks"],
                        "properties": {"number": {"type": "integer"},
                                       "heading": {"type": "string"},
                                       "blocks": {"type": "array",
                                                  "items": {"type": "object"}}}}},
                    "table": {"type": "object", "nullable": True},
                    "lines": {"type": "array", "items": {
                        "$ref": "#/components/schemas/TableLine"}},
                    "total": {"type": "object", "additionalProperties": {
                        "type": "integer"}}}},
            "Hearing": {
                "type": "object", "nullable": True,
                "required": ["title", "opens_at", "deadline", "version"],
                "properties": {"title": {"type": "string"},
                               "opens_at": {"type": "string", "format": "date-time"},
                               "deadline": {"type": "string", "format": "date-time"},
                               "version": {"type": "integer", "nullable": True}}},
            "Attachment": {
                "type": "object", "required": ["name", "size", "url"],
                "properties": {"name": {"type": "string"}, "size": {"type": "integer"},
                               "url": {"type": "string", "format": "uri"}}},
            "Response": {
                "type": "object", "additionalProperties": False,
                "required": ["number", "proposal", "proposal_title", "sender_type",
                             "sender_type_label", "name", "organisation", "text",
                             "received_at", "published_at", "attachments", "url"],
                "properties": {
                    "number": {"type": "integer"},
                    "proposal": {"type": "string", "nullable": True,
                                 "description": "null: to the whole catalogue"},
                    "proposal_title": {"type": "string", "nullable": True},
                    "sender_type": {"type": "string", "enum": SENDER_TYPES},
                    "sender_type_label": {"type": "string"},
                    "name": {"type": "string", "nullable": True,
                             "description": "null: not published (no consent)"},
                    "organisation": {"type": "string", "nullable": True},
                    "text": {"type": "string"},
                    "received_at": {"type": "string", "format": "date-time"},
                    "published_at": {"type": "string", "format": "date-time"},
                    "attachments": {"type": "array", "items": {
                        "$ref": "#/components/schemas/Attachment"}},
                    "url": {"type": "string", "format": "uri"}}},
            "ResponseList": {
                "type": "object",
                "required": ["hearing", "count", "page", "pages", "next", "responses"],
                "properties": {
                    "hearing": {"$ref": "#/components/schemas/Hearing"},
                    "count": {"type": "integer"}, "page": {"type": "integer"},
                    "pages": {"type": "integer"},
                    "next": {"type": "string", "format": "uri", "nullable": True},
                    "responses": {"type": "array", "items": {
                        "$ref": "#/components/schemas/Response"}}}},
            "CatalogueDocument": {
                "type": "object",
                "required": ["format", "version", "title", "years", "unit", "proposals"],
                "properties": {
                    "format": {"type": "string", "enum": ["budgetkatalog-catalogue"]},
                    "version": {"type": "integer"},
                    "title": {"type": "string"},
                    "municipality": {"type": "string", "nullable": True},
                    "years": {"type": "array", "items": {"type": "integer"}},
                    "unit": {"type": "integer"},
                    "proposals": {"type": "array", "items": {
                        "$ref": "#/components/schemas/ProposalDocument"}}}},
        }},
    }
