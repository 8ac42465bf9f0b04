package dev.baton.engine.internal;

import dev.baton.engine.EngineObserver;
import dev.baton.engine.Step;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's observers as one: an event reaches each, and one that throws does not stop the
 * others. Observers may join after the engine is built (metrics wired by the app).
 */
public final class Observers implements EngineObserver {
  private static final Logger log = LoggerFactory.getLogger(Observers.class);

  private final List<EngineObserver> observers;

  public Observers(List<EngineObserver> observers) {
    this.observers = new CopyOnWriteArrayList<>();
    observers.forEach(this::add);
  }

  /** Adds one; {@link EngineObserver#NONE} (tracing or metrics off) is no observer at all. */
  public void add(EngineObserver observer) {
    if (observer != EngineObserver.NONE) {
      observers.add(observer);
    }
  }

  public boolean isEmpty() {
    return observers.isEmpty();
  }

  /** Tells every observer of one event. */
  public void tell(Consumer<EngineObserver> event) {
    for (EngineObserver o : observers) {
      try {
        event.accept(o);
      } catch (RuntimeException e) {
        log.warn("engine observer {} failed", o, e);
      }
    }
  }

  /** The first trace context an observer opens (only a tracer opens one). */
  @Override
  public @Nullable String opening(Job draft) {
    for (EngineObserver o : observers) {
      String traceparent = o.opening(draft);
      if (traceparent != null) {
        return traceparent;
      }
    }
    return null;
  }

  @Override
  public void committed(Step step) {
    tell(o -> o.committed(step));
  }

  /** The first real activity an observer begins (only a tracer begins one). */
  @Override
  public Activity begin(String name, @Nullable String parent, Map<String, String> attributes) {
    for (EngineObserver o : observers) {
      Activity a = o.begin(name, parent, attributes);
      if (a != Activity.NONE) {
        return a;
      }
    }
    return Activity.NONE;
  }

  /** The first hand-out context an observer gives (only a tracer gives one). */
  @Override
  public @Nullable String handedOut(Job job, Task task, String holderKey, String holderId) {
    for (EngineObserver o : observers) {
      String traceparent = o.handedOut(job, task, holderKey, holderId);
      if (traceparent != null) {
        return traceparent;
      }
    }
    return null;
  }

  @Override
  public boolean tracesHandOuts() {
    for (EngineObserver o : observers) {
      if (o.tracesHandOuts()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void jobMoved(Job job, @Nullable JobStatus from, JobStatus to) {
    tell(o -> o.jobMoved(job, from, to));
  }

  @Override
  public void taskLeased(Task task, Instant at) {
    tell(o -> o.taskLeased(task, at));
  }

  @Override
  public void taskEnded(Task task, TaskStatus to, Instant at) {
    tell(o -> o.taskEnded(task, to, at));
  }

  @Override
  public void taskRetried(String taskType, ErrorCode error) {
    tell(o -> o.taskRetried(taskType, error));
  }

  @Override
  public void leaseExpired(Task task) {
    tell(o -> o.leaseExpired(task));
  }

  @Override
  public void scheduleRan(Schedule schedule, ScheduleRun run) {
    tell(o -> o.scheduleRan(schedule, run));
  }

  @Override
  public void firesMissed(Schedule schedule) {
    tell(o -> o.firesMissed(schedule));
  }
}
