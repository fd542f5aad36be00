package io.github.aifilters.filters.intent.internal;


/**
 * Open-addressing map from 64-bit feature hashes to ints (no boxing: a vocabulary of 10^5 features costs two primitive
 * arrays). Keys must not be 0 (reserved as "empty"); {@link TextFeaturizer} hashes are remapped by the caller.
 * Not thread-safe while written; safe for concurrent reads once published (the model is immutable).
 */
final class LongIntMap {

    static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
    }

    private static long key(long k) {
        return k == 0 ? 0x5DEECE66DL : k;
    }

    int get(long k) {
        k = key(k);
        int i = (int) (k ^ (k >>> 32)) & mask;
        while (true) {
            long cur = keys[i];
            if (cur == k) {
                return values[i];
            }
            if (cur == 0) {
                return MISSING;
            }
            i = (i + 1) & mask;
        }
    }

    /** Returns the slot's value, inserting {@code valueIfAbsent} when absent. */
    int putIfAbsent(long k, int valueIfAbsent) {
        k = key(k);
        int i = (int) (k ^ (k >>> 32)) & mask;
        while (true) {
            long cur = keys[i];
            if (cur == k) {
                return values[i];
            }
            if (cur == 0) {
                keys[i] = k;
                values[i] = valueIfAbsent;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return valueIfAbsent;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long k, int value) {
        k = key(k);
        int i = (int) (k ^ (k >>> 32)) & mask;
        while (true) {
            long cur = keys[i];
            if (cur == k) {
                values[i] = value;
                return;
            }
            if (cur == 0) {
                keys[i] = k;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Visits every entry (in table order: deterministic for the same insertions). */
    void forEach(LongIntConsumer consumer) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                consumer.accept(keys[i], values[i]);
            }
        }
    }

    interface LongIntConsumer {
        void accept(long key, int value);
    }

    long bytes() {
        return keys.length * 8L + values.length * 4L;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** A copy sized for its contents (for the immutable model). */
    LongIntMap compact() {
        LongIntMap m = new LongIntMap(Math.max(size, 8));
        forEach(m::put);
        return m;
    }

    @Override
    public String toString() {
        return "LongIntMap[size=" + size + ", capacity=" + keys.length + "]";
    }
}
