package dev.baton.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobLifecycleTest {

  @Test
  void anIllegalMoveSaysWhatWasAllowed() {
    assertThatThrownBy(() -> JobLifecycle.check(JobStatus.FINISHED, JobStatus.RUNNING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "job cannot go from finished to running; from finished it may go to nothing (terminal)");
    assertThatThrownBy(() -> JobLifecycle.check(JobStatus.WAITING_FOR_HUMAN, JobStatus.FINISHED))
        .hasMessageContaining("it may go to running, cancelled");
  }

  @Test
  void aMoveOnTheWrongEventSaysWhatTheJobExpected() {
    assertThatThrownBy(() ->
            JobLifecycle.check(
                JobStatus.WAITING_FOR_HUMAN, JobEvent.TASK_RESULT, JobStatus.RUNNING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "job cannot go from waiting_for_human to running on task result; waiting_for_human"
                + " expects decision (to running), cancel (to cancelled), quarantine (to"
                + " running)");
    assertThatThrownBy(
            () -> JobLifecycle.check(JobStatus.FINISHED, JobEvent.RESUME, JobStatus.PENDING))
        .hasMessageEndingWith("finished expects nothing (terminal)");
  }

  @Test
  void everyEventOfTheTableIsAllowedAndEveryMoveHasACause() {
    for (JobStatus from : JobStatus.values()) {
      for (JobStatus to : JobStatus.values()) {
        assertThat(JobLifecycle.causes(from, to).isEmpty())
            .as("%s -> %s", from, to)
            .isEqualTo(!JobLifecycle.allows(from, to));
        for (JobEvent e : JobLifecycle.causes(from, to)) {
          JobLifecycle.check(from, e, to);
        }
      }
    }
  }

  @Test
  void aJobStartsPendingInItsStartStateAndASubJobInheritsFromItsParentButTheWebhook() {
    java.time.Instant t0 = java.time.Instant.parse("2024-01-01T00:00:00Z");
    Job parent =
        Job.start(
            "p",
            "bp",
            2,
            "begin",
            Map.of("a", 1L),
            7,
            JobAttributes.NONE.withWebhookUrl("u").withAffinity("w1"),
            t0);
    assertThat(parent.status()).isEqualTo(JobStatus.PENDING);
    assertThat(parent.state()).isEqualTo("begin");
    assertThat(parent.version()).isZero();
    assertThat(parent.parentJobId()).isNull();
    Job child = parent.subJob("c", "sub", 1, "go", Map.of(), t0);
    assertThat(child.parentJobId()).isEqualTo("p");
    assertThat(child.priority()).isEqualTo(7);
    // As in Avtomatika 1.0b7: the parent's client named the webhook for the parent alone.
    assertThat(child.attributes().toMap())
        .containsEntry("affinity", "w1")
        .doesNotContainKey("webhook_url");
    assertThat(child.blueprint()).isEqualTo("sub");
  }

  @Test
  void terminalStatusesLeadNowhereButResumableOnesMayBeResumed() {
    for (JobStatus s : JobStatus.values()) {
      Set<JobStatus> next = JobLifecycle.table().get(s);
      if (s == JobStatus.FINISHED || s == JobStatus.CANCELLED) {
        assertThat(next).isEmpty();
      }
      if (s.isResumable()) {
        assertThat(next).containsExactly(JobStatus.PENDING);
      }
      if (!s.isTerminal()) {
        assertThat(next).as("%s can be cancelled", s).contains(JobStatus.CANCELLED);
      }
    }
  }

  @Test
  void wireNamesRoundTripAndUnknownNamesAreRefusedClearly() {
    for (JobStatus s : JobStatus.values()) {
      assertThat(JobStatus.fromWire(s.wireName())).isEqualTo(s);
    }
    assertThatThrownBy(() -> JobStatus.fromWire("done"))
        .hasMessageStartingWith("unknown job status 'done'; expected one of pending, running");
  }

  /** The committed diagram is generated from the table, so it cannot drift from the code. */
  @Test
  void theCommittedDiagramMatchesTheTable() throws Exception {
    StringBuilder mermaid = new StringBuilder("stateDiagram-v2\n");
    mermaid.append("    [*] --> pending\n");
    for (Map.Entry<JobStatus, Set<JobStatus>> e : JobLifecycle.table().entrySet()) {
      for (JobStatus to : JobStatus.values()) {
        if (e.getValue().contains(to)) {
          mermaid
              .append("    ")
              .append(e.getKey().wireName())
              .append(" --> ")
              .append(to.wireName())
              .append(" : ")
              .append(
                  JobLifecycle.causes(e.getKey(), to).stream()
                      .map(JobEvent::label)
                      .collect(Collectors.joining(", ")))
              .append('\n');
        }
      }
    }
    String expected = "```mermaid\n" + mermaid + "```\n";
    Path file = Path.of("../docs/job-lifecycle.md");
    String header =
        "# Job lifecycle\n\nGenerated from `JobLifecycle` by `JobLifecycleTest`; do not edit. Each"
            + " arrow names the events (`JobEvent`) that move a job along it.\n\n";
    if (!Files.exists(file) || Boolean.getBoolean("baton.regenerate")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, header + expected);
    }
    assertThat(Files.readString(file)).isEqualTo(header + expected);
  }
}
