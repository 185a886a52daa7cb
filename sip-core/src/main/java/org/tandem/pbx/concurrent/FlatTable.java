package org.tandem.pbx.concurrent;

import java.util.Arrays;

/**
 * A hash table keyed by 128 bits (two {@code long}s) whose entries are slots of a few flat arrays: a number and/or an
 * object per key, and no object of its own per entry. Thread-safe (one lock; every operation is a short probe).
 *
 * <p>Why (issue 23): state kept for tens of seconds per SIP request (a nonce's count for its lifetime, a REGISTER's
 * transaction for Timer J) was a map entry, a key {@code String} and a boxed value each, a few hundred bytes that
 * every young collection copied again until they were old enough to be promoted; at 4,000 REGISTERs a second those
 * copies were most of a pause. Arrays of primitives are copied at most once (large ones are allocated in place and
 * never moved by a young collection), and an entry here is 2–3 array slots.
 *
 * <p>Open addressing with linear probing, at most half full; it doubles while it has fewer than {@code maxEntries}
 * entries and is emptied when a new key would exceed that (a flood forgets rather than grows without end). The key
 * (0, 0) marks a free slot and is refused.
 */
public final class FlatTable {

    private static final int FIRST_CAPACITY = 64;

    private final int maxEntries;
    /** Two slots per entry: hi, lo; (0, 0) is free. */
    private long[] keys;

    private long[] numbers;
    private Object[] values;
    private int size;

    public FlatTable(int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        this.maxEntries = maxEntries;
        this.keys = new long[2 * FIRST_CAPACITY];
    }

    /**
     * Stores {@code n} for the key if the key is new or {@code n} is above the number it has; returns whether it did.
     */
    public synchronized boolean raise(long hi, long lo, long n) {
        if (numbers == null) numbers = new long[capacity()];
        int slot = find(hi, lo);
        if (slot >= 0) {
            if (n <= numbers[slot]) return false;
            numbers[slot] = n;
            return true;
        }
        slot = insert(hi, lo, -slot - 1);
        numbers[slot] = n;
        return true;
    }

    /** The object of the key, or null. */
    public synchronized Object get(long hi, long lo) {
        int slot = find(hi, lo);
        return slot >= 0 && values != null ? values[slot] : null;
    }

    /** Stores {@code value} for the key unless it has one; returns the one it had (null: stored). */
    public synchronized Object putIfAbsent(long hi, long lo, Object value) {
        return store(hi, lo, value, false);
    }

    /** Stores {@code value} for the key; returns the one it replaced, or null. */
    public synchronized Object put(long hi, long lo, Object value) {
        return store(hi, lo, value, true);
    }

    public synchronized int size() {
        return size;
    }

    private Object store(long hi, long lo, Object value, boolean replace) {
        if (value == null) throw new IllegalArgumentException("null value");
        if (values == null) values = new Object[capacity()];
        int slot = find(hi, lo);
        if (slot >= 0) {
            Object old = values[slot];
            if (old == null || replace) values[slot] = value;
            return old;
        }
        slot = insert(hi, lo, -slot - 1);
        values[slot] = value;
        return null;
    }

    private int capacity() {
        return keys.length / 2;
    }

    /** The slot of the key, or −(free slot where it would go) − 1. */
    private int find(long hi, long lo) {
        if (hi == 0 && lo == 0) throw new IllegalArgumentException("the key (0, 0) marks a free slot");
        int mask = capacity() - 1;
        int slot = spread(hi, lo) & mask;
        while (true) {
            long h = keys[2 * slot];
            long l = keys[2 * slot + 1];
            if (h == hi && l == lo) return slot;
            if (h == 0 && l == 0) return -slot - 1;
            slot = (slot + 1) & mask;
        }
    }

    /** Takes {@code free} (from {@link #find}) for a new key, after growing or emptying the table if it must. */
    private int insert(long hi, long lo, int free) {
        if (size >= maxEntries) {
            clear();
            free = -find(hi, lo) - 1;
        } else if (2 * (size + 1) > capacity()) {
            grow();
            free = -find(hi, lo) - 1;
        }
        keys[2 * free] = hi;
        keys[2 * free + 1] = lo;
        size++;
        return free;
    }

    private void clear() {
        Arrays.fill(keys, 0);
        if (numbers != null) Arrays.fill(numbers, 0);
        if (values != null) Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldNumbers = numbers;
        Object[] oldValues = values;
        int capacity = 2 * capacity();
        keys = new long[2 * capacity];
        numbers = oldNumbers == null ? null : new long[capacity];
        values = oldValues == null ? null : new Object[capacity];
        for (int i = 0; i < oldKeys.length / 2; i++) {
            long hi = oldKeys[2 * i];
            long lo = oldKeys[2 * i + 1];
            if (hi == 0 && lo == 0) continue;
            int slot = -find(hi, lo) - 1;
            keys[2 * slot] = hi;
            keys[2 * slot + 1] = lo;
            if (numbers != null) numbers[slot] = oldNumbers[i];
            if (values != null) values[slot] = oldValues[i];
        }
    }

    /** A 64-bit finalizer (MurmurHash3's fmix64) of both halves: sequential keys spread over the slots. */
    private static int spread(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
