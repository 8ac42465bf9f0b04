package dev.baton.store.jdbc;

import dev.baton.store.Change;
import dev.baton.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One caller's write, queued for the {@link Writer}. The writer sets the result inside its
 * transaction and publishes it only after the commit, so a caller never sees a result that could
 * still be rolled back.
 */
abstract sealed class WriteRequest<T> permits WriteRequest.Commit, WriteRequest.Work {
  private final CompletableFuture<T> done = new CompletableFuture<>();
  private @Nullable T result;

  /** Called by the writer thread inside the transaction; a retry overwrites it. */
  final void result(T value) {
    result = value;
  }

  /** Called by the writer thread once the transaction committed. */
  final void publish() {
    done.complete(Objects.requireNonNull(result, "no result"));
  }

  final void fail(StoreException e) {
    done.completeExceptionally(e);
  }

  /** Blocks until the write committed or failed. */
  final T await() {
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a write, which may still happen", e);
    } catch (ExecutionException e) {
      Throwable cause = Objects.requireNonNull(e.getCause());
      // A new exception, so the stack trace shows the caller and not only the writer thread.
      throw new StoreException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** {@link dev.baton.store.Store#commit}: the result is whether every guard held. */
  static final class Commit extends WriteRequest<Boolean> {
    final Change change;
    final ChangeJson json;

    /** Writes the change's JSON here, on the caller's thread; the writer only binds it. */
    Commit(Change change) {
      this.change = change;
      this.json = ChangeJson.of(change);
    }
  }

  /** Any other write (a claim, a lease renewal, a worker): one piece of SQL work. */
  static final class Work<T> extends WriteRequest<T> {
    private final Sql.Callback<T> work;

    Work(Sql.Callback<T> work) {
      this.work = work;
    }

    void run(Connection c) throws SQLException {
      result(work.run(c));
    }
  }
}
