// Periods, date arithmetic and graph intervals. Dates are "YYYY-MM-DD" in the site's time zone.

export const PERIODS = [
  { id: "day", label: "Today", key: "d" },
  { id: "yesterday", label: "Yesterday", key: "e" },
  { id: "realtime", label: "Realtime", key: "r" },
  { id: "7d", label: "Last 7 days", key: "w" },
  { id: "28d", label: "Last 28 days", key: "f" },
  { id: "30d", label: "Last 30 days", key: "t" },
  { id: "91d", label: "Last 91 days", key: "n" },
  { id: "month", label: "Month to date", key: "m" },
  { id: "lastmonth", label: "Last month", key: "p" },
  { id: "year", label: "Year to date", key: "y" },
  { id: "6mo", label: "Last 6 months", key: "s" },
  { id: "12mo", label: "Last 12 months", key: "l" },
  { id: "all", label: "All time", key: "a" },
  { id: "custom", label: "Custom range", key: "c" },
];
export const DEFAULT_PERIOD = "28d";
const DAYS = { "7d": 7, "28d": 28, "30d": 30, "91d": 91 };
const MONTHS = { "6mo": 6, "12mo": 12 };
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function isDate(text) {
  return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) && !isNaN(Date.parse(text + "T00:00:00Z"));
}

export function todayIn(timeZone) {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch (e) {
    return new Date().toISOString().slice(0, 10);
  }
}

const toTime = (d) => Date.parse(d + "T00:00:00Z");
const fromTime = (t) => new Date(t).toISOString().slice(0, 10);
export const addDays = (d, n) => fromTime(toTime(d) + n * 86400000);
export const daysBetween = (a, b) => Math.round((toTime(b) - toTime(a)) / 86400000);
export function addMonths(d, n) {
  const y = +d.slice(0, 4), m = +d.slice(5, 7) - 1 + n, day = +d.slice(8, 10);
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromTime(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last)));
}
export const monthStart = (d) => d.slice(0, 8) + "01";
export const monthEnd = (d) => addDays(addMonths(monthStart(d), 1), -1);
export const addYears = (d, n) => addMonths(d, 12 * n);

/** ISO datetime without milliseconds, as the Stats API takes it. */
export const isoMinute = (ms) => new Date(ms).toISOString().slice(0, 19) + "Z";

export function formatDate(d, withYear = true) {
  const text = MONTH_NAMES[+d.slice(5, 7) - 1].slice(0, 3) + " " + +d.slice(8, 10);
  return withYear ? text + ", " + d.slice(0, 4) : text;
}

/**
 * The range a view covers: {from, to} dates (null for "all" until the API says), the
 * `date_range` sent to the Stats API, a label, and whether ←/→ can move it.
 */
export function resolvePeriod(view, timeZone, now = Date.now()) {
  const today = todayIn(timeZone);
  const p = view.period;
  if (p === "realtime") {
    return { from: today, to: today, apiRange: [isoMinute(now - 30 * 60000), isoMinute(now)], label: "Realtime", realtime: true };
  }
  if (p === "day") {
    const d = view.date && view.date <= today ? view.date : today;
    const label = d === today ? "Today" : d === addDays(today, -1) ? "Yesterday" : formatDate(d);
    return { from: d, to: d, apiRange: d === today ? "day" : [d, d], label };
  }
  if (p === "yesterday") {
    const d = addDays(today, -1);
    return { from: d, to: d, apiRange: [d, d], label: "Yesterday" };
  }
  if (DAYS[p]) {
    return { from: addDays(today, -DAYS[p]), to: addDays(today, -1), apiRange: p, label: PERIODS.find((x) => x.id === p).label };
  }
  if (p === "month" || p === "lastmonth") {
    const anchor = p === "lastmonth" ? addMonths(monthStart(today), -1) : (view.date && view.date <= today ? view.date : today);
    const from = monthStart(anchor), to = monthEnd(anchor);
    const current = from === monthStart(today);
    const label = current ? "Month to date" : p === "lastmonth" ? "Last month" : MONTH_NAMES[+from.slice(5, 7) - 1] + " " + from.slice(0, 4);
    return { from, to, apiRange: current ? "month" : [from, to], label };
  }
  if (p === "year") {
    const anchor = view.date && view.date <= today ? view.date : today;
    const from = anchor.slice(0, 4) + "-01-01", to = anchor.slice(0, 4) + "-12-31";
    const current = from.slice(0, 4) === today.slice(0, 4);
    return { from, to, apiRange: current ? "year" : [from, to], label: current ? "Year to date" : "Year " + from.slice(0, 4) };
  }
  if (MONTHS[p]) {
    const from = addMonths(monthStart(today), -MONTHS[p]), to = addDays(monthStart(today), -1);
    return { from, to, apiRange: p, label: PERIODS.find((x) => x.id === p).label };
  }
  if (p === "all") {
    return { from: null, to: today, apiRange: "all", label: "All time", noCompare: true };
  }
  // custom
  let from = isDate(view.from) ? view.from : addDays(today, -28);
  let to = isDate(view.to) ? view.to : addDays(today, -1);
  if (from > to) [from, to] = [to, from];
  return { from, to, apiRange: [from, to], label: from === to ? formatDate(from) : formatDate(from, from.slice(0, 4) !== to.slice(0, 4)) + " – " + formatDate(to) };
}

/** The comparison range, or null. Months and years move by calendar months; others by their length. */
export function comparisonRange(view, range, mode) {
  if (!mode || mode === "off" || range.realtime || !range.from) return null;
  if (mode === "year_over_year") return [addYears(range.from, -1), addYears(range.to, -1)];
  const p = view.period;
  if (p === "month" || p === "lastmonth") return [addMonths(range.from, -1), monthEnd(addMonths(range.from, -1))];
  if (p === "year") return [addYears(range.from, -1), addYears(range.to, -1)];
  if (MONTHS[p]) return [addMonths(range.from, -MONTHS[p]), addDays(range.from, -1)];
  const length = daysBetween(range.from, range.to) + 1;
  return [addDays(range.from, -length), addDays(range.from, -1)];
}

/** The view one period earlier (-1) or later (+1), or null when there is none. */
export function shiftView(view, range, step, timeZone) {
  const today = todayIn(timeZone);
  const p = view.period;
  if (p === "realtime" || p === "all") return null;
  let next;
  if (p === "day" || p === "yesterday") {
    next = { period: "day", date: addDays(range.from, step) };
  } else if (p === "month" || p === "lastmonth") {
    next = { period: "month", date: addMonths(range.from, step) };
  } else if (p === "year") {
    next = { period: "year", date: addYears(range.from, step) };
  } else if (MONTHS[p]) {
    next = { period: "custom", from: addMonths(range.from, step * MONTHS[p]), to: addDays(addMonths(addDays(range.to, 1), step * MONTHS[p]), -1) };
  } else {
    const length = daysBetween(range.from, range.to) + 1;
    next = { period: "custom", from: addDays(range.from, step * length), to: addDays(range.to, step * length) };
  }
  const start = next.date || next.from;
  if (start > today) return null;
  if (next.date === today && next.period === "day") delete next.date;
  if (next.period === "month" && monthStart(next.date) === monthStart(today)) delete next.date;
  if (next.period === "year" && next.date.slice(0, 4) === today.slice(0, 4)) delete next.date;
  return next;
}

/** Graph intervals offered for a range, the default first (spec §2.5). */
export function intervalsFor(view, range) {
  const p = view.period;
  if (p === "realtime") return ["minute"];
  if (p === "day" || p === "yesterday") return ["hour", "minute"];
  if (p === "7d") return ["day", "hour"];
  if (p === "28d" || p === "30d" || p === "month" || p === "lastmonth") return ["day", "week"];
  if (p === "91d") return ["day", "week", "month"];
  if (p === "6mo" || p === "12mo" || p === "year") return ["month", "day", "week"];
  const days = range.from ? daysBetween(range.from, range.to) + 1 : 400;
  if (days <= 1) return ["hour", "minute"];
  if (days < 7) return ["day", "hour"];
  if (days < 31) return ["day", "week"];
  if (days < 366) return ["day", "week", "month"];
  return ["month", "week"];
}
