"""Playwright in the machine's own Chromium (Debian package `chromium`), never a downloaded one.

A missing /usr/bin/chromium skips the browser tests, unless KONVERGENSI_REQUIRE_BROWSER=1
(as in CI), which makes it an error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise refuse
# to be called from it ("SynchronousOnlyOperation").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# The flags that let Chromium run as root in a sandboxed, offline machine without noise.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} not found (apt-get install chromium)"
        if os.environ.get("KONVERGENSI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}, and KONVERGENSI_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(f"browser tests skipped: {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def problems() -> list[str]:
    """What went wrong in the browser: console errors, uncaught exceptions, failed requests."""
    return []


def _watch(page, problems: list[str]) -> None:
    def on_console(message) -> None:
        if message.type == "error":
            problems.append(f"console error on {page.url}: {message.text}")

    def on_response(response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: problems.append(f"page error on {page.url}: {error}"))
    page.on("requestfailed", lambda r: _request_failed(r, problems))


def _request_failed(request, problems: list[str]) -> None:
    """A request the browser itself cancelled (net::ERR_ABORTED) is not a failure of the system:
    Chromium aborts what is still loading, such as the favicon, when the page navigates away
    (a form posts, a progress page moves on). A refused or unreachable request still counts, and
    a 4xx/5xx answer is caught by the response watcher."""
    if request.failure == "net::ERR_ABORTED":
        return
    problems.append(f"request failed: {request.url} ({request.failure})")


@pytest.fixture
def new_page(chromium, problems: list[str]):
    """A factory of pages (desktop 1366×900 by default), each watched for problems."""
    contexts = []

    def make(*, width: int = 1366, height: int = 900, **options):
        context = chromium.new_context(
            viewport={"width": width, "height": height}, locale="id-ID", **options
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        _watch(page, problems)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to artifacts/screenshots/NAME.png (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / (re.sub(r"[^a-z0-9-]+", "-", name.lower()) + ".png")
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
