package dev.baton.app.definition;

import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/definitions}: stored versions of blueprints and workflows, filtered by {@code
 * kind}, {@code status}, {@code tag}, {@code folder} (and below), {@code name}; {@code newest=true}
 * keeps the highest matching version of each name.
 */
final class DefinitionList {
  static final String PATH = "/api/v1/definitions";

  private final DefinitionStore store;

  DefinitionList(DefinitionStore store) {
    this.store = store;
  }

  void register(RoutesConfig routes) {
    routes.get(PATH, this::list);
  }

  private void list(Context ctx) {
    DefinitionQuery q =
        DefinitionQuery.ALL
            .kind(choice(ctx, "kind", DefinitionKind::fromWire, DefinitionKind.values()))
            .status(choice(ctx, "status", DefinitionStatus::fromWire, DefinitionStatus.values()))
            .tag(blankToNull(ctx.queryParam("tag")))
            .folder(blankToNull(ctx.queryParam("folder")))
            .name(blankToNull(ctx.queryParam("name")));
    if (DefinitionRequests.flag(ctx, "newest")) {
      q = q.newestOfEach();
    }
    ctx.json(store.definitions(q).stream().map(DefinitionViews::summary).toList());
  }

  /** An enum query parameter, or a 400 that lists the values it may take. */
  static <E extends Enum<E>> @Nullable E choice(
      Context ctx, String param, Function<String, Optional<E>> parse, E[] values) {
    String raw = blankToNull(ctx.queryParam(param));
    if (raw == null) {
      return null;
    }
    return parse
        .apply(raw)
        .orElseThrow(() ->
            ApiError.badRequest(
                "query parameter '"
                    + param
                    + "' must be one of "
                    + Arrays.stream(values)
                        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
                        .toList()
                    + ", was '"
                    + raw
                    + "'"));
  }

  static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
