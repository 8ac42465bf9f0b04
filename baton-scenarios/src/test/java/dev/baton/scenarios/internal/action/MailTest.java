package dev.baton.scenarios.internal.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * send_email's SMTP against real local servers with TLS: GreenMail (implicit TLS, and plain SMTP
 * without STARTTLS), and {@link StartTlsSmtp}; each with a self-signed certificate for localhost
 * that the {@code trust_store} key trusts.
 */
class MailTest {
  static Path dir;
  static TestCertificates certs;
  static GreenMail mail;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("baton-mail");
    certs = TestCertificates.make(dir);
    // GreenMail reads its server certificate from these once, when its first TLS server starts.
    System.setProperty("greenmail.tls.keystore.file", certs.keyStore().toString());
    System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
    System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
    mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)
            });
    mail.start();
    mail.setUser("ops@example.com", "baton", "secret");
    mail.setUser("oauth@example.com", "oauth", "token-123");
  }

  @AfterAll
  static void stop() {
    mail.stop();
  }

  @BeforeEach
  void purge() throws Exception {
    mail.purgeEmailFromAllMailboxes();
  }

  static Map<String, Object> server(String host, int port) {
    Map<String, Object> c = new HashMap<>();
    c.put("type", "email");
    c.put("host", host);
    c.put("port", port);
    c.put("username", "baton");
    c.put("password", "secret");
    c.put("from", "baton@example.com");
    c.put("trust_store", certs.trustStore().toString());
    c.put("trust_store_password", TestCertificates.PASSWORD);
    return c;
  }

  static void send(Map<String, Object> c) throws ActionFailure {
    Mail.send(MailServer.of(c), List.of("ops@example.com"), "[ALERT] Błąd c2", "Błędy:\nc2 stoi");
  }

  int smtps() {
    return mail.getSmtps().getPort();
  }

  @Test
  void implicitTlsWithATrustedCertificateDelivers() throws Exception {
    Map<String, Object> c = server("localhost", smtps());
    c.put("tls", true);
    c.put("auth_mechanisms", "LOGIN");
    send(c);
    MimeMessage[] got = mail.getReceivedMessages();
    assertThat(got).hasSize(1);
    assertThat(got[0].getSubject()).isEqualTo("[ALERT] Błąd c2");
    assertThat(got[0].getContent().toString()).contains("Błędy:", "c2 stoi");
    assertThat(got[0].getFrom()[0].toString()).isEqualTo("baton@example.com");
  }

  @Test
  void theHostNameIsCheckedAgainstTheCertificate() {
    // The certificate names localhost, not 127.0.0.1: trusted, but not this server's.
    Map<String, Object> c = server("127.0.0.1", smtps());
    c.put("tls", true);
    assertThatThrownBy(() -> send(c))
        .isInstanceOf(ActionFailure.class)
        .hasMessageStartingWith("send_email: SMTP");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    Map<String, Object> c = server("localhost", smtps());
    c.put("tls", true);
    c.remove("trust_store");
    assertThatThrownBy(() -> send(c))
        .isInstanceOf(ActionFailure.class)
        .hasMessageContaining("certification path");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void xoauth2SendsTheTokenAsTheSecret() throws Exception {
    Map<String, Object> c = server("localhost", smtps());
    c.put("tls", true);
    c.put("username", "oauth");
    c.remove("password");
    c.put("oauth2_token", "token-123");
    send(c);
    assertThat(mail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void starttlsUpgradesBeforeAuthAndSending() throws Exception {
    try (StartTlsSmtp server = new StartTlsSmtp(certs.serverContext())) {
      Map<String, Object> c = server("localhost", server.port());
      c.put("starttls", true);
      send(c);
      assertThat(server.messages).singleElement().asString().contains("Błędy:");
      assertThat(server.auths).singleElement().asString().startsWith("AUTH PLAIN");
    }
  }

  @Test
  void starttlsIsRequiredWhenAskedFor() {
    Map<String, Object> c = server("localhost", mail.getSmtp().getPort());
    c.put("starttls", true);
    assertThatThrownBy(() -> send(c))
        .isInstanceOf(ActionFailure.class)
        .hasMessageContaining("STARTTLS");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aTrustStoreThatCannotBeReadIsTheActionsFailure() {
    Map<String, Object> c = server("localhost", smtps());
    c.put("trust_store", dir.resolve("nope.p12").toString());
    assertThatThrownBy(() -> MailServer.of(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trust_store");
  }
}
