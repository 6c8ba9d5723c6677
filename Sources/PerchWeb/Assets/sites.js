// The sites list: each site with its unique visitors of the last 24 hours and an hourly sparkline.
import { readConfig, createApi } from "./query.js";
import { el, formatMetric } from "./format.js";
import { sparkline } from "./chart.js";
import { isoMinute } from "./datepicker.js";

const config = readConfig();
const api = createApi(config);
const list = document.getElementById("sites");
document.getElementById("user").textContent = config.user || "";
document.querySelector("#logout input[name=_csrf]").value = config.csrf || "";

const now = Date.now();
const start = Math.floor(now / 3600000) * 3600000 - 23 * 3600000;
const dateRange = [isoMinute(start), isoMinute(now)];

async function load(site, item) {
  const base = "/api/dashboard/" + encodeURIComponent(site.domain);
  const total = { metrics: ["visitors"], date_range: dateRange };
  const hourly = { metrics: ["visitors"], date_range: dateRange, dimensions: ["time:hour"], include: { time_labels: true } };
  const value = item.querySelector("[data-stat]");
  item.dataset.query = JSON.stringify(total);
  try {
    const [a, b] = await Promise.all([api.query(total, base), api.query(hourly, base)]);
    const visitors = a.results[0] ? a.results[0].metrics[0] : 0;
    value.textContent = formatMetric("visitors", visitors);
    value.dataset.value = String(visitors);
    const byHour = new Map(b.results.map((r) => [r.dimensions[0], r.metrics[0]]));
    const labels = (b.meta && b.meta.time_labels) || b.results.map((r) => r.dimensions[0]);
    const values = labels.map((l) => byHour.get(l) || 0);
    item.querySelector(".spark-slot").replaceChildren(sparkline(values, "Visitors per hour over the last 24 hours: " + values.join(", ")));
  } catch (e) {
    value.textContent = "—";
    item.querySelector(".spark-slot").replaceChildren(el("p", { class: "error", text: e.message }));
  }
}

const sites = config.sites || [];
if (!sites.length) list.replaceWith(el("p", { text: "No sites yet. Add one with: perch sites add example.com" }));
const jobs = sites.map((site) => {
  const item = el("li", { class: "card site", "data-site": site.domain },
    el("a", { class: "site-link", href: "/" + encodeURIComponent(site.domain), text: site.domain }),
    el("span", {}, el("span", { class: "n", "data-stat": "visitors", text: "…" }), el("span", { class: "muted", text: " visitors in 24 h" })),
    el("div", { class: "spark-slot" }));
  list.append(item);
  return load(site, item);
});
Promise.allSettled(jobs).then(() => { document.documentElement.dataset.loaded = "true"; });
