// A credit's new author, created from the author search without a popup: the search ends
// with "Create the author “X”" (offered by the server, which applies the one author rule);
// picking it asks the server for the author, then selects it in place of the choice.
"use strict";
(function () {
  function errorList(select, make) {
    const cell = select.closest("td") || select.parentElement;
    let list = cell.querySelector("ul.errorlist.credit-author-error");
    if (!list && make) {
      list = document.createElement("ul");
      list.className = "errorlist credit-author-error";
      cell.prepend(list);
    }
    return list;
  }

  function showError(select, message) {
    const item = document.createElement("li");
    item.textContent = message;
    errorList(select, true).replaceChildren(item);
  }

  function create($, select, choice) {
    const placeholder = Array.from(select.options).find((option) => option.value === choice.id);
    const body = new FormData();
    body.append("csrfmiddlewaretoken", select.form.querySelector("input[name=csrfmiddlewaretoken]").value);
    body.append("name", choice.name);
    fetch(choice.create_url, { method: "POST", body, credentials: "same-origin" })
      .then((response) => response.json().then((answer) => ({ ok: response.ok, answer })))
      .catch(() => ({ ok: false, answer: { error: choice.failure } }))
      .then(({ ok, answer }) => {
        if (placeholder) placeholder.remove();
        if (!ok) {
          $(select).val(null).trigger("change");
          showError(select, answer.error || choice.failure);
          return;
        }
        const shown = errorList(select, false);
        if (shown) shown.remove();
        const existing = Array.from(select.options).find((option) => option.value === answer.id);
        if (existing) existing.selected = true;
        else select.append(new Option(answer.text, answer.id, true, true));
        $(select).trigger("change");
      });
  }

  // Bound once the page's scripts have run (the admin's jQuery may come after this file),
  // and delegated: rows added with "Add another credit" get their search later.
  function start() {
    const $ = window.django && window.django.jQuery;
    if (!$) return;
    $(document).on("select2:select", "select.admin-autocomplete", function (event) {
      const choice = event.params.data;
      if (choice.create_url) create($, this, choice);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
