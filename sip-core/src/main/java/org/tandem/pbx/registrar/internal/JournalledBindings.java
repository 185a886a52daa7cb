package org.tandem.pbx.registrar.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration changes in {@link BindingJournal} that the database does not have yet, and their way there: the
 * journal side of {@link LocationWriter}.
 *
 * <p>One lock guards the journal's appends and rotation, the list of journalled changes and the flush deadline.
 * Appends come from the REGISTERs' stripes (or the writer thread with {@code fdatasync}); {@link #flush()} runs on the
 * writer thread only (or the closing thread once the writer has ended): it rotates the journal's file under the lock
 * and commits the rotated changes outside it, so appends go on while the database works.
 */
final class JournalledBindings {

    private static final Logger log = LoggerFactory.getLogger(JournalledBindings.class);
    /** Journalled changes that make the writer update the database at once rather than at the interval. */
    static final int FLUSH_THRESHOLD = 2_000;

    /** What {@link #append} did. */
    enum Appended {
        /** appended; the database flush is due at once (many wait) */
        DUE_NOW,
        /** appended; a flush deadline set, there was none */
        DUE_SET,
        /** appended; the flush deadline already set */
        APPENDED,
        /** not appended: the database is far behind the journal */
        BEHIND,
        /** not appended: the journal failed, changes are written through from now on */
        BROKEN,
        /** not appended: the registrar is stopping ({@link #closeToStripes()}) */
        CLOSED
    }

    private final BindingJournal journal;
    private final BindingCommits commits;
    private final Duration flushInterval;
    private final int maxUnflushed;

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger unflushedCount = new AtomicInteger();
    /** Journalled in the journal's current file, not yet in the database; under {@link #lock}. */
    private final List<BindingOp> unflushed = new ArrayList<>();
    /** Rotated out of the journal's current file, not yet in the database (a failed commit); flushing thread only. */
    private final List<BindingOp> rotated = new ArrayList<>();
    /** The journal could not be appended to or rotated: changes go through the writer, written through. */
    private volatile boolean broken;
    /** The registrar is stopping: appends from the stripes would miss the last flush; under {@link #lock}. */
    private boolean closedToStripes;
    /** When journalled changes must be in the database ({@link System#nanoTime()}); 0: none; under {@link #lock}. */
    private long flushDue;

    JournalledBindings(BindingJournal journal, BindingCommits commits, Duration flushInterval, int maxUnflushed) {
        this.journal = journal;
        this.commits = commits;
        this.flushInterval = flushInterval;
        this.maxUnflushed = maxUnflushed;
    }

    boolean broken() {
        return broken;
    }

    /** Changes in the journal that the database does not have yet. */
    int unflushed() {
        return unflushedCount.get();
    }

    /** Appends one change from a REGISTER's stripe, refused once {@link #closeToStripes()} ran. */
    Appended appendFromStripe(BindingOp op) {
        lock.lock();
        try {
            return closedToStripes ? Appended.CLOSED : appendLocked(List.of(op));
        } finally {
            lock.unlock();
        }
    }

    /** Appends a batch from the writer thread (also while closing: the queue is drained into the journal). */
    Appended append(List<BindingOp> ops) {
        lock.lock();
        try {
            return appendLocked(ops);
        } finally {
            lock.unlock();
        }
    }

    /** From now on {@link #appendFromStripe} refuses: the last flush will have everything appended before. */
    void closeToStripes() {
        lock.lock();
        try {
            closedToStripes = true;
        } finally {
            lock.unlock();
        }
    }

    private Appended appendLocked(List<BindingOp> ops) {
        if (unflushedCount.get() >= maxUnflushed) {
            // RFC 3261 §21.5.4 (503 by the caller): the database is far behind; shed rather than grow without end
            return Appended.BEHIND;
        }
        try {
            journal.append(ops);
        } catch (IOException e) {
            broken = true;
            log.error(
                    "Registration journal {} not writable ({}); writing through to the database",
                    journal.file(),
                    e.toString());
            return Appended.BROKEN;
        }
        unflushed.addAll(ops);
        if (unflushedCount.addAndGet(ops.size()) >= FLUSH_THRESHOLD) {
            flushDue = System.nanoTime();
            return Appended.DUE_NOW;
        }
        if (flushDue != 0) return Appended.APPENDED;
        flushDue = flushLater();
        return Appended.DUE_SET;
    }

    /** When the journalled changes must be in the database ({@link System#nanoTime()}); 0: nothing waits. */
    long flushDue() {
        lock.lock();
        try {
            return flushDue;
        } finally {
            lock.unlock();
        }
    }

    /** A flush time one interval from now (never 0, which means none). */
    private long flushLater() {
        long due = System.nanoTime() + flushInterval.toNanos();
        return due == 0 ? 1 : due;
    }

    /**
     * The journalled changes go to the database in one transaction: under the lock the journal's file is rotated and
     * its changes taken; outside it, while REGISTERs append to the new file, they are committed and the rotated file
     * deleted. If the database takes none, they stay (in memory and in the rotated file) and are tried again first.
     * Writer thread (or the closing thread once the writer has ended).
     */
    void flush() {
        takeForCommit();
        if (rotated.isEmpty()) return;
        if (commits.commitAll(rotated) == BindingCommits.UNAVAILABLE) {
            // the database is down: keep the journal and try again later
            log.warn(
                    "Registration journal: the database took none of {} changes; retrying in {}",
                    rotated.size(),
                    flushInterval);
            lock.lock();
            try {
                if (flushDue == 0) flushDue = flushLater(); // (after close, the next start replays the journal)
            } finally {
                lock.unlock();
            }
            return;
        }
        unflushedCount.addAndGet(-rotated.size());
        rotated.clear();
        discardCommitted();
    }

    /** Under the lock: the journal's file rotated, its changes moved to {@link #rotated}. */
    private void takeForCommit() {
        lock.lock();
        try {
            flushDue = 0;
            if (unflushed.isEmpty()) return;
            if (!broken) {
                try {
                    journal.rotate();
                } catch (IOException e) {
                    broken = true;
                    log.error(
                            "Registration journal {} not rotated ({}); writing through to the database",
                            journal.file(),
                            e.toString());
                }
            }
            rotated.addAll(unflushed);
            unflushed.clear();
        } finally {
            lock.unlock();
        }
    }

    /** After a commit: the rotated file deleted (or a broken journal emptied once nothing is left in it). */
    private void discardCommitted() {
        try {
            if (broken) {
                lock.lock();
                try {
                    if (unflushed.isEmpty()) journal.reset(); // nothing is appended to it any more
                } finally {
                    lock.unlock();
                }
            } else {
                journal.discardRotated();
            }
        } catch (IOException e) {
            // harmless: replaying changes the database already has leaves it as it is
            log.warn("Registration journal {} not emptied: {}", journal.file(), e.toString());
        }
    }
}
