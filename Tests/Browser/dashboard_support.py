"""Fixtures and helpers for the dashboard's browser tests (test_dashboard.py, test_accessibility.py).

`dash` (session): its own `perch serve` (separate from conftest's `perch`, which the tracker tests
share) on a data dir filled before start with `perch dev seed` (30 days of history on
seed-1.example and seed-2.example), plus goals, a user, a Stats API key, two shared links (one with a
password) and a deterministic set of live events sent through POST /api/event with varied
User-Agents, X-Forwarded-For addresses (the server trusts 127.0.0.1 as a proxy), referrers, UTM
tags, pages, custom events with props and a revenue goal.
"""

import gzip
import json
import os
import pathlib
import shutil
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from conftest import DESKTOP_UA, PHONE_UA, ROOT, PerchServer, free_port

SITE = "seed-1.example"
OTHER_SITE = "seed-2.example"
EMAIL = "owner@example.com"
PASSWORD = "correct horse battery"
SHARE_PASSWORD = "sharepass1"
ASSETS = ROOT / "Sources" / "PerchWeb" / "Assets"

USER_AGENTS = [
    DESKTOP_UA,
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0",
    PHONE_UA,
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
]
REFERRERS = ["https://www.google.com/", "https://news.ycombinator.com/item?id=1", "", "https://duckduckgo.com/",
             "https://t.co/abc"]
PAGES = ["/", "/blog", "/blog/hello-world", "/pricing", "/docs", "/about"]


class DashServer(PerchServer):
    """PerchServer plus the Stats API and event helpers the dashboard tests use."""

    # -- Stats API ---------------------------------------------------------------------------

    def query(self, body, site=SITE):
        """POST /api/v2/query with the test key; answers the decoded JSON (raises on an error)."""
        payload = dict(body, site_id=site)
        request = urllib.request.Request(self.base_url + "/api/v2/query", data=json.dumps(payload).encode(),
                                         headers={"Authorization": "Bearer " + self.keys[site],
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as e:
            raise AssertionError(f"Stats API refused {payload}: {e.code} {e.read()!r}")

    def send_event(self, payload, user_agent, ip):
        request = urllib.request.Request(self.base_url + "/api/event", data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "text/plain", "User-Agent": user_agent,
                                                  "X-Forwarded-For": ip})
        with urllib.request.urlopen(request, timeout=10) as r:
            assert r.status in (200, 202), r.status


def live_events():
    """(payload, user agent, ip) of the deterministic live data set: 30 visitors, ~70 events."""
    events = []
    for v in range(30):
        ua = USER_AGENTS[v % len(USER_AGENTS)]
        ip = f"203.0.113.{10 + v}"
        ref = REFERRERS[v % len(REFERRERS)]
        first = PAGES[v % len(PAGES)]
        query = "?utm_source=newsletter&utm_medium=email&utm_campaign=winter" if v % 4 == 0 else ""
        events.append(({"n": "pageview", "u": f"https://{SITE}{first}{query}", "d": SITE, "r": ref or None}, ua, ip))
        if v % 3 == 0:
            events.append(({"n": "pageview", "u": f"https://{SITE}/blog", "d": SITE, "r": None}, ua, ip))
        if v % 5 == 0:
            events.append(({"n": "Signup", "u": f"https://{SITE}/register", "d": SITE,
                            "p": {"plan": "pro" if v % 2 else "starter", "seats": str(1 + v % 3)}}, ua, ip))
        if v % 6 == 0:
            events.append(({"n": "Purchase", "u": f"https://{SITE}/checkout", "d": SITE,
                            "$": {"amount": "29.90", "currency": "EUR"}, "p": {"plan": "pro"}}, ua, ip))
    return events


@pytest.fixture(scope="session")
def dash(artifacts_dir):
    binary = os.environ.get("PERCH_BINARY", str(ROOT / ".build" / "debug" / "perch"))
    if not os.access(binary, os.X_OK):
        pytest.exit(f"no perch binary at {binary} (build it or set PERCH_BINARY)", returncode=2)
    data_dir = tempfile.mkdtemp(prefix="perch-dashboard-")
    # A trusted local proxy, so that X-Forwarded-For gives each test visitor its own address.
    server = DashServer(binary, data_dir, free_port(), artifacts_dir / "perch-dashboard-serve.log",
                        extra_args=["--trusted-proxy", "127.0.0.1/32"])
    server.run_cli("dev", "seed", "--events", "6000", "--sites", "2", "--days", "30", "--seed", "7")
    server.run_cli("goals", "add", SITE, "--event", "Signup")
    server.run_cli("goals", "add", SITE, "--event", "Purchase", "--currency", "EUR")
    server.run_cli("goals", "add", SITE, "--page", "/pricing*")
    server.run_cli("users", "add", EMAIL, input=PASSWORD + "\n")
    # A key per site; the last token of the last line is the key.
    server.keys = {site: server.run_cli("keys", "create", "--site", site, "--hourly-limit", "100000").stdout.strip().splitlines()[-1].split()[-1]
                   for site in (SITE, OTHER_SITE)}
    server.share_path = server.run_cli("shares", "create", SITE).stdout.strip().splitlines()[-1].split()[-1]
    server.locked_share_path = server.run_cli("shares", "create", SITE, "--password",
                                              input=SHARE_PASSWORD + "\n").stdout.strip().splitlines()[-1].split()[-1]
    server.start()
    sent = live_events()
    for payload, ua, ip in sent:
        server.send_event(payload, ua, ip)
    # Wait until the live events are queryable (journal flush + store).
    deadline = time.time() + 20
    while True:
        answer = server.query({"metrics": ["events"], "date_range": "day", "filters": [["is", "event:name", ["Purchase"]]]})
        if answer["results"] and answer["results"][0]["metrics"][0] >= 5:
            break
        if time.time() > deadline:
            raise AssertionError(f"live events not visible after 20 s: {answer}")
        time.sleep(0.2)
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def login(page, dash, next_path=None):
    page.goto(dash.base_url + "/login" + (f"?next={next_path}" if next_path else ""))
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")


def wait_loaded(page, timeout=30000):
    # (wait_for_function would eval a string, which the pages' CSP forbids.)
    page.wait_for_selector("html[data-loaded=true]", state="attached", timeout=timeout)


def open_dashboard(page, dash, query="", site=SITE):
    page.goto(f"{dash.base_url}/{site}{query}")
    wait_loaded(page)


def gzip_size(data):
    return len(gzip.compress(data, 9))


def axe_source():
    import axe_playwright_python

    return (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def run_axe(page):
    """Runs axe-core inside the page (evaluate is not subject to the page's CSP); answers violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;0")
    return page.evaluate(
        "axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
        "nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || ''))})))")
