// A credit's new author, created from the author search without a popup: the search ends
// with "Create the author “X”" (offered by the server, which applies the one author rule);
// picking it asks the server for the author, then selects it in place of the choice.
"use strict";
(function () {
  const $ = window.django && window.django.jQuery;
  if (!$) return;

  function showError(select, message) {
    const cell = select.closest("td") || select.parentElement;
    let list = cell.querySelector("ul.errorlist.credit-author-error");
    if (!list) {
      list = document.createElement("ul");
      list.className = "errorlist credit-author-error";
      cell.prepend(list);
    }
    const item = document.createElement("li");
    item.textContent = message;
    list.replaceChildren(item);
  }

  function clearError(select) {
    const cell = select.closest("td") || select.parentElement;
    const list = cell.querySelector("ul.errorlist.credit-author-error");
    if (list) list.remove();
  }

  // Delegated: rows added with "Add another credit" get their search later.
  $(document).on("select2:select", "select.admin-autocomplete", function (event) {
    const choice = event.params.data;
    if (!choice.create_url) return;
    const select = this;
    const placeholder = Array.from(select.options).find((option) => option.value === choice.id);
    const token = select.form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token);
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
        clearError(select);
        const existing = Array.from(select.options).find((option) => option.value === answer.id);
        if (existing) existing.selected = true;
        else select.append(new Option(answer.text, answer.id, true, true));
        $(select).trigger("change");
      });
  });
})();
