"""Shared fixtures for Perch's real-browser tests (headless Chromium driven by Playwright).

Run through `scripts/test-browser` (installs Chromium and a pinned venv, then `pytest Tests/Browser`).
Stable interface, relied on by test_tracker.py, test_dashboard.py and test_accessibility.py:

- `perch` (session): a running `perch serve` from $PERCH_BINARY (default .build/debug/perch) on a
  free port with a fresh temporary data dir. Attributes and helpers:
    perch.base_url            "http://127.0.0.1:PORT"
    perch.public_url          "http://perch.test:PORT" (same server under a non-localhost name,
                              resolved by the browser fixture; use it for cross-origin snippets)
    perch.port, perch.data_dir
    PerchServer(binary, data_dir, port, log_path, extra_args=()) builds another server (extra
    `perch serve` arguments, e.g. ["--trusted-proxy", "127.0.0.1/32"]); .start() / .stop()
    perch.run_cli(*args, input=None, check=True) -> subprocess.CompletedProcess (text; data dir set)
    perch.add_sites(*domains, timezone=None)  adds sites and waits until the server knows them
    perch.export_events(site) -> list of dicts (`perch events export --format ndjson`)
    perch.wait_for_events(site, predicate=None, count=1, timeout=10) -> all events, once at least
                              `count` events satisfy `predicate` (polls; fails on timeout)
    perch.get(path) -> (status, headers, body bytes) with urllib
  $PERCH_WEB_ASSETS=DIR adds `--web-assets DIR` (serve front-end files from disk, no rebuild).
- `fixture_server` (session): fixture pages from Tests/Browser/fixtures on a free port, for the
  browser as http://shop.test:PORT/NAME (see FixtureServer for the {{placeholders}} it fills).
    fixture_server.url(name, **params) -> "http://shop.test:PORT/name?params"
- `browser` (session): a Playwright Chromium (system `chromium`, headless) that maps shop.test,
  perch.test and elsewhere.test to 127.0.0.1, has `navigator.webdriver` false, the back/forward
  cache on (so page.go_back() to a cached page fires no load event: use wait_until="commit")
  and DESKTOP_UA as its browser-wide User-Agent.
- `new_page` (function): factory new_page(user_agent=DESKTOP_UA, viewport=(1280, 800),
  color_scheme="light"|"dark", webdriver=False, init_script=None) -> Page, each in its own
  context (closed after the test). On failure a screenshot of every page and its console errors go
  to $PERCH_BROWSER_ARTIFACTS (default .build/browser-artifacts).
- `page` (function): new_page() with the defaults.
- `artifacts_dir` (session): pathlib.Path of the artefacts folder (created).
Constants: DESKTOP_UA (a normal Chrome UA; HeadlessChrome is dropped as a bot), PHONE_UA.
"""

import http.server
import json
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"

DESKTOP_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
# How often a running server reloads its site list (SiteRefresher), plus a margin.
SITE_REFRESH_WAIT = 1.5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PerchServer:
    def __init__(self, binary, data_dir, port, log_path, extra_args=()):
        self.binary = binary
        self.extra_args = list(extra_args)
        self.data_dir = data_dir
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.public_url = f"http://perch.test:{port}"
        self.log_path = log_path
        self.process = None

    def env(self):
        env = dict(os.environ)
        env["PERCH_DATA_DIR"] = str(self.data_dir)
        return env

    def run_cli(self, *args, input=None, check=True):
        result = subprocess.run(
            [self.binary, *map(str, args)],
            input=input,
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=60,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"perch {' '.join(map(str, args))} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result

    def start(self):
        args = [
            self.binary, "serve",
            "--listen", f"127.0.0.1:{self.port}",
            "--flush-interval", "100ms",
            *self.extra_args,
        ]
        if os.environ.get("PERCH_WEB_ASSETS"):
            args += ["--web-assets", os.environ["PERCH_WEB_ASSETS"]]
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(args, env=self.env(), stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"perch serve exited; log:\n{pathlib.Path(self.log_path).read_text()}")
            try:
                with urllib.request.urlopen(self.base_url + "/api/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise RuntimeError("perch serve did not answer /api/health within 30 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.process:
            self.log.close()

    def add_sites(self, *domains, timezone=None):
        for domain in domains:
            extra = ["--timezone", timezone] if timezone else []
            self.run_cli("sites", "add", domain, *extra)
        # The server reloads its site list every second; no endpoint tells when it has.
        time.sleep(SITE_REFRESH_WAIT)

    def export_events(self, site):
        out = self.run_cli("events", "export", "--site", site, "--format", "ndjson").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def wait_for_events(self, site, predicate=None, count=1, timeout=10):
        predicate = predicate or (lambda e: True)
        deadline = time.time() + timeout
        while True:
            events = self.export_events(site)
            if sum(1 for e in events if predicate(e)) >= count:
                return events
            if time.time() > deadline:
                raise AssertionError(
                    f"timed out after {timeout} s waiting for {count} matching event(s) of {site}; "
                    f"stored: {json.dumps([summary(e) for e in events], indent=1)}"
                )
            time.sleep(0.2)

    def get(self, path, headers=None):
        request = urllib.request.Request(self.base_url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()


def summary(event):
    """The fields of a stored event worth printing in an assertion message."""
    keys = ("name", "pathname", "hostname", "props", "scroll_depth", "engagement_time",
            "interactive", "revenue_source_amount", "revenue_source_currency", "browser")
    return {k: event.get(k) for k in keys if k in event}


@pytest.fixture(scope="session")
def artifacts_dir():
    path = pathlib.Path(os.environ.get("PERCH_BROWSER_ARTIFACTS", ROOT / ".build" / "browser-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def perch(artifacts_dir):
    binary = os.environ.get("PERCH_BINARY", str(ROOT / ".build" / "debug" / "perch"))
    if not os.access(binary, os.X_OK):
        pytest.exit(f"no perch binary at {binary} (build it or set PERCH_BINARY)", returncode=2)
    data_dir = tempfile.mkdtemp(prefix="perch-browser-")
    server = PerchServer(binary, data_dir, free_port(), artifacts_dir / "perch-serve.log")
    server.start()
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


class FixtureServer:
    """Serves Tests/Browser/fixtures. In *.html files it fills:
    {{perch}}  Perch's public origin (http://perch.test:PORT): the snippet's script host
    {{js}}     where the snippet loads the tracker from (Perch unless PERCH_TRACKER_STANDIN=1,
               which serves Sources/PerchWeb/Assets/tracker.js from here, for work without the
               web backend; /api/event is then proxied to Perch)
    {{domain}} query parameter `domain` (default shop.test)
    {{script}} query parameter `script` (default script.js): the tracker's file name
    (query parameter `js` overrides {{js}}, e.g. to load the script from this server)
    {{attrs}}  query parameter `attrs` (default empty): extra attributes for the script tag, raw
    {{self}}   this server's origin as the browser sees it (http://shop.test:PORT)
    {{other}}  the same server under another host name (http://elsewhere.test:PORT)
    Other paths: /files/* and /submit answer 204 (download links and form targets that keep the
    page); /js/* is proxied to Perch (a same-origin script, e.g. to test data-api); POST /api/event
    is proxied to Perch with the browser's User-Agent (counted in `proxied_events`)."""

    def __init__(self, perch):
        self.perch = perch
        self.port = free_port()
        self.origin = f"http://shop.test:{self.port}"
        self.other_origin = f"http://elsewhere.test:{self.port}"
        self.standin = os.environ.get("PERCH_TRACKER_STANDIN") == "1"
        self.proxied_events = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=None):
                self.send_response(status)
                if status != 204:
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if status != 204:
                    self.wfile.write(body)

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                path = url.path
                if path.startswith("/files/") or path == "/submit":
                    return self.send(204)
                if path.startswith("/js/"):
                    if server.standin:
                        return self.send(200, server.standin_tracker(), "application/javascript")
                    status, headers, body = server.perch.get(path)
                    return self.send(status, body, headers.get("Content-Type", "text/plain"))
                name = path.lstrip("/") or "index.html"
                file = FIXTURES / name
                if "/" in name or not file.is_file():
                    return self.send(404, b"not found", "text/plain")
                body = file.read_bytes()
                if name.endswith(".html"):
                    params = dict(urllib.parse.parse_qsl(url.query))
                    body = server.fill(body.decode(), params).encode()
                    return self.send(200, body)
                return self.send(200, body, "application/octet-stream")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if self.path == "/submit":
                    return self.send(204)
                if self.path == "/api/event":
                    server.proxied_events += 1
                    request = urllib.request.Request(
                        server.perch.base_url + "/api/event", data=body, method="POST",
                        headers={"Content-Type": "text/plain",
                                 "User-Agent": self.headers.get("User-Agent", "")})
                    try:
                        with urllib.request.urlopen(request, timeout=10) as r:
                            return self.send(r.status, r.read(), "text/plain")
                    except urllib.error.HTTPError as e:
                        return self.send(e.code, e.read(), "text/plain")
                return self.send(404, b"not found", "text/plain")

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a browser closing a connection early (navigation) is not a test failure

        self.httpd = Server(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def fill(self, text, params):
        values = {
            "perch": self.perch.public_url,
            "js": params.get("js") or (self.origin if self.standin else self.perch.public_url),
            "domain": params.get("domain", "shop.test"),
            "script": params.get("script", "script.js"),
            "attrs": params.get("attrs", ""),
            "self": self.origin,
            "other": self.other_origin,
        }
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        return text

    def standin_tracker(self):
        # Same rule as the embedder (Plugins/EmbedWebAssetsTool): drop full-line // comments,
        # leading indentation and blank lines.
        source = (ROOT / "Sources" / "PerchWeb" / "Assets" / "tracker.js").read_text()
        lines = [line.lstrip(" \t") for line in source.split("\n")]
        return ("\n".join(l for l in lines if l and not l.startswith("//")) + "\n").encode()

    def url(self, name, **params):
        query = urllib.parse.urlencode(params)
        return f"{self.origin}/{name}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def fixture_server(perch):
    server = FixtureServer(perch)
    server.thread.start()
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.exit("no chromium on the PATH (scripts/test-browser installs it)", returncode=2)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=executable,
        headless=True,
        # Playwright turns the back/forward cache off by default; the tracker test needs it.
        ignore_default_args=["--disable-back-forward-cache"],
        args=[
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-blink-features=AutomationControlled",
            # Browser-wide, not only per context: requests a page sends while it unloads (fetch
            # keepalive) leave after its per-context override is gone and would say HeadlessChrome.
            f"--user-agent={DESKTOP_UA}",
            "--host-resolver-rules=MAP shop.test 127.0.0.1, MAP perch.test 127.0.0.1, "
            "MAP elsewhere.test 127.0.0.1",
        ],
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, "rep_" + report.when, report)
    return report


@pytest.fixture
def new_page(browser, artifacts_dir, request):
    contexts = []
    pages = []

    def make(user_agent=DESKTOP_UA, viewport=(1280, 800), color_scheme="light", webdriver=False,
             init_script=None):
        context = browser.new_context(
            user_agent=user_agent,
            viewport={"width": viewport[0], "height": viewport[1]},
            color_scheme=color_scheme,
        )
        if webdriver:
            context.add_init_script("Object.defineProperty(navigator,'webdriver',{get:()=>true})")
        if init_script:
            context.add_init_script(init_script)
        contexts.append(context)
        page = context.new_page()
        page.perch_log = []
        page.on("console", lambda m, p=page: m.type in ("error", "warning")
                and p.perch_log.append(f"console.{m.type}: {m.text}"))
        page.on("pageerror", lambda e, p=page: p.perch_log.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r, p=page: p.perch_log.append(
            f"request failed: {r.method} {r.url} {r.failure}"))
        pages.append(page)
        return page

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        for i, page in enumerate(pages):
            name = f"{request.node.name}-{i}".replace("/", "_")
            try:
                if not page.is_closed():
                    page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=True)
            except Exception as e:  # a crashed page must not hide the test's own failure
                print(f"screenshot of {name} failed: {e}")
            if page.perch_log:
                print(f"browser log of {name}:\n  " + "\n  ".join(page.perch_log))
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
