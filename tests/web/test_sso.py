"""Single sign-on over OpenID Connect, against a real provider the tests start
(npm's oidc-provider in a Node.js process, ``oidc_support.py``): the authorization code
flow end to end, roles and departments from the claims, refusals that save nothing, and
the state and nonce that tie an answer to the request it belongs to."""

from __future__ import annotations

import base64
import html
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from budgetkatalog.web.accounts import sso
from budgetkatalog.web.accounts.models import Department, Role, SsoIdentity, User
from budgetkatalog.web.auditlog.models import AuditEntry
from tests.web import oidc_support
from tests.web.conftest import PASSWORD, client_for
from tests.web.oidc_support import Person, Provider

pytestmark = pytest.mark.django_db

ROLE_MAP = ('{"BK-Admin": "admin", "BK-Oekonomi": "finance", "BK-Forfatter": "author", '
            '"BK-Politiker": "politician"}')
ACCOUNTS = {
    "mette": {"preferred_username": "mette@kommune.dk", "given_name": "Mette",
              "family_name": "Holm", "email": "mette@kommune.dk",
              "groups": ["Alle ansatte", "BK-Oekonomi"], "department": "Økonomi & Stab"},
    "anna": {"preferred_username": "anna@kommune.dk", "groups": ["BK-Forfatter"],
             "department": "MT"},
    "ib": {"preferred_username": "ib@kommune.dk", "groups": "BK-Politiker"},
    "chef": {"preferred_username": "chef@kommune.dk",
             "groups": ["BK-Politiker", "BK-Admin", "BK-Oekonomi"]},
    "nobody": {"preferred_username": "nobody@kommune.dk", "groups": ["Alle ansatte"],
               "department": "Økonomi & Stab"},
    "lost": {"preferred_username": "lost@kommune.dk", "groups": ["BK-Forfatter"],
             "department": "Afdelingen der ikke findes"},
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    yield from oidc_support.run_provider(tmp_path_factory.mktemp("oidc"))


def environment(provider: Provider, **extra: str) -> dict[str, str]:
    return {"BUDGETKATALOG_OIDC_ISSUER": provider.issuer,
            "BUDGETKATALOG_OIDC_CLIENT_ID": oidc_support.CLIENT_ID,
            "BUDGETKATALOG_OIDC_CLIENT_SECRET": oidc_support.CLIENT_SECRET,
            "BUDGETKATALOG_OIDC_NAME": "Albertslund Kommunes login",
            "BUDGETKATALOG_OIDC_ROLE_MAP": ROLE_MAP,
            "BUDGETKATALOG_OIDC_DEPARTMENT_CLAIM": "department",
            **{f"BUDGETKATALOG_OIDC_{k}": v for k, v in extra.items()}}


@pytest.fixture
def configured(provider: Provider) -> Iterator[sso.SsoConfig]:
    provider.set_accounts(ACCOUNTS)
    config = sso.from_environ(environment(provider))
    assert config is not None
    with override_settings(BUDGETKATALOG_SSO=config):
        yield config


@pytest.fixture
def departments(db: None) -> None:
    Department.objects.create(name="Økonomi & Stab", short_name="ØS")
    Department.objects.create(name="Miljø & Teknik", short_name="MT")


def test_the_log_in_page_offers_the_municipality_login_only_when_configured(
        provider: Provider) -> None:
    page = Client().get("/konto/login/").content.decode()
    assert "Log ind med" not in page and 'id="id_password"' in page
    assert Client().get("/konto/sso/").status_code == 404
    assert Client().get("/konto/sso/svar/?code=x&state=y").status_code == 404
    config = sso.from_environ(environment(provider))
    with override_settings(BUDGETKATALOG_SSO=config):
        page = Client().get("/konto/login/?next=/personale/").content.decode()
        assert "Log ind med Albertslund Kommunes login" in page
        assert 'href="/konto/sso/?next=/personale/"' in page
        assert 'id="id_password"' in page  # password log-in stays
        english = Client().get("/konto/login/?lang=en").content.decode()
        assert "Log in with Albertslund Kommunes login" in english
    unnamed = sso.from_environ({**environment(provider), "BUDGETKATALOG_OIDC_NAME": ""})
    with override_settings(BUDGETKATALOG_SSO=unnamed):
        assert "Log ind med kommunens login" in Client().get("/konto/login/").content.decode()


def test_a_finance_officer_signs_in_and_gets_role_department_and_name_from_the_claims(
        configured: sso.SsoConfig, departments: None) -> None:
    mette = Person("mette")
    assert mette.app.get("/konto/sso/").headers["Cache-Control"] == "no-store"
    response = mette.sign_in(next_path="/personale/revisionslog/")
    assert response.status_code == 302 and response["Location"] == "/personale/revisionslog/"
    # the code flow ran at the real provider: its log-in page and its consent page
    assert mette.pages_at_provider == 2
    user = User.objects.get(username="mette@kommune.dk")
    assert user.role == Role.FINANCE
    assert user.department is not None and user.department.name == "Økonomi & Stab"
    assert (user.first_name, user.last_name, user.email) == ("Mette", "Holm",
                                                            "mette@kommune.dk")
    assert not user.has_usable_password()
    identity = SsoIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (oidc_issuer(configured), "mette")
    assert mette.app.get("/personale/").status_code == 200  # signed in
    # for a working day; then the provider is asked again (and may say no)
    assert mette.app.session.get_expiry_age() == 8 * 3600
    assert AuditEntry.objects.filter(action="sso_create_user", object_id=str(user.pk)).exists()


def oidc_issuer(config: sso.SsoConfig) -> str:
    return config.discovery_url.removesuffix("/.well-known/openid-configuration")


def test_each_role_comes_from_its_group_and_the_strongest_wins(
        configured: sso.SsoConfig, departments: None) -> None:
    for login, username, role in (("anna", "anna@kommune.dk", Role.AUTHOR),
                                  ("ib", "ib@kommune.dk", Role.POLITICIAN),
                                  ("chef", "chef@kommune.dk", Role.ADMIN)):
        assert Person(login).sign_in().status_code == 302, login
        assert User.objects.get(username=username).role == role, login
    # a department claim may give the short name
    assert User.objects.get(username="anna@kommune.dk").department.name == "Miljø & Teknik"  # type: ignore[union-attr]


def test_a_person_without_a_role_claim_is_refused_in_danish_and_no_account_is_made(
        configured: sso.SsoConfig, departments: None) -> None:
    nobody = Person("nobody")
    response = nobody.sign_in()
    assert response.status_code == 403
    assert response.headers["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Du kan ikke logge ind" in page
    assert "giver dig ingen rolle i Budgetkatalog" in page
    assert not User.objects.filter(username="nobody@kommune.dk").exists()
    assert not SsoIdentity.objects.exists()
    assert nobody.app.get("/personale/").status_code == 302  # not signed in
    nobody.app.cookies["django_language"] = "en"
    english = nobody.sign_in().content.decode()
    assert "You cannot log in" in english and "gives you no role in Budgetkatalog" in english


def test_an_author_whose_department_is_unknown_is_refused_and_nothing_is_saved(
        configured: sso.SsoConfig, departments: None) -> None:
    response = Person("lost").sign_in()
    assert response.status_code == 403
    assert "Afdelingen der ikke findes" in response.content.decode()
    assert not User.objects.filter(username="lost@kommune.dk").exists()
    assert not Department.objects.filter(name="Afdelingen der ikke findes").exists()


def test_the_next_sign_in_takes_the_provider_s_changed_role_and_a_removed_one_refuses(
        configured: sso.SsoConfig, provider: Provider, departments: None) -> None:
    assert Person("mette").sign_in().status_code == 302
    provider.set_accounts({**ACCOUNTS, "mette": {**ACCOUNTS["mette"], "groups": ["BK-Admin"],
                                                  "preferred_username": "mette.holm"}})
    assert Person("mette").sign_in().status_code == 302
    user = User.objects.get(sso_identities__subject="mette")
    # found by the subject, not the username; the role follows the provider
    assert user.role == Role.ADMIN and user.username == "mette@kommune.dk"
    assert User.objects.count() == 1
    provider.set_accounts({**ACCOUNTS, "mette": {**ACCOUNTS["mette"], "groups": []}})
    mette = Person("mette")
    assert mette.sign_in().status_code == 403
    user.refresh_from_db()
    assert user.role == Role.ADMIN  # unchanged, but not signed in
    assert mette.app.get("/personale/").status_code == 302


def test_a_deactivated_user_stays_out(configured: sso.SsoConfig, departments: None) -> None:
    assert Person("ib").sign_in().status_code == 302
    User.objects.filter(username="ib@kommune.dk").update(is_active=False)
    response = Person("ib").sign_in()
    assert response.status_code == 403 and "deaktiveret" in response.content.decode()


def test_an_existing_password_user_is_linked_by_username_and_keeps_the_password(
        configured: sso.SsoConfig, departments: None) -> None:
    existing = User.objects.create_user("ib@kommune.dk", password=PASSWORD,
                                        role=Role.AUTHOR)
    assert Person("ib").sign_in().status_code == 302
    existing.refresh_from_db()
    assert existing.role == Role.POLITICIAN and existing.check_password(PASSWORD)
    assert SsoIdentity.objects.get().user == existing


def test_an_answer_with_a_wrong_or_reused_state_is_refused(
        configured: sso.SsoConfig, departments: None, caplog: pytest.LogCaptureFixture
        ) -> None:
    mette = Person("mette")
    callback = mette.sign_in_at_provider(mette.start())
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    forged = {**{k: v[0] for k, v in query.items()}, "state": "not-the-state-we-sent"}
    with caplog.at_level(logging.WARNING, logger="budgetkatalog.web.accounts.sso_views"):
        response = mette.app.get(parts.path + "?" + urlencode(forged))
    assert response.status_code == 400
    assert "kunne ikke gennemføres" in response.content.decode()
    assert "mismatching_state" in caplog.text
    assert not User.objects.exists()
    # the real answer still works once, and not a second time
    assert mette.back_at_app(callback).status_code == 302
    assert Person("mette").back_at_app(callback).status_code == 400
    assert mette.back_at_app(callback).status_code == 400


def test_an_answer_from_another_sign_in_is_refused_by_its_nonce(
        provider: Provider, departments: None, caplog: pytest.LogCaptureFixture) -> None:
    """An attacker's own code and ID token, slipped into the victim's session under the
    victim's state. Without PKCE (an AD FS set-up may lack it) only the nonce tells."""
    provider.set_accounts(ACCOUNTS)
    config = sso.from_environ(environment(provider, PKCE="0"))
    with override_settings(BUDGETKATALOG_SSO=config):
        victim, attacker = Person("mette"), Person("chef")
        victim_request = victim.start()
        attacker_answer = urlsplit(attacker.sign_in_at_provider(attacker.start()))
        victim_state = parse_qs(urlsplit(victim_request).query)["state"][0]
        code = parse_qs(attacker_answer.query)["code"][0]
        with caplog.at_level(logging.WARNING, logger="budgetkatalog.web.accounts.sso_views"):
            response = victim.app.get(attacker_answer.path + "?" + urlencode(
                {"code": code, "state": victim_state}))
        assert response.status_code == 400
        assert "nonce" in caplog.text
        assert not User.objects.exists()
        assert victim.app.get("/personale/").status_code == 302


def test_with_pkce_the_same_swap_fails_already_at_the_code_exchange(
        configured: sso.SsoConfig, departments: None, caplog: pytest.LogCaptureFixture
        ) -> None:
    victim, attacker = Person("mette"), Person("chef")
    victim_state = parse_qs(urlsplit(victim.start()).query)["state"][0]
    answer = urlsplit(attacker.sign_in_at_provider(attacker.start()))
    assert "code_challenge" in attacker.start()
    code = parse_qs(answer.query)["code"][0]
    with caplog.at_level(logging.WARNING, logger="budgetkatalog.web.accounts.sso_views"):
        response = victim.app.get(answer.path + "?" + urlencode({"code": code,
                                                                 "state": victim_state}))
    assert response.status_code == 400 and not User.objects.exists()
    assert "invalid_grant" in caplog.text  # the provider refused: wrong code verifier


def test_a_person_who_cancels_at_the_provider_is_told_so(
        configured: sso.SsoConfig) -> None:
    person = Person("mette")
    state = parse_qs(urlsplit(person.start()).query)["state"][0]
    response = person.app.get("/konto/sso/svar/?" + urlencode(
        {"error": "access_denied", "state": state}))
    assert response.status_code == 400
    assert "afviste log-ind, eller det blev afbrudt (access_denied)" in response.content.decode()


def test_the_configuration_says_what_is_missing_or_wrong() -> None:
    assert sso.from_environ({}) is None
    with pytest.raises(ImproperlyConfigured, match="CLIENT_SECRET"):
        sso.from_environ({"BUDGETKATALOG_OIDC_ISSUER": "https://adfs.kommune.dk/adfs",
                          "BUDGETKATALOG_OIDC_CLIENT_ID": "x",
                          "BUDGETKATALOG_OIDC_ROLE_MAP": ROLE_MAP})
    base = {"BUDGETKATALOG_OIDC_ISSUER": "https://adfs.kommune.dk/adfs/",
            "BUDGETKATALOG_OIDC_CLIENT_ID": "x", "BUDGETKATALOG_OIDC_CLIENT_SECRET": "y"}
    with pytest.raises(ImproperlyConfigured, match="'boss'"):
        sso.from_environ({**base, "BUDGETKATALOG_OIDC_ROLE_MAP": '{"G": "boss"}'})
    with pytest.raises(ImproperlyConfigured, match="TIMEOUT"):
        sso.from_environ({**base, "BUDGETKATALOG_OIDC_ROLE_MAP": ROLE_MAP,
                          "BUDGETKATALOG_OIDC_TIMEOUT": "ti"})
    with pytest.raises(ImproperlyConfigured, match="not JSON"):
        sso.from_environ({**base, "BUDGETKATALOG_OIDC_ROLE_MAP": "G=admin"})
    config = sso.from_environ({**base, "BUDGETKATALOG_OIDC_ROLE_MAP":
                               '{"CN=BK Admin,OU=Grupper,DC=kommune,DC=dk": "admin"}'})
    assert config is not None
    assert config.discovery_url == ("https://adfs.kommune.dk/adfs/.well-known/"
                                    "openid-configuration")
    assert sso.role_from_claims(config, {"groups": "CN=BK Admin,OU=Grupper,DC=kommune,DC=dk"}
                                ) == "admin"
    assert sso.role_from_claims(config, {"groups": [1, None]}) is None



def test_a_next_address_elsewhere_is_ignored(configured: sso.SsoConfig,
                                             departments: None) -> None:
    response = Person("mette").sign_in(next_path="https://elsewhere.example/personale/")
    assert response.status_code == 302 and response["Location"] == "/personale/"


@pytest.mark.parametrize("query", [{}, {"code": "x"}, {"state": "\x00"},
                                   {"code": "9" * 5000, "state": "x" * 5000},
                                   {"error": "server_error"}])
def test_a_callback_with_missing_or_odd_values_is_refused_not_a_crash(
        configured: sso.SsoConfig, query: dict[str, str]) -> None:
    person = Person("mette")
    person.start()
    response = person.app.get("/konto/sso/svar/", query)
    assert response.status_code in (400, 403), response.status_code
    assert not User.objects.exists()


def test_the_provider_down_gives_a_danish_page_and_password_log_in_stays(
        provider: Provider) -> None:
    config = sso.from_environ({**environment(provider),
                               "BUDGETKATALOG_OIDC_ISSUER": "http://127.0.0.1:9/nowhere"})
    with override_settings(BUDGETKATALOG_SSO=config):
        response = Client().get("/konto/sso/")
        assert response.status_code == 503
        assert "log ind med brugernavn og adgangskode" in response.content.decode()


class TamperingProxy(BaseHTTPRequestHandler):
    """Between the application and the provider: passes discovery and the code exchange
    on, and (when ``tamper``) makes the person an administrator in the ID token it hands
    back, keeping the provider's signature."""

    provider: Provider
    tamper: bool

    def do_GET(self) -> None:
        metadata = requests.get(self.provider.issuer + self.path, timeout=10).json()
        metadata["token_endpoint"] = f"http://127.0.0.1:{self.server.server_address[1]}/token"
        self.answer(metadata)

    def do_POST(self) -> None:
        metadata = requests.get(self.provider.issuer + "/.well-known/openid-configuration",
                                timeout=10).json()
        body = self.rfile.read(int(self.headers["Content-Length"]))
        token = requests.post(metadata["token_endpoint"], data=body, timeout=10, headers={
            "Content-Type": self.headers["Content-Type"],
            "Authorization": self.headers["Authorization"]}).json()
        if self.tamper:
            header, payload, signature = token["id_token"].split(".")
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            claims["groups"] = ["BK-Admin"]
            forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
            token["id_token"] = f"{header}.{forged.decode()}.{signature}"
        self.answer(token)

    def answer(self, data: dict[str, object]) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize("tamper", [False, True])
def test_an_id_token_changed_on_its_way_is_refused_by_its_signature(
        provider: Provider, departments: None, caplog: pytest.LogCaptureFixture,
        tamper: bool) -> None:
    provider.set_accounts(ACCOUNTS)
    handler = type("Proxy", (TamperingProxy,), {"provider": provider, "tamper": tamper})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        config = sso.from_environ({**environment(provider), "BUDGETKATALOG_OIDC_DISCOVERY_URL":
                                   f"http://127.0.0.1:{server.server_address[1]}"
                                   "/.well-known/openid-configuration"})
        with override_settings(BUDGETKATALOG_SSO=config), caplog.at_level(
                logging.WARNING, logger="budgetkatalog.web.accounts.sso_views"):
            response = Person("ib").sign_in()
    finally:
        server.shutdown()
        server.server_close()
    if not tamper:  # the proxy itself works: the untouched token signs the person in
        assert response.status_code == 302
        assert User.objects.get(username="ib@kommune.dk").role == Role.POLITICIAN
        return
    assert response.status_code == 400
    assert "signature" in caplog.text
    assert not User.objects.exists()


def test_the_users_page_tells_the_administrator_who_signs_in_with_the_municipality_login(
        configured: sso.SsoConfig, departments: None) -> None:
    assert Person("mette").sign_in().status_code == 302
    admin = User.objects.create_user("admin", password=PASSWORD, role=Role.ADMIN)
    mette = User.objects.get(username="mette@kommune.dk")
    page = client_for(admin).get("/personale/brugere/").content.decode()
    assert "Aktiv, kommunens login" in page
    page = client_for(admin).get(f"/personale/brugere/{mette.pk}/").content.decode()
    assert 'id="sso-note"' in page and "Rolle, afdeling, navn og e-mail hentes derfra" in page
    page = client_for(admin).get(f"/personale/brugere/{admin.pk}/").content.decode()
    assert 'id="sso-note"' not in page


def test_another_person_with_a_taken_username_is_refused(
        configured: sso.SsoConfig, provider: Provider, departments: None) -> None:
    assert Person("mette").sign_in().status_code == 302
    provider.set_accounts({**ACCOUNTS, "anna": {**ACCOUNTS["anna"],
                                                "preferred_username": "mette@kommune.dk"}})
    response = Person("anna").sign_in()
    assert response.status_code == 403
    assert "hører allerede til en anden person" in response.content.decode()
    assert SsoIdentity.objects.count() == 1


def test_without_a_department_claim_the_administrator_s_department_stays(
        provider: Provider, departments: None) -> None:
    provider.set_accounts(ACCOUNTS)
    config = sso.from_environ({**environment(provider),
                               "BUDGETKATALOG_OIDC_DEPARTMENT_CLAIM": ""})
    with override_settings(BUDGETKATALOG_SSO=config):
        assert Person("anna").sign_in().status_code == 302
        anna = User.objects.get(username="anna@kommune.dk")
        assert anna.role == Role.AUTHOR and anna.department is None  # "ikke angivet"
        anna.department = Department.objects.get(short_name="ØS")
        anna.save()
        assert Person("anna").sign_in().status_code == 302
        anna.refresh_from_db()
        assert anna.department is not None and anna.department.short_name == "ØS"


# Logging out (OpenID Connect RP-Initiated Logout 1.0). One Person is one browser: the
# next person at the same computer uses the same cookies, here and at the provider.

def end_session_request(response: Any) -> tuple[str, dict[str, str]]:
    """The log-out page's way on to the provider: its address and its parameters."""
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    url = oidc_support.link(page, "sso-logout-continue")
    # the page goes on by itself (a redirect would break form-action 'self')
    assert f'<meta http-equiv="refresh" content="0; url={html.escape(url)}">' in page
    return url, {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def jwt_claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    padded = payload + "=" * (-len(payload) % 4)
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(padded))
    return claims


def signed_in_as(person: Person) -> str | None:
    user_id = person.app.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


def test_logging_out_ends_the_session_at_the_provider_so_the_next_person_is_asked_who(
        configured: sso.SsoConfig, provider: Provider, departments: None) -> None:
    browser = Person("mette")
    assert browser.sign_in().status_code == 302 and browser.login_pages == 1
    response = browser.log_out()
    assert response.headers["Cache-Control"] == "no-store"
    assert "Du er logget ud af Budgetkatalog" in response.content.decode()
    assert signed_in_as(browser) is None  # out here at once, whatever happens next
    url, query = end_session_request(response)
    metadata = requests.get(configured.discovery_url, timeout=10).json()
    assert url.startswith(metadata["end_session_endpoint"] + "?")
    assert query["post_logout_redirect_uri"] == oidc_support.LOGGED_OUT
    assert query["client_id"] == oidc_support.CLIENT_ID and query["ui_locales"] == "da"
    hint = jwt_claims(query["id_token_hint"])  # the ID token of mette's sign-in
    assert (hint["iss"], hint["sub"], hint["aud"]) == (provider.issuer, "mette",
                                                       oidc_support.CLIENT_ID)
    back = browser.log_out_at_provider(url)
    assert back == oidc_support.LOGGED_OUT + "?" + urlencode({"state": query["state"]})
    landing = browser.back_at_app(back)
    assert landing.status_code == 200 and landing.headers["Cache-Control"] == "no-store"
    assert ("Du er logget ud af Budgetkatalog og af Albertslund Kommunes login."
            in landing.content.decode())
    # the state is good once; a made-up one leads to the front page without a word
    assert browser.back_at_app(back)["Location"] == "/"
    assert Client().get("/konto/sso/logget-ud/?state=x")["Location"] == "/"
    # The next person at the same computer presses "Log ind med …": the provider asks
    # who they are, and they are signed in as themselves.
    browser.login = "anna"
    assert browser.sign_in().status_code == 302
    assert browser.login_pages == 2
    assert signed_in_as(browser) == "anna@kommune.dk"


def test_without_logging_out_at_the_provider_the_next_person_would_be_the_previous(
        configured: sso.SsoConfig, departments: None) -> None:
    """Why the above matters: a person who stays signed in at the provider ("No, stay
    signed in" on its log-out page) leaves the computer signed in there; the next sign-in
    asks nobody. The page back says what to do then."""
    browser = Person("mette")
    assert browser.sign_in().status_code == 302
    url, _query = end_session_request(browser.log_out())
    landing = browser.back_at_app(browser.log_out_at_provider(url, confirm=False))
    assert "Valgte du at forblive logget ind hos Albertslund Kommunes login, så luk " \
           "browseren helt" in landing.content.decode()
    browser.login = "anna"
    assert browser.sign_in().status_code == 302
    assert browser.login_pages == 1  # not asked again
    assert signed_in_as(browser) == "mette@kommune.dk"


def test_logging_out_in_english(configured: sso.SsoConfig, departments: None) -> None:
    browser = Person("mette")
    assert browser.sign_in().status_code == 302
    browser.app.cookies["django_language"] = "en"
    response = browser.log_out()
    assert "You are logged out of Budgetkatalog" in response.content.decode()
    url, query = end_session_request(response)
    assert query["ui_locales"] == "en"
    landing = browser.back_at_app(browser.log_out_at_provider(url)).content.decode()
    assert "You are logged out of Budgetkatalog and of Albertslund Kommunes login." in landing


def test_log_out_stays_a_form_with_its_csrf_token(configured: sso.SsoConfig,
                                                  departments: None) -> None:
    browser = Person("mette")
    assert browser.sign_in().status_code == 302
    assert browser.app.get("/konto/logout/").status_code == 405
    assert browser.app.post("/konto/logout/").status_code == 403  # no token
    assert signed_in_as(browser) == "mette@kommune.dk"
    assert browser.log_out().status_code == 200
    assert signed_in_as(browser) is None


def test_a_password_user_logs_out_as_before(configured: sso.SsoConfig) -> None:
    user = User.objects.create_user("kasper", password=PASSWORD, role=Role.FINANCE)
    client = client_for(user)
    response = client.post("/konto/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/personale/").status_code == 302


def test_the_post_logout_redirect_uri_may_be_configured(
        provider: Provider, departments: None) -> None:
    provider.set_accounts(ACCOUNTS)
    elsewhere = "https://budget.kommune.dk/konto/sso/logget-ud/"
    config = sso.from_environ(environment(provider, POST_LOGOUT_REDIRECT_URI=elsewhere))
    with override_settings(BUDGETKATALOG_SSO=config):
        browser = Person("mette")
        assert browser.sign_in().status_code == 302
        _url, query = end_session_request(browser.log_out())
    assert query["post_logout_redirect_uri"] == elsewhere
    for wrong in ("/konto/sso/logget-ud/", "ftp://budget.kommune.dk/", "https://"):
        with pytest.raises(ImproperlyConfigured, match="POST_LOGOUT_REDIRECT_URI"):
            sso.from_environ(environment(provider, POST_LOGOUT_REDIRECT_URI=wrong))


@pytest.mark.parametrize("query", [{}, {"state": ""}, {"state": "x" * 5000},
                                   {"state": "a", "error": "x"}])
def test_the_page_back_from_the_provider_without_a_known_state_goes_to_the_front_page(
        configured: sso.SsoConfig, query: dict[str, str]) -> None:
    response = Client().get("/konto/sso/logget-ud/", query)
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.fixture(scope="module")
def provider_without_logout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """A real provider whose discovery document names no end_session_endpoint."""
    yield from oidc_support.run_provider(tmp_path_factory.mktemp("oidc"),
                                         rp_initiated_logout=False)


@pytest.mark.parametrize("lang, warning", [
    ("da", "Du er logget ud af Budgetkatalog, men ikke af Albertslund Kommunes login. Log "
           "også ud af Albertslund Kommunes login, eller luk browseren helt (alle vinduer)"),
    ("en", "You are logged out of Budgetkatalog, but not of Albertslund Kommunes login. "
           "Log out of Albertslund Kommunes login too, or close the browser completely")])
def test_a_provider_without_end_session_endpoint_logs_out_here_and_says_what_to_do(
        provider_without_logout: Provider, departments: None, lang: str, warning: str
        ) -> None:
    provider_without_logout.set_accounts(ACCOUNTS)
    config = sso.from_environ(environment(provider_without_logout))
    assert config is not None
    metadata = requests.get(config.discovery_url, timeout=10).json()
    assert "authorization_endpoint" in metadata and "end_session_endpoint" not in metadata
    with override_settings(BUDGETKATALOG_SSO=config):
        browser = Person("mette")
        assert browser.sign_in().status_code == 302
        browser.app.cookies["django_language"] = lang
        response = browser.log_out()
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        page = response.content.decode()
        assert warning in html.unescape(page)
        assert 'id="sso-logout-continue"' not in page and "http-equiv" not in page
        assert signed_in_as(browser) is None
        # still signed in at the provider: the next sign-in asks nobody, as the page warns
        assert browser.sign_in().status_code == 302 and browser.login_pages == 1


def test_a_provider_not_answering_at_log_out_time_gets_the_same_warning(
        configured: sso.SsoConfig, provider: Provider, departments: None) -> None:
    browser = Person("mette")
    assert browser.sign_in().status_code == 302
    down = sso.from_environ({**environment(provider),
                             "BUDGETKATALOG_OIDC_ISSUER": "http://127.0.0.1:9/nowhere"})
    with override_settings(BUDGETKATALOG_SSO=down):
        response = browser.log_out()
    assert response.status_code == 200
    assert 'id="sso-still-signed-in"' in response.content.decode()
    assert signed_in_as(browser) is None
