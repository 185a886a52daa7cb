package org.tandem.pbx.proxy.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The client transactions of one response context (RFC 3261 §16.6 step 10), each tagged with the route step that
 * started it: the whole set for the final answer and the reaper, one step's for its ring time and its outcome. Every
 * method runs on the request's Call-ID stripe, as its {@link ResponseContext}.
 */
final class ProxyBranches implements Iterable<ProxyBranch> {

    private final List<ProxyBranch> branches = new ArrayList<>();

    void add(ProxyBranch branch) {
        branches.add(branch);
    }

    int size() {
        return branches.size();
    }

    @Override
    public Iterator<ProxyBranch> iterator() {
        return branches.iterator();
    }

    /** §16.7 step 10 / §16.10: CANCEL every branch still pending. */
    void cancelPending() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) b.cancel();
        }
    }

    /** CANCEL the pending branches of one route step (its ring time ran out, or a 6xx ended it: §16.7 step 5). */
    void cancelPending(int stage) {
        for (ProxyBranch b : branches) {
            if (b.stage() == stage && !b.isCompleted()) b.cancel();
        }
    }

    /** §16.8: branches that never answered (their CANCEL either) are given up. */
    void abandonPending() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) b.abandon();
        }
    }

    boolean allCompleted() {
        for (ProxyBranch b : branches) {
            if (!b.isCompleted()) return false;
        }
        return true;
    }

    boolean completed(int stage) {
        for (ProxyBranch b : branches) {
            if (b.stage() == stage && !b.isCompleted()) return false;
        }
        return true;
    }
}
