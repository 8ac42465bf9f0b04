package dev.baton.scenarios.internal.action;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends {@code send_email}'s message with Jakarta Mail (Eclipse Angus): one plain-text UTF-8
 * message to all recipients, over SMTP with optional STARTTLS (then required) or implicit TLS, the
 * server's certificate checked against its host name; AUTH as the server offers it, or as {@link
 * MailServer#mechanisms()} says (XOAUTH2 with an OAuth 2 access token as the password).
 *
 * <p>Under failure: any refusal fails the whole send with the SMTP command and the server's words,
 * so the action fails and its error counter counts; nothing is retried here.
 */
final class Mail {
  private Mail() {}

  static void send(MailServer server, List<String> to, String subject, String body)
      throws ActionFailure {
    Properties props = server.properties();
    Session session = Session.getInstance(props);
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(server.from()));
      message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to)));
      // Always an RFC 2047 word, as Baton has always sent it: readers that show raw headers (and
      // the tests) find the subject in one place.
      message.setHeader(
          "Subject",
          "=?UTF-8?B?"
              + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
              + "?=");
      message.setSentDate(new Date());
      message.setText(body, "UTF-8");
      // 8bit, not quoted-printable: the text stays readable on the wire, as before.
      message.setHeader("Content-Transfer-Encoding", "8bit");
      message.saveChanges();
      try (Transport transport = session.getTransport(server.tls() ? "smtps" : "smtp")) {
        if (server.username().isEmpty()) {
          transport.connect(server.host(), server.port(), null, null);
        } else {
          transport.connect(server.host(), server.port(), server.username(), server.secret());
        }
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new ActionFailure("send_email: " + describe(e));
    }
  }

  /** The refused SMTP command and the server's reply, or the failure and its causes. */
  static String describe(MessagingException e) {
    for (Exception x = e; x != null; ) {
      String command = null;
      int code = 0;
      if (x instanceof SMTPSenderFailedException f) {
        command = f.getCommand();
        code = f.getReturnCode();
      } else if (x instanceof SMTPAddressFailedException f) {
        command = f.getCommand();
        code = f.getReturnCode();
      } else if (x instanceof SMTPSendFailedException f) {
        command = f.getCommand();
        code = f.getReturnCode();
      }
      if (command != null) {
        return "SMTP "
            + command
            + " refused: "
            + (x.getMessage() == null ? String.valueOf(code) : x.getMessage().strip());
      }
      x = x instanceof MessagingException m ? m.getNextException() : null;
    }
    StringBuilder out = new StringBuilder("SMTP: ").append(e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      out.append(": ").append(c.getMessage());
    }
    return out.toString().replace('\n', ' ').strip();
  }
}
