package dev.baton.console.internal;

import dev.baton.server.Client;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The console's sessions, in memory: a random id in an HttpOnly, SameSite=Strict cookie, and a CSRF
 * token every state-changing form must carry. A restart logs everyone out (a session holds no
 * token, only the client it was admitted as). Sessions unused for {@link #IDLE} end; past {@link
 * #MAX} the least recently used ends, so a flood of logins cannot grow the map without end.
 */
final class Sessions {
  static final String COOKIE = "baton_console";
  static final Duration IDLE = Duration.ofHours(8);
  static final int MAX = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** Starts a session for {@code client} and sets its cookie. */
  Session open(Context ctx, Client client) {
    Instant now = clock.instant();
    if (byId.size() >= MAX) {
      byId.values().stream()
          .min(java.util.Comparator.comparing(Session::lastUsed))
          .ifPresent(s -> byId.remove(s.id()));
    }
    Session s = new Session(token(), client, token(), now);
    byId.put(s.id(), s);
    Cookie cookie = new Cookie(COOKIE, s.id());
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setPath("/");
    cookie.setSecure("https".equals(ctx.scheme()));
    ctx.cookie(cookie);
    return s;
  }

  /** The request's live session, if its cookie names one. */
  Optional<Session> of(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    Instant now = clock.instant();
    if (s == null || s.lastUsed().plus(IDLE).isBefore(now)) {
      byId.remove(id);
      return Optional.empty();
    }
    Session touched = s.touched(now);
    byId.put(id, touched);
    return Optional.of(touched);
  }

  void close(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id != null) {
      byId.remove(id);
    }
    ctx.removeCookie(COOKIE, "/");
  }

  /** Whether {@code sent} is the session's CSRF token (compared in constant time). */
  static boolean csrfMatches(Session s, @Nullable String sent) {
    return sent != null
        && MessageDigest.isEqual(
            s.csrf().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
