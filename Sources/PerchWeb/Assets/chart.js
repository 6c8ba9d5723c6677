// SVG charts: the main graph (one metric over time, optional comparison) and sparklines.
import { svg, el, compactNumber, formatMetric, numeric } from "./format.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A time label of the Stats API ("2026-12-01", "2026-12-06 17:00:00") as people read it. */
export function timeLabel(label, interval, long = false) {
  const date = label.slice(0, 10), time = label.length > 10 ? label.slice(11, 16) : "";
  const day = MONTHS[+date.slice(5, 7) - 1] + " " + +date.slice(8, 10);
  if (interval === "minute" || interval === "hour") return long ? day + ", " + time : time;
  if (interval === "month") return MONTHS[+date.slice(5, 7) - 1] + " " + date.slice(0, 4);
  if (interval === "week") return (long ? "Week of " : "") + day;
  return long ? day + ", " + date.slice(0, 4) : day;
}

function niceMax(value) {
  if (value <= 0) return 1;
  const step = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

/**
 * Draws the graph into `container`. data = {labels, values, compare, compareLabels,
 * metric, interval, partialFrom, currency}.
 */
export function drawGraph(container, data) {
  container.replaceChildren();
  const width = Math.max(container.clientWidth, 280), height = container.clientHeight || 250;
  const pad = { left: 44, right: 12, top: 12, bottom: 26 };
  const n = data.values.length;
  if (!n) {
    container.append(el("p", { class: "graph-msg", text: "No data for this period." }));
    return;
  }
  const all = data.values.concat(data.compare || []).map(numeric);
  const counts = !/rate|per_visit|duration|revenue/.test(data.metric);
  const max = niceMax(Math.max(...all, counts ? 4 : 0));
  const x = (i) => pad.left + (n === 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (n - 1));
  const y = (v) => pad.top + (1 - numeric(v) / max) * (height - pad.top - pad.bottom);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": data.summary || "Graph" });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4, yy = y(v);
    root.append(svg("line", { class: "gridline", x1: pad.left, x2: width - pad.right, y1: yy, y2: yy }));
    const tick = data.metric === "bounce_rate" || data.metric === "conversion_rate" ? Math.round(v) + "%" : compactNumber(v);
    root.append(svg("text", { class: "axis", x: pad.left - 6, y: yy + 4, "text-anchor": "end" }, tick));
  }
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor((width - pad.left) / 70))));
  for (let i = 0; i < n; i += every) {
    const anchor = n === 1 ? "middle" : i === 0 ? "start" : x(i) > width - pad.right - 30 ? "end" : "middle";
    root.append(svg("text", { class: "axis", x: x(i), y: height - 6, "text-anchor": anchor }, timeLabel(data.labels[i], data.interval)));
  }
  if (data.compare) {
    const points = data.compare.slice(0, n).map((v, i) => `${x(i)},${y(v)}`).join(" ");
    root.append(svg("polyline", { class: "cmp-series", points }));
  }
  const cut = data.partialFrom >= 0 && data.partialFrom < n ? data.partialFrom : n;
  const last = Math.min(cut, n - 1);
  const pt = (v, i) => `${x(i)},${y(v)}`;
  const drawn = data.values.slice(0, last + 1);
  root.append(svg("polygon", { class: "area", points: `${x(0)},${y(0)} ${drawn.map(pt).join(" ")} ${x(last)},${y(0)}` }));
  root.append(svg("polyline", { class: "series", points: data.values.slice(0, Math.max(cut, 1)).map(pt).join(" ") }));
  if (cut < n && cut > 0) {
    root.append(svg("polyline", { class: "series partial", points: [pt(data.values[cut - 1], cut - 1), pt(data.values[cut], cut)].join(" ") }));
  }
  if (n <= 40) for (let i = 0; i <= last; i++) root.append(svg("circle", { class: "dot", cx: x(i), cy: y(data.values[i]), r: 2.5 }));
  const hover = svg("line", { class: "hover-line", y1: pad.top, y2: height - pad.bottom, visibility: "hidden" });
  root.append(hover);
  container.append(root);
  const tip = el("div", { class: "tooltip", hidden: true });
  container.append(tip);
  root.addEventListener("pointermove", (event) => {
    const box = root.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    const i = n === 1 ? 0 : Math.max(0, Math.min(n - 1, Math.round(((px - pad.left) / (width - pad.left - pad.right)) * (n - 1))));
    hover.setAttribute("x1", x(i));
    hover.setAttribute("x2", x(i));
    hover.setAttribute("visibility", "visible");
    let text = timeLabel(data.labels[i], data.interval, true) + ": " + formatMetric(data.metric, data.values[i], data.currency);
    if (data.compare && data.compare[i] !== undefined) {
      text += " · " + timeLabel(data.compareLabels[i] || "", data.interval, true) + ": " + formatMetric(data.metric, data.compare[i], data.currency);
    }
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = Math.min(Math.max((x(i) / width) * box.width, 90), box.width - 90) + "px";
    tip.style.top = (y(data.values[i] || 0) / height) * box.height + "px";
  });
  root.addEventListener("pointerleave", () => { tip.hidden = true; hover.setAttribute("visibility", "hidden"); });
}

/** A small line of hourly values, with a text alternative. */
export function sparkline(values, label) {
  const w = 240, h = 40, n = values.length;
  const max = Math.max(1, ...values);
  const pts = values.map((v, i) => `${n === 1 ? w / 2 : (i * w) / (n - 1)},${h - 2 - (v / max) * (h - 4)}`);
  return svg("svg", { class: "spark", viewBox: `0 0 ${w} ${h}`, preserveAspectRatio: "none", role: "img", "aria-label": label },
    svg("polygon", { points: `0,${h} ${pts.join(" ")} ${w},${h}` }),
    svg("polyline", { points: pts.join(" "), "vector-effect": "non-scaling-stroke" }));
}
