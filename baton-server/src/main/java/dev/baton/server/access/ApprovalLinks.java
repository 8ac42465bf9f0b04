package dev.baton.server.access;

import dev.baton.job.Job;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signed approval links: {@code /_public/webhooks/approval/{job_id}?token=<t>}, where the token is
 * an HMAC-SHA256, under a server secret, of the job's id and the version at which it waits for the
 * person. The link is unguessable without the secret, and it is good for that one approval only:
 * once the job moves on (decided, cancelled, or waiting for a later approval) its version changes
 * and the old link is refused.
 *
 * <p>The secret is {@code APPROVAL_SECRET}; without it each process draws a random one, so links
 * die at a restart and are not shared between processes on one database. Thread-safe.
 */
public final class ApprovalLinks {
  public static final String PATH = "/_public/webhooks/approval/";

  private final byte[] secret;

  /**
   * @param secret the server secret; empty draws a random one for this process
   */
  public ApprovalLinks(String secret) {
    if (secret.isEmpty()) {
      this.secret = new byte[32];
      new SecureRandom().nextBytes(this.secret);
    } else {
      this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The link that decides this job's current approval. */
  public String url(Job job) {
    return PATH + job.id() + "?token=" + token(job);
  }

  /** The token of this job's current approval. */
  public String token(Job job) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] sig = mac.doFinal((job.id() + "\n" + job.version()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /** Whether {@code given} is the token of the job's current approval (constant time). */
  public boolean valid(Job job, @Nullable String given) {
    if (given == null || given.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        token(job).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
  }
}
