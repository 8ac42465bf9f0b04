// Baton console: the only script of the pages besides htmx, its SSE extension and uPlot (the
// Content-Security-Policy allows no inline script). Live updates are declared in the HTML
// (hx-trigger="sse:jobs" and the like); this file only marks the connection's state, so that an
// operator can tell a live page from a stale one.
(function () {
  "use strict";
  function mark(state) {
    document.body.dataset.live = state;
  }
  document.addEventListener("htmx:sseOpen", function () { mark("open"); });
  document.addEventListener("htmx:sseError", function () { mark("error"); });
  document.addEventListener("DOMContentLoaded", function () { mark("connecting"); });
})();
