/**
 * Stored definitions: blueprints and CasareRPA workflows kept in the database with every version,
 * each draft, published or archived ({@link dev.baton.definition.DefinitionStatus}), and the port
 * every store implements for them ({@link dev.baton.definition.DefinitionStore}).
 */
@NullMarked
package dev.baton.definition;

import org.jspecify.annotations.NullMarked;
