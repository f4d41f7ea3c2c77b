/*
 * Server-side drafts: every form with data-draft-url posts its fields there
 * every few seconds when something changed, when a field loses focus and when
 * the page is hidden. The form's own hidden fields carry the CSRF token and the
 * signed draft spec (_draft); the server restores the draft when the form opens
 * again, on any device. No inline script: configured by data- attributes.
 */
(function () {
  "use strict";

  function snapshot(form) {
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { parts.push(name + "=" + value); }
    });
    return parts.join("&");
  }

  function body(form) {
    var data = new FormData(form);
    var files = [];
    data.forEach(function (value, name) { if (typeof value !== "string") { files.push(name); } });
    files.forEach(function (name) { data.delete(name); });  // files are never kept in a draft
    return data;
  }

  function setUp(form) {
    var url = form.getAttribute("data-draft-url");
    var seconds = parseInt(form.getAttribute("data-draft-interval") || "5", 10);
    var status = form.querySelector("[data-draft-status]");
    var saved = snapshot(form);
    var submitting = false;
    var busy = false;
    var blurTimer = null;

    function say(text) { if (status && text) { status.textContent = text; } }

    function save() {
      if (submitting || busy) { return; }
      var now = snapshot(form);
      if (now === saved) { return; }
      busy = true;
      fetch(url, {
        method: "POST",
        body: body(form),
        credentials: "same-origin",
        keepalive: true,
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (json) { return { response: response, json: json }; });
      }).then(function (result) {
        busy = false;
        if (result.response.ok) {
          saved = now;
          say(result.json.message);
          document.dispatchEvent(new CustomEvent("gg:session-renewed"));
        } else {
          say(result.json.error);
          if (result.response.status === 401) { document.dispatchEvent(new CustomEvent("gg:session-expired")); }
        }
      }).catch(function () {
        busy = false;
        say(form.getAttribute("data-draft-offline"));
      });
    }

    window.setInterval(save, seconds * 1000);
    // Later than the click on "Opslaan" that caused the blur: the submit below cancels it.
    form.addEventListener("focusout", function () {
      window.clearTimeout(blurTimer);
      blurTimer = window.setTimeout(save, 400);
    });
    form.addEventListener("submit", function () {
      submitting = true;  // the post itself carries the text; a late autosave must not bring the draft back
      window.clearTimeout(blurTimer);
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(); }
    });
  }

  document.querySelectorAll("form[data-draft-url]").forEach(setUp);
}());
