package dev.baton.fleet;

/**
 * The connection to one robot, as the transport (the server's WebSocket) provides it. Sending must
 * not block for long; a send to a closed link is dropped.
 */
public interface RobotLink {
  void send(Envelope message);

  /** Closes the connection with a WebSocket close code (4001: authentication failed). */
  void close(int code, String reason);
}
