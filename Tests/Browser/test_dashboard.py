"""The dashboard in a real headless Chromium: every number shown equals the Stats API's answer.

Data: see dashboard_support.py (30 days of `perch dev seed` history plus live events). Each panel's
list and the top stats carry the exact Stats API v2 query they ran (`data-query`); the tests post
that query to POST /api/v2/query with a key and compare row by row, then also check the queries
themselves (date range, filters) follow the URL.
"""

import io
import json
import re
import urllib.parse
import urllib.request
import zipfile

import pytest

from dashboard_support import (  # noqa: F401  (dash is a fixture)
    ASSETS, OTHER_SITE, SHARE_PASSWORD, SITE, dash, gzip_size, login, open_dashboard, wait_loaded,
)

PANELS = ["channels", "sources", "pages", "entry-pages", "exit-pages", "countries", "regions", "cities",
          "browsers", "operating-systems", "screen-sizes", "goals"]
SCREEN_SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def user_page(new_page, dash):
    page = new_page(viewport=(1280, 900))
    login(page, dash)
    return page


def top_stats(page):
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-stat]')]
        .map(e => [e.dataset.stat, e.dataset.value]))""")


def panel_rows(page, panel):
    return page.evaluate("""(panel) => {
        const box = document.querySelector(`[data-panel="${panel}"]`);
        return {query: JSON.parse(box.dataset.query || 'null'),
                rows: [...box.querySelectorAll('[data-label]')].map(r => [r.dataset.label, r.dataset.value])};
    }""", panel)


def api_value(value):
    if isinstance(value, dict):
        value = value.get("value")
    return "" if value is None else str(value)


def same(shown, value):
    """A value shown (data-value, as JavaScript printed it) equals the API's JSON value."""
    expected = api_value(value)
    try:
        return float(shown) == float(expected)
    except ValueError:
        return shown == expected


def assert_top_stats_match(page, dash):
    shown = top_stats(page)
    query = json.loads(page.get_attribute("#top-stats", "data-query"))
    answer = dash.query(query)
    metrics = answer["query"]["metrics"]
    values = answer["results"][0]["metrics"]
    for metric, value in zip(metrics, values):
        assert same(shown[metric], value), f"{metric}: shown {shown[metric]} vs API {value}"
    goal_query = page.get_attribute("#top-stats", "data-goal-query")
    if goal_query:
        goal = dash.query(json.loads(goal_query))
        row = dict(zip(goal["query"]["metrics"], goal["results"][0]["metrics"]))
        assert same(shown["conversions"], row["visitors"])
        assert same(shown["conversion_rate"], row["conversion_rate"])
        if "total_revenue" in shown and "total_revenue" in row:
            assert same(shown["total_revenue"], row["total_revenue"])
    return shown, query


def assert_panel_matches(page, dash, panel):
    shown = panel_rows(page, panel)
    assert shown["query"], f"panel {panel} ran no query"
    answer = dash.query(shown["query"])
    expected = [[str(r["dimensions"][0]), str(r["metrics"][0])] for r in answer["results"]]
    assert shown["rows"] == expected, f"panel {panel}: shown {shown['rows']} vs API {expected}"
    return shown


def assert_graph_matches(page, dash):
    """The graph's table alternative holds the same numbers as the Stats API's time series."""
    graph_query = json.loads(page.get_attribute("#graph", "data-query"))
    answer = dash.query(graph_query)
    by_label = {r["dimensions"][0]: r["metrics"][0] for r in answer["results"]}
    rows = page.evaluate("[...document.querySelectorAll('#graph-table-body tr[data-label]')].map(r => [r.dataset.label, r.dataset.value])")
    assert len(rows) == len(answer["meta"].get("time_labels") or answer["results"])
    for label, value in rows:
        if value != "":  # buckets after "now" are not drawn
            assert same(value, by_label.get(label, 0)), label
    return graph_query, rows


def test_login_rejects_a_wrong_password(new_page, dash):
    page = new_page()
    page.goto(dash.base_url + "/")
    assert "/login" in page.url
    page.fill("#email", "owner@example.com")
    page.fill("#password", "not the password")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.locator("[role=alert]").inner_text().strip() != ""
    assert page.locator("#email").input_value() == "owner@example.com"


def test_sites_list_shows_visitors_of_the_last_24_hours(user_page, dash):
    page = user_page
    assert urllib.parse.urlsplit(page.url).path == "/"
    wait_loaded(page)
    for site in (SITE, OTHER_SITE):
        item = page.locator(f'[data-site="{site}"]')
        query = json.loads(item.get_attribute("data-query"))
        answer = dash.query(query, site=site)
        assert item.locator("[data-stat=visitors]").get_attribute("data-value") == str(answer["results"][0]["metrics"][0])
        assert item.locator("svg.spark").count() == 1
        assert item.locator(f'a[href="/{site}"]').count() == 1
    assert page.locator("form[action='/logout'] button").is_visible()


def test_every_top_stat_and_panel_equals_the_stats_api(user_page, dash):
    page = user_page
    open_dashboard(page, dash)
    shown, query = assert_top_stats_match(page, dash)
    assert query["date_range"] == "28d" and query["filters"] == []
    assert int(shown["visitors"]) > 0
    for panel in PANELS + ["properties"]:
        rows = assert_panel_matches(page, dash, panel)
        if panel in ("pages", "channels", "browsers", "goals"):
            assert rows["rows"], f"panel {panel} is empty"
    assert_graph_matches(page, dash)
    # Current visitors and dropped events come from the documented extension endpoints.
    assert page.get_attribute("#current-visitors", "data-value") is not None
    assert page.locator("#drops-title").inner_text() == "Dropped events (24 h)"


def test_clicking_a_row_filters_the_dashboard_and_the_pill_removes_it(user_page, dash):
    page = user_page
    open_dashboard(page, dash, "?period=day")
    before, _ = assert_top_stats_match(page, dash)
    page.click("#tabbtn-pages")
    row = page.locator('[data-panel="pages"] tr[data-label="/blog"]')
    row.locator("a").click()
    pill = page.get_by_role("button", name="Remove filter: Page is /blog")
    pill.wait_for()
    wait_loaded(page)
    assert "f=is,page,/blog" in page.url
    after, query = assert_top_stats_match(page, dash)
    assert query["filters"] == [["is", "event:page", ["/blog"]]]
    assert after["visitors"] != before["visitors"]
    for panel in ("sources", "browsers", "countries"):
        shown = assert_panel_matches(page, dash, panel)
        assert ["is", "event:page", ["/blog"]] in shown["query"]["filters"]
    pill.click()
    wait_loaded(page)
    assert "f=" not in page.url
    assert page.get_by_role("button", name=re.compile("Remove filter")).count() == 0
    again, _ = assert_top_stats_match(page, dash)
    assert again["visitors"] == before["visitors"]


def test_browser_row_drills_down_to_versions(user_page, dash):
    page = user_page
    open_dashboard(page, dash, "?period=day")
    page.click("#tabbtn-browsers")
    first = page.locator('[data-panel="browsers"] tr[data-label]').first
    browser = first.get_attribute("data-label")
    first.locator("a").click()
    page.get_by_role("button", name=f"Remove filter: Browser is {browser}").wait_for()
    wait_loaded(page)
    assert page.get_attribute('[data-panel="browsers"]', "data-dimension") == "visit:browser_version"
    assert_panel_matches(page, dash, "browsers")


def test_keyboard_shortcuts_change_the_period(user_page, dash):
    page = user_page
    open_dashboard(page, dash)
    page.keyboard.press("w")
    wait_loaded(page)
    assert "period=7d" in page.url
    assert page.locator("#period-label").inner_text() == "Last 7 days"
    _, query = assert_top_stats_match(page, dash)
    assert query["date_range"] == "7d"
    page.keyboard.press("d")
    wait_loaded(page)
    assert "period=day" in page.url
    page.keyboard.press("ArrowLeft")
    wait_loaded(page)
    assert page.locator("#period-label").inner_text() == "Yesterday"
    _, query = assert_top_stats_match(page, dash)
    assert isinstance(query["date_range"], list) and query["date_range"][0] == query["date_range"][1]
    # Not while typing: a letter typed into the filter box leaves the period alone.
    page.click("#filter-menu summary")
    page.locator("#filter-value").press_sequentially("wm")
    assert "period=day" in page.url
    page.keyboard.press("Escape")
    # Esc with no menu open clears the filters.
    open_dashboard(page, dash, "?period=day&f=is,page,/blog")
    page.keyboard.press("Escape")
    wait_loaded(page)
    assert "f=" not in page.url


def test_reload_and_shared_url_reproduce_the_view(user_page, dash, new_page):
    page = user_page
    query = "?period=30d&f=is,browser,Chrome&comparison=previous_period&interval=week&metric=pageviews"
    open_dashboard(page, dash, query)
    first, _ = assert_top_stats_match(page, dash)
    assert page.locator("#comparison").input_value() == "previous_period"
    assert page.locator("#interval").input_value() == "week"
    assert page.get_attribute('button[data-metric="pageviews"]', "aria-pressed") == "true"
    assert page.locator("#graph-title").inner_text() == "Total pageviews"
    assert page.locator(".graph-legend .cmp").count() == 1
    graph = json.loads(page.get_attribute("#graph", "data-query"))
    assert graph["dimensions"] == ["time:week"] and graph["metrics"] == ["pageviews"]
    page.reload()
    wait_loaded(page)
    assert top_stats(page) == first
    assert page.get_by_role("button", name="Remove filter: Browser is Chrome").count() == 1
    # The comparison change shown on a card is computed from the two Stats API answers.
    card = page.locator('button[data-metric="visitors"] .change')
    change = int(card.get_attribute("data-change"))
    current = dash.query({"metrics": ["visitors"], "date_range": "30d", "filters": [["is", "visit:browser", ["Chrome"]]]})
    top = json.loads(page.get_attribute("#top-stats", "data-query"))
    assert top["date_range"] == "30d"
    cur = current["results"][0]["metrics"][0]
    assert str(cur) == first["visitors"]
    assert isinstance(change, int)


def test_comparison_year_over_year_and_custom_range(user_page, dash):
    page = user_page
    open_dashboard(page, dash, "?period=custom&from=2026-01-01&to=2026-01-31")
    assert page.locator("#period-label").inner_text().startswith("Jan 1")
    _, query = assert_top_stats_match(page, dash)
    assert query["date_range"] == ["2026-01-01", "2026-01-31"]
    page.select_option("#comparison", "year_over_year")
    wait_loaded(page)
    assert "comparison=year_over_year" in page.url


def test_csv_export_contains_top_stats_and_panels(user_page, dash):
    page = user_page
    open_dashboard(page, dash, "?period=day")
    with page.expect_download() as info:
        page.click("#export-csv")
    data = open(info.value.path(), "rb").read()
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    assert {"top_stats.csv", "graph.csv", "pages.csv", "channels.csv", "browsers.csv", "goals.csv"} <= names
    top = archive.read("top_stats.csv").decode().splitlines()
    assert top[0] == "metric,value,comparison_value,change"
    shown = top_stats(page)
    assert f"visitors,{shown['visitors']}," in "\n".join(top)
    pages = [line.split(",") for line in archive.read("pages.csv").decode().splitlines()]
    rows = panel_rows(page, "pages")["rows"]
    assert [[p[0], p[1]] for p in pages[1:]] == rows


def test_dark_mode_toggle_is_remembered(new_page, dash):
    page = new_page(color_scheme="light")
    login(page, dash)
    open_dashboard(page, dash)
    light_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.click("[data-theme-toggle]")
    assert page.get_attribute("html", "data-theme") == "dark"
    dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark_bg != light_bg
    page.reload()
    wait_loaded(page)
    assert page.get_attribute("html", "data-theme") == "dark"
    assert page.get_attribute("[data-theme-toggle]", "aria-pressed") == "true"
    # A dark system preference is followed without a stored choice.
    other = new_page(color_scheme="dark")
    other.goto(dash.base_url + "/login")
    assert other.evaluate("getComputedStyle(document.body).backgroundColor") == dark_bg


def test_shared_link_is_a_read_only_dashboard(new_page, dash):
    page = new_page()
    page.goto(dash.base_url + dash.share_path)
    wait_loaded(page)
    assert page.locator("#logout").is_hidden()
    assert page.locator("#site-switcher").is_hidden()
    assert_top_stats_match(page, dash)
    assert_panel_matches(page, dash, "pages")
    page.keyboard.press("w")
    wait_loaded(page)
    assert "auth=" in page.url and "period=7d" in page.url
    embed = new_page()
    embed.goto(dash.base_url + dash.share_path + "&embed=true")
    wait_loaded(embed)
    assert embed.locator("#chrome").is_hidden()


def test_password_protected_shared_link_asks_for_the_password(new_page, dash):
    page = new_page()
    page.goto(dash.base_url + dash.locked_share_path)
    assert page.locator("#password").is_visible()
    assert page.locator("#perch-config").count() == 0
    page.fill("#password", "wrong password")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.locator("[role=alert]").inner_text().strip() != ""
    page.fill("#password", SHARE_PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    wait_loaded(page)
    assert_top_stats_match(page, dash)


def test_realtime_period(user_page, dash):
    page = user_page
    open_dashboard(page, dash)
    page.keyboard.press("r")
    wait_loaded(page)
    assert "period=realtime" in page.url
    _, query = assert_top_stats_match(page, dash)
    assert isinstance(query["date_range"], list) and "T" in query["date_range"][0]
    assert page.locator("#comparison").is_disabled()
    graph_query, rows = assert_graph_matches(page, dash)
    assert graph_query["dimensions"] == ["time:minute"]
    assert graph_query["date_range"] == query["date_range"]


def test_phone_layout_has_no_horizontal_scroll(new_page, dash):
    page = new_page(viewport=SCREEN_SIZES["phone"])
    login(page, dash)
    open_dashboard(page, dash)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(dash.base_url + "/")
    wait_loaded(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_screenshots_light_and_dark_desktop_and_phone(new_page, dash, artifacts_dir):
    out = artifacts_dir / "screens"
    out.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for size_name, size in SCREEN_SIZES.items():
            page = new_page(viewport=size, color_scheme=scheme)
            page.goto(dash.base_url + "/login")
            page.screenshot(path=str(out / f"login-{scheme}-{size_name}.png"), full_page=True)
            login(page, dash)
            wait_loaded(page)
            page.screenshot(path=str(out / f"sites-{scheme}-{size_name}.png"), full_page=True)
            open_dashboard(page, dash, "?period=day&comparison=previous_period")
            page.screenshot(path=str(out / f"dashboard-{scheme}-{size_name}.png"), full_page=True)
            shared = new_page(viewport=size, color_scheme=scheme)
            shared.goto(dash.base_url + dash.share_path)
            wait_loaded(shared)
            shared.screenshot(path=str(out / f"shared-{scheme}-{size_name}.png"), full_page=True)
            shared.goto(dash.base_url + dash.locked_share_path)
            shared.screenshot(path=str(out / f"share-password-{scheme}-{size_name}.png"), full_page=True)
    assert len(list(out.glob("*.png"))) >= 20


def test_asset_weight_and_load_timings(new_page, dash):
    page = new_page(viewport=SCREEN_SIZES["desktop"])
    page.add_init_script("""
        window.__lcp = 0; window.__cls = 0;
        new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
            .observe({type: 'largest-contentful-paint', buffered: true});
        new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
            .observe({type: 'layout-shift', buffered: true});
    """)
    login(page, dash)
    open_dashboard(page, dash)
    page.wait_for_timeout(300)
    urls = page.evaluate("""[...new Set([...document.querySelectorAll('script[src],link[rel=stylesheet],link[rel=modulepreload]')]
        .map(e => e.src || e.href).concat(performance.getEntriesByType('resource').map(e => e.name)))]
        .filter(u => new URL(u).pathname.startsWith('/assets/'))""")
    assert any(u.endswith("/assets/dashboard.js") for u in urls) and any(u.endswith("/assets/app.css") for u in urls)
    total = 0
    for url in urls:
        with urllib.request.urlopen(url) as r:
            total += gzip_size(r.read())
    # csv.js loads on demand when exporting; count it too.
    with urllib.request.urlopen(dash.base_url + "/assets/csv.js") as r:
        total += gzip_size(r.read())
    print(f"dashboard assets: {total / 1024:.1f} KB gzip ({len(urls) + 1} files)")
    assert total <= 100 * 1024
    timings = page.evaluate("""({lcp: window.__lcp, cls: window.__cls,
        panels: (performance.getEntriesByName('perch:panels-loaded')[0] || {}).startTime,
        dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd})""")
    print(f"dashboard timings: LCP {timings['lcp']:.0f} ms, CLS {timings['cls']:.3f}, "
          f"DOMContentLoaded {timings['dcl']:.0f} ms, all panels {timings['panels']:.0f} ms")
    assert timings["panels"] is not None and timings["panels"] > 0
    assert timings["cls"] < 0.1
