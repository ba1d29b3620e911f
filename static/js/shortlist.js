/* The list page: print and copy buttons (hidden without JavaScript: the browser's own print and
   the visible link do the same), and focus after htmx removes a service. No inline script. */
(function () {
  "use strict";
  function ready() {
    var print = document.querySelector("[data-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-copy]");
      if (!button) { return; }
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById("copy-status");
      if (!field) { return; }
      field.select();
      var done = function () { if (status) { status.textContent = button.getAttribute("data-copied"); } };
      if (navigator.clipboard) { navigator.clipboard.writeText(field.value).then(done, function () {}); }
      else if (document.execCommand && document.execCommand("copy")) { done(); }
    });
    showCopy();
  }
  function showCopy() {
    var copy = document.querySelector("[data-copy]");
    if (copy) { copy.hidden = false; }
    var print = document.querySelector("[data-print]");
    if (print && print.hidden) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }
  document.addEventListener("DOMContentLoaded", ready);
  // The removed service's link is gone: focus the list's heading, which says where we are.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "shortlist") {
      showCopy();
      var heading = document.getElementById("shortlist-heading");
      if (heading) { heading.focus(); }
    }
  });
}());
