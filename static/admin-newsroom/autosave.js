// The article form kept in this browser's storage as the editor types, and offered back
// after a crash or a closed tab. Restoring fills the form only; nothing is saved until the
// editor saves, and then the conflict check applies as to any save.
"use strict";
(function () {
  function start() {
    const offer = document.getElementById("autosave-offer");
    const form = document.getElementById("article_form");
    if (!offer || !form || !window.localStorage) return;
    const key = offer.dataset.key;
    const versionField = form.querySelector("input[name=base_version]");
    const version = versionField ? versionField.value : "";
    // Fields an editor types in; files, tokens and formset bookkeeping are not kept.
    const kept = (field) =>
      field.name && !field.disabled && field.type !== "file" && field.type !== "hidden" &&
      field.type !== "submit" && field.type !== "button" && !field.name.endsWith("-TOTAL_FORMS");

    function values() {
      const result = {};
      for (const field of form.elements) {
        if (!kept(field)) continue;
        if (field.type === "checkbox" || field.type === "radio") {
          if (field.type === "radio" && !field.checked) continue;
          result[field.name] = field.type === "checkbox" ? field.checked : field.value;
        } else {
          result[field.name] = field.value;
        }
      }
      return result;
    }

    function fill(saved) {
      for (const field of form.elements) {
        if (!kept(field) || !(field.name in saved)) continue;
        if (field.type === "checkbox") field.checked = saved[field.name];
        else if (field.type === "radio") field.checked = field.value === saved[field.name];
        else field.value = saved[field.name];
      }
    }

    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const initial = values();
    let stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(key));
    } catch (error) {
      localStorage.removeItem(key);
    }

    if (stored && !same(stored.fields, initial) && !(stored.submitted && stored.version !== version)) {
      const time = new Date(stored.at).toLocaleTimeString(document.documentElement.lang, {
        hour: "2-digit",
        minute: "2-digit",
      });
      const sameVersion = stored.version === version;
      const text = document.createElement("p");
      text.textContent = (sameVersion ? offer.dataset.restoreText : offer.dataset.olderText)
        .replace("{time}", time);
      offer.append(text);
      if (sameVersion) {
        const restore = document.createElement("button");
        restore.type = "button";
        restore.className = "button";
        restore.textContent = offer.dataset.restoreLabel;
        restore.addEventListener("click", () => {
          fill(stored.fields);
          offer.hidden = true;
        });
        offer.append(restore, " ");
      } else {
        // Saved since: filling the form would overwrite that save unseen, so only show.
        const shown = document.createElement("pre");
        shown.textContent = Object.entries(stored.fields)
          .filter(([name, value]) => !same(value, initial[name]))
          .map(([name, value]) => `${name}: ${value}`)
          .join("\n\n");
        offer.append(shown);
      }
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button";
      discard.textContent = offer.dataset.discardLabel;
      discard.addEventListener("click", () => {
        localStorage.removeItem(key);
        offer.hidden = true;
      });
      offer.append(discard);
      offer.hidden = false;
    } else if (stored) {
      localStorage.removeItem(key); // nothing the form does not already hold
    }

    let pending = null;
    function keep() {
      clearTimeout(pending);
      pending = setTimeout(() => {
        const now = values();
        if (same(now, initial)) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify({ version, at: Date.now(), fields: now }));
      }, 500);
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    // Kept through the save: if it is refused the form comes back with the text anyway,
    // and once the version has moved on the draft is dropped on the next visit.
    form.addEventListener("submit", () => {
      clearTimeout(pending);
      const now = values();
      if (same(now, initial)) localStorage.removeItem(key);
      else localStorage.setItem(
        key, JSON.stringify({ version, at: Date.now(), fields: now, submitted: true })
      );
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
