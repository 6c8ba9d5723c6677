// Light/dark theme: follows the system until the user picks one, then remembers it.
// A classic (non-module) script loaded in <head> so the theme is set before the first paint.
(function () {
  var root = document.documentElement;
  var media = window.matchMedia("(prefers-color-scheme: dark)");
  var forced = new URLSearchParams(location.search).get("theme");
  function stored() {
    try { return localStorage.getItem("perch-theme"); } catch (e) { return null; }
  }
  function effective() {
    var t = root.dataset.theme;
    return t === "dark" || t === "light" ? t : (media.matches ? "dark" : "light");
  }
  function sync() {
    var dark = effective() === "dark";
    root.style.colorScheme = dark ? "dark" : "light";
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", dark ? "true" : "false");
  }
  var initial = forced === "dark" || forced === "light" ? forced : stored();
  if (initial === "dark" || initial === "light") root.dataset.theme = initial;
  sync();
  media.addEventListener("change", sync);
  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-theme-toggle]");
    if (!button) return;
    var next = effective() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("perch-theme", next); } catch (e) {}
    sync();
    document.dispatchEvent(new CustomEvent("perch:theme", { detail: next }));
  });
})();
