"""Many dashboard requests at once must never stop the server.

Regression test: on a 2-core machine Swift concurrency has two cooperative threads; background
refreshers that blocked them on SQLite's reader pool while async reads held every connection
stopped the whole server (even /api/health) after a few hundred concurrent dashboard requests.
"""

import http.cookiejar
import json
import random
import re
import threading
import time
import urllib.parse
import urllib.request

from dashboard_support import EMAIL, PASSWORD, SITE, dash  # noqa: F401


def test_concurrent_dashboard_requests_keep_the_server_answering(dash):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(dash.base_url + "/login", timeout=10).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', form).group(1)
    opener.open(dash.base_url + "/login", timeout=10, data=urllib.parse.urlencode(
        {"email": EMAIL, "password": PASSWORD, "_csrf": csrf}).encode())
    page = opener.open(dash.base_url + "/" + SITE, timeout=10).read().decode()
    token = re.search(r'"csrf":"([^"]+)"', page).group(1)
    api = dash.base_url + "/api/dashboard/" + SITE
    bodies = [{"metrics": ["visitors"], "date_range": period, "dimensions": dims}
              for period in ("28d", "7d", "day", "30d")
              for dims in ([], ["visit:source"], ["event:page"], ["visit:country_name"], ["time:day"])]
    deadline = time.time() + 15
    answered, failures = [0], []
    lock = threading.Lock()

    def worker(seed):
        rng = random.Random(seed)
        while time.time() < deadline and not failures:
            if rng.random() < 0.7:
                request = urllib.request.Request(api + "/query", data=json.dumps(rng.choice(bodies)).encode(),
                                                 headers={"X-Perch-CSRF": token})
            else:
                request = urllib.request.Request(api + rng.choice(["/drops", "/prop-keys", "/current-visitors"]),
                                                 headers={"X-Perch-CSRF": token})
            try:
                with opener.open(request, timeout=20) as response:
                    response.read()
                with lock:
                    answered[0] += 1
            except Exception as error:  # a timeout is the failure this test is about
                with lock:
                    failures.append(repr(error))

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"concurrent dashboard requests: {answered[0]} answered, {len(failures)} failed")
    assert not failures, failures[:3]
    assert answered[0] > 100
    status, _, body = dash.get("/api/health")
    assert status == 200, body
