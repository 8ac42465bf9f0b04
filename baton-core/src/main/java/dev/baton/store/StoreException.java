package dev.baton.store;

/** The store could not do what was asked: the database is down, full or corrupt. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
