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
    // The results map too: below the list's first screen on a phone, and its iframe loads only
    // when opened.
    if (narrow && narrow.matches) {
      ["filters", "results-map"].forEach(function (id) {
        var details = document.getElementById(id);
        if (details) { details.open = false; }
      });
    }
    setUpGeolocation();
  }

  // -- "Use my location": fills the place field with "lat, lon" (the place parser accepts it) --
  function round3(value) { return (Math.round(value * 1000) / 1000).toFixed(3); }

  function setUpGeolocation() {
    if (!("geolocation" in navigator)) { return; }  // the button stays hidden
    var buttons = document.querySelectorAll("button[data-geolocate]");
    Array.prototype.forEach.call(buttons, function (button) {
      var field = document.getElementById(button.getAttribute("data-geolocate"));
      var status = document.getElementById(button.getAttribute("data-status"));
      if (!field) { return; }
      function announce(text) { if (status) { status.textContent = text || ""; } }
      button.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        announce(button.getAttribute("data-locating"));
        navigator.geolocation.getCurrentPosition(function (position) {
          field.value = round3(position.coords.latitude) + ", " + round3(position.coords.longitude);
          field.removeAttribute("aria-invalid");
          button.disabled = false;
          announce(button.getAttribute("data-located"));
        }, function (error) {
          button.disabled = false;
          announce(button.getAttribute(error && error.code === 1 ? "data-denied" : "data-failed"));
        }, {enableHighAccuracy: false, timeout: 15000, maximumAge: 600000});
      });
    });
  }

  // Suggestions (the search box's <datalist>) are not searches: the results-page handlers below
  // leave them alone (no busy state, no focus move, no page reload on error).
  function isSuggestion(event) {
    var elt = event.detail && event.detail.elt;
    return !!(elt && elt.hasAttribute && elt.hasAttribute("data-suggest"));
  }
  document.addEventListener("DOMContentLoaded", onReady);

  // -- htmx on the results page -------------------------------------------------------------
  var filtersOpen = null;
  var mapOpen = null;
  var moveFocus = false;

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isSuggestion(event)) { return; }
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
    var map = document.getElementById("results-map");
    mapOpen = map ? map.open : null;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (isSuggestion(event)) { return; }
    var filters = document.getElementById("filters");
    if (filters && filtersOpen !== null) { filters.open = filtersOpen; }
    var map = document.getElementById("results-map");
    if (map && mapOpen !== null) { map.open = mapOpen; }
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
    if (isSuggestion(event)) { return; }
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL) { window.location.assign(xhr.responseURL); }
  });
  document.addEventListener("htmx:sendError", function (event) {
    if (isSuggestion(event)) { return; }
    var path = event.detail.requestConfig && event.detail.requestConfig.path;
    if (path) { window.location.assign(path); }
  });
}());
