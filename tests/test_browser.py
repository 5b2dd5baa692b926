"""The explorer in a real browser: Debian's Chromium driven by Playwright over a live server.

The sample pages in examples/ are ingested into one database, which the walk-through and the
screenshots in docs/screenshots/ use; a copy of it gets one more record full of script payloads,
which must all stay inert. The screenshots come out the same bytes on every run and in every
checkout (the pages are ingested by a relative path, the pointer is parked, fonts are waited for),
so running the tests leaves them unchanged unless the pages changed. No browser is ever
downloaded: without /usr/bin/chromium (`make browser` installs it) or Playwright the whole
module is skipped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsgraph import Store, build_pipeline, ingest
from newsgraph.sources import read_paths
from newsgraph.web.app import create_app

from .conftest import serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, ViewportSize

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium: `make browser` installs Debian's Chromium", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (it is in the dev extra)"
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCREENSHOTS = ROOT / "docs" / "screenshots"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
# Switches that keep the browser off the network and out of its own update machinery.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
    "--force-color-profile=srgb",  # the same colours whatever display profile the host has
]  # fmt: skip

XSS_TITLE = "<script>window.__pwned=1</script> Harbour board backs ferry plan"
XSS_AUTHOR = '"><svg onload="window.__pwned=1">'
XSS_SITE = "<b onmouseover=alert(4)>Harbour Post</b>"
# A JSON record, so title, author, site and URL reach the store exactly as written here.
XSS_RECORD = {
    "id": "xss-probe",
    "url": "javascript:alert(1)",
    "title": XSS_TITLE,
    "published": "2025-04-02T09:00:00+02:00",
    "authors": [XSS_AUTHOR],
    "site": XSS_SITE,
    "body": (
        "The harbour board in Rotterdam voted on Tuesday to spend 4 million euros on two new"
        ' ferries.\n\n"This is the plan we promised," said Ana Petrov, who chairs the board.'
        ' She posted <img src=x onerror="window.__pwned=1"> by mistake, and a reader replied'
        ' with <a href="javascript:alert(2)">read more</a> before the post came down.\n\n'
        "Critics said the ferries would arrive late. javascript:alert(3)"
    ),
}
# What a page holds if any payload became markup: scripts not ours, handlers, script links.
INJECTED_JS = """() => {
  const handlers = [...document.querySelectorAll("*")].filter(
    (el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith("on")));
  const scripts = [...document.scripts].filter((s) => !s.src.endsWith("/static/explorer.js"));
  const links = [...document.querySelectorAll("[href]")].filter(
    (el) => !/^https?:$/.test(new URL(el.getAttribute("href"), location.href).protocol));
  return {handlers: handlers.length, scripts: scripts.length, links: links.length,
          elements: document.querySelectorAll("svg[onload], img[onerror]").length};
}"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The examples database, and a copy of it with the XSS record added."""
    folder = tmp_path_factory.mktemp("browser")
    clean, dirty = folder / "examples.db", folder / "xss.db"
    pipeline = build_pipeline()
    # Relative to the checkout, as `make run` ingests them: an article's source (shown on its
    # page) then reads file:examples/…, whichever folder the checkout is in.
    with Store(clean) as store, pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        assert ingest(read_paths([EXAMPLES.name]), store, pipeline).stored == 8
    with closing(sqlite3.connect(clean)) as source, closing(sqlite3.connect(dirty)) as copy:
        source.backup(copy)
    record = folder / "xss.jsonl"
    record.write_text(json.dumps(XSS_RECORD) + "\n", encoding="utf-8")
    with Store(dirty) as store:
        assert ingest(read_paths([str(record)]), store, pipeline).stored == 1
    return clean, dirty


@pytest.fixture(scope="module")
def examples_site(databases: tuple[Path, Path]) -> Iterator[str]:
    with serving(create_app(databases[0])) as base:
        yield base


@pytest.fixture(scope="module")
def xss_site(databases: tuple[Path, Path]) -> Iterator[str]:
    with serving(create_app(databases[1])) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A browser page at 1280×900 that records every dialog and script error it sees."""

    def __init__(self, page: Page) -> None:
        self.page = page
        page.set_default_timeout(5_000)  # a local server answers at once; fail fast otherwise
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium asks every site for /favicon.ico on its own; the explorer has none.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            self.errors.append(f"{message.text} ({message.location['url']})")

    def shoot(self, name: str) -> Path:
        """Save what the window shows as docs/screenshots/NAME.png, the same bytes every run."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        # The pointer stays where the last click left it, over whatever the new page drew
        # there; whether that hover shows depends on timing, so park it on the bare header.
        self.page.mouse.move(0, 0)
        self.page.evaluate("document.fonts.ready.then(() => true)")
        self.page.screenshot(path=str(path), animations="disabled", caret="hide")
        return path


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    context = browser.new_context(viewport=VIEWPORT)
    yield Tab(context.new_page())
    context.close()


def width(page: Page, selector: str) -> float:
    """How wide the element drawn for `selector` is, in CSS pixels."""
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not drawn"
    return box["width"]


def test_search_article_entity_and_back(tab: Tab, examples_site: str) -> None:
    page = tab.page
    page.goto(examples_site + "/")
    page.fill("header input[name=q]", "city")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=city")
    assert page.locator("section.results h1").inner_text() == "3 articles for “city”"
    assert width(page, "section.results") > 2 * width(page, "aside.facets")  # facets at the side
    assert tab.shoot("search").stat().st_size < 300_000
    first = page.locator("ol.docs a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/docs/*")
    article_url = page.url
    assert page.locator("article h1").inner_text() == title
    for kind in ("quote", "entity", "amount", "time", "place"):
        assert page.locator(f"#body .fact.{kind}").count() > 0, kind
    assert page.locator("#body a.fact.entity[href^='/entities/']").count() > 0
    assert tab.shoot("article").stat().st_size < 300_000

    amount = page.locator("#body .fact.amount").first
    amount.hover()
    hint = amount.get_attribute("title") or ""
    assert hint.startswith("amount (") and "\nlow: " in hint and hint.endswith("stage: amounts")
    assert "lit" in (amount.get_attribute("class") or "").split()  # explorer.js ran

    speaker = page.locator("aside.meta .legend .fact.quote[class*=speaker-]").first.inner_text()
    person = page.locator("#body a.fact.entity-PERSON", has_text=speaker).first
    name = person.inner_text()
    person.click()
    page.wait_for_url("**/entities/person%3A*")
    assert page.locator("h1").inner_text().startswith(name)
    assert page.locator("svg.timeline rect").count() >= 1
    assert page.locator("blockquote.quote-card").count() >= 1  # the speaker's own quotes
    assert tab.shoot("entity").stat().st_size < 300_000

    page.go_back()
    page.wait_for_url(article_url)
    assert page.locator("article h1").inner_text() == title
    assert tab.dialogs == [] and tab.errors == []


def test_quotes_and_map_pages_render(tab: Tab, examples_site: str) -> None:
    page = tab.page
    page.goto(examples_site + "/quotes")
    assert page.locator("h1").inner_text() == "Quotes"
    assert page.locator("blockquote.quote-card").count() == 20  # a full first page
    assert tab.shoot("quotes").stat().st_size < 300_000

    page.goto(examples_site + "/map")
    assert page.locator("svg.map").is_visible()
    assert page.locator("svg.map .land path").count() == 177  # the world outline, served inline
    assert page.locator("svg.map .land path.named").count() >= 5  # countries with places
    dots = page.locator("svg.map a[href^='/search?q='] circle").count()
    assert dots >= 5
    assert page.locator("table.places tbody tr").count() == min(dots, 50)
    assert tab.shoot("map").stat().st_size < 300_000
    assert tab.dialogs == [] and tab.errors == []


def assert_inert(tab: Tab) -> None:
    """No dialog opened, no payload ran, and none of them became markup on this page."""
    assert tab.dialogs == []
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    injected = tab.page.evaluate(INJECTED_JS)
    assert injected == {"handlers": 0, "scripts": 0, "links": 0, "elements": 0}


def test_script_payloads_stay_inert(tab: Tab, xss_site: str) -> None:
    page = tab.page
    page.goto(xss_site + "/docs/xss-probe")
    assert page.locator("article h1").inner_text() == XSS_TITLE  # shown as text, not run
    meta = page.locator("aside.meta").inner_text()
    assert XSS_AUTHOR in meta and XSS_SITE in meta and "javascript:alert(1)" in meta
    page.locator("#body").hover()
    assert_inert(tab)
    entity_links = page.locator("#body a.fact.entity").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert len(entity_links) == 2

    page.goto(xss_site + "/search?q=ferries")
    assert page.locator("ol.docs a", has_text="window.__pwned").count() == 1
    assert_inert(tab)
    for link in entity_links:
        page.goto(link)
        assert page.locator("svg.timeline").count() == 1
        assert_inert(tab)
    assert tab.errors == []
