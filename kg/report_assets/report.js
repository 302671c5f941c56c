"use strict";
(function () {
  var panel = document.getElementById("panel-body");
  var pinned = null;
  function show(ref) {
    var detail = document.getElementById("detail-" + ref);
    if (!detail || !panel) { return; }
    panel.replaceChildren(detail.cloneNode(true));
    panel.firstChild.hidden = false;
    panel.firstChild.removeAttribute("id");
    document.querySelectorAll(".hl.on").forEach(function (el) { el.classList.remove("on"); });
    document.querySelectorAll('.hl[data-ref="' + ref + '"]').forEach(function (el) { el.classList.add("on"); });
  }
  document.addEventListener("mouseover", function (e) {
    var el = e.target.closest && e.target.closest("[data-ref]");
    if (el && !pinned) { show(el.dataset.ref); }
  });
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest(".hl[data-ref]");
    if (!el) { return; }
    pinned = pinned === el.dataset.ref ? null : el.dataset.ref;
    show(el.dataset.ref);
  });
  // Start with the record named by the URL (report.html#row-s3) or with the first statement or event.
  var named = /^#(?:hl|row|actor)-([a-z]+[0-9]+)$/.exec(location.hash);
  var first = document.querySelector(".hl.st[data-ref]") || document.querySelector(".hl.ev[data-ref]");
  if (named && document.getElementById("detail-" + named[1])) {
    show(named[1]);
  } else if (first) {
    show(first.dataset.ref);
    document.querySelectorAll(".hl.on").forEach(function (el) { el.classList.remove("on"); });
  }
  document.documentElement.dataset.reportReady = "1";
})();
