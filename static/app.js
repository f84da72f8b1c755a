// Emgek: a table wider than its page scrolls inside its own box, never the page (issue 14).
// Tables a template already wrapped in .table-scroll are left as they are.
document.querySelectorAll("main table").forEach(function (table) {
  if (table.parentElement.classList.contains("table-scroll")) return;
  var box = document.createElement("div");
  box.className = "table-scroll";
  table.parentNode.insertBefore(box, table);
  box.appendChild(table);
});
