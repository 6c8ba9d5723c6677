"""Times the dashboard in headless Chromium against a running Perch: navigation to every panel's
data (the page's `perch:panels-loaded` mark), LCP and CLS, for several loads. Also prints the
time of every Stats query the page made (Resource Timing), slowest first.

    python dashboard_load.py BASE_URL EMAIL PASSWORD PATH [RUNS]

Run by scripts/bench-dashboard, which starts the server and creates the user.
"""

import shutil
import statistics
import sys

from playwright.sync_api import sync_playwright

UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)

OBSERVE = """
window.__lcp = 0; window.__cls = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});
"""


def main():
    base, email, password, path = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=["--no-sandbox", f"--user-agent={UA}"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(OBSERVE)
        page = context.new_page()
        page.goto(base + "/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        loaded, lcps, clss = [], [], []
        for run in range(runs):
            page.goto(base + path)
            page.wait_for_selector("html[data-loaded=true]", timeout=120_000)
            page.wait_for_timeout(300)
            result = page.evaluate(
                """() => ({
                  loaded: performance.getEntriesByName('perch:panels-loaded')[0].startTime,
                  lcp: window.__lcp, cls: window.__cls,
                  queries: performance.getEntriesByType('resource')
                    .filter(e => e.name.includes('/api/dashboard/'))
                    .map(e => [e.duration, e.name.split('/api/dashboard/')[1]]),
                })"""
            )
            loaded.append(result["loaded"])
            lcps.append(result["lcp"])
            clss.append(result["cls"])
            print(f"run {run + 1}: panels loaded {result['loaded']:.0f} ms, LCP {result['lcp']:.0f} ms, "
                  f"CLS {result['cls']:.3f}, {len(result['queries'])} requests")
            if run == runs - 1:
                for duration, name in sorted(result["queries"], reverse=True)[:8]:
                    print(f"    {duration:7.0f} ms  {name}")
        print(f"median: panels loaded {statistics.median(loaded):.0f} ms, LCP {statistics.median(lcps):.0f} ms, "
              f"CLS {statistics.median(clss):.3f}")
        browser.close()


if __name__ == "__main__":
    main()
