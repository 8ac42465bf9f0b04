// Baton console: the only script of the pages besides htmx, its SSE extension and uPlot (the
// Content-Security-Policy allows no inline script). Live updates are declared in the HTML
// (hx-trigger="sse:jobs" and the like); this file marks the connection's state, so that an
// operator can tell a live page from a stale one, draws the overview's charts from the server's
// series (the store's per-minute buckets), again each time the overview's figures are refreshed,
// and checks the job page's JSON editor as one types.
(function () {
  "use strict";

  function mark(state) {
    document.body.dataset.live = state;
  }

  // Draws data into the chart element el with uPlot, or hands an existing chart the new data.
  function draw(el, data, options) {
    if (el.plot) {
      el.plot.setData(data);
    } else {
      options.width = el.clientWidth || 800;
      options.height = 220;
      el.plot = new uPlot(options, data, el);
    }
  }

  // Fetches a chart's series (its data-series URL) and draws it. toData turns the answer into
  // uPlot's columns; drawn says what was drawn (data-drawn, which the browser tests wait for).
  function plot(id, toData, options, drawn) {
    var el = document.getElementById(id);
    if (!el || typeof uPlot === "undefined") {
      return;
    }
    fetchSeries(el.dataset.series, function (s) {
      draw(el, toData(s), options);
      el.dataset.drawn = String(drawn(s));
    });
  }

  function fetchSeries(url, then) {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (s) {
          then(s);
        }
      });
  }

  function line(label, stroke) {
    return { label: label, stroke: stroke, width: 2, spanGaps: false };
  }

  // The overview's four charts, from one answer of /console/series (the store's per-minute
  // buckets): throughput, success rate, queue depth and execution time. A null is a gap (no job
  // ended, nothing sampled). The throughput chart's data-drawn is the jobs finished in the range.
  var overviewCharts = [
    { id: "throughput", columns: function (s) { return [s.at, s.finished, s.failed]; },
      series: [line("finished", "#1f9d55"), line("failed", "#c0362c")], axis: "jobs" },
    { id: "success-rate", columns: function (s) { return [s.at, s.success_rate]; },
      series: [line("success %", "#1f9d55")], axis: "%", range: [0, 100] },
    { id: "queue-depth", columns: function (s) { return [s.at, s.queued]; },
      series: [line("queued", "#2b6cb0")], axis: "tasks" },
    { id: "exec-time", columns: function (s) { return [s.at, s.average_ms]; },
      series: [line("average (ms)", "#805ad5")], axis: "ms" }
  ];

  function drawSeries() {
    var box = document.getElementById("series");
    if (!box || typeof uPlot === "undefined") {
      return;
    }
    fetchSeries(box.dataset.series, function (s) {
      overviewCharts.forEach(function (c) {
        var el = document.getElementById(c.id);
        if (!el) {
          return;
        }
        var y = c.range ? { range: c.range } : {};
        draw(el, c.columns(s), {
          scales: { x: { time: true }, y: y },
          series: [{}].concat(c.series),
          axes: [{}, { label: c.axis }]
        });
      });
      var finished = s.finished.reduce(function (a, b) { return a + b; }, 0);
      var t = document.getElementById("throughput");
      if (t) {
        t.dataset.drawn = String(finished);
      }
    });
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
      drawSeries();
    }
    if (e.target && e.target.id === "loop-cycles") {
      drawLoop();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    mark("connecting");
    drawSeries();
    drawLoop();
  });
})();
