// Trainee pages: read aloud, the PIN pad, and the warning before the idle sign-out.
// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // --- Read aloud: the browser's own speech synthesis; nothing is sent to a server.
  var readButton = document.getElementById("read-aloud");
  if (readButton && "speechSynthesis" in window && window.SpeechSynthesisUtterance) {
    readButton.hidden = false;
    readButton.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        return;
      }
      var main = document.getElementById("main");
      var utterance = new SpeechSynthesisUtterance(main ? main.innerText : document.body.innerText);
      utterance.lang = document.documentElement.lang || "fr";
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
  }

  // --- PIN pad: big digits in a fixed layout, filling the PIN field.
  var pad = document.getElementById("pin-pad");
  var pinInput = document.getElementById("id_pin");
  if (pad && pinInput) {
    pad.hidden = false;
    pad.addEventListener("click", function (event) {
      var key = event.target.closest("button[data-key]");
      if (!key) return;
      event.preventDefault();
      var value = pinInput.value;
      if (key.dataset.key === "back") {
        pinInput.value = value.slice(0, -1);
      } else if (value.length < 6) {
        pinInput.value = value + key.dataset.key;
      }
      showCount();
    });
    var showCount = function () {
      var count = document.getElementById("pin-count");
      if (count) count.textContent = pinInput.value.length + " / 6";
    };
    pinInput.addEventListener("input", showCount);
  }

  // --- Idle sign-out warning (WCAG 2.2.1): two minutes before, with "Continuer".
  var body = document.body;
  var timeout = parseInt(body.dataset.idleTimeout || "0", 10);
  var warning = document.getElementById("idle-warning");
  if (timeout > 0 && warning) {
    var remaining = document.getElementById("idle-remaining");
    var keepAlive = document.getElementById("idle-continue");
    var deadline, warnTimer, tick;
    var schedule = function () {
      deadline = Date.now() + timeout * 1000;
      clearTimeout(warnTimer);
      clearInterval(tick);
      warning.hidden = true;
      warnTimer = setTimeout(showWarning, Math.max(0, (timeout - 120) * 1000));
    };
    var showWarning = function () {
      warning.hidden = false;
      keepAlive.focus();
      tick = setInterval(function () {
        var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        remaining.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
        if (left <= 0) {
          clearInterval(tick);
          window.location.href = body.dataset.signedOutUrl;
        }
      }, 1000);
    };
    warning.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(this.action, { method: "POST", body: new FormData(this), credentials: "same-origin" })
        .then(function (response) { if (response.ok) schedule(); });
    });
    schedule();
  }
})();
