/* Portail 211: progressive enhancement only. Every page works without this file.
   No inline scripts or handlers anywhere (a CSP without 'unsafe-inline' will apply). */
(function () {
  "use strict";

  var narrow = window.matchMedia ? window.matchMedia("(max-width: 47.99em)") : null;

  function onReady() {
    document.documentElement.classList.add("js");
    // GOV.UK error summary: focus it on load so screen readers announce the problem first.
    var summary = document.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
    // Small screens: results first, filters folded (the <details> is open without JavaScript).
    var filters = document.getElementById("filters");
    if (filters && narrow && narrow.matches) { filters.open = false; }
  }
  document.addEventListener("DOMContentLoaded", onReady);

  // -- htmx on the results page -------------------------------------------------------------
  var filtersOpen = null;
  var moveFocus = false;

  document.addEventListener("htmx:beforeRequest", function (event) {
    var results = document.getElementById("results");
    if (!results) { return; }
    var elt = event.detail.elt;
    // A checkbox or a select keeps focus (WCAG 3.2.2); a submit, a chip or a page link is
    // replaced by the swap, so focus goes to the results heading afterwards.
    moveFocus = !(elt && (elt.matches("input[type=checkbox]") || elt.matches("select") ||
      elt.hasAttribute("data-keep-focus")));  // "add to my list": htmx refocuses it by id
    results.setAttribute("aria-busy", "true");
    var status = document.getElementById("results-status");
    if (status) { status.textContent = status.getAttribute("data-busy") || "…"; }
    var filters = document.getElementById("filters");
    filtersOpen = filters ? filters.open : null;
  });

  document.addEventListener("htmx:afterSwap", function () {
    var filters = document.getElementById("filters");
    if (filters && filtersOpen !== null) { filters.open = filtersOpen; }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.detail.target || event.detail.target.id !== "results") { return; }
    if (moveFocus) {
      var heading = document.getElementById("results-heading");
      if (heading) { heading.focus(); }
    }
  });

  // Errors the fragment cannot show (503 search unavailable, 500): load the real page, which
  // explains the problem and gives the 211 number.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL) { window.location.assign(xhr.responseURL); }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var path = event.detail.requestConfig && event.detail.requestConfig.path;
    if (path) { window.location.assign(path); }
  });
}());
