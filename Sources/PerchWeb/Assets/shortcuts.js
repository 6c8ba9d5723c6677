// Keyboard shortcuts as Plausible's (spec §2.2); never while typing in a field.
import { PERIODS } from "./datepicker.js";

export function installShortcuts(actions) {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const open = document.querySelector("details.menu[open]");
    if (event.key === "Escape" && open) {
      open.open = false;
      open.querySelector("summary").focus();
      return;
    }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const key = event.key;
    if (key === "Escape") {
      actions.clearFilters();
      return;
    }
    if (key === "ArrowLeft" || key === "ArrowRight") {
      if (target && target.getAttribute && target.getAttribute("role") === "tab") return;
      event.preventDefault();
      actions.shift(key === "ArrowLeft" ? -1 : 1);
      return;
    }
    const lower = key.length === 1 ? key.toLowerCase() : "";
    if (event.shiftKey && lower !== "?") return;
    const period = PERIODS.find((p) => p.key === lower);
    if (period) {
      event.preventDefault();
      if (period.id === "custom") actions.custom(); else actions.period(period.id);
    } else if (lower === "x") {
      event.preventDefault();
      actions.cycleComparison();
    } else if (lower === "i") {
      event.preventDefault();
      actions.cycleInterval();
    }
  });
}
