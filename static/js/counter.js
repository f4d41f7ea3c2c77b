/* A counter under every field with a maximum length: "1.234 / 20.000 tekens".
 *
 * Long fields carry data-maxlength instead of maxlength (core/forms.py): the
 * browser's maxlength cuts a paste short without saying so, and the cut-off
 * part is lost. So nothing is cut; this counter says how long the text is, and
 * warns when it is over the maximum ("1.234 tekens te veel"). The server refuses
 * an over-long text and shows it again, so it can be shortened. Characters are
 * counted as the server counts them (code points; a line break is one). */
(function () {
  var nl = new Intl.NumberFormat("nl-NL");

  function length(value) {
    return Array.from(value.replace(/\r\n/g, "\n")).length;
  }

  function attach(field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!limit || field.dataset.counterAttached) {
      return;
    }
    field.dataset.counterAttached = "1";
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = (field.id || field.name) + "_teller";
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + counter.id : counter.id);
    var wasOver = null;

    function update() {
      var n = length(field.value);
      var over = n > limit;
      var text = nl.format(n) + " / " + nl.format(limit) + " tekens";
      if (over) {
        text += " – " + nl.format(n - limit) + " te veel, maak de tekst korter";
      }
      counter.textContent = text;
      counter.classList.toggle("over", over);
      if (over !== wasOver) {
        // Only crossing the limit is read out; every keystroke would be too much.
        counter.setAttribute("aria-live", over ? "assertive" : "off");
        wasOver = over;
      }
    }

    field.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("textarea[data-maxlength], input[data-maxlength]").forEach(attach);
})();
