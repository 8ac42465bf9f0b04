// Baton console: the only script of the pages besides htmx, its SSE extension and uPlot (the
// Content-Security-Policy allows no inline script). Live updates are declared in the HTML
// (hx-trigger="sse:jobs" and the like); this file marks the connection's state, so that an
// operator can tell a live page from a stale one, and draws the throughput chart from the
// server's series (read from the ledger), again each time the overview's figures are refreshed,
// and checks the job page's JSON editor as one types.
(function () {
  "use strict";

  function mark(state) {
    document.body.dataset.live = state;
  }

  // Fetches a chart's series (its data-series URL) and draws it with uPlot, or hands an existing
  // chart the new data. toData turns the answer into uPlot's columns; drawn says what was drawn
  // (data-drawn, which the browser tests wait for).
  function plot(id, toData, options, drawn) {
    var el = document.getElementById(id);
    if (!el || typeof uPlot === "undefined") {
      return;
    }
    fetch(el.dataset.series, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) {
          return;
        }
        var data = toData(s);
        if (el.plot) {
          el.plot.setData(data);
        } else {
          options.width = el.clientWidth || 800;
          options.height = 220;
          el.plot = new uPlot(options, data, el);
        }
        el.dataset.drawn = String(drawn(s));
      });
  }

  function drawThroughput() {
    plot("throughput", function (s) { return [s.minutes, s.finished, s.failed]; }, {
      scales: { x: { time: true } },
      series: [
        {},
        { label: "finished", stroke: "#1f9d55", width: 2 },
        { label: "failed", stroke: "#c0362c", width: 2 }
      ],
      axes: [{}, { label: "jobs / min" }]
    }, function (s) { return s.finished.reduce(function (a, b) { return a + b; }, 0); });
  }

  // The control loop's chart: cycle time (ms, left axis) and health score (right axis) of the
  // cycles the loop recorded in the ledger, drawn again when new cycles arrive.
  function drawLoop() {
    plot("loop-chart", function (s) { return [s.at, s.duration_ms, s.health]; }, {
      // uPlot gives one point alone a 1,000-day axis (86400 / ms): a minute around it.
      scales: {
        x: { time: true, range: function (u, min, max) {
          var x = u.data[0];
          return x.length === 1 ? [x[0] - 60, x[0] + 60] : [min, max];
        } },
        ms: {},
        health: { range: [0, 100] }
      },
      series: [
        {},
        { label: "cycle time (ms)", stroke: "#2b6cb0", width: 2, scale: "ms" },
        { label: "health", stroke: "#1f9d55", width: 2, scale: "health" }
      ],
      axes: [{}, { scale: "ms", label: "ms" }, { scale: "health", side: 1, label: "health" }]
    }, function (s) { return s.at.length; });
  }

  // The resume editor: says at once whether the text is a JSON object. Only a hint; the server
  // parses it again and refuses a malformed one with the place of the error.
  function checkJson(area) {
    var out = document.getElementById(area.dataset.json);
    if (!out) {
      return;
    }
    var text = area.value.trim();
    var problem = "";
    if (text !== "") {
      try {
        var v = JSON.parse(text);
        if (v === null || typeof v !== "object" || Array.isArray(v)) {
          problem = "must be a JSON object ({ … })";
        }
      } catch (e) {
        problem = e.message;
      }
    }
    out.textContent = problem === "" ? "" : "Not valid: " + problem;
    area.setAttribute("aria-invalid", problem === "" ? "false" : "true");
  }

  document.addEventListener("input", function (e) {
    if (e.target && e.target.dataset && e.target.dataset.json) {
      checkJson(e.target);
    }
  });
  document.addEventListener("htmx:sseOpen", function () { mark("open"); });
  document.addEventListener("htmx:sseError", function () { mark("error"); });
  document.addEventListener("htmx:afterSettle", function (e) {
    if (e.target && e.target.id === "overview") {
      drawThroughput();
    }
    if (e.target && e.target.id === "loop-cycles") {
      drawLoop();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    mark("connecting");
    drawThroughput();
    drawLoop();
  });
})();
