package dev.vigil.catalog;

import java.util.function.LongSupplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalog stamp as the current transaction last read it: a transaction that reads the catalog several times
 * (a new incident reads its service, policy, users and severity rules) reads the stamp once; a write to the catalog
 * tables in the transaction forgets it, so the transaction then sees its own change.
 */
final class CatalogStamp {

  private static final Object KEY = new Object();

  private CatalogStamp() {}

  /** The stamp: remembered for the rest of the transaction, or read afresh outside one. */
  static long read(LongSupplier stamp) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return stamp.getAsLong();
    }
    long[] held = (long[]) TransactionSynchronizationManager.getResource(KEY);
    if (held != null) {
      return held[0];
    }
    long version = stamp.getAsLong();
    TransactionSynchronizationManager.bindResource(KEY, new long[] {version});
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
      }
    });
    return version;
  }

  /** Called by every write to the catalog's tables: the next read in this transaction reads the stamp again. */
  static void forget() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      long[] held = (long[]) TransactionSynchronizationManager.getResource(KEY);
      if (held != null) {
        // The next read binds the new stamp (and one more synchronization, which finds nothing left to unbind).
        TransactionSynchronizationManager.unbindResource(KEY);
      }
    }
  }
}
