/* The list page: print and copy buttons (their list items are hidden without JavaScript: the
   browser's own print and the visible link do the same, and a hidden item leaves no empty bullet),
   and focus after htmx removes a service. No inline script. */
(function () {
  "use strict";
  function reveal(button) {
    var item = button.closest ? button.closest("li") : null;
    (item || button).hidden = false;
  }
  function setUp() {
    var print = document.querySelector("[data-print]");
    if (print && !print.hasAttribute("data-ready")) {
      print.setAttribute("data-ready", "");
      print.addEventListener("click", function () { window.print(); });
    }
    if (print) { reveal(print); }
    var copy = document.querySelector("[data-copy]");
    if (copy) { reveal(copy); }
  }
  function ready() {
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
    setUp();
  }
  document.addEventListener("DOMContentLoaded", ready);
  // The removed service's link is gone: focus the list's heading, which says where we are.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "shortlist") {
      setUp();
      var heading = document.getElementById("shortlist-heading");
      if (heading) { heading.focus(); }
    }
  });
}());
