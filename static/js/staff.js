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

/* Staff area: confirmations in a dialog. Progressive enhancement only: without this file (or
   without <dialog>), a form marked data-confirm posts as it is and the server answers its
   confirmation page (portal/staff/confirm.py). No inline script anywhere (the CSP forbids it).

   A form with data-confirm="question" opens the staff layout's <dialog id="confirm-dialog">
   (data-confirm-button: the Confirm button's label). Confirm adds confirm=1 and submits the
   form; Cancel, Escape or the backdrop close it and give the focus back to the button that
   opened it. The focus starts on Cancel: the safe choice is the default one. */
(function () {
  "use strict";

  var dialog, message, ok, cancel, defaultLabel;
  var pending = null;  // {form, submitter} while the dialog is open

  function confirmedInput(form) {
    return form.querySelector("input[name='confirm'][value='1']");
  }

  function open(form, submitter) {
    pending = {form: form, submitter: submitter};
    message.textContent = form.getAttribute("data-confirm");
    ok.textContent = form.getAttribute("data-confirm-button") || defaultLabel;
    dialog.showModal();
    cancel.focus();
  }

  function confirm() {
    var form = pending.form;
    var submitter = pending.submitter;
    pending = null;
    dialog.close();
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "confirm";
    input.value = "1";
    input.setAttribute("data-confirm-added", "");
    form.appendChild(input);
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    } else {
      form.submit();
    }
  }

  function setUp() {
    dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") { return; }  // the server asks instead
    message = document.getElementById("confirm-dialog-message");
    ok = dialog.querySelector("[data-confirm-ok]");
    cancel = dialog.querySelector("[data-confirm-cancel]");
    defaultLabel = ok.textContent;

    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) { return; }
      if (confirmedInput(form)) { return; }  // confirmed in the dialog: let it go
      event.preventDefault();
      open(form, event.submitter || form.querySelector("[type='submit']"));
    });
    ok.addEventListener("click", confirm);
    cancel.addEventListener("click", function () { dialog.close(); });
    // A click on the backdrop (outside the dialog's box) is a Cancel too.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        var box = dialog.getBoundingClientRect();
        var inside = event.clientX >= box.left && event.clientX <= box.right &&
                     event.clientY >= box.top && event.clientY <= box.bottom;
        if (!inside) { dialog.close(); }
      }
    });
    // Cancel, Escape (the dialog's own "cancel" then "close") or the backdrop: nothing is sent,
    // and the focus goes back where it was.
    dialog.addEventListener("close", function () {
      if (!pending) { return; }
      var submitter = pending.submitter;
      pending = null;
      if (submitter) { submitter.focus(); }
    });
    // Back to a page kept in the browser's cache after a confirmed post: ask again next time.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(document.querySelectorAll("input[data-confirm-added]"), function (input) {
        input.parentNode.removeChild(input);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
})();
