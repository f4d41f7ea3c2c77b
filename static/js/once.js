/* The one-time token of a create form (core/idempotency.py) survives browser Back.
 *
 * Pages with family data are not stored (no-store), so Back fetches the form anew,
 * with a new token; the browser puts back what was typed, but not hidden inputs.
 * So the token a form was sent with is kept for this tab (sessionStorage), and
 * when the page is reached again through Back or Forward the same form gets that
 * token back: sent again, it leads to what was already saved instead of a second
 * row. A page opened any other way is a new form and keeps its new token. "The
 * same form" is its page, its action and the values of its other hidden inputs
 * (one of several one-click forms on a page: which family it adds). */
(function () {
  var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
  var returning = entries.length > 0 && entries[0].type === "back_forward";

  function formKey(input) {
    var form = input.form;
    var parts = ["once", location.pathname, form.getAttribute("action") || "", input.name];
    form.querySelectorAll("input[type=hidden]").forEach(function (other) {
      // The CSRF token and the draft's signed description change with every rendering of the same form.
      if (other !== input && other.name !== "csrfmiddlewaretoken" && other.name !== "_draft") {
        parts.push(other.name + "=" + other.value);
      }
    });
    return parts.join("|");
  }

  document.querySelectorAll("input[data-once-token]").forEach(function (input) {
    if (!input.form) {
      return;
    }
    var key = formKey(input);
    var sent = window.sessionStorage.getItem(key);
    if (returning && sent) {
      input.value = sent;
    }
    input.form.addEventListener("submit", function () {
      window.sessionStorage.setItem(key, input.value);
    });
  });
})();
