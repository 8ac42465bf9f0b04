package dev.baton.store.jdbc;

import dev.baton.duty.Duty;
import dev.baton.job.TaskStatus;
import dev.baton.store.Change;
import dev.baton.store.Wakeups;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups between processes sharing one PostgreSQL, over {@code LISTEN/NOTIFY}. The writer adds a
 * {@code pg_notify} to a transaction that queues tasks or changes schedules; PostgreSQL delivers it
 * when, and only if, that transaction commits, so nobody is woken for a rolled-back change. One
 * connection per process listens (not from the pools: it is held for good), and hands each
 * notification from another process to the subscribers.
 *
 * <p>Channels are per database, but Baton's tables are per schema: the payload names the schema,
 * and a process ignores other schemas' notices and its own. Under failure: when the listening
 * connection breaks, the listener reconnects (every second while the database is away) and then
 * wakes everyone once, since notices sent meanwhile are lost; the waiters' own polling covers the
 * gap.
 */
final class PostgresWakeups implements Wakeups, Writer.Announcer, AutoCloseable {
  static final String CHANNEL = "baton_wake";
  private static final Logger log = LoggerFactory.getLogger(PostgresWakeups.class);
  private static final int LISTEN_WAIT_MILLIS = 500;

  private final String url;
  private final String user;
  private final String password;
  private final String node = UUID.randomUUID().toString().substring(0, 8);
  private final String schema;
  private final List<Consumer<Wake>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> messageListeners = new CopyOnWriteArrayList<>();
  private @Nullable Connection listening;
  private @Nullable Duty duty;

  PostgresWakeups(String url, String user, String password, String schema) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
  }

  /** The schema a connection works in, which names this store's notices. */
  static String schemaOf(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_schema()")) {
      rs.next();
      String name = rs.getString(1);
      return name == null ? "public" : name;
    }
  }

  @Override
  public void subscribe(Consumer<Wake> listener) {
    listeners.add(listener);
    startListening();
  }

  /**
   * Hands {@code listener} each {@link PostgresBroadcast} message from another process of this
   * schema, without its prefix, on the listening thread.
   */
  void subscribeMessages(Consumer<String> listener) {
    messageListeners.add(listener);
    startListening();
  }

  private synchronized void startListening() {
    if (duty == null) {
      duty = Duty.platform("baton-pg-listen", Duration.ofSeconds(1), this::listen);
    }
  }

  /** This process's name in its notices. */
  String node() {
    return node;
  }

  /** The schema that names this store's notices. */
  String schema() {
    return schema;
  }

  // ---- the writer's side

  @Override
  public void announce(Connection c, List<Change> changes) throws SQLException {
    int tasks = 0;
    int cancelled = 0;
    boolean schedules = false;
    for (Change change : changes) {
      for (Change.Op op : change.ops()) {
        switch (op) {
          case Change.InsertTask t -> tasks++;
          case Change.MoveTask m when m.to() == TaskStatus.CANCELLED -> cancelled++;
          case Change.InsertSchedule s -> schedules = true;
          case Change.UpdateSchedule s -> schedules = true;
          case Change.DeleteSchedule s -> schedules = true;
          // A fire: the other schedulers find the next fire at their next look, as they did the
          // fire itself; waking them all after every fire would only repeat their reads.
          case Change.AdvanceSchedule s -> {}
          default -> {}
        }
      }
    }
    if (tasks > 0) {
      notify(c, Kind.TASKS, tasks);
    }
    if (schedules) {
      notify(c, Kind.SCHEDULES, 1);
    }
    if (cancelled > 0) {
      notify(c, Kind.CANCELLED, cancelled);
    }
  }

  /** Adds a wake-up of {@code kind} to the transaction of {@code c}, sent if it commits. */
  void notify(Connection c, Kind kind, int count) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      s.setString(1, CHANNEL);
      s.setString(
          2, schema + " " + node + " " + kind.name().toLowerCase(Locale.ROOT) + " " + count);
      s.execute();
    }
  }

  // ---- the listener's side

  private Duration listen() throws InterruptedException {
    try {
      Connection c = listening;
      if (c == null || c.isClosed()) {
        c = DriverManager.getConnection(url, user, password);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
          s.execute("LISTEN " + PostgresBroadcast.CHANNEL);
        }
        boolean again = listening != null;
        listening = c;
        if (again) {
          // Whatever was announced while the connection was away is lost: look once at everything.
          deliver(new Wake(Kind.TASKS, Integer.MAX_VALUE));
          deliver(new Wake(Kind.SCHEDULES, 1));
          deliver(new Wake(Kind.DEFINITIONS, 1));
          deliver(new Wake(Kind.ROBOTS, 1));
        }
      }
      PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(LISTEN_WAIT_MILLIS);
      if (notes != null) {
        for (PGNotification n : notes) {
          if (n.getName().equals(PostgresBroadcast.CHANNEL)) {
            String m = message(n.getParameter());
            if (m != null) {
              deliver(m);
            }
            continue;
          }
          Wake w = parse(n.getParameter());
          if (w != null) {
            deliver(w);
          }
        }
      }
      return Duration.ZERO;
    } catch (SQLException e) {
      closeListening();
      log.warn("listening for other nodes' wake-ups failed ({}); trying again", e.getMessage());
      return Duration.ofSeconds(1);
    }
  }

  /** {@code <schema> <node> <kind> <count>}; null for another schema's, our own or a bad one. */
  @Nullable Wake parse(String payload) {
    String[] p = payload.split(" ");
    if (p.length != 4 || !p[0].equals(schema) || p[1].equals(node)) {
      return null;
    }
    try {
      return new Wake(Kind.valueOf(p[2].toUpperCase(Locale.ROOT)), Integer.parseInt(p[3]));
    } catch (IllegalArgumentException e) {
      return null; // a newer Baton's kind: its own nodes act on it
    }
  }

  /**
   * A broadcast's {@code <schema> <node> <message>}: the message, or null for ours or another's.
   */
  @Nullable String message(String payload) {
    int schemaEnd = payload.indexOf(' ');
    int nodeEnd = schemaEnd < 0 ? -1 : payload.indexOf(' ', schemaEnd + 1);
    if (nodeEnd < 0
        || !payload.substring(0, schemaEnd).equals(schema)
        || payload.substring(schemaEnd + 1, nodeEnd).equals(node)) {
      return null;
    }
    return payload.substring(nodeEnd + 1);
  }

  private void deliver(String message) {
    for (Consumer<String> l : messageListeners) {
      try {
        l.accept(message);
      } catch (RuntimeException e) {
        log.warn("a broadcast listener failed", e);
      }
    }
  }

  private void deliver(Wake w) {
    for (Consumer<Wake> l : listeners) {
      try {
        l.accept(w);
      } catch (RuntimeException e) {
        log.warn("a wake-up listener failed", e);
      }
    }
  }

  private void closeListening() {
    Connection c = listening;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        log.debug("closing the listening connection failed", e);
      }
    }
  }

  @Override
  public void close() {
    Duty d;
    synchronized (this) {
      d = duty;
      duty = null;
    }
    if (d != null) {
      d.close();
    }
    closeListening();
  }
}
