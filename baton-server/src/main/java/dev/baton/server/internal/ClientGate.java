package dev.baton.server.internal;

import dev.baton.server.ServerOptions;
import io.javalin.config.RoutesConfig;

/** Admits requests on client routes ({@code /api/...}) by token and quota. To be built. */
public final class ClientGate {
  private ClientGate() {}

  public static void install(RoutesConfig routes, ServerOptions options) {}
}
