package dev.baton.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between modules, checked over every module at once (the application sees them all
 * on its class path): no module reaches into another's {@code internal} package (a feature's routes
 * use the server's route API, {@code dev.baton.server.route}), and the robot protocol stays apart
 * from its transport.
 */
@AnalyzeClasses(packages = "dev.baton", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  /**
   * A class in {@code P.internal} (or below) may be used only by classes in {@code P} and below:
   * {@code dev.baton.server.internal} by the server, {@code dev.baton.store.jdbc.internal} by the
   * JDBC store and not by the core's {@code dev.baton.store}.
   */
  @ArchTest
  static final ArchRule internalsStayWithTheirOwner =
      classes().should(useOnlyTheirOwnInternals()).because("internal packages are not an API");

  @ArchTest
  static final ArchRule theFleetProtocolKnowsNoTransport =
      noClasses()
          .that()
          .resideInAPackage("dev.baton.fleet")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "tools.jackson..", "dev.baton.server..")
          .because("the robot protocol is plain Java; its WebSocket and REST face is fleet.web");

  @Test
  void theOwnerOfAnInternalPackageIsThePackageAboveIt() {
    assertThat(ownerOfInternal("dev.baton.server.internal")).isEqualTo("dev.baton.server");
    assertThat(ownerOfInternal("dev.baton.store.jdbc.internal.sql"))
        .isEqualTo("dev.baton.store.jdbc");
    assertThat(ownerOfInternal("dev.baton.server.internals")).isNull();
    assertThat(ownerOfInternal("dev.baton.server.route")).isNull();
    assertThat(ownerOfInternal("org.example.internal")).isNull();
  }

  private static ArchCondition<JavaClass> useOnlyTheirOwnInternals() {
    return new ArchCondition<>("use only the internal packages of their own package") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getPackageName();
          String owner = ownerOfInternal(target);
          if (owner == null) {
            continue;
          }
          String from = origin.getPackageName();
          if (!from.equals(owner) && !from.startsWith(owner + ".")) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  /** {@code a.b} for {@code a.b.internal} or {@code a.b.internal.c}; null outside internals. */
  private static String ownerOfInternal(String pkg) {
    if (!pkg.startsWith("dev.baton.")) {
      return null;
    }
    int i = pkg.indexOf(".internal");
    while (i >= 0) {
      int end = i + ".internal".length();
      if (end == pkg.length() || pkg.charAt(end) == '.') {
        return pkg.substring(0, i);
      }
      i = pkg.indexOf(".internal", end);
    }
    return null;
  }
}
