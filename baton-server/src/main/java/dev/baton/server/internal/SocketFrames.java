package dev.baton.server.internal;

import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Text messages to one WebSocket, gathered until {@link #flush}: Jetty's API session writes each
 * message as it is sent (a write and a system call a message), its core session can batch frames
 * and write them together. The payload is the caller's bytes, encoded once for every subscriber.
 */
final class SocketFrames {
  private static final int BUFFER = 64 * 1024;

  private final CoreSession core;

  private SocketFrames(CoreSession core) {
    this.core = core;
  }

  static SocketFrames of(WsContext ctx) {
    if (!(ctx.session instanceof WebSocketSession session)) {
      throw new IllegalStateException(
          "not a Jetty WebSocket session: " + ctx.session.getClass().getName());
    }
    // The batch of frames is gathered in one buffer of this size and written when it is full:
    // big enough for a rest's events at a busy server, so that one write carries them.
    session.setOutputBufferSize(BUFFER);
    return new SocketFrames(session.getCoreSession());
  }

  /** Queues one text message (UTF-8 bytes, not copied: they must not change). */
  void text(byte[] utf8) {
    core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8)), Callback.NOOP, true);
  }

  /** Writes what is queued and waits until it is written. */
  void flush() throws IOException, InterruptedException {
    FutureCallback done = new FutureCallback();
    core.flush(done);
    try {
      done.get();
    } catch (ExecutionException e) {
      throw new IOException("the events socket could not be written", e.getCause());
    }
  }
}
