"""End to end in a real Chromium: log in through the form and open every main page.

Any console error, uncaught script error, failed request or HTTP status >= 400 (a missing
static file included) fails the test. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import factories as f
import pytest
from django.urls import reverse

from konvergensi.accounts.models import Role, User
from konvergensi.regions.services import load_regions

pytestmark = [
    pytest.mark.browser,
    # The live server reads committed data, so the test runs outside a transaction;
    # serialized_rollback puts back what migrations seeded once the test has flushed the tables.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# (screenshot name, URL name, arguments): the dashboard, Aksi 1 … 8, Data, Pengaturan.
MAIN_PAGES = [
    ("home", "home", ()),
    *[(f"aksi-{n}", "cycle:aksi", (n,)) for n in range(1, 9)],
    ("data", "regions:data", ()),
    ("settings", "accounts:settings", ()),
]


@pytest.fixture
def bappeda_admin() -> User:
    load_regions("53.02")  # the real kabupaten, so that pages show real names
    return f.user("admin", f.bappeda(), Role.ADMIN)


def log_in(page, live_server, user: User) -> None:
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", f.PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert page.url == live_server.url + reverse("home"), "login did not land on the home page"


def assert_assets_loaded(page) -> None:
    """Bootstrap's CSS and JS and htmx came from /static/ and took effect."""
    assert page.evaluate("() => typeof window.bootstrap") == "object", "bootstrap JS not loaded"
    assert page.evaluate("() => typeof window.htmx") == "object", "htmx not loaded"
    loaded = page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href && s.cssRules.length > 0)"
        ".map(s => new URL(s.href).pathname)"
    )
    assert any(href.endswith("bootstrap.min.css") for href in loaded), loaded
    assert any(href.endswith("konvergensi.css") for href in loaded), loaded


def test_an_anonymous_visit_lands_on_the_login_page(live_server, new_page, problems, screenshot):
    page = new_page()
    page.goto(live_server.url + reverse("home"))

    assert page.url.startswith(live_server.url + reverse("login"))
    assert page.locator("input[name=password]").is_visible()
    assert_assets_loaded(page)
    screenshot(page, "login")
    assert problems == []


def test_an_admin_opens_every_main_page_without_errors(
    live_server, bappeda_admin, new_page, problems, screenshot
):
    page = new_page()
    log_in(page, live_server, bappeda_admin)

    for name, url_name, args in MAIN_PAGES:
        url = live_server.url + reverse(url_name, args=args)
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.status == 200, f"{url}: {response}"
        assert page.url == url, f"{url} redirected to {page.url}"
        assert_assets_loaded(page)
        screenshot(page, name)

    # Collected over all pages, so one run names every page that has a problem.
    assert problems == []


def test_the_home_page_fits_a_phone(live_server, bappeda_admin, new_page, problems, screenshot):
    page = new_page(width=390, height=844, is_mobile=True, has_touch=True, device_scale_factor=2)
    log_in(page, live_server, bappeda_admin)

    page.goto(live_server.url + reverse("home"), wait_until="networkidle")
    # No horizontal scrolling: the layout collapses to the phone's width.
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    screenshot(page, "home-phone")
    assert problems == []
