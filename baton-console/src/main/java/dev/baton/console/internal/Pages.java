package dev.baton.console.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the console's templates (compiled into classes at build time, so nothing is compiled at
 * run time) and sends them with the console's security headers: a Content-Security-Policy that
 * allows scripts, styles and connections from this server only (no inline script or style), no
 * framing, no caching of pages that show a session's data.
 */
public final class Pages {
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} with {@code params} as the answer, with {@code status}. */
  void send(Context ctx, int status, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    secure(ctx);
    ctx.status(status).html(out.toString());
  }

  static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }
}
