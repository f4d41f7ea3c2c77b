/*
 * The idle-timeout warning. The body carries the session's idle time and when
 * to warn (data-session-idle, data-session-warn, in seconds) and the keep-alive
 * URL; the banner (#session-warning, role=alertdialog) is in base.html. Any
 * page load, autosave (drafts.js sends gg:session-renewed) or keep-alive
 * restarts the clock; other tabs share it through localStorage.
 */
(function () {
  "use strict";
  var body = document.body;
  var box = document.getElementById("session-warning");
  if (!box || !body.hasAttribute("data-session-idle")) { return; }

  var idle = parseInt(body.getAttribute("data-session-idle"), 10) * 1000;
  var warn = parseInt(body.getAttribute("data-session-warn"), 10) * 1000;
  var url = body.getAttribute("data-session-keepalive-url");
  var KEY = "gg-session-renewed-at";
  var stay = box.querySelector("[data-session-stay]");
  var countdown = box.querySelector("[data-session-countdown]");
  var expired = box.querySelector("[data-session-expired]");
  var active = box.querySelector("[data-session-active]");
  // What the banner says about typed text only where the page has a form to type in.
  if (document.querySelector("main form[method='post'], main form[method='POST']")) {
    Array.prototype.forEach.call(box.querySelectorAll("[data-session-form-only]"), function (part) { part.hidden = false; });
  }
  var returnFocus = null;
  var renewedAt = Date.now();

  function share() { try { window.localStorage.setItem(KEY, String(renewedAt)); } catch (e) { /* private mode */ } }
  function latest() {
    var other = 0;
    try { other = parseInt(window.localStorage.getItem(KEY) || "0", 10); } catch (e) { other = 0; }
    return Math.max(renewedAt, other || 0);
  }
  function renewed() { renewedAt = Date.now(); share(); hide(); }

  function minutesText(ms) {
    var minutes = Math.max(1, Math.ceil(ms / 60000));
    return minutes === 1 ? box.getAttribute("data-one-minute") : box.getAttribute("data-minutes").replace("%s", minutes);
  }

  function show() {
    if (box.hidden) {
      returnFocus = document.activeElement;
      box.hidden = false;
      stay.focus();
    }
  }
  function hide() {
    if (!box.hidden && !box.classList.contains("is-expired")) {
      box.hidden = true;
      if (returnFocus && returnFocus.focus) { returnFocus.focus(); }
    }
  }
  function showExpired() {
    box.classList.add("is-expired");
    active.hidden = true;
    expired.hidden = false;
    box.hidden = false;
    var link = expired.querySelector("a");
    if (link) { link.focus(); }
  }

  function tick() {
    var left = latest() + idle - Date.now();
    if (left <= 0) { showExpired(); return; }
    if (left <= warn) {
      countdown.textContent = minutesText(left);
      show();
    } else {
      hide();
    }
  }

  stay.addEventListener("click", function () {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var data = new FormData();
    if (token) { data.append("csrfmiddlewaretoken", token.value); }
    fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.ok) { renewed(); } else if (response.status === 401) { showExpired(); }
      })
      .catch(function () { /* offline: the banner stays, the button can be pressed again */ });
  });
  document.addEventListener("gg:session-renewed", renewed);
  document.addEventListener("gg:session-expired", showExpired);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !box.classList.contains("is-expired")) { stay.click(); }
  });

  share();
  window.setInterval(tick, 5000);
  tick();
}());
