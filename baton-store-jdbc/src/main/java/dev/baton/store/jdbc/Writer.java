package dev.baton.store.jdbc;

import dev.baton.store.Change;
import dev.baton.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the one thread that writes. A database commits only a few thousand durable
 * transactions a second (each waits for an fsync), so callers do not get one each: the writer takes
 * every request that is queued, runs them all in one transaction and commits once, then tells each
 * caller its result. Callers block until then, so a write that returned is durable.
 *
 * <p>The queue is bounded: when the database falls behind, callers block in {@link #submit}
 * (backpressure) instead of piling up work in memory. If a transaction fails as a whole (an I/O
 * error, a constraint), the writer rolls it back and runs each request alone, so only the bad one
 * fails with a {@link StoreException}.
 */
final class Writer implements AutoCloseable {
  static final int QUEUE_CAPACITY = 4096;

  private static final Logger log = LoggerFactory.getLogger(Writer.class);
  private static final WriteRequest<Boolean> STOP = new WriteRequest.Work<>(c -> true);

  private final BlockingQueue<WriteRequest<?>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final DataSource writes;
  private final boolean plainInserts;
  private final Thread thread;
  private final AtomicLong transactions = new AtomicLong();
  private volatile boolean closed;
  private volatile WriterMeters meters = WriterMeters.NONE;
  private volatile Announcer announcer = Announcer.NONE;

  /**
   * Adds to a transaction what other processes should hear of once it commits (PostgreSQL's {@code
   * NOTIFY}); its statements run inside the transaction, so a rollback takes them back.
   */
  interface Announcer {
    Announcer NONE = (c, changes) -> {};

    void announce(Connection c, List<Change> changes) throws SQLException;
  }

  Writer(DataSource writes, String name, Dialect dialect) {
    this.writes = writes;
    this.plainInserts = dialect.plainInserts();
    this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /**
   * Queues every request before waiting for any, so that they can share one transaction; waits for
   * all of them.
   */
  <T> List<T> submitAll(List<? extends WriteRequest<T>> requests) {
    for (WriteRequest<T> r : requests) {
      enqueue(r);
    }
    List<T> out = new ArrayList<>(requests.size());
    for (WriteRequest<T> r : requests) {
      out.add(r.await());
    }
    return out;
  }

  /** Queues the request, blocking while the queue is full, and waits for its result. */
  <T> T submit(WriteRequest<T> request) {
    enqueue(request);
    return request.await();
  }

  private void enqueue(WriteRequest<?> request) {
    if (closed) {
      throw closedException();
    }
    try {
      queue.put(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for room in the write queue", e);
    }
    if (closed && queue.remove(request)) {
      request.fail(closedException()); // the writer may be gone; nobody else will take it
    }
  }

  /** Starts timing commits and counting batches on {@code m}. */
  void meter(WriterMeters m) {
    meters = m;
  }

  /** Starts announcing this writer's commits through {@code a}. */
  void announce(Announcer a) {
    announcer = a;
  }

  /** Transactions committed so far. */
  long transactions() {
    return transactions.get();
  }

  /** Requests waiting in the queue. */
  int queued() {
    return queue.size();
  }

  private void run() {
    boolean stopping = false;
    while (!stopping) {
      List<WriteRequest<?>> batch = new ArrayList<>();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // nobody interrupts the writer; close() stops it with STOP
      }
      queue.drainTo(batch);
      int stop = batch.indexOf(STOP);
      if (stop >= 0) {
        stopping = true;
        batch.subList(stop, batch.size()).forEach(r -> r.fail(closedException()));
        batch = batch.subList(0, stop);
      }
      try {
        execute(batch);
      } catch (RuntimeException | Error e) {
        log.error("the store writer failed; failing {} writes", batch.size(), e);
        batch.forEach(r -> r.fail(new StoreException("the store writer failed", e)));
      }
    }
    List<WriteRequest<?>> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(r -> r.fail(closedException()));
  }

  private void execute(List<WriteRequest<?>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    try {
      commit(batch);
      meters.committed(batch.size(), System.nanoTime() - started);
    } catch (SQLException | RuntimeException e) {
      meters.failed();
      if (batch.size() == 1 || lostTheDatabase(e)) {
        StoreException failure =
            new StoreException("the store could not write: " + e.getMessage(), e);
        batch.forEach(r -> r.fail(failure));
        return;
      }
      log.warn("a group commit of {} writes failed; retrying each alone", batch.size(), e);
      for (WriteRequest<?> request : batch) {
        execute(List.of(request));
      }
      return;
    }
    transactions.incrementAndGet();
    batch.forEach(WriteRequest::publish);
  }

  /** No connection, or it broke: retrying each write alone would only fail each slowly. */
  private static boolean lostTheDatabase(Exception e) {
    return e instanceof SQLTransientConnectionException
        || (e instanceof SQLException sql
            && sql.getSQLState() != null
            && sql.getSQLState().startsWith("08"));
  }

  private void commit(List<WriteRequest<?>> batch) throws SQLException {
    try (Connection c = writes.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<WriteRequest.Commit> commits = new ArrayList<>();
        List<WriteRequest.Work<?>> works = new ArrayList<>();
        for (WriteRequest<?> r : batch) {
          switch (r) {
            case WriteRequest.Commit commit -> commits.add(commit);
            case WriteRequest.Work<?> work -> works.add(work);
          }
        }
        ChangeSql.applyAll(c, commits, plainInserts);
        Announcer a = announcer;
        if (a != Announcer.NONE && !commits.isEmpty()) {
          a.announce(c, commits.stream().map(commit -> commit.change).toList());
        }
        for (WriteRequest.Work<?> work : works) {
          work.run(c);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
      // Between batches the connection holds no transaction (the pool restores auto-commit after
      // a failure): SQLite's driver begins the next one eagerly, which would keep the file's write
      // lock from everyone else.
      c.setAutoCommit(true);
    }
  }

  private static void rollbackQuietly(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static StoreException closedException() {
    return new StoreException("the store is closed", new IllegalStateException("closed"));
  }

  /** Finishes what was queued before, fails what comes after, and stops the thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(STOP);
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
