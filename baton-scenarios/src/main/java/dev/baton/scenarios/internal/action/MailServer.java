package dev.baton.scenarios.internal.action;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where and how {@code send_email} sends, from an {@code email} component: {@code host}
 * (127.0.0.1), {@code port} (587), {@code username}, {@code password}, {@code from}
 * (baton@localhost), {@code starttls} or {@code tls}; and {@code auth_mechanisms} (e.g. "LOGIN
 * PLAIN"), {@code oauth2_token} (XOAUTH2; used instead of the password), {@code trust_store} with
 * {@code trust_store_password} and {@code trust_store_type} (PKCS12): the certificates to trust
 * instead of the JVM's, e.g. a private CA. The host name is always checked against the server's
 * certificate.
 */
record MailServer(
    String host,
    int port,
    String username,
    String secret,
    boolean starttls,
    boolean tls,
    String from,
    String mechanisms,
    @Nullable SSLSocketFactory trust,
    int timeoutMillis) {

  /** PLAIN first, as Baton's own SMTP client always sent; then LOGIN, for servers without it. */
  static final String DEFAULT_MECHANISMS = "PLAIN LOGIN";

  /**
   * Reads the component.
   *
   * @throws IllegalArgumentException when its trust store cannot be read
   */
  static MailServer of(Map<String, Object> c) {
    String token = c.get("oauth2_token") == null ? null : String.valueOf(c.get("oauth2_token"));
    Object mechanisms = c.get("auth_mechanisms");
    return new MailServer(
        String.valueOf(c.getOrDefault("host", "127.0.0.1")),
        c.get("port") instanceof Number n ? n.intValue() : 587,
        String.valueOf(c.getOrDefault("username", "")),
        token != null ? token : String.valueOf(c.getOrDefault("password", "")),
        Boolean.TRUE.equals(c.get("starttls")),
        Boolean.TRUE.equals(c.get("tls")),
        String.valueOf(c.getOrDefault("from", "baton@localhost")),
        mechanisms != null
            ? String.valueOf(mechanisms)
            : token != null ? "XOAUTH2" : DEFAULT_MECHANISMS,
        c.get("trust_store") == null
            ? null
            : trust(
                Path.of(String.valueOf(c.get("trust_store"))),
                String.valueOf(c.getOrDefault("trust_store_password", "")),
                String.valueOf(c.getOrDefault("trust_store_type", "PKCS12"))),
        10_000);
  }

  private static SSLSocketFactory trust(Path file, String password, String type) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "trust_store " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The Jakarta Mail session's properties, for both "smtp" and "smtps". */
  Properties properties() {
    Properties p = new Properties();
    for (String proto : new String[] {"smtp", "smtps"}) {
      String k = "mail." + proto + ".";
      p.put(k + "localhost", "baton"); // the EHLO name
      p.put(k + "connectiontimeout", String.valueOf(timeoutMillis));
      p.put(k + "timeout", String.valueOf(timeoutMillis));
      p.put(k + "writetimeout", String.valueOf(timeoutMillis));
      p.put(k + "ssl.checkserveridentity", "true");
      p.put(k + "auth", String.valueOf(!username.isEmpty()));
      if (starttls && !tls) {
        p.put(k + "starttls.enable", "true");
        p.put(k + "starttls.required", "true");
      }
      p.put(k + "auth.mechanisms", mechanisms);
      if (mechanisms.toUpperCase(java.util.Locale.ROOT).contains("XOAUTH2")) {
        p.put(k + "auth.xoauth2.disable", "false");
      }
      if (trust != null) {
        p.put(k + "ssl.socketFactory", trust);
      }
    }
    return p;
  }
}
