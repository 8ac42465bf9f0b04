package dev.baton.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which webhook targets the default policy refuses, and what configuration allows. */
class TargetPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.1.2, loopback",
    "[::1], loopback",
    "10.1.2.3, private",
    "172.16.0.1, private",
    "172.31.255.255, private",
    "192.168.1.1, private",
    "169.254.169.254, link_local",
    "[fe80::1], link_local",
    "[fc00::1], unique_local",
    "[fd12:3456::1], unique_local",
    "100.64.0.1, cgnat",
    "100.127.255.254, cgnat",
    "0.0.0.0, unspecified",
    "[::], unspecified",
    "224.0.0.1, multicast",
    "255.255.255.255, reserved",
    "[::ffff:127.0.0.1], loopback",
    "[::ffff:10.0.0.1], private",
    "[::127.0.0.1], loopback",
    "[64:ff9b::a9fe:a9fe], link_local",
    "[2002:c0a8:0101::1], private",
  })
  void aTargetInARefusedRangeIsRefusedAtCreationAndAtDelivery(String host, String kind)
      throws Exception {
    URI target = URI.create("http://" + host + ":8080/hook");
    TargetPolicy.Refusal atCreation = TargetPolicy.DEFAULT.refusalAtCreation(target);
    assertThat(atCreation).isNotNull();
    assertThat(atCreation.kind()).isEqualTo(kind);
    assertThat(atCreation.reason()).contains("WEBHOOK_ALLOWED_TARGETS");
    TargetPolicy.Refusal atDelivery = TargetPolicy.DEFAULT.refusalAtDelivery(target);
    assertThat(atDelivery).isNotNull();
    assertThat(atDelivery.kind()).isEqualTo(kind);
    assertThat(TargetPolicy.ALLOW_PRIVATE.refusalAtDelivery(target)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "[2001:4860:4860::8888]"})
  void aPublicAddressIsAllowed(String host) throws Exception {
    URI target = URI.create("https://" + host + "/hook");
    assertThat(TargetPolicy.DEFAULT.refusalAtCreation(target)).isNull();
    assertThat(TargetPolicy.DEFAULT.refusalAtDelivery(target)).isNull();
  }

  @Test
  void aHostNameIsJudgedByWhatItResolvesToExceptLocalhostWhichIsKnownAtCreation() throws Exception {
    assertThat(TargetPolicy.DEFAULT.refusalAtCreation(URI.create("https://hooks.example.com/x")))
        .as("not looked up at creation")
        .isNull();
    assertThat(TargetPolicy.DEFAULT.refusalAtCreation(URI.create("http://LocalHost:9/x")))
        .extracting(TargetPolicy.Refusal::kind)
        .isEqualTo("loopback");
    assertThat(TargetPolicy.DEFAULT.refusalAtCreation(URI.create("http://app.localhost/x")))
        .isNotNull();
    TargetPolicy.Refusal r =
        TargetPolicy.DEFAULT.refusalAtDelivery(URI.create("http://localhost:9/x"));
    assertThat(r).isNotNull();
    assertThat(r.reason()).startsWith("'localhost' resolves to ").contains("loopback range");
  }

  @Test
  void theAllowListLetsBlocksAddressesAndNamesThrough() throws Exception {
    TargetPolicy p = TargetPolicy.of(false, " 10.20.0.0/16, 192.168.1.5 , localhost,*.internal,");
    assertThat(p.refusalAtDelivery(URI.create("http://10.20.3.4/x"))).isNull();
    assertThat(p.refusalAtDelivery(URI.create("http://10.21.0.1/x"))).isNotNull();
    assertThat(p.refusalAtDelivery(URI.create("http://192.168.1.5/x"))).isNull();
    assertThat(p.refusalAtDelivery(URI.create("http://192.168.1.6/x"))).isNotNull();
    assertThat(p.refusalAtDelivery(URI.create("http://localhost:1/x"))).isNull();
    assertThat(p.refusalAtCreation(URI.create("http://hooks.internal/x"))).isNull();
    assertThat(p.refusalAtDelivery(URI.create("http://a.b.internal/x"))).isNull();
    assertThat(p.refusalAtCreation(URI.create("http://127.0.0.1/x"))).isNotNull();
    assertThat(
            TargetPolicy.of(false, "fd00::/8").refusalAtDelivery(URI.create("http://[fd00::5]/")))
        .isNull();
    assertThat(TargetPolicy.of(false, "").toString()).contains("refused");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "10.0.0.0/33 | '10.0.0.0/33': the prefix length must be 0 to 32",
        "10.0.0.0/x | '10.0.0.0/x': the prefix length must be 0 to 32",
        "fc00::/129 | 'fc00::/129': the prefix length must be 0 to 128",
        "10.0.0.300/8 | '10.0.0.300/8' is not an IP address or CIDR block",
        "http://x | 'http://x' is not an IP address or CIDR block",
        "bad_name | 'bad_name' is not an IP address, CIDR block, host name or *.domain",
      })
  void aBadAllowListEntryIsNamed(String entry, String message) {
    assertThatThrownBy(() -> TargetPolicy.of(false, "8.8.8.8/32, " + entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
