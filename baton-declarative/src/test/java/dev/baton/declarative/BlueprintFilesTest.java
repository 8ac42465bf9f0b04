package dev.baton.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import dev.baton.expr.TestContext;
import dev.baton.job.JobStatus;
import dev.baton.job.RetryPolicy;
import dev.baton.job.TaskSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class BlueprintFilesTest {
  private static final BlueprintFiles.Loaded EXAMPLES =
      BlueprintFiles.loadFolder(Examples.folder());

  private static Blueprint example(String name) {
    return EXAMPLES.blueprints().stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " did not load: " + EXAMPLES.problems()));
  }

  private static Action run(Blueprint bp, String state, TestContext ctx) throws Exception {
    State s = Objects.requireNonNull(bp.state(state), state);
    return Objects.requireNonNull(s.handler(), state + " has no handler").handle(ctx);
  }

  private static final TestContext ORDER =
      TestContext.of(
              Map.of(
                  "order_id",
                  42,
                  "email",
                  "ada@example.com",
                  "items",
                  List.of("book"),
                  "address",
                  "1 Main St"))
          .withClient(Map.of("plan", "pro"));

  @Test
  void everyExampleLoads() {
    assertThat(EXAMPLES.problems()).isEmpty();
    assertThat(EXAMPLES.blueprints())
        .extracting(Blueprint::name)
        .containsExactly("batch_picking", "hello", "notify_customer", "order_processing");
    BlueprintFiles.Loaded gettingStarted = BlueprintFiles.loadFolder(Examples.gettingStarted());
    assertThat(gettingStarted.problems()).isEmpty();
    assertThat(gettingStarted.blueprints()).extracting(Blueprint::name).contains("hello");
  }

  @Test
  void aFileWithEveryKindOfStateLoads() {
    Blueprint bp = example("order_processing");
    assertThat(bp.version()).isEqualTo(2);
    assertThat(bp.apiVersion()).isEqualTo("v1");
    assertThat(bp.apiEndpoint()).isEqualTo("/jobs/orders");
    assertThat(bp.description()).isEqualTo("Validates, routes, approves and ships an order.");
    assertThat(bp.start()).isEqualTo("validate");
    assertThat(bp.states().keySet())
        .containsExactly("validate", "route", "review", "ship", "summarize", "notify", "rejected");
    assertThat(bp.states().get("validate").targets())
        .containsExactlyInAnyOrder("route", "failed", "review");
    assertThat(bp.states().get("route").kind()).isEqualTo("choose");
    assertThat(bp.states().get("route").targets())
        .containsExactlyInAnyOrder("review", "rejected", "ship");
    assertThat(bp.states().get("summarize").kind()).isEqualTo("goto");
    assertThat(bp.states().get("notify").kind()).isEqualTo("subflow");
    assertThat(bp.states().get("rejected").endStatus()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void dispatchRendersItsParamsAndKeepsItsSettings() throws Exception {
    Action a = run(example("order_processing"), "validate", ORDER);
    assertThat(a).isInstanceOf(Action.Dispatch.class);
    Action.Dispatch d = (Action.Dispatch) a;
    TaskSpec t = d.task();
    assertThat(t.type()).isEqualTo("validate_order");
    assertThat(t.params())
        .isEqualTo(Map.of("order_id", 42L, "note", "order 42 from pro", "fixed", 3L));
    assertThat(t.params().keySet()).containsExactly("order_id", "note", "fixed");
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.priority()).isEqualTo(5);
    assertThat(t.retry())
        .isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2));
    assertThat(t.strategy()).isEqualTo("default");
    assertThat(d.transitions())
        .isEqualTo(Map.of("success", "route", "failure", "failed", "needs_review", "review"));
  }

  @Test
  void aMissingClientPlanFallsBackWhereTheFileSaysSo() throws Exception {
    TestContext noClient = TestContext.of(Map.of("order_id", 7));
    Action.Dispatch d = (Action.Dispatch) run(example("order_processing"), "validate", noClient);
    assertThat(d.task().params()).containsEntry("note", "order 7 from unknown");
  }

  @Test
  void chooseFollowsTheFirstConditionThatHolds() throws Exception {
    Blueprint bp = example("order_processing");
    assertThat(run(bp, "route", ORDER.withData(Map.of("amount", 1500))))
        .isEqualTo(Action.goTo("review"));
    assertThat(
            run(bp, "route", TestContext.of(Map.of("vip", true)).withData(Map.of("amount", 1500))))
        .isEqualTo(Action.goTo("ship"));
    assertThat(run(bp, "route", ORDER.withData(Map.of("amount", 10, "fraud", true))))
        .isEqualTo(Action.goTo("rejected"));
    // No amount at all: the first condition is false, not an error; so is the second.
    assertThat(run(bp, "route", ORDER)).isEqualTo(Action.goTo("ship"));
  }

  @Test
  void approvalRendersItsMessage() throws Exception {
    Action a = run(example("order_processing"), "review", ORDER.withData(Map.of("amount", 1500)));
    assertThat(a)
        .isEqualTo(
            Action.awaitApproval(
                "Approve order 42 of 1500?", Map.of("approve", "ship", "reject", "rejected")));
  }

  @Test
  void parallelRendersEachTask() throws Exception {
    Action.Parallel p = (Action.Parallel) run(example("order_processing"), "ship", ORDER);
    assertThat(p.aggregateInto()).isEqualTo("summarize");
    assertThat(p.tasks()).extracting(TaskSpec::type).containsExactly("pack", "label");
    assertThat(p.tasks().get(0).params())
        .isEqualTo(Map.of("order_id", 42L, "items", List.of("book")));
    assertThat(p.tasks().get(1).params()).isEqualTo(Map.of("address", "1 Main St"));
    assertThat(p.tasks().get(1).strategy()).isEqualTo("least_connections");
  }

  @Test
  void forEachMakesOneTaskPerItem() throws Exception {
    TestContext batch =
        TestContext.of(
            Map.of(
                "batch",
                "B7",
                "items",
                List.of(Map.of("sku", "A", "qty", 2), Map.of("sku", "B"), Map.of("sku", "C"))));
    Action.Parallel p = (Action.Parallel) run(example("batch_picking"), "pick_all", batch);
    assertThat(p.aggregateInto()).isEqualTo("check");
    assertThat(p.tasks()).hasSize(3).allSatisfy(t -> assertThat(t.type()).isEqualTo("pick"));
    assertThat(p.tasks())
        .extracting(TaskSpec::params)
        .containsExactly(
            Map.of("sku", "A", "qty", 2L, "line", 1L, "label", "batch B7, line 1"),
            Map.of("sku", "B", "qty", 1L, "line", 2L, "label", "batch B7, line 2"),
            Map.of("sku", "C", "qty", 1L, "line", 3L, "label", "batch B7, line 3"));
    TaskSpec first = p.tasks().get(0);
    assertThat(first.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(first.requirements())
        .isEqualTo(Map.of("installed_models", List.of(Map.of("name", "picker"))));

    Action.Parallel none =
        (Action.Parallel)
            run(
                example("batch_picking"),
                "pick_all",
                TestContext.of(Map.of("batch", "B8", "items", List.of())));
    assertThat(none.tasks()).isEmpty();
  }

  @Test
  void forEachOverSomethingElseThanAListFailsTheState() {
    TestContext notAList = TestContext.of(Map.of("batch", "B", "items", "abc"));
    assertThatThrownBy(() -> run(example("batch_picking"), "pick_all", notAList))
        .isInstanceOf(dev.baton.blueprint.StateFailure.class)
        .hasMessage("parallel.for_each 'initial_data.items' gave the string 'abc', not a list");
  }

  @Test
  void subflowRendersItsInput() throws Exception {
    Action a = run(example("order_processing"), "notify", ORDER);
    assertThat(a)
        .isEqualTo(
            Action.runSubflow(
                "notify_customer",
                Map.of("email", "ada@example.com", "order_id", 42L),
                Map.of("success", "finished", "failure", "failed")));
  }

  @Test
  void gotoAndEnd() throws Exception {
    Blueprint bp = example("order_processing");
    assertThat(run(bp, "summarize", ORDER)).isEqualTo(Action.goTo("notify"));
    State rejected = bp.states().get("rejected");
    assertThat(rejected.isEnd()).isTrue();
    assertThat(rejected.handler()).isNull();
  }

  @Test
  void aTemplateThatFailsWhenTheStateRunsNamesWhere() {
    BlueprintFiles.Loaded l =
        BlueprintFiles.parse(
            "strict.yaml",
            """
            name: strict
            start: a
            states:
              a:
                dispatch: { task: t, params: { order: { id: "${initial_data.order_id}" } } }
                on: { success: finished }
            """);
    assertThat(l.problems()).isEmpty();
    assertThatThrownBy(() -> run(l.blueprints().get(0), "a", TestContext.of(Map.of())))
        .isInstanceOf(dev.baton.blueprint.StateFailure.class)
        .hasMessage(
            "dispatch.params.order.id: expression 'initial_data.order_id' failed:"
                + " key 'order_id' is not present in map.");
  }

  @Test
  void paramsAndInputMayBeOneExpressionThatGivesAnObject() throws Exception {
    BlueprintFiles.Loaded l =
        BlueprintFiles.parse(
            "forward.yaml",
            """
            name: forward
            start: a
            states:
              a:
                dispatch: { task: t, params: "${initial_data}" }
                on: { success: b }
              b:
                subflow: { blueprint: child, input: "${state_history}" }
                on: { success: c }
              c:
                dispatch: { task: t, params: "${initial_data.x}" }
                on: { success: finished }
            """);
    assertThat(l.problems()).isEmpty();
    Blueprint bp = l.blueprints().get(0);
    Action.Dispatch d = (Action.Dispatch) run(bp, "a", TestContext.of(Map.of("x", 1)));
    assertThat(d.task().params()).isEqualTo(Map.of("x", 1L));
    Action.RunSubflow s =
        (Action.RunSubflow) run(bp, "b", TestContext.of(Map.of()).withData(Map.of("y", "z")));
    assertThat(s.input()).isEqualTo(Map.of("y", "z"));
    assertThat(s.transitions()).isEqualTo(Map.of("success", "c"));
    assertThatThrownBy(() -> run(bp, "c", TestContext.of(Map.of("x", 1))))
        .isInstanceOf(dev.baton.blueprint.StateFailure.class)
        .hasMessage("dispatch.params must be an object, but it rendered to long 1");
  }

  @Test
  void readsJsonAndEveryDurationForm() {
    BlueprintFiles.Loaded l =
        BlueprintFiles.parse(
            "durations.json",
            """
            {"name": "d", "start": "a", "states": {
              "a": {"dispatch": {"task": "t", "timeout": "500ms",
                    "retry": {"initial_delay": 2.5, "max_delay": "1h"},
                    "resources": {"gpu_info": {"model": "RTX", "vram_gb": 8}}, "max_cost": 0.5},
                    "on": {"success": "b"}},
              "b": {"dispatch": {"task": "t", "timeout": "5m"}, "on": {"success": "finished"}}}}
            """);
    assertThat(l.problems()).isEmpty();
    Blueprint bp = l.blueprints().get(0);
    assertThat(bp.version()).isEqualTo(1);
    TaskSpec a = ((Action.Dispatch) handle(bp, "a")).task();
    assertThat(a.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(a.retry())
        .isEqualTo(
            new RetryPolicy(
                RetryPolicy.DEFAULT.maxRetries(),
                Duration.ofMillis(2500),
                Duration.ofHours(1),
                RetryPolicy.DEFAULT.multiplier(),
                RetryPolicy.DEFAULT.jitter()));
    assertThat(a.requirements())
        .isEqualTo(Map.of("gpu_info", Map.of("model", "RTX", "vram_gb", 8L)));
    assertThat(a.maxCost()).isEqualTo(0.5);
    assertThat(a.needsPlacement()).isTrue();
    assertThat(((Action.Dispatch) handle(bp, "b")).task().timeout())
        .isEqualTo(Duration.ofMinutes(5));
  }

  private static Action handle(Blueprint bp, String state) {
    try {
      return run(bp, state, TestContext.of(Map.of()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void loadsASingleFile() {
    BlueprintFiles.Loaded l = BlueprintFiles.loadFile(Examples.folder().resolve("hello.yaml"));
    assertThat(l.ok()).isTrue();
    assertThat(l.blueprints()).extracting(Blueprint::name).containsExactly("hello");
  }

  @Test
  void shipsItsSchema() throws Exception {
    assertThat(BlueprintFiles.schema())
        .contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    assertThat(BlueprintFiles.class.getResource(BlueprintFiles.SCHEMA_RESOURCE)).isNotNull();
    assertThat(Files.readString(Examples.gettingStarted().resolve("hello.yaml")))
        .isEqualTo(Files.readString(Examples.folder().resolve("hello.yaml")));
  }
}
