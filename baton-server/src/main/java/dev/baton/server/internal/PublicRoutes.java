package dev.baton.server.internal;

import dev.baton.engine.Engine;
import io.javalin.config.RoutesConfig;

/** Avtomatika's public routes under {@code /_public}. To be built. */
public final class PublicRoutes {
  public PublicRoutes(Engine engine) {}

  public void register(RoutesConfig routes) {}
}
