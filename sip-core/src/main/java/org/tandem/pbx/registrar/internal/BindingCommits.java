package org.tandem.pbx.registrar.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database's side of the {@link LocationWriter}: binding changes committed to the {@code registration} table in
 * one transaction, or one by one when that fails, so that a change the database refuses for its data fails alone.
 * The location writer's thread only (or the closing thread once it has ended).
 */
final class BindingCommits {

    private static final Logger log = LoggerFactory.getLogger(BindingCommits.class);

    /** What {@link #commitAll} returns when the database took none of the changes because it failed. */
    static final int UNAVAILABLE = -1;

    private final TransactionTemplate transactions;
    private final RegistrationStore store;
    private final AtomicLong commits = new AtomicLong();

    BindingCommits(TransactionTemplate transactions, RegistrationStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    /** Transactions committed so far. */
    long count() {
        return commits.get();
    }

    /**
     * Commits {@code ops} in one transaction, or one by one if that fails; returns how many the database refused
     * (dropped, logged), or {@link #UNAVAILABLE} when it took none because it failed. A change the
     * database refuses for its data (a constraint) fails alone; any other error (no connection, a broken
     * database) ends the attempt with all of them failed at once, so a database that is down costs one
     * connection timeout, not one per change (found in the 30-minute run when the database broke).
     */
    int commitAll(List<BindingOp> ops) {
        try {
            transactions.executeWithoutResult(s -> ops.forEach(op -> op.applyTo(store)));
            commits.incrementAndGet();
            return 0;
        } catch (DataIntegrityViolationException batchRefused) {
            int failed = 0;
            for (BindingOp op : ops) {
                try {
                    transactions.executeWithoutResult(s -> op.applyTo(store));
                    commits.incrementAndGet();
                } catch (DataIntegrityViolationException e) {
                    failed++;
                    log.error("Registration change {} refused by the database: {}", op, e.toString());
                } catch (RuntimeException e) {
                    log.warn("The database failed while writing registrations one by one: {}", e.toString());
                    return UNAVAILABLE; // those already committed are applied again later: harmless (BindingOp)
                }
            }
            return failed;
        } catch (RuntimeException unavailable) {
            log.warn(
                    "The database failed while writing {} registration changes: {}",
                    ops.size(),
                    unavailable.toString());
            return UNAVAILABLE;
        }
    }

    /** Write-through: each batch one transaction (one by one if it fails), answered after the commit. */
    void commit(List<LocationWriter.Write> batch) {
        if (batch.size() > 1) {
            try {
                transactions.executeWithoutResult(s -> batch.forEach(w -> w.op().applyTo(store)));
                commits.incrementAndGet();
                batch.forEach(w -> w.done().complete(null));
                return;
            } catch (RuntimeException e) {
                // fall through: one by one, so only the bad write fails
            }
        }
        RuntimeException down = null;
        for (LocationWriter.Write w : batch) {
            if (down != null) {
                w.done().completeExceptionally(down); // one connection timeout for the batch, not one each
                continue;
            }
            try {
                transactions.executeWithoutResult(s -> w.op().applyTo(store));
                commits.incrementAndGet();
                w.done().complete(null);
            } catch (DataIntegrityViolationException e) {
                w.done().completeExceptionally(e);
            } catch (RuntimeException e) {
                down = e;
                w.done().completeExceptionally(e);
            }
        }
    }
}
