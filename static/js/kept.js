/*
 * A post kept across a log-in or a lost CSRF cookie, back in its form.
 * The server puts what was sent in a JSON data block (id="kept-post", never
 * executed, so the CSP stays strict) on the page the form was on; this fills
 * the matching fields of that form. The page's own CSRF and one-time tokens
 * stay (they are fresh); the base version comes back, so a save over someone
 * else's newer one is still refused.
 */
(function () {
  "use strict";

  var SKIP = /(^|-)(csrfmiddlewaretoken|idempotency_token|_draft)$/;

  function pathOf(url) {
    try { return new URL(url, window.location.href).pathname; } catch (e) { return ""; }
  }

  function pick(kept) {
    var forms = Array.prototype.slice.call(document.querySelectorAll("main form[method='post'], main form[method='POST']"));
    var names = Object.keys(kept.fields);
    var byAction = forms.filter(function (form) { return pathOf(form.getAttribute("action") || window.location.href) === kept.action; });
    var candidates = byAction.length ? byAction : forms;
    for (var i = 0; i < candidates.length; i++) {
      for (var j = 0; j < names.length; j++) {
        if (candidates[i].querySelector("[name='" + CSS.escape(names[j]) + "']")) { return candidates[i]; }
      }
    }
    return null;
  }

  function fill(form, name, values) {
    if (SKIP.test(name)) { return; }
    var fields = form.querySelectorAll("[name='" + CSS.escape(name) + "']");
    var next = 0;
    Array.prototype.forEach.call(fields, function (field) {
      if (field.type === "file" || field.disabled) { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.options, function (option) { option.selected = values.indexOf(option.value) !== -1; });
      } else if (next < values.length) {
        field.value = values[next];
        next += 1;
      }
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function restore() {
    var block = document.getElementById("kept-post");
    if (!block) { return; }
    var kept;
    try { kept = JSON.parse(block.textContent); } catch (e) { return; }
    var form = pick(kept);
    if (!form) { return; }
    Object.keys(kept.fields).forEach(function (name) { fill(form, name, kept.fields[name]); });
    form.setAttribute("data-kept-restored", "");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
