// Who else has this article's form open: a heartbeat to the admin every few seconds.
// It informs only; the conflict check on saving is what keeps every change.
"use strict";
(function () {
  function start() {
    const banner = document.getElementById("editing-presence");
    const form = document.getElementById("article_form");
    if (!banner || !form) return;
    const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

    function send(extra) {
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token);
      for (const [key, value] of Object.entries(extra || {})) body.append(key, value);
      return body;
    }

    function beat() {
      fetch(banner.dataset.url, { method: "POST", body: send(), credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : null))
        .then((answer) => {
          if (!answer) return;
          banner.textContent = answer.message;
          banner.hidden = !answer.message;
        })
        .catch(() => {}); // offline for a moment: the next beat tries again
    }

    setInterval(beat, Number(banner.dataset.interval) * 1000);
    // Leaving the page (saving, closing the tab) ends the presence at once.
    window.addEventListener("pagehide", () => {
      navigator.sendBeacon(banner.dataset.url, send({ leave: "1" }));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
