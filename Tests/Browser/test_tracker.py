"""Perch's tracker (Sources/PerchWeb/Assets/tracker.js) in a real headless Chromium.

Every test loads a fixture page from http://shop.test:PORT (a non-localhost name, so the real
exclusions apply) whose snippet loads the tracker cross-origin from http://perch.test:PERCHPORT,
and asserts on what Perch stored (`perch events export`). Each test sends to its own site, so
tests do not see each other's events. Where a test must show that something was *not* sent, it
sends a later event that is tracked (a "sentinel") and waits for it first.
"""

import collections
import gzip
import time

import pytest

from conftest import FIXTURES, summary

SITES = [
    "pageview.test", "api.test", "multi-a.test", "multi-b.test", "spa.test", "hash.test",
    "bfcache.test", "hidden.test", "engage.test", "outbound.test", "files.test",
    "filetypes.test", "addtypes.test", "tagged.test", "forms.test", "props.test", "call.test",
    "manual.test", "queue.test", "local.test", "excluded.test", "focus.test", "payload.test",
]


@pytest.fixture(scope="module", autouse=True)
def sites(perch):
    perch.add_sites(*SITES)
    perch.run_cli("goals", "add", "tagged.test", "--event", "Purchase", "--currency", "EUR")
    perch.run_cli("goals", "add", "call.test", "--event", "Purchase", "--currency", "EUR")


def load(page, fixture_server, domain, script="script.js", name="page.html", **params):
    page.goto(fixture_server.url(name, domain=domain, script=script, **params))
    page.wait_for_function("typeof window.plausible === 'function' && !window.plausible.q")
    return page


def sentinel(perch, page, site, name="Sentinel"):
    """Sends a custom event from the page and waits until Perch stored it; returns all events."""
    page.evaluate("name => plausible(name)", name)
    return perch.wait_for_events(site, lambda e: e["name"] == name)


def names(events, name):
    return [e for e in events if e["name"] == name]


def fake_visibility(page, state):
    """Makes the page look hidden or visible (and focused) and fires visibilitychange; None
    gives the real state back (without an event)."""
    if state is None:
        page.evaluate("delete document.visibilityState; delete document.hidden; delete document.hasFocus")
        return
    page.evaluate(
        """state => {
        Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => state})
        Object.defineProperty(document, 'hidden', {configurable: true, get: () => state === 'hidden'})
        document.hasFocus = () => state === 'visible'
        document.dispatchEvent(new Event('visibilitychange'))
        }""",
        state,
    )


def test_pageview(perch, fixture_server, page):
    load(page, fixture_server, "pageview.test")
    events = perch.wait_for_events("pageview.test", lambda e: e["name"] == "pageview")
    [event] = names(events, "pageview")
    assert event["hostname"] == "shop.test"
    assert event["pathname"] == "/page.html"
    assert event["browser"] == "Chrome"
    assert event["props"] == {}
    assert event["interactive"] is True


def test_payload_format(perch, fixture_server, page):
    # The request itself, as Plausible's tracker sends it: text/plain JSON, same keys, same order.
    sent = []
    page.on("request", lambda r: r.url.endswith("/api/event") and sent.append(r))
    load(page, fixture_server, "payload.test", script="script.hash.pageview-props.js", attrs='event-k="v"')
    page.evaluate("plausible('Signup', {props: {plan: 'pro'}, revenue: {amount: 5, currency: 'EUR'}, interactive: false})")
    fake_visibility(page, "hidden")
    perch.wait_for_events("payload.test", lambda e: e["name"] == "engagement")
    assert [r.method for r in sent] == ["POST"] * 3
    assert all(r.headers["content-type"] == "text/plain" for r in sent)
    pageview, signup, engagement = (r.post_data_json for r in sent)
    url = page.url
    assert list(pageview.items()) == [("n", "pageview"), ("v", 1), ("u", url), ("d", "payload.test"),
                                      ("r", None), ("p", {"k": "v"}), ("h", 1)]
    assert list(signup) == ["n", "v", "u", "d", "r", "p", "i", "$", "h"]
    assert signup["p"] == {"plan": "pro", "k": "v"} and signup["i"] is False
    assert signup["$"] == {"amount": 5, "currency": "EUR"}
    assert list(engagement) == ["n", "sd", "d", "u", "p", "e", "v", "h"]
    assert engagement["u"] == url and engagement["p"] == {"k": "v"}


def test_data_api_and_plausible_js_name(perch, fixture_server, page):
    # The script comes from the page's own origin (as behind a proxy) under the old name
    # plausible.js; data-api sends the events straight to Perch instead of that origin.
    before = fixture_server.proxied_events
    api = f'data-api="{perch.public_url}/api/event"'
    load(page, fixture_server, "api.test", script="plausible.js", js=fixture_server.origin, attrs=api)
    events = perch.wait_for_events("api.test", lambda e: e["name"] == "pageview")
    assert len(names(events, "pageview")) == 1
    assert fixture_server.proxied_events == before


def test_domain_comma_list(perch, fixture_server, page):
    load(page, fixture_server, "multi-a.test,multi-b.test")
    for site in ("multi-a.test", "multi-b.test"):
        events = perch.wait_for_events(site, lambda e: e["name"] == "pageview")
        assert [e["pathname"] for e in names(events, "pageview")] == ["/page.html"]


def test_spa_history_navigation(perch, fixture_server, page):
    load(page, fixture_server, "spa.test")
    perch.wait_for_events("spa.test", lambda e: e["name"] == "pageview")
    page.evaluate("history.pushState({}, '', '/spa/two')")
    # Same pathname, other query: not a new page.
    page.evaluate("history.pushState({}, '', '/spa/two?tab=2')")
    page.evaluate("history.back()")
    page.wait_for_function("location.search === ''")
    page.evaluate("history.back()")
    page.wait_for_function("location.pathname === '/page.html'")
    # replaceState is not a navigation.
    page.evaluate("history.replaceState({}, '', '/spa/replaced')")
    events = sentinel(perch, page, "spa.test")
    paths = collections.Counter(e["pathname"] for e in names(events, "pageview"))
    assert paths == {"/page.html": 2, "/spa/two": 1}, [summary(e) for e in events]
    # Each SPA pageview first closes the previous page with an engagement event.
    engaged = collections.Counter(e["pathname"] for e in names(events, "engagement"))
    assert engaged == {"/page.html": 1, "/spa/two": 1}, [summary(e) for e in events]


def test_hash_routing(perch, fixture_server, page):
    load(page, fixture_server, "hash.test", script="script.hash.js")
    perch.wait_for_events("hash.test", lambda e: e["name"] == "pageview")
    page.evaluate("location.hash = '#/cart'")
    page.wait_for_function("location.hash === '#/cart'")
    page.evaluate("location.hash = '#/checkout'")
    events = perch.wait_for_events("hash.test", lambda e: e["name"] == "pageview", count=3)
    paths = [e["pathname"] for e in names(events, "pageview")]
    assert sorted(paths) == sorted(["/page.html", "/page.html#/cart", "/page.html#/checkout"]), paths
    events = perch.wait_for_events("hash.test", lambda e: e["name"] == "engagement", count=2)
    assert {e["pathname"] for e in names(events, "engagement")} >= {"/page.html", "/page.html#/cart"}


def test_bfcache_restore_sends_pageview(perch, fixture_server, page):
    load(page, fixture_server, "bfcache.test")
    perch.wait_for_events("bfcache.test", lambda e: e["name"] == "pageview")
    page.evaluate("addEventListener('pagehide', e => sessionStorage.cached = e.persisted)")
    page.click("#internal")
    page.wait_for_url("**/blank.html")
    # A page restored from the back/forward cache fires no load event, only pageshow.
    page.go_back(wait_until="commit")
    page.wait_for_function("typeof window.plausible === 'function'")
    assert page.evaluate("sessionStorage.cached") == "true", "the page was not kept in the bfcache"
    events = perch.wait_for_events("bfcache.test", lambda e: e["name"] == "pageview", count=2)
    assert len(names(events, "pageview")) == 2


def test_hidden_page_waits_until_visible(perch, fixture_server, new_page):
    page = new_page(init_script="""
        window.__vis = 'hidden'
        Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => window.__vis})
    """)
    load(page, fixture_server, "hidden.test")
    events = sentinel(perch, page, "hidden.test", "WhileHidden")
    assert names(events, "pageview") == []
    page.evaluate("window.__vis = 'visible'; document.dispatchEvent(new Event('visibilitychange'))")
    events = perch.wait_for_events("hidden.test", lambda e: e["name"] == "pageview")
    assert len(names(events, "pageview")) == 1


def test_engagement_scroll_depth_and_time(perch, fixture_server, page):
    load(page, fixture_server, "engage.test")
    perch.wait_for_events("engage.test", lambda e: e["name"] == "pageview")
    # Engaged time is wall-clock time in the page: let some pass.
    time.sleep(1.2)
    fake_visibility(page, "hidden")
    events = perch.wait_for_events("engage.test", lambda e: e["name"] == "engagement")
    [first] = names(events, "engagement")
    viewport_share = round(800 / page.evaluate("document.documentElement.scrollHeight") * 100)
    assert first["scroll_depth"] == viewport_share
    assert 1200 <= first["engagement_time"] < 10000
    assert first["pathname"] == "/page.html"
    # Shown and hidden again at once: no deeper scroll and < 3 s engaged, so nothing is sent.
    fake_visibility(page, "visible")
    fake_visibility(page, "hidden")
    # Shown, scrolled to the bottom, navigated away: sent with the new depth.
    fake_visibility(page, "visible")
    fake_visibility(page, None)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    page.goto(fixture_server.url("blank.html"))
    events = perch.wait_for_events("engage.test", lambda e: e["name"] == "engagement" and e["scroll_depth"] == 100)
    assert len(names(events, "engagement")) == 2, [summary(e) for e in events]


def test_engagement_time_counts_only_while_focused(perch, fixture_server, page):
    load(page, fixture_server, "focus.test")
    perch.wait_for_events("focus.test", lambda e: e["name"] == "pageview")
    time.sleep(1)
    blur(page)
    events = perch.wait_for_events("focus.test", lambda e: e["name"] == "engagement")
    assert 1000 <= names(events, "engagement")[0]["engagement_time"] < 3000
    # Blurred time does not count; 3 s of focused time do, and send again without scrolling.
    time.sleep(1.5)
    focus(page)
    time.sleep(3.2)
    blur(page)
    events = perch.wait_for_events("focus.test", lambda e: e["name"] == "engagement", count=2)
    times = sorted(e["engagement_time"] for e in names(events, "engagement"))
    # Had the 1.5 s blurred stretch counted, it would be 4700 or more.
    assert 3200 <= times[1] < 4700, times


def blur(page):
    page.evaluate("document.hasFocus = () => false; window.dispatchEvent(new Event('blur'))")


def focus(page):
    page.evaluate("document.hasFocus = () => true; window.dispatchEvent(new Event('focus'))")


def test_outbound_links(perch, fixture_server, page):
    load(page, fixture_server, "outbound.test", script="script.outbound-links.js")
    page.click("#internal", modifiers=["Control"])
    page.click("#outbound-child span", button="middle")
    page.click("#outbound")
    page.wait_for_url(f"{fixture_server.other_origin}/blank.html")
    events = perch.wait_for_events("outbound.test", lambda e: e["name"] == "Outbound Link: Click", count=2)
    urls = sorted(e["props"]["url"] for e in names(events, "Outbound Link: Click"))
    other = fixture_server.other_origin
    assert urls == [f"{other}/blank.html", f"{other}/blank.html?child=1"]
    assert {e["name"] for e in events} <= {"pageview", "engagement", "Outbound Link: Click"}


@pytest.mark.parametrize(
    "site,attrs,tracked",
    [
        ("files.test", "", ["archive.zip", "report.pdf"]),
        ("filetypes.test", 'file-types="psd"', ["artwork.psd"]),
        ("addtypes.test", 'add-file-types="psd"', ["archive.zip", "artwork.psd", "report.pdf"]),
    ],
)
def test_file_downloads(perch, fixture_server, page, site, attrs, tracked):
    load(page, fixture_server, site, script="script.file-downloads.js", attrs=attrs)
    for link in ("#pdf", "#psd", "#zip"):
        page.click(link)
    events = sentinel(perch, page, site)
    urls = sorted(e["props"]["url"] for e in names(events, "File Download"))
    # The query string (?session=42 on the PDF link) is dropped.
    assert urls == [f"{fixture_server.origin}/files/{f}" for f in tracked]


def test_tagged_events_and_revenue(perch, fixture_server, page):
    # With outbound links and file downloads on too: a tagged link sends only its tagged event.
    script = "script.file-downloads.tagged-events.outbound-links.revenue.js"
    load(page, fixture_server, "tagged.test", script=script)
    page.click("#tagged-child")
    page.click("#tagged-revenue")
    page.click("#tagged-link")
    page.click("#tagged-outbound", button="middle")
    # A click inside a form is not an event; the tagged form's submit is.
    page.click("#tagged-form-button")
    events = sentinel(perch, page, "tagged.test")
    counts = collections.Counter(e["name"] for e in events)
    assert counts == {"pageview": 1, "Signup": 1, "Purchase": 1, "Docs": 1, "Partner": 1, "Newsletter": 1,
                      "Sentinel": 1}
    [signup] = names(events, "Signup")
    assert signup["props"] == {"plan": "pro max"}
    [purchase] = names(events, "Purchase")
    assert purchase["revenue_source_amount"] == pytest.approx(19.9)
    assert purchase["revenue_source_currency"] == "EUR"
    [docs] = names(events, "Docs")
    assert docs["props"] == {"url": f"{fixture_server.origin}/files/guide.txt"}
    [partner] = names(events, "Partner")
    assert partner["props"] == {"url": f"{fixture_server.other_origin}/blank.html?tagged=1"}
    [newsletter] = names(events, "Newsletter")
    assert newsletter["props"] == {"list": "weekly"}


def test_form_submissions(perch, fixture_server, page):
    load(page, fixture_server, "forms.test", script="script.form-submissions.tagged-events.js")
    page.click("#valid-submit")
    # Interactive validation stops this one: no submit, no event.
    page.click("#invalid-submit")
    page.click("#novalidate-submit")
    # A tagged form sends its own event instead.
    page.click("#tagged-form-button")
    # Forms added later are seen too (one listener on the document).
    page.evaluate("""() => {
        const form = document.createElement('form')
        form.action = '/submit'
        form.innerHTML = '<input name="late" value="1"><button id="late-submit">Go</button>'
        document.body.append(form)
    }""")
    page.click("#late-submit")
    events = sentinel(perch, page, "forms.test")
    assert len(names(events, "Newsletter")) == 1
    submissions = names(events, "Form: Submission")
    assert len(submissions) == 3, [summary(e) for e in events]
    assert all(e["props"] == {"path": "/page.html"} for e in submissions)


def test_pageview_props(perch, fixture_server, page):
    attrs = 'event-author="Jane Doe" event-section="news"'
    load(page, fixture_server, "props.test", script="script.pageview-props.js", attrs=attrs)
    page.evaluate("plausible('Share', {props: {section: 'sports'}})")
    page.goto(fixture_server.url("blank.html"))
    events = perch.wait_for_events("props.test", lambda e: e["name"] == "engagement")
    [pageview] = names(events, "pageview")
    assert pageview["props"] == {"author": "Jane Doe", "section": "news"}
    [share] = names(events, "Share")
    assert share["props"] == {"author": "Jane Doe", "section": "sports"}
    [engagement] = names(events, "engagement")
    assert engagement["props"] == {"author": "Jane Doe", "section": "news"}


def test_custom_events_api(perch, fixture_server, page):
    load(page, fixture_server, "call.test")
    result = page.evaluate("""() => new Promise(done => plausible('Purchase', {
        props: {plan: 'pro', seats: 3}, revenue: {amount: 12.5, currency: 'EUR'}, callback: done}))""")
    assert result == {"status": 202}
    page.evaluate("plausible('Autoplay', {interactive: false})")
    page.evaluate("plausible('404', {u: location.origin + '/missing?x=1'})")
    events = perch.wait_for_events("call.test", lambda e: e["name"] in ("Autoplay", "404"), count=2)
    [purchase] = names(events, "Purchase")
    assert purchase["props"] == {"plan": "pro", "seats": "3"}
    assert purchase["revenue_source_amount"] == pytest.approx(12.5)
    assert purchase["revenue_source_currency"] == "EUR"
    [autoplay] = names(events, "Autoplay")
    assert autoplay["interactive"] is False
    [missing] = names(events, "404")
    assert missing["pathname"] == "/missing"


def test_manual_pageviews(perch, fixture_server, page):
    load(page, fixture_server, "manual.test", script="script.manual.js")
    events = sentinel(perch, page, "manual.test", "Probe")
    assert names(events, "pageview") == []
    page.evaluate("plausible('pageview', {u: location.origin + '/orders/_id_'})")
    events = perch.wait_for_events("manual.test", lambda e: e["name"] == "pageview")
    assert [e["pathname"] for e in names(events, "pageview")] == ["/orders/_id_"]
    # No automatic pageview on SPA navigation either; the engagement keeps the custom URL.
    page.evaluate("history.pushState({}, '', '/elsewhere')")
    page.goto(fixture_server.url("blank.html"))
    events = perch.wait_for_events("manual.test", lambda e: e["name"] == "engagement")
    assert [e["pathname"] for e in names(events, "engagement")] == ["/orders/_id_"]
    assert len(names(events, "pageview")) == 1


def test_queued_calls_are_replayed(perch, fixture_server, page):
    load(page, fixture_server, "queue.test", name="queue.html")
    events = perch.wait_for_events("queue.test", lambda e: e["name"] in ("Queued", "pageview"), count=2)
    [queued] = names(events, "Queued")
    assert queued["props"] == {"early": "yes"}
    assert queued["pathname"] == "/queue.html"


def test_local_extension_tracks_localhost_and_automation(perch, fixture_server, new_page):
    page = new_page(webdriver=True)
    page.goto(f"http://127.0.0.1:{fixture_server.port}/page.html?domain=local.test&script=script.local.js")
    events = perch.wait_for_events("local.test", lambda e: e["name"] == "pageview")
    assert [e["hostname"] for e in names(events, "pageview")] == ["127.0.0.1"]


def test_exclusions_store_nothing(perch, fixture_server, new_page, tmp_path):
    site = "excluded.test"
    port = fixture_server.port
    file_page = tmp_path / "page.html"
    file_page.write_text(fixture_server.fill((FIXTURES / "page.html").read_text(), {"domain": site}))
    cases = [
        # (page factory options, url, custom events are excluded too)
        ({}, f"http://127.0.0.1:{port}/page.html?domain={site}", True),
        ({}, f"http://localhost:{port}/page.html?domain={site}", True),
        ({}, file_page.as_uri(), True),
        ({"webdriver": True}, fixture_server.url("page.html", domain=site), True),
        ({"init_script": "localStorage.plausible_ignore = 'true'"}, fixture_server.url("page.html", domain=site), True),
        ({}, fixture_server.url("page.html", domain=site, script="script.exclusions.js",
                                attrs='data-exclude="/blog/**, /pa*"'), False),
        ({}, fixture_server.url("page.html", domain=site, script="script.exclusions.js",
                                attrs='data-include="/blog/**"'), False),
    ]
    for options, url, custom_excluded in cases:
        page = new_page(**options)
        page.goto(url)
        page.wait_for_function("typeof window.plausible === 'function'")
        page.evaluate("plausible('pageview')")
        if custom_excluded:
            result = page.evaluate("() => new Promise(done => plausible('Excluded', {callback: done}))")
            assert result is None, url
    # The control: automation allowed by window.__plausible, path included: tracked.
    page = new_page(webdriver=True, init_script="window.__plausible = true")
    page.goto(fixture_server.url("page.html", domain=site, script="script.exclusions.js",
                                 attrs='data-include="/page*"'))
    events = perch.wait_for_events(site, lambda e: e["name"] == "pageview")
    time.sleep(0.5)
    events = perch.export_events(site)
    assert [(e["name"], e["hostname"]) for e in events] == [("pageview", "shop.test")], \
        [summary(e) for e in events]


LEGACY_NAMES = [
    "script.js", "plausible.js", "script.hash.js", "script.outbound-links.file-downloads.js",
    "script.file-downloads.outbound-links.js", "script.tagged-events.revenue.js", "script.manual.js",
    "script.local.js", "script.pageview-props.js", "script.exclusions.js", "script.file-downloads.js",
    "script.hash.local.manual.outbound-links.pageview-props.revenue.tagged-events.js",
    "script.form-submissions.js", "perch.js",
]


def test_script_names_and_size(perch, fixture_server):
    if fixture_server.standin:
        body = fixture_server.standin_tracker()
    else:
        bodies = {}
        for name in LEGACY_NAMES:
            status, headers, body = perch.get(f"/js/{name}")
            assert status == 200, name
            assert "javascript" in headers.get("Content-Type", ""), name
            bodies[name] = body
        assert len(set(bodies.values())) == 1, "every script name serves the same file"
        body = bodies["script.js"]
        if b"\n//" in b"\n" + body:
            # Served from disk (--web-assets): apply the embedder's stripping for the figure.
            body = fixture_server.standin_tracker()
    size = len(gzip.compress(body, 9))
    print(f"tracker size: {len(body)} bytes raw, {size} bytes gzip")
    assert size <= 2560
