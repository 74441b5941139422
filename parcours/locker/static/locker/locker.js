// The locker's pages: drag and drop onto the upload form, the scan's pages shown one
// at a time, copying a link. Progressive enhancement only: every page works without it.
(function () {
  "use strict";

  // --- Drag and drop: files dropped on the form are put in its file input, then sent.
  document.querySelectorAll("[data-locker-drop]").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    if (!input || !("DataTransfer" in window)) return;
    var hint = form.querySelector(".locker-drop-hint");
    if (hint) hint.hidden = false;
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (event) {
        event.preventDefault();
        form.classList.add("dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function () { form.classList.remove("dragover"); });
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });

  // --- Scan: page 2 appears once page 1 is chosen, and so on.
  document.querySelectorAll("[data-locker-scan]").forEach(function (form) {
    var pages = Array.prototype.slice.call(form.querySelectorAll("[data-locker-page]"));
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=file]"));
    pages.forEach(function (page) { page.hidden = true; });
    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () {
        var next = pages[index];
        if (input.files.length && next) {
          next.hidden = false;
        }
      });
    });
  });

  // --- Copy a link to the clipboard.
  var copy = document.querySelector("[data-locker-copy]");
  var source = document.querySelector("[data-locker-copy-source]");
  if (copy && source && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        copy.textContent = copy.dataset.done || "✓";
      });
    });
  }
})();
