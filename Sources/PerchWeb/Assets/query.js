// Talks to the dashboard API: Stats API v2 queries plus the documented extension endpoints.

export function readConfig() {
  const node = document.getElementById("perch-config");
  try { return JSON.parse(node.textContent); } catch (e) { return {}; }
}

export class ApiError extends Error {}

// At most a few requests in flight: keeps a small server responsive (the dashboard asks ~20 queries).
const MAX_IN_FLIGHT = 6;
let inFlight = 0;
const waiting = [];
async function limited(run) {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise((resolve) => waiting.push(resolve));
  inFlight++;
  try { return await run(); } finally {
    inFlight--;
    const next = waiting.shift();
    if (next) next();
  }
}

export function createApi(config) {
  const headers = { "Content-Type": "application/json", "X-Perch-CSRF": config.csrf || "" };
  const auth = config.authQuery || "";
  async function answer(response) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (response.status === 401 && !config.shared && config.user !== undefined) {
      // The session ended (logged out elsewhere, expired): log in again and come back here.
      location.assign("/login?next=" + encodeURIComponent(location.pathname + location.search));
    }
    if (!response.ok) throw new ApiError((body && body.error) || "The server answered " + response.status);
    return body;
  }
  return {
    async query(body, api = config.api) {
      return limited(async () => answer(await fetch(api + "/query" + auth, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" })));
    },
    async get(path) {
      return limited(async () => answer(await fetch(config.api + "/" + path + auth, { headers, credentials: "same-origin" })));
    },
  };
}

/**
 * Runs a query; when the API refuses a metric for these filters ("Metric `x` cannot be
 * queried…"), runs it again without that metric. Answers {metrics, rows, query} where each
 * row maps metric name → value.
 */
export async function queryMetrics(api, body) {
  let metrics = body.metrics.slice();
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const answer = await api.query({ ...body, metrics });
      const rows = answer.results.map((r) => {
        const row = { dimensions: r.dimensions };
        metrics.forEach((m, i) => { row[m] = r.metrics[i]; });
        return row;
      });
      return { metrics, rows, query: answer.query, meta: answer.meta || {} };
    } catch (e) {
      const match = /Metric `([a-z_]+)`/.exec(e.message);
      if (!match || !metrics.includes(match[1]) || metrics.length === 1) throw e;
      metrics = metrics.filter((m) => m !== match[1]);
    }
  }
  throw new ApiError("query refused");
}
