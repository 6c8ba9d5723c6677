// Breakdown panels with tabs: one Stats API v2 query per list, rows that filter the dashboard.
import { el, formatMetric } from "./format.js";
import { queryMetrics } from "./query.js";

const notEmpty = (dim) => [["is_not", dim, [""]]];
// Perch labels a missing UTM value "(not set)"; leave those visits out as Plausible's panel does.
const utm = (name, label) => ({ id: "utm-" + name + "s", label, dims: ["visit:utm_" + name], key: "utm_" + name, column: label, extra: [["is_not", "visit:utm_" + name, ["", "(not set)"]]] });

export const GROUPS = [
  { id: "sources", title: "Top sources", tabs: [
    { id: "channels", label: "Channels", dims: ["visit:channel"], key: "channel", column: "Channel" },
    { id: "sources", label: "Sources", dims: ["visit:source"], key: "source", column: "Source",
      drill: { on: "source", id: "referrers", dims: ["visit:referrer"], key: "referrer", column: "Referrer" } },
    { id: "campaigns", label: "Campaigns", choiceLabel: "UTM parameter", choices: [
      utm("medium", "UTM medium"), utm("source", "UTM source"), utm("campaign", "UTM campaign"), utm("content", "UTM content"), utm("term", "UTM term")] },
  ] },
  { id: "pages-group", title: "Top pages", tabs: [
    { id: "pages", label: "Top pages", dims: ["event:page"], key: "page", column: "Page" },
    { id: "entry-pages", label: "Entry pages", dims: ["visit:entry_page"], key: "entry_page", column: "Entry page", extra: notEmpty("visit:entry_page") },
    { id: "exit-pages", label: "Exit pages", dims: ["visit:exit_page"], key: "exit_page", column: "Exit page", extra: notEmpty("visit:exit_page") },
  ] },
  { id: "locations", title: "Locations", tabs: [
    { id: "countries", label: "Countries", dims: ["visit:country_name"], key: "country_name", column: "Country", extra: notEmpty("visit:country_name") },
    { id: "regions", label: "Regions", dims: ["visit:region_name"], key: "region_name", column: "Region", extra: notEmpty("visit:region_name") },
    { id: "cities", label: "Cities", dims: ["visit:city_name"], key: "city_name", column: "City", extra: notEmpty("visit:city_name") },
  ] },
  { id: "devices", title: "Devices", tabs: [
    { id: "browsers", label: "Browsers", dims: ["visit:browser"], key: "browser", column: "Browser",
      drill: { on: "browser", dims: ["visit:browser_version"], key: "browser_version", column: "Version" } },
    { id: "operating-systems", label: "Operating systems", dims: ["visit:os"], key: "os", column: "Operating system",
      drill: { on: "os", dims: ["visit:os_version"], key: "os_version", column: "Version" } },
    { id: "screen-sizes", label: "Screen sizes", dims: ["visit:device"], key: "device", column: "Device" },
  ] },
  { id: "behaviours", title: "Behaviours", tabs: [
    { id: "goals", label: "Goals", dims: ["event:goal"], key: "goal", column: "Goal", goals: true },
    { id: "properties", label: "Properties", props: true, column: "Value" },
  ] },
];

const HEADERS = { visitors: "Visitors", percentage: "%", events: "Events", conversion_rate: "CR", group_conversion_rate: "CR", total_revenue: "Revenue" };
const LIMIT = 10;
const stored = (k) => { try { return localStorage.getItem(k); } catch (e) { return null; } };
const store = (k, v) => { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } };

/**
 * Builds every panel into `container`; answers the list units, each with `load(common)`.
 * ctx = {api, goals, propKeys (promise), hrefFor(filter), onFilter(filter), onTab()}.
 */
export function buildPanels(container, ctx) {
  container.replaceChildren();
  const units = [];
  for (const group of GROUPS) {
    const headingId = "panel-title-" + group.id;
    const tablist = el("div", { class: "tabs", role: "tablist", "aria-labelledby": headingId });
    const section = el("section", { class: "card panel", "aria-labelledby": headingId },
      el("div", { class: "panel-head" }, el("h2", { id: headingId, text: group.title }), tablist));
    const chosen = stored("perch-tab-" + group.id);
    const active = group.tabs.some((t) => t.id === chosen) ? chosen : group.tabs[0].id;
    const tabButtons = [];
    for (const tab of group.tabs) {
      const panelId = "tab-" + tab.id;
      const button = el("button", { type: "button", role: "tab", id: "tabbtn-" + tab.id, "aria-controls": panelId, "aria-selected": String(tab.id === active), text: tab.label });
      tabButtons.push(button);
      tablist.append(button);
      const tabpanel = el("div", { class: "tabpanel", role: "tabpanel", id: panelId, "aria-labelledby": button.id, hidden: tab.id !== active });
      section.append(tabpanel);
      button.addEventListener("click", () => {
        for (const b of tabButtons) b.setAttribute("aria-selected", String(b === button));
        for (const p of section.querySelectorAll("[role=tabpanel]")) p.hidden = p.id !== panelId;
        store("perch-tab-" + group.id, tab.id);
      });
      if (tab.choices || tab.props) units.push(choiceUnit(tab, tabpanel, ctx));
      else units.push(listUnit(tab, tabpanel, ctx));
    }
    tablist.addEventListener("keydown", (event) => {
      const i = tabButtons.indexOf(document.activeElement);
      if (i < 0 || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
      event.preventDefault();
      event.stopPropagation();
      const next = tabButtons[(i + (event.key === "ArrowRight" ? 1 : tabButtons.length - 1)) % tabButtons.length];
      next.focus();
      next.click();
    });
    container.append(section);
  }
  return units;
}

function metricsFor(tab, common) {
  if (tab.goals) return ["visitors", "events", "conversion_rate"].concat(common.revenue ? ["total_revenue"] : []);
  if (tab.props) return ["visitors", "events", "percentage"];
  return common.goalFilter ? ["visitors", "group_conversion_rate"] : ["visitors", "percentage"];
}

/** One list: its query, its rows. */
function listUnit(tab, holder, ctx, panelId = tab.id) {
  const unit = { id: panelId, tab, result: null, query: null };
  const box = el("div", { "data-panel": panelId, "aria-live": "polite", "aria-busy": "true" }, el("p", { class: "loading", text: "Loading…" }));
  holder.append(box);
  unit.box = box;
  unit.load = async (common, generation) => {
    let def = tab;
    const drillFilter = tab.drill && common.filters.find((f) => f.key === tab.drill.on && f.op === "is" && f.values.length === 1);
    if (drillFilter) def = { ...tab, ...tab.drill, parentLabel: drillFilter.values[0] };
    const body = { metrics: metricsFor(tab, common), date_range: common.dateRange, dimensions: def.dims,
      filters: common.apiFilters.concat(def.extra || []), pagination: { limit: LIMIT } };
    unit.query = body;
    box.setAttribute("aria-busy", "true");
    box.dataset.query = JSON.stringify(body);
    box.dataset.dimension = def.dims[0];
    try {
      const result = await queryMetrics(ctx.api, body);
      if (generation !== ctx.generation()) return;
      unit.result = { ...result, column: def.column, dims: def.dims };
      render(box, def, result, common, ctx);
    } catch (e) {
      if (generation !== ctx.generation()) return;
      unit.result = null;
      box.replaceChildren(el("p", { class: "error", text: e.message }));
    }
    box.setAttribute("aria-busy", "false");
  };
  return unit;
}

/** A tab whose list is chosen by a select: UTM parameters, or custom property keys. */
function choiceUnit(tab, holder, ctx) {
  const selectId = "choice-" + tab.id;
  const select = el("select", { id: selectId });
  holder.append(el("p", { class: "drill" }, el("label", { for: selectId, text: (tab.choiceLabel || "Property") + " " }), select));
  const inner = el("div");
  holder.append(inner);
  const unit = { id: tab.id, tab, result: null, query: null, box: inner };
  let current = null, lastCommon = null;
  async function choices() {
    if (tab.choices) return tab.choices;
    const keys = await ctx.propKeys;
    return keys.map((k) => ({ id: "prop-" + k, label: k, dims: ["event:props:" + k], key: "props:" + k, column: k, props: true }));
  }
  async function show(id, generation) {
    const list = await choices();
    if (!list.length) {
      inner.replaceChildren(el("p", { class: "empty", text: "No custom properties recorded yet." }));
      select.disabled = true;
      unit.result = null;
      return;
    }
    if (!select.options.length) for (const c of list) select.append(el("option", { value: c.id, text: c.label }));
    const def = list.find((c) => c.id === id) || list[0];
    select.value = def.id;
    inner.replaceChildren();
    current = listUnit({ ...def, column: def.column }, inner, ctx, tab.props ? "properties" : def.id);
    await current.load(lastCommon, generation);
    unit.result = current.result;
    unit.query = current.query;
  }
  select.addEventListener("change", () => {
    store("perch-choice-" + tab.id, select.value);
    show(select.value, ctx.generation());
  });
  unit.load = async (common, generation) => {
    lastCommon = common;
    await show(select.value || stored("perch-choice-" + tab.id), generation);
  };
  return unit;
}

function render(box, def, result, common, ctx) {
  if (!result.rows.length) {
    box.replaceChildren(el("p", { class: "empty", text: "No data yet for this period." }));
    return;
  }
  const metrics = result.metrics;
  const captionText = def.parentLabel ? def.parentLabel + " " + def.column.toLowerCase() + "s" : def.label || def.column;
  const head = el("tr", {}, el("th", { scope: "col", text: def.column }), metrics.map((m) => el("th", { scope: "col", class: m === "percentage" ? "pct" : null, text: HEADERS[m] || m })));
  const body = el("tbody");
  const max = Math.max(...result.rows.map((r) => r.visitors || 0), 1);
  for (const row of result.rows) {
    const label = String(row.dimensions[0]);
    const filter = { op: "is", key: def.key, values: [label] };
    const link = el("a", { class: "bar", href: ctx.hrefFor(filter), title: label }, def.parentLabel ? def.parentLabel + " " + label : label || "(none)");
    link.style.setProperty("--w", ((100 * (row.visitors || 0)) / max).toFixed(1) + "%");
    link.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      ctx.onFilter(filter);
    });
    const tr = el("tr", { "data-label": label, "data-value": String(row.visitors ?? 0) }, el("th", { scope: "row" }, link),
      metrics.map((m) => el("td", { class: m === "percentage" ? "pct" : null, text: formatMetric(m, row[m], common.currency) })));
    body.append(tr);
  }
  box.replaceChildren(el("table", { class: "rows" }, el("caption", { class: "sr-only", text: captionText }), el("thead", {}, head), body));
}
