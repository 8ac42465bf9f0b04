package dev.baton.store;

import java.util.List;
import java.util.function.Consumer;

/**
 * Short text messages to every other process sharing the store, sent outside any transaction: the
 * sender says only what has already committed (the realtime channels relay the events of committed
 * job changes with it). Best effort: a message is lost when the sender or the connection dies
 * before it went out, and messages of different senders arrive in no particular order; one sender's
 * arrive in the order it sent them.
 */
public interface Broadcast {
  /** The longest message, in UTF-8 bytes (PostgreSQL's {@code NOTIFY} takes less than 8,000). */
  int MAX_BYTES = 7_800;

  /**
   * Sends {@code messages} to the other processes (not this one), in one round trip where the
   * database allows it.
   *
   * @throws StoreException when they could not be sent (none or only some went out)
   * @throws IllegalArgumentException when one is longer than {@link #MAX_BYTES}
   */
  void send(List<String> messages);

  /** Calls {@code listener} on a background thread with each message from another process. */
  void subscribe(Consumer<String> listener);

  /** Whether another process could hear anything: false for a store no other process shares. */
  boolean shared();

  /** A store no other process shares: nothing is sent, nothing arrives. */
  Broadcast NONE =
      new Broadcast() {
        @Override
        public void send(List<String> messages) {}

        @Override
        public void subscribe(Consumer<String> listener) {}

        @Override
        public boolean shared() {
          return false;
        }
      };
}
