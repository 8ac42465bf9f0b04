/**
 * Blueprints from YAML and JSON files: {@link dev.baton.declarative.BlueprintFiles} reads them,
 * checks them against the JSON Schema {@code baton-blueprint.schema.json} (shipped in this jar),
 * compiles their CEL conditions and {@code ${...}} templates, and builds them with {@link
 * dev.baton.blueprint.Blueprint.Builder}, so that the core's checks (one start state, no dangling
 * transition, no unreachable state) apply. A file with a problem is reported and skipped; the
 * others load.
 */
@NullMarked
package dev.baton.declarative;

import org.jspecify.annotations.NullMarked;
