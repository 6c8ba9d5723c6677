// Dashboard filters: URL form (`f=is,page,/blog` as Plausible), Stats API form and labels.

export const DIMENSIONS = {
  page: ["event:page", "Page"],
  entry_page: ["visit:entry_page", "Entry page"],
  exit_page: ["visit:exit_page", "Exit page"],
  hostname: ["event:hostname", "Hostname"],
  source: ["visit:source", "Source"],
  channel: ["visit:channel", "Channel"],
  referrer: ["visit:referrer", "Referrer URL"],
  utm_medium: ["visit:utm_medium", "UTM medium"],
  utm_source: ["visit:utm_source", "UTM source"],
  utm_campaign: ["visit:utm_campaign", "UTM campaign"],
  utm_content: ["visit:utm_content", "UTM content"],
  utm_term: ["visit:utm_term", "UTM term"],
  country_name: ["visit:country_name", "Country"],
  region_name: ["visit:region_name", "Region"],
  city_name: ["visit:city_name", "City"],
  browser: ["visit:browser", "Browser"],
  browser_version: ["visit:browser_version", "Browser version"],
  os: ["visit:os", "Operating system"],
  os_version: ["visit:os_version", "OS version"],
  device: ["visit:device", "Device"],
  goal: ["event:goal", "Goal"],
  name: ["event:name", "Event name"],
};
export const OPERATORS = { is: "is", is_not: "is not", contains: "contains", contains_not: "does not contain" };

export function apiDimension(key) {
  if (key.startsWith("props:")) return "event:props:" + key.slice(6);
  return DIMENSIONS[key] ? DIMENSIONS[key][0] : null;
}

export function dimensionLabel(key) {
  if (key.startsWith("props:")) return "Property " + key.slice(6);
  return DIMENSIONS[key] ? DIMENSIONS[key][1] : key;
}

/** "Page is /blog", "Country is not France or Germany". */
export function filterLabel(filter) {
  return dimensionLabel(filter.key) + " " + (OPERATORS[filter.op] || filter.op) + " " + filter.values.join(" or ");
}

const escape = (text) => text.replace(/\\/g, "\\\\").replace(/,/g, "\\,");

function splitEscaped(text) {
  const parts = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) { current += text[++i]; continue; }
    if (c === ",") { parts.push(current); current = ""; continue; }
    current += c;
  }
  parts.push(current);
  return parts;
}

export function parseFilter(text) {
  const [op, key, ...values] = splitEscaped(text);
  if (!OPERATORS[op] || !apiDimension(key || "") || values.length === 0) return null;
  return { op, key, values };
}

export function serializeFilter(filter) {
  return [filter.op, filter.key, ...filter.values].map(escape).join(",");
}

export function toApiFilters(filters) {
  return filters.map((f) => [f.op, apiDimension(f.key), f.values]);
}

/** Adds a filter; an `is` filter replaces an earlier filter on the same dimension. */
export function withFilter(filters, filter) {
  const rest = filters.filter((f) => !(f.key === filter.key && (f.op === "is" || filter.op === "is")));
  return [...rest, filter];
}

export function withoutFilter(filters, index) {
  return filters.filter((_, i) => i !== index);
}

export const hasGoalFilter = (filters) => filters.some((f) => f.key === "goal" && (f.op === "is" || f.op === "contains"));
export const hasPageFilter = (filters) => filters.some((f) => f.key === "page");
