"""The generated dbt docs site, opened in headless Chromium (Debian package) and driven with Playwright.

Runs in ``make test-docs`` (marker ``docs_site``; the plain ``pytest`` of ``make test-python`` deselects it),
after ``make test-dbt`` has built the isolated warehouse and ``scripts/build_docs_site.sh`` has generated the
site from it. The site is served on localhost exactly as ``make docs`` serves it: a static folder.

Checked: the catalog has real column types for Delta tables (dbt-spark's gap, filled by our macro
``spark__list_relations_without_caching``); a user can search for a mart, open it, see its columns with types,
open its lineage graph and find the Bronze sources, the vault models and the dashboards (exposures) on it.
The screenshot of that graph goes to ``LAKEHOUSE_DOCS_SCREENSHOT`` (the README's ``docs/img/lineage.png``
when refreshed with ``make test-docs DOCS_SCREENSHOT=docs/img/lineage.png``).
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("LAKEHOUSE_DOCS_SITE", ROOT / "site"))
SCREENSHOT = Path(os.environ.get("LAKEHOUSE_DOCS_SCREENSHOT", ROOT / "target" / "docs-site-test" / "lineage.png"))
CHROMIUM = os.environ.get("LAKEHOUSE_CHROMIUM", "/usr/bin/chromium")
# flags for a locked-down container: no sandbox (root), no GPU, and nothing that phones home
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECT = "cosnova_lakehouse"
MART = "fact_order_lines"
TIMEOUT_MS = 60_000  # the machine is shared; the site's 2 MB of JavaScript can take a while to start

pytestmark = pytest.mark.docs_site


@pytest.fixture(scope="module")
def site() -> Path:
    missing = [name for name in ("index.html", "manifest.json", "catalog.json") if not (SITE / name).is_file()]
    if missing:
        pytest.fail(f"no docs site in {SITE} (missing {', '.join(missing)}): run `make test-docs`")
    return SITE


@pytest.fixture(scope="module")
def catalog(site: Path) -> dict[str, Any]:
    return json.loads((site / "catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/install_chromium.sh (make test-docs does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # scale 1.5: node labels stay readable in the README's screenshot
            page = browser.new_page(viewport={"width": 1600, "height": 1000}, device_scale_factor=1.5)
            page.set_default_timeout(TIMEOUT_MS)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(base_url)
            page.wait_for_selector("input[placeholder='Search for models...']")
            yield page
            assert not errors, f"JavaScript errors on the docs site: {errors}"
        finally:
            browser.close()


def column_types(page: Any) -> dict[str, str]:
    """Column name -> type as the open model page shows them."""
    page.wait_for_selector("tr.column-row")
    cells = page.eval_on_selector_all(
        "tr.column-row", "rows => rows.map(r => [r.cells[0].innerText.trim(), r.cells[1].innerText.trim()])"
    )
    return dict(cells)


def open_from_search(page: Any, name: str) -> None:
    """Type the name into the search box and click its result, as a user would."""
    page.locator("input[placeholder='Search for models...']").fill(name)
    result = (
        page.locator(".search-result")
        .filter(has=page.locator("h4 small", has_text=re.compile(r"^\s*model\s*$")))
        .filter(has=page.locator("h4 span", has_text=re.compile(rf"(^|\.){name}\s*$")))
    )
    result.first.click()
    page.wait_for_function(
        "name => [...document.querySelectorAll('h1 .break')].some(h => h.innerText.trim() === name)", arg=name
    )


def test_catalog_has_column_types_for_delta_tables(catalog: dict[str, Any]) -> None:
    # without the macro override, every Delta table of the catalog has no column at all
    tables = {uid: entry for uid, entry in catalog["nodes"].items() if entry["metadata"]["type"] != "view"}
    assert tables, "the catalog lists no table"
    without_columns = sorted(uid for uid, entry in tables.items() if not entry["columns"])
    assert not without_columns, f"tables without columns in the catalog: {without_columns}"
    hub = catalog["nodes"][f"model.{PROJECT}.hub_customer"]["columns"]
    assert {name: column["type"] for name, column in hub.items()} == {
        "customer_hk": "string",
        "customer_id": "string",
        "load_datetime": "timestamp",
        "record_source": "string",
    }
    sources = catalog["sources"]
    assert sources, "the catalog lists no source (Bronze tables)"
    assert all(entry["columns"] for entry in sources.values())


def test_model_page_shows_catalog_types(page: Any) -> None:
    open_from_search(page, "hub_customer")
    types = column_types(page)
    assert types["customer_hk"] == "string"
    assert types["load_datetime"] == "timestamp"


def test_mart_lineage_graph_reaches_sources_vault_and_exposures(page: Any) -> None:
    open_from_search(page, MART)
    assert page.url.endswith(f"#!/model/model.{PROJECT}.{MART}")
    # its documented columns (their types come from the catalog: marts join make test-dbt later, see README)
    assert {"order_line_sk", "net_amount_eur", "loaded_at"} <= column_types(page).keys()

    # the launcher buttons by their actions: Bootstrap's tooltips take over their `title` attributes
    page.locator(".launcher-btn a[ng-click='onLauncherClick()']").click()
    page.locator("a[ng-click='showExpanded()']").click()
    # window.graph is the site's cytoscape instance; the graph is drawn on a canvas, not in the DOM
    page.wait_for_function("() => window.graph && window.graph.nodes(':visible').length > 10")
    page.mouse.move(800, 150)  # off the buttons: no tooltip on the screenshot
    page.wait_for_timeout(2_000)  # let the layout settle before the screenshot
    visible: list[str] = page.evaluate("() => window.graph.nodes(':visible').map(n => n.id())")

    assert f"model.{PROJECT}.{MART}" in visible
    sources = [n for n in visible if n.startswith(f"source.{PROJECT}.")]
    vault = [n for n in visible if n.split(".")[-1].startswith(("hub_", "lnk_", "sat_", "ma_sat_", "pit_"))]
    exposures = [n for n in visible if n.startswith(f"exposure.{PROJECT}.")]
    assert {f"source.{PROJECT}.shop.order_lines", f"source.{PROJECT}.shop.orders"} <= set(sources)
    assert {f"model.{PROJECT}.hub_order", f"model.{PROJECT}.lnk_order_line"} <= set(vault)
    assert f"exposure.{PROJECT}.finance_revenue_dashboard" in exposures

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000, "the lineage screenshot is (nearly) empty"
