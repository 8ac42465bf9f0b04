package dev.baton.server.route;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Idempotency-Key} header of a create: a client's name for one request, so that the
 * request retried (after a timeout, a 503, a broken connection) makes one job, not two. 1 to 255
 * printable ASCII characters; anything else is refused with a 400.
 *
 * <p>The key is scoped by the client that sends it (two clients may use the same key), and it is
 * turned into the id of the job it creates ({@link #jobId}), so the job itself is the durable
 * record of the key: it holds for as long as the job is stored, on every store and across restarts,
 * and the store's insert guard decides between two racing retries. A schedule's create takes a key
 * the same way: it becomes the schedule's id ({@link #scheduleId}).
 */
public final class IdempotencyKey {
  public static final String HEADER = "Idempotency-Key";

  /** The response header set on an answer that replays the job an earlier request created. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  static final int MAX_LENGTH = 255;

  private IdempotencyKey() {}

  /** The request's key, or null when it sends none. */
  public static @Nullable String of(Context ctx) {
    String key = ctx.header(HEADER);
    if (key == null) {
      return null;
    }
    if (key.isEmpty() || key.length() > MAX_LENGTH || !printableAscii(key)) {
      throw ApiError.badRequest(
          "header '"
              + HEADER
              + "' must be 1 to "
              + MAX_LENGTH
              + " printable ASCII characters, was '"
              + QueryParams.printable(key)
              + "'");
    }
    return key;
  }

  /** The id of the job that {@code client}'s request with {@code key} creates (a name UUID). */
  public static String jobId(String client, String key) {
    byte[] name =
        ("baton-idempotency-key\n" + client + "\n" + key).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }

  /** The id of the schedule that {@code client}'s request with {@code key} creates. */
  public static String scheduleId(String client, String key) {
    byte[] name =
        ("baton-idempotency-key/schedule\n" + client + "\n" + key).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }

  /**
   * Refuses a key used before for another blueprint: a key names one request, and answering a
   * different one with the first one's job would hide the mistake.
   */
  public static void checkSameBlueprint(String key, String jobId, String used, String asked) {
    checkSame(key, jobId, "a job of blueprint", used, asked);
  }

  /** Refuses a key used before for a schedule of another name, as {@link #checkSameBlueprint}. */
  public static void checkSameSchedule(String key, String id, String used, String asked) {
    checkSame(key, id, "the schedule", used, asked);
  }

  private static void checkSame(String key, String id, String what, String used, String asked) {
    if (!used.equals(asked)) {
      throw new ApiError(
          422,
          "header '"
              + HEADER
              + "': key '"
              + key
              + "' was used for "
              + what
              + " '"
              + used
              + "' ("
              + id
              + "), not '"
              + asked
              + "'; use a new key for a new request");
    }
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
