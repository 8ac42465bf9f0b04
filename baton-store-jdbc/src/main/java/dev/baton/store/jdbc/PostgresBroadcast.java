package dev.baton.store.jdbc;

import dev.baton.store.Broadcast;
import dev.baton.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Broadcast} over PostgreSQL's {@code NOTIFY}: a batch of messages is one statement ({@code
 * SELECT pg_notify(...) FROM unnest(?)}) in one short transaction of its own, on a connection held
 * for it (not from the pools, so a burst of messages never waits for, or holds, the store's
 * connections). The other processes hear them on the connection their {@link PostgresWakeups}
 * listens on; each payload is {@code <schema> <node> <message>}, so a process ignores its own and
 * another schema's.
 *
 * <p>Under failure: a batch that could not be sent fails with a {@link StoreException} (its
 * messages are lost, as the interface allows), and the next batch opens a new connection.
 */
final class PostgresBroadcast implements Broadcast, AutoCloseable {
  static final String CHANNEL = "baton_events";
  private static final Logger log = LoggerFactory.getLogger(PostgresBroadcast.class);

  private final String url;
  private final String user;
  private final String password;
  private final PostgresWakeups listener;
  private @Nullable Connection sending;

  PostgresBroadcast(String url, String user, String password, PostgresWakeups listener) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.listener = listener;
  }

  @Override
  public synchronized void send(List<String> messages) {
    if (messages.isEmpty()) {
      return;
    }
    String prefix = listener.schema() + " " + listener.node() + " ";
    String[] payloads = new String[messages.size()];
    for (int i = 0; i < payloads.length; i++) {
      String m = messages.get(i);
      if (m.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
        throw new IllegalArgumentException(
            "a broadcast message may have at most " + MAX_BYTES + " bytes");
      }
      payloads[i] = prefix + m;
    }
    try {
      Connection c = sending;
      if (c == null || c.isClosed()) {
        c = DriverManager.getConnection(url, user, password);
        sending = c;
      }
      Array array = c.createArrayOf("text", payloads);
      try (PreparedStatement s =
          c.prepareStatement("SELECT pg_notify(?, m) FROM unnest(?::text[]) AS m")) {
        s.setString(1, CHANNEL);
        s.setArray(2, array);
        s.execute();
      } finally {
        array.free();
      }
    } catch (SQLException e) {
      closeSending();
      throw new StoreException(
          "could not send " + messages.size() + " messages to the other nodes: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void subscribe(Consumer<String> l) {
    listener.subscribeMessages(l);
  }

  @Override
  public boolean shared() {
    return true;
  }

  private void closeSending() {
    Connection c = sending;
    sending = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        log.debug("closing the broadcast connection failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    closeSending();
  }
}
