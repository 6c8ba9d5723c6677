// The dashboard: reads the view from the URL, runs Stats API v2 queries, draws cards, graph and panels.
import { readConfig, createApi, queryMetrics } from "./query.js";
import { PERIODS, DEFAULT_PERIOD, resolvePeriod, comparisonRange, shiftView, intervalsFor, todayIn, isDate } from "./datepicker.js";
import { parseFilter, serializeFilter, toApiFilters, withFilter, withoutFilter, filterLabel, hasGoalFilter, DIMENSIONS, apiDimension } from "./filters.js";
import { el, formatMetric, change } from "./format.js";
import { drawGraph, timeLabel } from "./chart.js";
import { buildPanels } from "./panels.js";
import { installShortcuts } from "./shortcuts.js";

const config = readConfig();
const api = createApi(config);
const goals = config.goals || [];
const currency = (goals.find((g) => g.currency) || {}).currency || null;
const $ = (id) => document.getElementById(id);
const root = document.documentElement;

const STATS = [
  { id: "visitors", label: "Unique visitors" },
  { id: "visits", label: "Total visits" },
  { id: "pageviews", label: "Total pageviews" },
  { id: "views_per_visit", label: "Views per visit" },
  { id: "bounce_rate", label: "Bounce rate", lowerIsBetter: true },
  { id: "visit_duration", label: "Visit duration" },
];
const GOAL_STATS = [
  { id: "conversions", label: "Conversions", metric: "visitors", goal: true },
  { id: "conversion_rate", label: "Conversion rate", goal: true },
].concat(currency ? [{ id: "total_revenue", label: "Revenue", goal: true }] : []);
const ALL_STATS = STATS.concat(goals.length ? GOAL_STATS : []);
const COMPARISONS = ["off", "previous_period", "year_over_year"];
const VIEW_KEYS = ["period", "date", "from", "to", "f", "comparison", "interval", "metric"];

let view = readView();
let generation = 0;
let range = null;
let graphData = null;
let topStats = null;
let units = [];
let refreshTimer = null;
const propKeys = api.get("prop-keys").then((a) => a.keys || []).catch(() => []);

// ---- URL state ----------------------------------------------------------------------------

function readView() {
  const params = new URLSearchParams(location.search);
  const period = PERIODS.some((p) => p.id === params.get("period")) ? params.get("period") : DEFAULT_PERIOD;
  const v = { period, filters: params.getAll("f").map(parseFilter).filter(Boolean) };
  if (isDate(params.get("date"))) v.date = params.get("date");
  if (period === "custom") { v.from = params.get("from"); v.to = params.get("to"); }
  if (COMPARISONS.includes(params.get("comparison"))) v.comparison = params.get("comparison");
  if (params.get("interval")) v.interval = params.get("interval");
  if (ALL_STATS.some((s) => s.id === params.get("metric"))) v.metric = params.get("metric");
  return v;
}

function urlFor(v) {
  const params = new URLSearchParams(location.search);
  for (const k of VIEW_KEYS) params.delete(k);
  if (v.period !== DEFAULT_PERIOD || v.date) params.set("period", v.period);
  if (v.date) params.set("date", v.date);
  if (v.period === "custom") { params.set("from", v.from); params.set("to", v.to); }
  for (const f of v.filters) params.append("f", serializeFilter(f));
  if (v.comparison && v.comparison !== "off") params.set("comparison", v.comparison);
  if (v.interval) params.set("interval", v.interval);
  if (v.metric && v.metric !== "visitors") params.set("metric", v.metric);
  const text = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
  return location.pathname + (text ? "?" + text : "");
}

function navigate(next, replace = false) {
  view = next;
  history[replace ? "replaceState" : "pushState"](null, "", urlFor(view));
  render();
}

const withPeriod = (id) => ({ ...view, period: id, date: undefined, from: undefined, to: undefined, interval: undefined });

// ---- Chrome: header, menus, pills ---------------------------------------------------------

function setupChrome() {
  $("site-name").textContent = config.domain || "";
  document.body.classList.toggle("embed", !!config.embed);
  if (!config.shared && config.user) {
    $("user").textContent = config.user;
    const logout = $("logout");
    logout.querySelector("input[name=_csrf]").value = config.csrf || "";
    logout.hidden = false;
  }
  if (!config.shared && (config.sites || []).length) {
    const list = $("site-list");
    for (const domain of config.sites) {
      list.append(el("li", {}, el("a", { href: "/" + encodeURIComponent(domain), "aria-current": domain === config.domain ? "true" : null, text: domain })));
    }
    $("site-switcher").hidden = false;
  }
  const periodList = $("period-list");
  for (const p of PERIODS.filter((x) => x.id !== "custom")) {
    const a = el("a", { href: "#", "data-period": p.id, "aria-keyshortcuts": p.key.toUpperCase() }, el("span", { text: p.label }), el("kbd", { "aria-hidden": "true", text: p.key.toUpperCase() }));
    a.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      $("period-menu").open = false;
      navigate(withPeriod(p.id));
    });
    periodList.append(el("li", {}, a));
  }
  $("custom-range").addEventListener("submit", (event) => {
    event.preventDefault();
    const from = $("custom-from").value, to = $("custom-to").value;
    if (!isDate(from) || !isDate(to)) return;
    $("period-menu").open = false;
    navigate({ ...withPeriod("custom"), from: from <= to ? from : to, to: from <= to ? to : from });
  });
  $("prev-period").addEventListener("click", () => shift(-1));
  $("next-period").addEventListener("click", () => shift(1));
  $("comparison").addEventListener("change", (event) => navigate({ ...view, comparison: event.target.value }));
  $("interval").addEventListener("change", (event) => navigate({ ...view, interval: event.target.value }));
  $("current-visitors").addEventListener("click", (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(withPeriod("realtime"));
  });
  const dim = $("filter-dim");
  for (const [key, [, label]] of Object.entries(DIMENSIONS)) dim.append(el("option", { value: key, text: label }));
  propKeys.then((keys) => { for (const k of keys) dim.append(el("option", { value: "props:" + k, text: "Property " + k })); });
  $("add-filter").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("filter-value").value.trim();
    if (!value || !apiDimension(dim.value)) return;
    $("filter-menu").open = false;
    $("filter-value").value = "";
    navigate({ ...view, filters: withFilter(view.filters, { op: $("filter-op").value, key: dim.value, values: [value] }) });
  });
  for (const details of document.querySelectorAll("details.menu")) {
    details.addEventListener("toggle", () => {
      if (!details.open) return;
      for (const other of document.querySelectorAll("details.menu[open]")) if (other !== details) other.open = false;
    });
  }
  document.addEventListener("click", (event) => {
    for (const open of document.querySelectorAll("details.menu[open]")) if (!open.contains(event.target)) open.open = false;
  });
  $("export-csv").addEventListener("click", exportCsv);
  installShortcuts({
    period: (id) => navigate(withPeriod(id)),
    custom: () => { $("period-menu").open = true; $("custom-from").focus(); },
    shift,
    clearFilters: () => { if (view.filters.length) navigate({ ...view, filters: [] }); },
    cycleComparison: () => navigate({ ...view, comparison: COMPARISONS[(COMPARISONS.indexOf(view.comparison || "off") + 1) % COMPARISONS.length] }),
    cycleInterval: () => {
      const options = intervalsFor(view, range);
      const current = options.includes(view.interval) ? view.interval : options[0];
      navigate({ ...view, interval: options[(options.indexOf(current) + 1) % options.length] });
    },
  });
  window.addEventListener("popstate", () => { view = readView(); render(); });
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (graphData) drawGraph($("graph"), graphData); }, 150);
  });
}

function shift(step) {
  const next = shiftView(view, range, step, config.timezone);
  if (next) navigate({ ...view, ...next, date: next.date, from: next.from, to: next.to, interval: view.interval });
}

function updateControls() {
  $("period-label").textContent = range.label;
  for (const a of $("period-list").querySelectorAll("a")) {
    a.href = urlFor(withPeriod(a.dataset.period));
    a.setAttribute("aria-current", String(a.dataset.period === view.period && !view.date));
  }
  $("custom-from").value = range.from || "";
  $("custom-to").value = range.to || "";
  $("custom-to").max = $("custom-from").max = todayIn(config.timezone);
  $("prev-period").disabled = !shiftView(view, range, -1, config.timezone);
  $("next-period").disabled = !shiftView(view, range, 1, config.timezone);
  $("comparison").value = view.comparison || "off";
  $("comparison").disabled = !!(range.realtime || range.noCompare);
  $("current-visitors").href = urlFor(withPeriod("realtime"));
  const pills = $("filters");
  pills.replaceChildren();
  view.filters.forEach((filter, index) => {
    const text = filterLabel(filter);
    pills.append(el("span", { class: "pill", "data-filter": serializeFilter(filter) }, el("span", { text }),
      el("button", { type: "button", "aria-label": "Remove filter: " + text, title: "Remove filter", text: "×", onclick: () => {
        navigate({ ...view, filters: withoutFilter(view.filters, index) });
        const next = $("filters").querySelector("button") || $("filter-menu").querySelector("summary");
        next.focus();
      } })));
  });
  if (view.filters.length > 1) {
    pills.append(el("button", { type: "button", text: "Clear all filters", onclick: () => { navigate({ ...view, filters: [] }); $("filter-menu").querySelector("summary").focus(); } }));
  }
}

// ---- Data ---------------------------------------------------------------------------------

function common() {
  return {
    dateRange: range.apiRange, filters: view.filters, apiFilters: toApiFilters(view.filters),
    goalFilter: hasGoalFilter(view.filters), revenue: !!currency, currency,
  };
}

function goalFilters() {
  const filters = toApiFilters(view.filters);
  if (!hasGoalFilter(view.filters)) filters.push(["is", "event:goal", goals.map((g) => g.name)]);
  return filters;
}

function compareDates() {
  return comparisonRange(view, range, view.comparison && view.comparison !== "off" ? view.comparison : "previous_period");
}

async function loadTopStats(gen) {
  const filters = toApiFilters(view.filters);
  const base = { metrics: STATS.map((s) => s.id), date_range: range.apiRange, filters };
  const goalBody = { metrics: ["visitors", "events", "conversion_rate"].concat(currency ? ["total_revenue"] : []), date_range: range.apiRange, filters: goalFilters() };
  const cmp = compareDates();
  const jobs = [queryMetrics(api, base), goals.length ? queryMetrics(api, goalBody) : null,
    cmp ? queryMetrics(api, { ...base, date_range: cmp }).catch(() => null) : null,
    cmp && goals.length ? queryMetrics(api, { ...goalBody, date_range: cmp }).catch(() => null) : null];
  $("top-stats").dataset.query = JSON.stringify(base);
  if (goals.length) $("top-stats").dataset.goalQuery = JSON.stringify(goalBody);
  const [main, goal, mainCmp, goalCmp] = await Promise.all(jobs);
  if (gen !== generation) return;
  $("top-stats").dataset.query = JSON.stringify({ ...base, metrics: main.metrics });
  if (goal) $("top-stats").dataset.goalQuery = JSON.stringify({ ...goalBody, metrics: goal.metrics });
  if (!range.from && main.query && main.query.date_range) range.from = String(main.query.date_range[0]).slice(0, 10);
  const pick = (result, s) => (result && result.rows[0] ? result.rows[0][s.goal ? (s.metric || s.id) : s.id] : undefined);
  topStats = ALL_STATS.map((s) => {
    const current = pick(s.goal ? goal : main, s);
    const previous = pick(s.goal ? goalCmp : mainCmp, s);
    return { ...s, value: current, previous, change: cmp && current !== undefined ? change(s.metric || s.id, current, previous) : null };
  });
  renderTopStats(cmp);
}

function skeletonTopStats() {
  if ($("top-stats").children.length) return;
  topStats = ALL_STATS.map((s) => ({ ...s, value: undefined }));
  renderTopStats(null);
  topStats = null;
}

function renderTopStats(cmp) {
  const list = $("top-stats");
  list.replaceChildren();
  const comparingWith = view.comparison === "year_over_year" ? "the same period last year" : "the previous period";
  for (const s of topStats) {
    const selected = (view.metric || "visitors") === s.id;
    let changeNode = el("span", { class: "change", "aria-hidden": "true", text: "\u00a0" });
    if (s.change && s.previous !== undefined && s.previous !== null) {
      const up = s.change.value > 0, flat = s.change.value === 0;
      const good = flat ? "" : (up !== !!s.lowerIsBetter ? " good" : " bad");
      const text = (flat ? "→ " : up ? "↑ " : "↓ ") + Math.abs(s.change.value) + s.change.unit;
      changeNode = el("span", { class: "change" + good, "data-change": String(s.change.value), title: "Was " + formatMetric(s.metric || s.id, s.previous, currency) + " in " + comparingWith },
        el("span", { "aria-hidden": "true", text }),
        el("span", { class: "sr-only", text: (flat ? "unchanged" : (up ? "up " : "down ") + Math.abs(s.change.value) + (s.change.unit === "%" ? " percent" : " points")) + " from " + comparingWith }));
    }
    const raw = s.value === undefined || s.value === null ? "" : typeof s.value === "object" ? String(s.value.value) : String(s.value);
    const button = el("button", { type: "button", class: "stat", "aria-pressed": String(selected), "data-metric": s.id },
      el("span", { class: "stat-label", text: s.label }),
      el("span", { class: "stat-value", "data-stat": s.id, "data-value": raw, text: formatMetric(s.metric || s.id, s.value, currency) }),
      changeNode);
    button.addEventListener("click", () => navigate({ ...view, metric: s.id }, false));
    list.append(el("li", {}, button));
  }
}

function graphBody(dates) {
  const stat = ALL_STATS.find((s) => s.id === (view.metric || "visitors")) || STATS[0];
  const intervals = intervalsFor(view, range);
  const interval = intervals.includes(view.interval) ? view.interval : intervals[0];
  return { stat, interval, body: { metrics: [stat.metric || stat.id], date_range: dates, dimensions: ["time:" + interval], filters: stat.goal ? goalFilters() : toApiFilters(view.filters), include: { time_labels: true } } };
}

function series(result, metric) {
  const byLabel = new Map(result.rows.map((r) => [String(r.dimensions[0]), r[metric]]));
  const labels = result.meta.time_labels || result.rows.map((r) => String(r.dimensions[0]));
  return { labels, values: labels.map((l) => (byLabel.has(l) ? byLabel.get(l) : 0)) };
}

function nowLabel(interval) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: config.timezone || "UTC", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date());
  const get = (t) => (parts.find((p) => p.type === t) || {}).value;
  const day = get("year") + "-" + get("month") + "-" + get("day");
  if (interval === "hour") return day + " " + get("hour") + ":00:00";
  if (interval === "minute") return day + " " + get("hour") + ":" + get("minute") + ":00";
  return day;
}

async function loadGraph(gen) {
  const intervals = intervalsFor(view, range);
  const select = $("interval");
  select.replaceChildren(...intervals.map((i) => el("option", { value: i, text: i[0].toUpperCase() + i.slice(1) })));
  const { stat, interval, body } = graphBody(range.apiRange);
  select.value = interval;
  select.disabled = intervals.length < 2;
  $("graph-title").textContent = stat.label;
  $("graph").dataset.query = JSON.stringify(body);
  const comparing = view.comparison && view.comparison !== "off" ? comparisonRange(view, range, view.comparison) : null;
  let main, cmp = null;
  try {
    [main, cmp] = await Promise.all([queryMetrics(api, body), comparing ? queryMetrics(api, { ...body, date_range: comparing }).catch(() => null) : null]);
  } catch (e) {
    if (gen !== generation) return;
    graphData = null;
    $("graph").replaceChildren(el("p", { class: "graph-msg", text: "The graph could not be loaded: " + e.message }));
    $("graph-table-body").replaceChildren();
    return;
  }
  if (gen !== generation) return;
  const metric = stat.metric || stat.id;
  const s = series(main, metric);
  const c = cmp ? series(cmp, metric) : null;
  let partialFrom = -1;
  if (!range.realtime && range.to >= todayIn(config.timezone)) {
    const now = nowLabel(interval);
    partialFrom = s.labels.reduce((found, label, i) => (label.slice(0, now.length) <= now ? i : found), -1);
  }
  const values = s.values.map((v, i) => (partialFrom >= 0 && i > partialFrom ? null : v));
  graphData = { labels: s.labels, values, compare: c ? c.values : null, compareLabels: c ? c.labels : [], metric, interval, partialFrom, currency,
    summary: stat.label + " by " + interval + ", " + range.label + ". The table below the graph lists every value." };
  const legend = $("graph-legend");
  legend.replaceChildren(el("span", { text: range.label }));
  if (c) legend.append(el("span", { class: "cmp", text: view.comparison === "year_over_year" ? "Year before" : "Previous period" }));
  drawGraph($("graph"), graphData);
  const head = el("tr", {}, el("th", { scope: "col", text: "Time" }), el("th", { scope: "col", text: stat.label }));
  if (c) head.append(el("th", { scope: "col", text: "Compared time" }), el("th", { scope: "col", text: "Compared value" }));
  const body2 = el("tbody");
  s.labels.forEach((label, i) => {
    const tr = el("tr", { "data-label": label, "data-value": values[i] === null ? "" : String(values[i]) },
      el("th", { scope: "row", text: timeLabel(label, interval, true) }), el("td", { class: "num", text: formatMetric(metric, values[i], currency) }));
    if (c) tr.append(el("td", { text: c.labels[i] ? timeLabel(c.labels[i], interval, true) : "" }), el("td", { class: "num", text: c.labels[i] ? formatMetric(metric, c.values[i], currency) : "" }));
    body2.append(tr);
  });
  $("graph-table-body").replaceChildren(el("table", { class: "plain" }, el("caption", { class: "sr-only", text: graphData.summary }), el("thead", {}, head), body2));
}

async function loadDrops() {
  try {
    const answer = await api.get("drops");
    const drops = answer.drops || [];
    if (!drops.length) { $("drops").replaceChildren(el("p", { class: "empty", text: "No events were dropped in the last 24 hours." })); return; }
    $("drops").replaceChildren(el("table", { class: "plain", "data-panel": "drops" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Reason" }), el("th", { scope: "col", class: "num", text: "Events" }))),
      el("tbody", {}, drops.map((d) => el("tr", { "data-label": d.reason, "data-value": String(d.count) }, el("th", { scope: "row", text: d.reason }), el("td", { class: "num", text: formatMetric("events", d.count) }))))));
  } catch (e) {
    $("drops").replaceChildren(el("p", { class: "error", text: "Drops could not be loaded: " + e.message }));
  }
}

async function loadCurrentVisitors() {
  try {
    const answer = await api.get("current-visitors");
    $("current-count").textContent = formatMetric("visitors", answer.visitors);
    $("current-visitors").dataset.value = String(answer.visitors);
  } catch (e) { /* keep the last count */ }
}

function render() {
  const gen = ++generation;
  clearTimeout(refreshTimer);
  root.dataset.loaded = "false";
  range = resolvePeriod(view, config.timezone);
  updateControls();
  document.title = (config.domain || "Perch") + " · " + range.label + " · Perch";
  const shared = common();
  const top = loadTopStats(gen).catch((e) => {
    if (gen === generation) $("top-stats").replaceChildren(el("li", { class: "error", text: "Top stats could not be loaded: " + e.message }));
  });
  const graph = (range.from ? Promise.resolve() : top).then(() => loadGraph(gen));
  const panels = units.map((u) => u.load(shared, gen));
  Promise.allSettled([top, graph, ...panels]).then(() => {
    if (gen !== generation) return;
    root.dataset.loaded = "true";
    performance.mark("perch:panels-loaded");
    if (window.perchPanelsLoadedAt === undefined) window.perchPanelsLoadedAt = performance.now();
    if (range.realtime) refreshTimer = setTimeout(() => { if (gen === generation) render(); }, 30000);
  });
}

// ---- CSV export ---------------------------------------------------------------------------

async function exportCsv() {
  const { toCsv, zip, download } = await import("./csv.js");
  const files = [];
  if (topStats) {
    files.push({ name: "top_stats.csv", text: toCsv([["metric", "value", "comparison_value", "change"]].concat(topStats.map((s) => [s.id, s.value, s.previous, s.change ? s.change.value : ""]))) });
  }
  if (graphData) {
    const rows = [["time", graphData.metric].concat(graphData.compare ? ["comparison_time", "comparison_value"] : [])];
    graphData.labels.forEach((l, i) => rows.push([l, graphData.values[i]].concat(graphData.compare ? [graphData.compareLabels[i], graphData.compare[i]] : [])));
    files.push({ name: "graph.csv", text: toCsv(rows) });
  }
  for (const u of units) {
    if (!u.result) continue;
    const rows = [[u.result.column || "name"].concat(u.result.metrics)];
    for (const r of u.result.rows) rows.push([r.dimensions[0]].concat(u.result.metrics.map((m) => r[m])));
    files.push({ name: u.id + ".csv", text: toCsv(rows) });
  }
  const stamp = range.from ? range.from + "_" + range.to : view.period;
  download(zip(files), "perch-" + (config.domain || "site") + "-" + stamp + ".zip");
}

// ---- Start --------------------------------------------------------------------------------

setupChrome();
skeletonTopStats();
units = buildPanels($("panels"), {
  api, goals, propKeys, generation: () => generation,
  hrefFor: (filter) => urlFor({ ...view, filters: withFilter(view.filters, filter) }),
  onFilter: (filter) => navigate({ ...view, filters: withFilter(view.filters, filter) }),
});
$("panels").append($("drops-section"));
$("drops-section").hidden = false;
root.dataset.ready = "true";
render();
loadDrops();
loadCurrentVisitors();
setInterval(loadCurrentVisitors, 30000);
setInterval(loadDrops, 300000);
