/**
 * The ledger: Baton's append-only record of what happened and why. Job transitions are written in
 * the same transaction as the transition itself (a {@link dev.baton.store.Change.AppendLedger} op),
 * so a crash can never leave a transition without its entry; control cycles, loop actions and
 * administrative changes are appended through {@link dev.baton.ledger.Ledger#append}.
 */
@NullMarked
package dev.baton.ledger;

import org.jspecify.annotations.NullMarked;
