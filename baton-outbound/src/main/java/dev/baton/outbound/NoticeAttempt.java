package dev.baton.outbound;

import dev.baton.job.Job;
import dev.baton.job.JobClient;
import dev.baton.job.Notice;
import dev.baton.store.NoticeStore;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attempt to deliver a claimed notice, and its outcome written back to the store: delivered;
 * failed and due again after the backoff; abandoned after the last attempt (or at once, when it can
 * never succeed); or released unchanged when closing cut it short.
 */
final class NoticeAttempt {
  // The delivery's logs keep the one name they always had, whichever class writes them.
  private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final NoticeStore store;
  private final Clock clock;
  private final DeliveryOptions options;
  private final WebhookPost post;
  private final NoticeMeters meters;
  private final Function<String, Optional<Job>> jobs;

  NoticeAttempt(
      NoticeStore store,
      Clock clock,
      DeliveryOptions options,
      WebhookPost post,
      NoticeMeters meters,
      Function<String, Optional<Job>> jobs) {
    this.store = store;
    this.clock = clock;
    this.options = options;
    this.post = post;
    this.meters = meters;
    this.jobs = jobs;
  }

  /**
   * One attempt; returns why it failed, or null when it was delivered (or left for later).
   *
   * @param traceparent the delivery's own W3C trace context, sent to the receiver so its work joins
   *     the job's trace; null sends none
   */
  @Nullable String deliver(Notice n, @Nullable String traceparent) {
    URI uri = WebhookTarget.httpTarget(n.target());
    if (uri == null) {
      String why = "target is not an http or https URL: " + WebhookTarget.abbreviate(n.target());
      giveUp(n, why);
      return why;
    }
    TargetPolicy.Refusal refused;
    try {
      refused = options.targets().refusalAtDelivery(uri);
    } catch (UnknownHostException e) {
      // DNS may be down for a moment: an ordinary failure, tried again after the backoff.
      String why = "could not resolve " + uri.getHost();
      failed(n, uri, why);
      return why;
    }
    if (refused != null) {
      String why = "refused target: " + refused.reason();
      meters.refused(refused.kind());
      giveUp(n, why);
      return why;
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(n.payload());
    } catch (JacksonException e) {
      String why = "payload cannot be written as JSON: " + e.getOriginalMessage();
      giveUp(n, why);
      return why;
    }
    @Nullable WebhookSecret secret;
    try {
      secret = secretFor(n);
    } catch (RuntimeException e) {
      // Without the job its client is unknown, and sending unsigned what should be signed would
      // be refused by the receiver: an ordinary failure, tried again after the backoff.
      String why = "could not read the job to pick its webhook secret: " + e.getMessage();
      failed(n, uri, why);
      return why;
    }
    String error;
    try {
      Map<String, String> signature =
          WebhookSignature.headers(secret, n.id(), clock.instant(), body);
      error = post.send(uri, n.id(), body, traceparent, signature);
    } catch (InterruptedException e) {
      release(n);
      return null;
    }
    if (error == null) {
      record(n.delivered());
      meters.delivered();
      log.debug(
          "webhook {} for job {} delivered to {}", n.event(), n.jobId(), WebhookTarget.redact(uri));
    } else {
      failed(n, uri, error);
    }
    return error;
  }

  /** The job's client's secret, else the server-wide one; read at each attempt. */
  private @Nullable WebhookSecret secretFor(Notice n) {
    WebhookSecrets secrets = options.secrets();
    if (secrets.byClient().isEmpty()) {
      return secrets.serverWide(); // no need to read the job
    }
    String client =
        jobs.apply(n.jobId()).map(j -> j.attributes().client()).map(JobClient::name).orElse(null);
    return secrets.forClient(client);
  }

  /** The retry policy: another attempt after the backoff, unless this was the last one. */
  private void failed(Notice n, URI uri, String error) {
    int attempts = n.attempts() + 1;
    if (attempts >= options.maxAttempts()) {
      giveUp(n, error);
      return;
    }
    Duration wait = options.backoff(attempts);
    record(n.failed(error, clock.instant().plus(wait)));
    meters.failed();
    log.info(
        "webhook {} for job {} to {} failed (attempt {} of {}), trying again in {}: {}",
        n.event(),
        n.jobId(),
        WebhookTarget.redact(uri),
        attempts,
        options.maxAttempts(),
        wait,
        error);
  }

  private void giveUp(Notice n, String error) {
    record(n.failed(error, null));
    meters.abandoned();
    log.warn(
        "webhook {} for job {} to {} abandoned after {} attempt(s): {}",
        n.event(),
        n.jobId(),
        WebhookTarget.redactText(n.target()),
        n.attempts() + 1,
        error);
  }

  private void record(Notice outcome) {
    try {
      store.updateNotice(outcome);
    } catch (RuntimeException e) {
      log.warn(
          "could not record the outcome of webhook {} for job {}; it will be tried again when its"
              + " lease runs out",
          outcome.event(),
          outcome.jobId(),
          e);
    }
  }

  /** Closing cut a delivery short: the notice becomes due at once, unchanged otherwise. */
  void release(Notice n) {
    try {
      store.updateNotice(
          new Notice(
              n.id(),
              n.jobId(),
              n.event(),
              n.target(),
              n.payload(),
              Notice.Status.PENDING,
              n.attempts(),
              clock.instant(),
              n.createdAt(),
              n.lastError()));
    } catch (RuntimeException e) {
      log.debug("could not release webhook {} for job {}: {}", n.event(), n.jobId(), e.toString());
    }
  }
}
