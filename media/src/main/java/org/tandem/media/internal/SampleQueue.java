package org.tandem.media.internal;

/**
 * A bounded FIFO of 16-bit samples between a producer on one clock (the network) and a consumer on
 * another (the mixer tick). Overflow drops the oldest samples, so delay stays bounded; the consumer
 * waits for a small prebuffer before reading so network jitter does not chop the audio.
 */
public final class SampleQueue {

    private final short[] ring;
    private final int prebuffer;
    private int head;
    private int size;
    private boolean primed;

    public SampleQueue(int capacity, int prebuffer) {
        this.ring = new short[capacity];
        this.prebuffer = prebuffer;
    }

    public synchronized void offer(short[] samples, int count) {
        for (int i = 0; i < count; i++) {
            if (size == ring.length) { // drop the oldest
                head = (head + 1) % ring.length;
                size--;
            }
            ring[(head + size) % ring.length] = samples[i];
            size++;
        }
    }

    /** Fills {@code out[0..n)} and returns true, or returns false (out untouched) when not enough is buffered. */
    public synchronized boolean poll(short[] out, int n) {
        if (!primed && size < prebuffer) return false;
        if (size < n) {
            primed = false; // underrun: wait for the prebuffer again
            return false;
        }
        primed = true;
        for (int i = 0; i < n; i++) {
            out[i] = ring[head];
            head = (head + 1) % ring.length;
        }
        size -= n;
        return true;
    }

    public synchronized void clear() {
        head = 0;
        size = 0;
        primed = false;
    }

    public synchronized int size() {
        return size;
    }
}
