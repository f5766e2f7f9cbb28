"""An anonymous visitor sees only the login page and the public pages; every other URL in the
URLconf redirects to the login page."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {"login", "public", "about", "set_language"}
# A value that satisfies each path converter, so that every route can be requested.
SAMPLE = {
    "int": "1",
    "str": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "slug": "x",
    "path": "x",
}


def _routes(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _routes(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield namespace + (p.name or ""), prefix + str(p.pattern)


def _url(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m.group(1) or "str"], route)
    return "/" + route.lstrip("^").rstrip("$").replace("\\Z", "")


def _app_routes():
    # Django admin has its own login page (admin:login); its other pages redirect to it.
    return [(n, r) for n, r in _routes() if not n.startswith("admin:") and "(?P" not in r]


@pytest.mark.parametrize(("name", "route"), _app_routes())
def test_it_redirects_every_private_url_to_login(client, db, name, route):
    if name in PUBLIC:
        pytest.skip("public page")
    url = _url(route)
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("login")), url


def test_it_shows_the_public_pages(client, db):
    for name in ("login", "public", "about"):
        assert client.get(reverse(name)).status_code == 200


def test_it_keeps_the_admin_behind_its_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_does_not_serve_uploaded_files_directly(client, db):
    assert client.get("/media/bukti/x.pdf").status_code in {302, 404}
