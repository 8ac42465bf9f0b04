/**
 * Stored definitions in the app: the blueprints folder stored as versions ({@link
 * dev.baton.app.definition.BlueprintFolder}), the engine kept equal to the published versions on
 * every node ({@link dev.baton.app.definition.StoredBlueprints}), and their HTTP routes ({@code
 * /api/v1/blueprints}, CasareRPA's {@code /api/v1/workflows}). See {@code docs/definitions.md}.
 */
@NullMarked
package dev.baton.app.definition;

import org.jspecify.annotations.NullMarked;
