package dev.baton.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link DefinitionStore} must do. Subclass it per store; each test gets a
 * fresh, empty store.
 */
public abstract class DefinitionStoreContract {
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  protected static final String YAML = "name: orders\nstart: a\nstates:\n  a: { end: finished }\n";

  protected Store store;
  protected DefinitionStore definitions;
  protected Ledger ledger;

  protected abstract Store newStore();

  protected abstract DefinitionStore definitionsOf(Store store);

  protected abstract Ledger ledgerOf(Store store);

  @BeforeEach
  void open() {
    store = newStore();
    definitions = definitionsOf(store);
    ledger = ledgerOf(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  protected static NewDefinition.Builder draft(String name, String content) {
    return NewDefinition.builder(DefinitionKind.BLUEPRINT, name, DefinitionContent.yaml(content))
        .by("alice", "api")
        .at(T0);
  }

  protected static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void aDraftIsStoredAsVersionOneWithEverythingItWasGiven() {
    DefinitionStore.Saved saved =
        definitions.save(
            draft("orders", YAML)
                .title("Orders")
                .description("takes orders")
                .tags(List.of("sales", "eu"))
                .folder("shop/orders")
                .declaredVersion(1)
                .build());

    Definition d = saved.definition();
    assertThat(saved.created()).isTrue();
    assertThat(d.version()).isEqualTo(1);
    assertThat(d.status()).isEqualTo(DefinitionStatus.DRAFT);
    assertThat(definitions.definition("orders", 1)).contains(d);
    Definition read = definitions.definition("orders", 1).orElseThrow();
    assertThat(read.content()).isEqualTo(DefinitionContent.yaml(YAML));
    assertThat(read.contentHash()).isEqualTo(DefinitionContent.yaml(YAML).hash()).hasSize(64);
    assertThat(read.tags()).containsExactly("sales", "eu");
    assertThat(read.title()).isEqualTo("Orders");
    assertThat(read.description()).isEqualTo("takes orders");
    assertThat(read.folder()).isEqualTo("shop/orders");
    assertThat(read.declaredVersion()).isEqualTo(1);
    assertThat(read.createdBy()).isEqualTo("alice");
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.kind()).isEqualTo(DefinitionKind.BLUEPRINT);
    assertThat(definitions.latestPublished("orders")).isEmpty();
    assertThat(ledger.count(LedgerQuery.newest(10).type("definition.*"))).isZero();
  }

  @Test
  void versionsAreNumberedPastTheHighestAndAtLeastTheDeclaredOne() {
    assertThat(
            definitions.save(draft("a", "x: 1").declaredVersion(3).build()).definition().version())
        .isEqualTo(3);
    assertThat(
            definitions.save(draft("a", "x: 2").declaredVersion(1).build()).definition().version())
        .isEqualTo(4);
    assertThat(definitions.save(draft("a", "x: 3").build()).definition().version()).isEqualTo(5);
    assertThat(definitions.save(draft("b", "x: 1").build()).definition().version()).isEqualTo(1);
    assertThat(definitions.versions("a")).extracting(Definition::version).containsExactly(3, 4, 5);
    assertThat(definitions.versions("nobody")).isEmpty();
  }

  @Test
  void publishingAndArchivingMoveTheLatestPublishedAndAreInTheLedger() {
    definitions.save(draft("orders", "v: 1").publish().build());
    definitions.save(draft("orders", "v: 2").build());
    assertThat(definitions.latestPublished("orders").orElseThrow().version()).isEqualTo(1);

    Definition two = definitions.move("orders", 2, DefinitionStatus.PUBLISHED, "bob", "api", at(5));
    assertThat(two.status()).isEqualTo(DefinitionStatus.PUBLISHED);
    assertThat(two.updatedAt()).isEqualTo(at(5));
    assertThat(two.createdAt()).isEqualTo(T0);
    assertThat(definitions.latestPublished("orders")).contains(two);

    definitions.move("orders", 2, DefinitionStatus.ARCHIVED, "bob", "cli", at(6));
    assertThat(definitions.latestPublished("orders").orElseThrow().version()).isEqualTo(1);
    assertThat(definitions.definition("orders", 2).orElseThrow().status())
        .isEqualTo(DefinitionStatus.ARCHIVED);

    List<LedgerEntry> entries = ledger.read(LedgerQuery.oldest(10).type("definition.*")).entries();
    assertThat(entries)
        .extracting(LedgerEntry::type)
        .containsExactly("definition.published", "definition.published", "definition.archived");
    LedgerEntry archived = entries.get(2);
    assertThat(archived.details())
        .containsEntry("name", "orders")
        .containsEntry("kind", "blueprint")
        .containsEntry("from_status", "published")
        .containsEntry("by", "bob");
    assertThat(((Number) archived.details().get("version")).intValue()).isEqualTo(2);
    assertThat(archived.source()).isEqualTo("cli");
    assertThat(archived.at()).isEqualTo(at(6));
  }

  @Test
  void anIllegalMoveIsRefusedWithWhatTheStatusAllows() {
    definitions.save(draft("orders", "v: 1").publish().build());

    assertThatThrownBy(
            () -> definitions.move("orders", 1, DefinitionStatus.PUBLISHED, "b", "api", at(1)))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "blueprint 'orders' version 1 is published; it cannot become published"
                + " (a published version can become: archived)")
        .extracting(e -> ((DefinitionException) e).reason())
        .isEqualTo(dev.baton.engine.BatonException.Reason.CONFLICT);
    assertThatThrownBy(
            () -> definitions.move("orders", 1, DefinitionStatus.DRAFT, "b", "api", at(1)))
        .hasMessageContaining("cannot become draft");
    assertThatThrownBy(
            () -> definitions.move("orders", 9, DefinitionStatus.ARCHIVED, "b", "api", at(1)))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("no definition 'orders' version 9")
        .extracting(e -> ((DefinitionException) e).reason())
        .isEqualTo(dev.baton.engine.BatonException.Reason.NOT_FOUND);
    assertThat(definitions.definition("orders", 1).orElseThrow().status())
        .isEqualTo(DefinitionStatus.PUBLISHED);
    assertThat(ledger.count(LedgerQuery.newest(10).type("definition.*"))).isEqualTo(1);
  }

  @Test
  void anArchivedVersionCanBePublishedAgainAndADraftThrownAway() {
    definitions.save(draft("orders", "v: 1").publish().build());
    definitions.save(draft("orders", "v: 2").build());
    definitions.move("orders", 1, DefinitionStatus.ARCHIVED, "b", "api", at(1));
    definitions.move("orders", 2, DefinitionStatus.ARCHIVED, "b", "api", at(1));
    assertThat(definitions.latestPublished("orders")).isEmpty();

    definitions.move("orders", 1, DefinitionStatus.PUBLISHED, "b", "api", at(2));
    assertThat(definitions.latestPublished("orders").orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void aNameKeepsItsKind() {
    definitions.save(draft("orders", "v: 1").build());
    NewDefinition workflow =
        NewDefinition.builder(DefinitionKind.WORKFLOW, "orders", DefinitionContent.json("{}"))
            .at(T0)
            .build();

    assertThatThrownBy(() -> definitions.save(workflow))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("'orders' is a blueprint, not a workflow");
    assertThat(definitions.versions("orders")).hasSize(1);
  }

  @Test
  void anUnchangedPushStoresNothingAndAChangedOneANewVersion() {
    definitions.save(draft("orders", YAML).publish().skipUnchanged().build());
    String sameButCrlf = YAML.replace("\n", "  \r\n") + "\n\n";

    DefinitionStore.Saved again =
        definitions.save(draft("orders", sameButCrlf).publish().skipUnchanged().build());
    assertThat(again.created()).isFalse();
    assertThat(again.definition().version()).isEqualTo(1);
    assertThat(definitions.versions("orders")).hasSize(1);
    assertThat(ledger.count(LedgerQuery.newest(10).type("definition.*"))).isEqualTo(1);

    DefinitionStore.Saved changed =
        definitions.save(draft("orders", YAML + "# a comment\n").publish().skipUnchanged().build());
    assertThat(changed.created()).isTrue();
    assertThat(changed.definition().version()).isEqualTo(2);

    assertThat(definitions.save(draft("orders", YAML).build()).definition().version())
        .as("without skipUnchanged the same content is a new version")
        .isEqualTo(3);
  }

  @Test
  void unchangedMeansUnchangedSinceTheSameAuthorLastStoredIt() {
    NewDefinition fromFile =
        draft("orders", YAML).by("file:orders.yaml", "app").publish().skipUnchanged().build();
    definitions.save(fromFile);
    definitions.save(draft("orders", "v: 2").by("bob", "api").publish().build());

    DefinitionStore.Saved reloaded = definitions.save(fromFile);
    assertThat(reloaded.created())
        .as("a file loaded again does not undo what was pushed since")
        .isFalse();
    assertThat(reloaded.definition().version()).isEqualTo(1);
    assertThat(definitions.latestPublished("orders").orElseThrow().version()).isEqualTo(2);

    DefinitionStore.Saved byAnother =
        definitions.save(draft("orders", YAML).by("carol", "api").skipUnchanged().build());
    assertThat(byAnother.created()).isTrue();
    assertThat(byAnother.definition().version()).isEqualTo(3);
  }

  @Test
  void listsFilterByStatusTagFolderAndKind() {
    definitions.save(draft("a", "v: 1").tags(List.of("x_y")).folder("fin").publish().build());
    definitions.save(draft("a", "v: 2").tags(List.of("x_y")).folder("fin").build());
    definitions.save(draft("b", "v: 1").tags(List.of("xzy")).folder("fin/eu").publish().build());
    definitions.save(draft("c", "v: 1").folder("finance").publish().build());
    definitions.save(
        NewDefinition.builder(DefinitionKind.WORKFLOW, "w", DefinitionContent.json("{}"))
            .tags(List.of("x_y"))
            .at(T0)
            .build());

    assertThat(names(DefinitionQuery.ALL)).containsExactly("a@1", "a@2", "b@1", "c@1", "w@1");
    assertThat(names(DefinitionQuery.ALL.status(DefinitionStatus.PUBLISHED)))
        .containsExactly("a@1", "b@1", "c@1");
    assertThat(names(DefinitionQuery.ALL.tag("x_y"))).containsExactly("a@1", "a@2", "w@1");
    assertThat(names(DefinitionQuery.ALL.folder("fin"))).containsExactly("a@1", "a@2", "b@1");
    assertThat(names(DefinitionQuery.ALL.kind(DefinitionKind.WORKFLOW))).containsExactly("w@1");
    assertThat(names(DefinitionQuery.ALL.newestOfEach()))
        .containsExactly("a@2", "b@1", "c@1", "w@1");
    assertThat(names(DefinitionQuery.ALL.status(DefinitionStatus.PUBLISHED).newestOfEach()))
        .containsExactly("a@1", "b@1", "c@1");
    assertThat(names(DefinitionQuery.ALL.name("a").tag("x_y").folder("fin").newestOfEach()))
        .containsExactly("a@2");
  }

  @Test
  void changedSinceNamesWhatWasStoredOrMovedFromThen() {
    definitions.save(draft("a", "v: 1").build());
    definitions.save(draft("b", "v: 1").at(at(10)).build());
    definitions.move("a", 1, DefinitionStatus.PUBLISHED, "b", "api", at(20));

    assertThat(definitions.changedSince(at(10)))
        .extracting(d -> d.name() + "@" + d.status().wireName())
        .containsExactly("a@published", "b@draft");
    assertThat(definitions.changedSince(at(21))).isEmpty();
  }

  @Test
  void concurrentSavesNeverShareAVersion() throws Exception {
    List<Integer> versions = saveConcurrently(definitions, definitions, 8, 12);

    assertThat(versions).doesNotHaveDuplicates().hasSize(96);
    assertThat(definitions.versions("race"))
        .extracting(Definition::version)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 96).boxed().toList());
  }

  /** Saves from {@code threads} threads, alternating between two stores of one database. */
  protected static List<Integer> saveConcurrently(
      DefinitionStore a, DefinitionStore b, int threads, int each) throws Exception {
    List<Future<List<Integer>>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        DefinitionStore target = t % 2 == 0 ? a : b;
        int thread = t;
        futures.add(
            pool.submit(() -> {
              List<Integer> mine = new ArrayList<>();
              for (int i = 0; i < each; i++) {
                NewDefinition d = draft("race", "t: " + thread + "\ni: " + i).publish().build();
                mine.add(target.save(d).definition().version());
              }
              return mine;
            }));
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    }
  }

  private List<String> names(DefinitionQuery q) {
    return definitions.definitions(q).stream().map(d -> d.name() + "@" + d.version()).toList();
  }
}
