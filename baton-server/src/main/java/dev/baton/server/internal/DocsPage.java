package dev.baton.server.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /_public/docs}: an HTML page, written when asked, with one section per registered
 * blueprint (its create route, a form that sends a request to it, and its states) and the system
 * routes, linking the full OpenAPI description in Swagger UI ({@code /api/docs}). Everything taken
 * from blueprints is HTML-escaped; the page loads nothing from elsewhere.
 */
public final class DocsPage {
  private DocsPage() {}

  /** One system route in the page's table. */
  record Route(String method, String path, String what) {}

  static final List<Route> SYSTEM_ROUTES =
      List.of(
          new Route("GET", "/api[/{v}]/jobs/{id}", "a job (native and Avtomatika fields)"),
          new Route("POST", "/api[/{v}]/jobs/{id}/cancel", "cancel a job"),
          new Route("GET", "/api[/{v}]/jobs/{id}/history", "every transition of a job"),
          new Route("GET", "/api[/{v}]/jobs?limit=&offset=", "jobs, newest first"),
          new Route("GET", "/api[/{v}]/blueprints/{name}/graph", "a blueprint as Graphviz DOT"),
          new Route("GET", "/api[/{v}]/workers", "workers"),
          new Route("GET", "/api[/{v}]/dashboard", "worker and job counts"),
          new Route("POST", "/api[/{v}]/admin/reload-workers", "reload per-worker tokens"),
          new Route("POST", "/api/v1/jobs", "native: create a job of any blueprint"),
          new Route("POST", "/api/v1/jobs/batch", "native: create many jobs in one transaction"),
          new Route("GET", "/_public/status", "liveness"),
          new Route("GET", "/_public/metrics", "Prometheus metrics"),
          new Route("GET", "/_public/jobs/quarantined", "quarantined jobs"),
          new Route("POST", "/_public/webhooks/approval/{job_id}", "decide a waiting job"));

  public static String render(List<Blueprint> blueprints) {
    StringBuilder out = new StringBuilder();
    out.append(HEAD);
    out.append("<h2>Blueprints</h2>\n");
    boolean any = false;
    for (Blueprint b : blueprints) {
      String path = BlueprintEndpoints.createPath(b);
      if (path == null) {
        continue;
      }
      any = true;
      blueprint(out, b, path, BlueprintEndpoints.problem(b, blueprints));
    }
    if (!any) {
      out.append(
          "<p>No registered blueprint declares an <code>api_endpoint</code>. Jobs of any blueprint"
              + " can still be created with <code>POST /api/v1/jobs</code>.</p>\n");
    }
    List<String> without =
        blueprints.stream()
            .filter(b -> BlueprintEndpoints.createPath(b) == null)
            .map(Blueprint::name)
            .toList();
    if (!without.isEmpty()) {
      out.append("<p>Blueprints without a create route of their own: ")
          .append(escape(String.join(", ", without)))
          .append(".</p>\n");
    }
    out.append("<h2>System routes</h2>\n<table>\n<tr><th>method</th><th>path</th><th></th></tr>\n");
    for (Route r : SYSTEM_ROUTES) {
      out.append("<tr><td>")
          .append(r.method())
          .append("</td><td><code>")
          .append(escape(r.path()))
          .append("</code></td><td>")
          .append(escape(r.what()))
          .append("</td></tr>\n");
    }
    out.append("</table>\n").append(TAIL);
    return out.toString();
  }

  private static void blueprint(
      StringBuilder out, Blueprint b, String path, @Nullable String problem) {
    out.append("<section>\n<h3>")
        .append(escape(b.name()))
        .append(" <small>v")
        .append(b.version())
        .append("</small></h3>\n");
    if (!b.description().isBlank()) {
      out.append("<p>").append(escape(b.description())).append("</p>\n");
    }
    out.append("<p><b>POST</b> <code>").append(escape(path)).append("</code> &rarr; ");
    out.append("<code>202 {\"status\":\"accepted\",\"job_id\":\"…\"}</code></p>\n");
    if (problem != null) {
      out.append("<p class=\"problem\">").append(escape(problem)).append("</p>\n");
    }
    out.append("<p>States (start: <code>")
        .append(escape(b.start()))
        .append("</code>):</p>\n<ul>\n");
    for (State s : b.states().values()) {
      out.append("<li><code>").append(escape(s.name())).append("</code> ").append(escape(s.kind()));
      if (!s.targets().isEmpty()) {
        out.append(" &rarr; ").append(escape(String.join(", ", new TreeSet<>(s.targets()))));
      }
      out.append("</li>\n");
    }
    out.append("</ul>\n");
    out.append("<form data-path=\"")
        .append(escape(path))
        .append("\">\n<textarea name=\"body\" rows=\"4\">")
        .append(escape("{\"initial_data\": {}}"))
        .append("</textarea>\n<button type=\"submit\">Send</button>\n<pre></pre>\n</form>\n");
    out.append("</section>\n");
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String HEAD =
      """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>Baton API</title>
      <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        code, textarea, pre { font-family: ui-monospace, monospace; }
        section { border-top: 1px solid #ccc; padding: .5rem 0; }
        textarea { width: 100%; }
        pre { background: #f4f4f4; padding: .5rem; white-space: pre-wrap; }
        pre:empty { display: none; }
        .problem { color: #a00; }
        table { border-collapse: collapse; }
        td, th { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #eee; }
      </style>
      </head>
      <body>
      <h1>Baton API</h1>
      <p>Routes generated from the registered blueprints, and the system routes. The full
      description is in <a href="/api/docs">Swagger UI</a> (<a href="/api/openapi.yaml">OpenAPI
      document</a>).</p>
      <p><label>X-Avtomatika-Token <input id="token" size="40" autocomplete="off"></label>
      (needed when the server has client tokens)</p>
      """;

  private static final String TAIL =
      """
      <script>
        for (const form of document.querySelectorAll("form[data-path]")) {
          form.addEventListener("submit", async (event) => {
            event.preventDefault();
            const out = form.querySelector("pre");
            const headers = { "Content-Type": "application/json" };
            const token = document.getElementById("token").value;
            if (token) headers["X-Avtomatika-Token"] = token;
            try {
              const res = await fetch(form.dataset.path, {
                method: "POST", headers, body: form.elements.body.value });
              out.textContent = res.status + " " + await res.text();
            } catch (e) {
              out.textContent = String(e);
            }
          });
        }
      </script>
      </body>
      </html>
      """;
}
