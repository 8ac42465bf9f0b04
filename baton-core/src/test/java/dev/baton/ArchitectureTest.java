package dev.baton;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core knows the domain and nothing of HTTP, SQL drivers or JSON: adapters do. */
@AnalyzeClasses(packages = "dev.baton", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreHasNoFramework =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "javax.sql..",
              "java.net.http..",
              "com.sun.net.httpserver..",
              "io.javalin..",
              "org.eclipse.jetty..",
              "jakarta.servlet..",
              "tools.jackson..",
              "com.fasterxml.jackson..",
              "org.sqlite..",
              "org.postgresql..",
              "com.zaxxer..",
              "io.micrometer..",
              "io.opentelemetry..",
              "jakarta.mail..",
              "org.flywaydb..")
          .because("the core must stay usable as a plain library; adapters bring frameworks");

  @ArchTest
  static final ArchRule domainDoesNotReachIntoTheEngine =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.baton.job..",
              "dev.baton.blueprint..",
              "dev.baton.worker..",
              "dev.baton.schedule..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.baton.engine..", "dev.baton.store..")
          .because("the domain model is what the engine and stores are built from, not on");

  @ArchTest
  static final ArchRule internalsStayInternal =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.baton.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.baton.engine.internal..")
          .because("only the engine facade may use its internals");
}
