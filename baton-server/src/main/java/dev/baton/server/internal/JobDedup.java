package dev.baton.server.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.NewJob;
import dev.baton.robot.JobKeys;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * De-duplication of jobs created over HTTP ({@code JOB_DEDUP_WINDOW_SECONDS}), as the robot
 * fleet's: a create equal to one the same client made within the window (same blueprint and input)
 * is refused with 409 "Duplicate job detected within deduplication window (job …)", unless it asks
 * {@code ?bypass_dedup=true}. The key is a hash in the store's {@code job_keys} table (the robot
 * fleet's), taken with one guarded upsert, so it holds across nodes and restarts. Off (no window,
 * or no store of keys), a create costs nothing extra.
 *
 * <p>Under failure: a create that fails frees the key again; a key left by a crash between taking
 * it and creating the job frees itself when the window ends.
 */
final class JobDedup {
  static final String BYPASS = "bypass_dedup";
  private static final String PENDING = "pending:";

  private final Duration window;
  private final @Nullable JobKeys keys;
  private final Clock clock;

  JobDedup(Duration window, @Nullable JobKeys keys, Clock clock) {
    this.window = window;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Creates the job through {@code create} unless it is a duplicate within the window.
   *
   * @param idOf the created job's id, from what {@code create} returns
   * @throws BatonException CONFLICT for a duplicate, INVALID for a {@code bypass_dedup} that is
   *     neither true nor false
   */
  <T> T create(
      Context ctx, String client, NewJob request, Supplier<T> create, Function<T, String> idOf) {
    JobKeys k = keys;
    if (k == null || window.isZero() || window.isNegative() || bypassed(ctx)) {
      return create.get();
    }
    String key = "http-dedup:" + hash(client, request);
    String placeholder = PENDING + UUID.randomUUID();
    Instant now = clock.instant();
    Optional<String> held = k.claimKey(key, placeholder, now, now.plus(window));
    if (held.isPresent()) {
      throw BatonException.conflict(
          "Duplicate job detected within deduplication window ("
              + (held.get().startsWith(PENDING)
                  ? "an equal job is being created"
                  : "job " + held.get())
              + "); send it with ?bypass_dedup=true to run it again");
    }
    T made;
    try {
      made = create.get();
    } catch (RuntimeException e) {
      k.releaseKey(key, placeholder);
      throw e;
    }
    k.moveKey(key, placeholder, idOf.apply(made));
    return made;
  }

  private static boolean bypassed(Context ctx) {
    String v = ctx.queryParam(BYPASS);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw BatonException.invalid(
        "query parameter " + BYPASS + " must be true or false, was '" + v + "'");
  }

  /** sha256 over client, blueprint, version and the input with every object's keys sorted. */
  static String hash(String client, NewJob request) {
    String s =
        client
            + "\n"
            + request.blueprint()
            + "\n"
            + request.version()
            + "\n"
            + canonical(request.initialData());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Object canonical(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((key, value) -> sorted.put(String.valueOf(key), canonical(value)));
      return sorted;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(JobDedup::canonical).toList();
    }
    return v instanceof String s ? '"' + s + '"' : String.valueOf(v);
  }
}
