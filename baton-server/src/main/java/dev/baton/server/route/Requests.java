package dev.baton.server.route;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies within the size limit, refusing a larger one with 413 before parsing. */
public final class Requests {
  /**
   * How much of a refused body is read and thrown away so that the client, which is usually still
   * sending it, gets to read the 413 instead of a broken pipe. Past this the connection is closed.
   */
  static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private final long maxBytes;

  public Requests(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public byte[] body(Context ctx) {
    String declared = ctx.header("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("invalid Content-Length header");
      }
      if (length > maxBytes) {
        throw tooLarge(ctx);
      }
    }
    try {
      return ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      if (e.getStatus() == 413) {
        throw tooLarge(ctx);
      }
      throw e;
    }
  }

  /** The body as a JSON object; an empty body is an empty object when {@code optional}. */
  public JsonBody object(Context ctx, boolean optional) {
    byte[] bytes = body(ctx);
    if (optional && isBlank(bytes)) {
      return JsonBody.empty();
    }
    if (isBlank(bytes)) {
      throw ApiError.badRequest("Invalid JSON body: the body is empty");
    }
    return Json.object(bytes);
  }

  /** True when the body holds only JSON whitespace (nothing to parse). */
  public static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private ApiError tooLarge(Context ctx) {
    drain(ctx);
    return new ApiError(413, "Request body is larger than the limit of " + maxBytes + " bytes");
  }

  private static void drain(Context ctx) {
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] buffer = new byte[16 * 1024];
      long total = 0;
      int n;
      while (total < DRAIN_LIMIT && (n = in.read(buffer)) >= 0) {
        total += n;
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
    }
  }
}
