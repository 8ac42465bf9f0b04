package dev.baton.server.internal;

import dev.baton.engine.Engine;
import io.javalin.config.RoutesConfig;

/** Avtomatika 1.0b7's client API under each blueprint mount. To be built. */
public final class AvtomatikaRoutes {
  public AvtomatikaRoutes(Engine engine) {}

  public void register(RoutesConfig routes) {}
}
