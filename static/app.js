// Emgek: a table wider than its page scrolls inside its own box, never the page (issue 14).
// Tables a template already wrapped in .table-scroll are left as they are.
document.querySelectorAll("main table").forEach(function (table) {
  if (table.parentElement.classList.contains("table-scroll")) return;
  var box = document.createElement("div");
  box.className = "table-scroll";
  table.parentNode.insertBefore(box, table);
  box.appendChild(table);
});

// Emgek: "Add a row" under a repeated table (the calculator's months, findings, survivors, payments)
// copies its last row blank, numbered on (names, ids, "row N" labels), and puts the cursor in it.
// Without JavaScript the same button posts the form, which comes back with one more row.
// With JavaScript the button submits nothing, so Enter in a field still sends the form's own button.
document.querySelectorAll("button[data-add-row]").forEach(function (button) {
  button.type = "button";
  button.addEventListener("click", function (event) {
    var body = document.querySelector("#" + button.dataset.addRow + " tbody");
    var last = body && body.lastElementChild;
    var named = last && last.querySelector("[name]");
    var prefix = button.dataset.prefix + ".";
    if (!named || named.name.indexOf(prefix) !== 0) return;
    event.preventDefault();
    var old = parseInt(named.name.slice(prefix.length), 10);
    var next = old + 1;
    var row = last.cloneNode(true);
    var from = prefix + old + ".";
    var to = prefix + next + ".";
    var shown = new RegExp("(^|\\D)" + (old + 1) + "(?!\\d)");
    row.querySelectorAll("*").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value && value.indexOf(from) !== -1) el.setAttribute(attr, value.split(from).join(to));
      });
      var label = el.getAttribute("aria-label");
      if (label) el.setAttribute("aria-label", label.replace(shown, "$1" + (next + 1)));
      if (el.classList.contains("field-error")) el.remove();
      el.classList.remove("invalid");
      if (el.tagName === "INPUT" && (el.type === "checkbox" || el.type === "radio")) el.checked = false;
      else if (el.tagName === "INPUT" && el.type !== "hidden") el.value = "";
      else if (el.tagName === "SELECT") el.selectedIndex = 0;
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("td").forEach(function (td) {
      if (!td.children.length && td.textContent.trim() === String(old + 1)) td.textContent = String(next + 1);
    });
    body.appendChild(row);
    var first = row.querySelector("input:not([type=hidden]), select");
    if (first) first.focus();
  });
});

// Emgek: "Add a row" under a repeated group of fields (data-row="victims.2" and so on) on the
// accident, commission, act and claim forms: copies the group's last row blank, numbered on (names,
// ids, labels' targets, the legend's number), without the saved record's hidden id, and focuses it.
document.querySelectorAll("button[data-add-fieldset]").forEach(function (button) {
  var prefix = button.dataset.addFieldset;
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    var rows = document.querySelectorAll('[data-row^="' + prefix + '."]');
    var last = rows[rows.length - 1];
    if (!last) return;
    var old = parseInt(last.dataset.row.slice(prefix.length + 1), 10);
    var next = old + 1;
    var from = prefix + "." + old + ".";
    var to = prefix + "." + next + ".";
    var row = last.cloneNode(true);
    row.dataset.row = prefix + "." + next;
    row.querySelectorAll("input[type=hidden]").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".field-error, .muted").forEach(function (el) { el.remove(); });
    var shown = new RegExp("(^|\\D)" + (old + 1) + "(?!\\d)");
    row.querySelectorAll("*").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value && value.indexOf(from) !== -1) el.setAttribute(attr, value.split(from).join(to));
      });
      var label = el.getAttribute("aria-label");
      if (label) el.setAttribute("aria-label", label.replace(shown, "$1" + (next + 1)));
      el.classList.remove("has-error", "invalid");
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
      if (el.tagName === "INPUT" && (el.type === "checkbox" || el.type === "radio")) el.checked = false;
      else if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") el.value = "";
      else if (el.tagName === "SELECT") el.selectedIndex = 0;
    });
    var legend = row.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(shown, "$1" + (next + 1));
    last.parentNode.insertBefore(row, last.nextSibling);
    var first = row.querySelector("input, select, textarea");
    if (first) first.focus();
  });
});
