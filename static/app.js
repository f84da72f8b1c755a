// Emgek: a table wider than its page scrolls inside its own box, never the page (issue 14).
// Tables a template already wrapped in .table-scroll are left as they are.
document.querySelectorAll("main table").forEach(function (table) {
  if (table.parentElement.classList.contains("table-scroll")) return;
  var box = document.createElement("div");
  box.className = "table-scroll";
  table.parentNode.insertBefore(box, table);
  box.appendChild(table);
});

// Emgek: a blank copy of a repeated row, numbered on: the names, ids and labels' targets that hold
// "<prefix>.<old>." hold "<prefix>.<old + 1>." and the labels people read name the next row; values,
// errors and error marks are gone. Shared by the two "Add a row" buttons below.
function blankCopy(last, prefix, old) {
  var next = old + 1;
  var from = prefix + "." + old + ".";
  var to = prefix + "." + next + ".";
  var shown = new RegExp("(^|\\D)" + (old + 1) + "(?!\\d)");
  var row = last.cloneNode(true);
  row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
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
    else if ((el.tagName === "INPUT" && el.type !== "hidden") || el.tagName === "TEXTAREA") el.value = "";
    else if (el.tagName === "SELECT") el.selectedIndex = 0;
  });
  return { row: row, shown: shown, next: next };
}

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
    var prefix = button.dataset.prefix;
    if (!named || named.name.indexOf(prefix + ".") !== 0) return;
    event.preventDefault();
    var old = parseInt(named.name.slice(prefix.length + 1), 10);
    var copy = blankCopy(last, prefix, old);
    copy.row.querySelectorAll("td").forEach(function (td) {
      if (!td.children.length && td.textContent.trim() === String(old + 1)) td.textContent = String(copy.next + 1);
    });
    body.appendChild(copy.row);
    var first = copy.row.querySelector("input:not([type=hidden]), select");
    if (first) first.focus();
  });
});

// Emgek: "Add a row" under a repeated group of fields (data-row="victims.2" and so on) on the
// accident, commission, act and claim forms: copies the group's last row blank, numbered on (names,
// ids, labels' targets, the legend's number), without the saved record's hidden id or its notes, and
// focuses it. Without JavaScript the button stays hidden: the form offers blank rows, more after saving.
document.querySelectorAll("button[data-add-fieldset]").forEach(function (button) {
  var prefix = button.dataset.addFieldset;
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    var rows = document.querySelectorAll('[data-row^="' + prefix + '."]');
    var last = rows[rows.length - 1];
    if (!last) return;
    var copy = blankCopy(last, prefix, parseInt(last.dataset.row.slice(prefix.length + 1), 10));
    copy.row.dataset.row = prefix + "." + copy.next;
    copy.row.querySelectorAll("input[type=hidden], .muted").forEach(function (el) { el.remove(); });
    var legend = copy.row.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(copy.shown, "$1" + (copy.next + 1));
    last.parentNode.insertBefore(copy.row, last.nextSibling);
    var first = copy.row.querySelector("input, select, textarea");
    if (first) first.focus();
  });
});
