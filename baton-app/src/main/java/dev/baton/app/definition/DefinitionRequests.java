package dev.baton.app.definition;

import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.server.Client;
import dev.baton.server.route.ApiError;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the definition routes share: who calls, and the values of paths and queries. */
final class DefinitionRequests {
  private DefinitionRequests() {}

  /** The client the gate admitted, by name ({@code anonymous} in open mode). */
  static String caller(Context ctx) {
    Object c = ctx.attribute(Client.ATTRIBUTE);
    return c instanceof Client client ? client.name() : Client.ANONYMOUS.name();
  }

  static String name(Context ctx) {
    return NewDefinition.requireName(ctx.pathParam("name"));
  }

  /** The path's {@code {version}} of a blueprint: a number, or {@code latest}. */
  static Definition version(Context ctx, DefinitionStore store, String name) {
    return blueprint(store, name, ctx.pathParam("version"), "path segment 'version'");
  }

  /**
   * A blueprint's version: a number, or {@code latest} (the latest published); a workflow's name is
   * not found here (its routes are {@code /api/v1/workflows}).
   */
  static Definition blueprint(DefinitionStore store, String name, String raw, String what) {
    Definition d =
        raw.equals("latest")
            ? store
                .latestPublished(name)
                .orElseThrow(() -> ApiError.notFound("'" + name + "' has no published version"))
            : store
                .definition(name, number(raw, what))
                .orElseThrow(
                    () -> ApiError.notFound("no definition '" + name + "' version " + raw));
    if (d.kind() != DefinitionKind.BLUEPRINT) {
      throw ApiError.notFound(
          "'" + name + "' is a " + d.kind().wireName() + ": see /api/v1/workflows/" + name);
    }
    return d;
  }

  static int number(String raw, String what) {
    try {
      int v = Integer.parseInt(raw);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(what + " must be a version number (1 or more), was '" + raw + "'");
  }

  /** A comma-separated query parameter, blanks dropped. */
  static List<String> list(@Nullable String raw) {
    return raw == null
        ? List.of()
        : Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  static boolean flag(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true") || raw.isEmpty()) {
      return true;
    }
    throw ApiError.badRequest(
        "query parameter '" + name + "' must be true or false, was '" + raw + "'");
  }
}
