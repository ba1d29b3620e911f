/* Staff area: progressive enhancement only (every form works without this file).
   Long texts: a live "123 / 2 000 caractères" under the field. The limit itself is stated in the
   field's hint and kept by maxlength and the server; this only counts. The count is announced
   politely, and at most about once a second while typing. */
(function () {
  "use strict";

  var ANNOUNCE_MS = 1000;

  function format(number) {
    try { return new Intl.NumberFormat(document.documentElement.lang || undefined).format(number); }
    catch (e) { return String(number); }
  }

  // Line breaks count once, as maxlength counts them (the server does the same).
  function length(value) { return value.replace(/\r\n/g, "\n").length; }

  function setUpCounter(field) {
    var counter = document.getElementById(field.getAttribute("data-counter"));
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!counter || !max) { return; }
    var timer = null;
    var last = 0;

    function update() {
      timer = null;
      last = Date.now();
      var count = length(field.value);
      var over = count > max;
      var template = counter.getAttribute(over ? "data-over" : "data-template");
      counter.textContent = template.replace("{count}", format(count));
      counter.classList.toggle("counter--over", over);
    }

    function schedule() {
      if (timer) { return; }
      var wait = Math.max(0, ANNOUNCE_MS - (Date.now() - last));
      timer = window.setTimeout(update, wait);
    }

    counter.hidden = false;
    update();
    field.addEventListener("input", schedule);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-counter][maxlength]"), setUpCounter);
  });
}());
