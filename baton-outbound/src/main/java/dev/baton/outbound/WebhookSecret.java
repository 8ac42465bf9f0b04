package dev.baton.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key that signs webhooks as Standard Webhooks does (standardwebhooks.com): the signature is
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}, sent as {@code
 * webhook-signature: v1,<base64>}. Written either as {@code whsec_<base64>} (the form Standard
 * Webhooks' libraries take; the key is the decoded bytes, at least 24 of them) or as plain text of
 * at least 32 characters (the key is its UTF-8 bytes).
 *
 * <p>Never shown: {@link #toString()} hides it, and no error message repeats it.
 */
public final class WebhookSecret {
  /** The prefix of a secret written as base64, as Standard Webhooks writes them. */
  public static final String PREFIX = "whsec_";

  private static final int MIN_KEY_BYTES = 24;
  private static final int MIN_TEXT_CHARS = 32;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong (never repeating the secret)
   */
  public static WebhookSecret parse(String text) {
    if (text.startsWith(PREFIX)) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("is not valid base64 after 'whsec_'");
      }
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "is too short: " + key.length + " bytes after 'whsec_', at least " + MIN_KEY_BYTES);
      }
      return new WebhookSecret(key);
    }
    if (text.length() < MIN_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "is too short: "
              + text.length()
              + " characters, at least "
              + MIN_TEXT_CHARS
              + " (or whsec_ and base64 of at least "
              + MIN_KEY_BYTES
              + " bytes)");
    }
    return new WebhookSecret(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code webhook-signature} value for one delivery: {@code v1,<base64>}. */
  String sign(String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e); // every JDK has it
    }
  }

  @Override
  public String toString() {
    return "WebhookSecret[hidden]";
  }
}
