// Number formats shared by the dashboard and the sites list.

const integer = new Intl.NumberFormat("en-US");

export function formatMetric(metric, value, currency) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object" && value.value !== undefined) value = value.value;
  switch (metric) {
    case "bounce_rate": case "conversion_rate": case "group_conversion_rate": case "percentage": case "scroll_depth":
      return value + "%";
    case "visit_duration": case "time_on_page":
      return formatDuration(value);
    case "views_per_visit":
      return String(value);
    case "total_revenue": case "average_revenue":
      return formatMoney(value, currency);
    default:
      return typeof value === "number" ? integer.format(value) : String(value);
  }
}

export function formatMoney(value, currency) {
  if (value && typeof value === "object") { currency = value.currency || currency; value = value.value; }
  try { return new Intl.NumberFormat("en-US", { style: "currency", currency: currency || "USD" }).format(value); } catch (e) { return String(value); }
}

export function formatDuration(seconds) {
  seconds = Math.round(seconds || 0);
  if (seconds < 60) return seconds + "s";
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h ? h + "h " + m + "m" : m + "m " + s + "s";
}

export function compactNumber(value) {
  if (value >= 1e6) return (value / 1e6).toFixed(value >= 1e7 ? 0 : 1).replace(/\.0$/, "") + "M";
  if (value >= 1e3) return (value / 1e3).toFixed(value >= 1e4 ? 0 : 1).replace(/\.0$/, "") + "k";
  return String(Math.round(value * 100) / 100);
}

export const numeric = (v) => (v && typeof v === "object" ? Number(v.value) : Number(v || 0));

/** Change between two values: percent for counts, points for rates (as Plausible). */
export function change(metric, current, previous) {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const c = numeric(current), p = numeric(previous);
  if (metric === "bounce_rate" || metric === "conversion_rate" || metric === "group_conversion_rate") {
    return { value: Math.round((c - p) * 10) / 10, unit: " pp" };
  }
  if (p === 0) return { value: c > 0 ? 100 : 0, unit: "%" };
  return { value: Math.round(((c - p) / p) * 100), unit: "%" };
}

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child.nodeType ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
  for (const child of children.flat()) if (child) node.append(child.nodeType ? child : document.createTextNode(String(child)));
  return node;
}
