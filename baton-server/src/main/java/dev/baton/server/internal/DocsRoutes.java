package dev.baton.server.internal;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The API's description: the hand-written OpenAPI document at {@code /api/openapi.yaml} and Swagger
 * UI (from its webjar, no Node) at {@code /api/docs}.
 */
public final class DocsRoutes {
  public static final String SPEC_RESOURCE = "/openapi/openapi.yaml";
  static final String SWAGGER_UI = "/webjars/swagger-ui/5.34.1";

  private final byte[] spec = load();

  public void register(RoutesConfig routes) {
    routes.get(
        "/api/openapi.yaml",
        ctx -> ctx.contentType("application/yaml; charset=utf-8").result(spec));
    routes.get("/api/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(PAGE));
  }

  private static byte[] load() {
    try (InputStream in =
        Objects.requireNonNull(
            DocsRoutes.class.getResourceAsStream(SPEC_RESOURCE), SPEC_RESOURCE + " is missing")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String PAGE =
      """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Baton API</title>
        <link rel="stylesheet" href="%1$s/swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="%1$s/swagger-ui-bundle.js"></script>
        <script>
          window.ui = SwaggerUIBundle({ url: "/api/openapi.yaml", dom_id: "#swagger-ui" });
        </script>
      </body>
      </html>
      """
          .formatted(SWAGGER_UI);
}
