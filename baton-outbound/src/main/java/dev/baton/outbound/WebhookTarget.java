package dev.baton.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A notice's target: whether it is a webhook URL, and how to name it in a log without secrets. */
final class WebhookTarget {
  private WebhookTarget() {}

  /** The target as a URI when it is an absolute http(s) URL with a host, else null. */
  static @Nullable URI httpTarget(String target) {
    URI uri;
    try {
      uri = new URI(target.trim());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return null;
    }
    return uri;
  }

  /** The URL without user info, query or fragment, which may carry secrets: for logs. */
  static String redact(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost();
    }
  }

  /** A target as it may be logged: redacted when it is a URL, else cut to 200 characters. */
  static String redactText(String target) {
    URI uri = httpTarget(target);
    return uri == null ? abbreviate(target) : redact(uri);
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
