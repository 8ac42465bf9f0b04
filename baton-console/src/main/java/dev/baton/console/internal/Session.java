package dev.baton.console.internal;

import dev.baton.server.Client;
import java.time.Instant;

/** A logged-in browser: who it is, its CSRF token, and when it was last used. */
record Session(String id, Client client, String csrf, Instant lastUsed) {
  Session touched(Instant at) {
    return new Session(id, client, csrf, at);
  }
}
