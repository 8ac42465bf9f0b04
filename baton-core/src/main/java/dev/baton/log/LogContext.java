package dev.baton.log;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The job, task, worker, robot and trace a unit of work belongs to, put into SLF4J's MDC for as
 * long as the unit runs, so that every line logged meanwhile (by Baton or by a handler it calls)
 * names them: JSON logs carry them as fields, the human format after the message.
 *
 * <p>Use it with try-with-resources. Closing restores what each key held before, not merely removes
 * it, so that a nested unit (a task result inside a worker's request) leaves the outer one's fields
 * in place; and a thread that is reused (a pool, a server's request thread) never carries a
 * finished unit's fields into the next.
 */
public final class LogContext implements AutoCloseable {
  public static final String JOB_ID = "job_id";
  public static final String TASK_ID = "task_id";
  public static final String WORKER_ID = "worker_id";
  public static final String ROBOT_ID = "robot_id";

  /**
   * The W3C trace id (32 hex digits) of the job's trace. Read from the job's stored {@code
   * traceparent} until the tracer sets it from the current span.
   */
  public static final String TRACE_ID = "trace_id";

  /** The field names, in the order the human format prints them. */
  public static final List<String> KEYS = List.of(JOB_ID, TASK_ID, WORKER_ID, ROBOT_ID, TRACE_ID);

  private final List<String> keys = new ArrayList<>(2);
  private final List<@Nullable String> before = new ArrayList<>(2);

  private LogContext() {}

  /** Nothing yet; add fields with {@link #with}. */
  public static LogContext empty() {
    return new LogContext();
  }

  /** The job's id and, when its client sent one, its trace id. */
  public static LogContext job(Job job) {
    return new LogContext().with(JOB_ID, job.id()).with(TRACE_ID, traceId(job.attributes()));
  }

  /** The task's id, its job's id and the worker that holds it (or is meant to). */
  public static LogContext task(Task task) {
    return new LogContext()
        .with(TASK_ID, task.id())
        .with(JOB_ID, task.jobId())
        .with(WORKER_ID, task.workerId());
  }

  /**
   * Sets {@code key} to {@code value} until this context closes; a null or empty value leaves the
   * key as it is (an outer unit may have set it).
   */
  public LogContext with(String key, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return this;
    }
    keys.add(key);
    before.add(MDC.get(key));
    MDC.put(key, value);
    return this;
  }

  /** Restores every key this context set, last first, to what it held before. */
  @Override
  public void close() {
    for (int i = keys.size() - 1; i >= 0; i--) {
      String previous = before.get(i);
      if (previous == null) {
        MDC.remove(keys.get(i));
      } else {
        MDC.put(keys.get(i), previous);
      }
    }
    keys.clear();
    before.clear();
  }

  /**
   * The trace id in the {@code traceparent} of a job's {@code tracing_context} attribute ({@code
   * 00-<trace id>-<span id>-<flags>}), or null when there is none or it is malformed; an invalid
   * (all zero) id counts as none.
   */
  public static @Nullable String traceId(JobAttributes attributes) {
    String header = attributes.tracingContext().get("traceparent");
    return header == null ? null : traceIdOf(header);
  }

  /**
   * The trace id of a W3C {@code traceparent} header ({@code <version>-<32 hex>-<parent>-<flags>}),
   * or null when it is not one. Read by hand, not split: it runs for every step of a traced job.
   */
  public static @Nullable String traceIdOf(String traceparent) {
    String s = traceparent.trim();
    int first = s.indexOf('-');
    int second = first < 0 ? -1 : s.indexOf('-', first + 1);
    if (second - first != 33 || s.indexOf('-', second + 1) < 0) {
      return null;
    }
    boolean zero = true;
    boolean lower = true;
    for (int i = first + 1; i < second; i++) {
      char c = s.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (!digit && !(c >= 'a' && c <= 'f')) {
        if (!(c >= 'A' && c <= 'F')) {
          return null;
        }
        lower = false;
      }
      zero &= c == '0';
    }
    if (zero) {
      return null;
    }
    String id = s.substring(first + 1, second);
    return lower ? id : id.toLowerCase(Locale.ROOT);
  }
}
