package dev.baton.tracing;

import io.opentelemetry.sdk.trace.IdGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Span ids, random except for a task's "dispatch" span, whose id is made from the task's id. The
 * dispatch span is emitted after the step that queued the task commits, and the task is handed out
 * later, perhaps by another node: an id anyone can compute from the task lets the hand-out (lease)
 * span name the dispatch span as its parent without storing anything more with the task. A task's
 * every attempt has its own id, so no two dispatch spans share one.
 */
final class DispatchIds implements IdGenerator {
  private static final IdGenerator RANDOM = IdGenerator.random();
  private static final ThreadLocal<@Nullable String> NEXT = new ThreadLocal<>();

  /** The dispatch span's id of the task {@code taskId}: 16 hex digits, never all zero. */
  static String spanIdOf(String taskId) {
    // FNV-1a over the chars, then a finalizer (splitmix64) to spread short, similar ids.
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < taskId.length(); i++) {
      h ^= taskId.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    if (h == 0) {
      h = 1;
    }
    String hex = Long.toHexString(h);
    return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
  }

  /** Runs {@code start} (which starts one span) with that span's id set to {@code spanId}. */
  static <T> T withSpanId(String spanId, java.util.function.Supplier<T> start) {
    NEXT.set(spanId);
    try {
      return start.get();
    } finally {
      NEXT.remove();
    }
  }

  @Override
  public String generateSpanId() {
    String fixed = NEXT.get();
    if (fixed != null) {
      NEXT.remove(); // only the one span: a child started meanwhile gets a random id
      return fixed;
    }
    return RANDOM.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    return RANDOM.generateTraceId();
  }
}
