package org.scalebridge.mc;

import java.util.Arrays;

/** Attempts and acceptances of each Monte Carlo move type, per exchange species. */
public final class MoveStats {
    /** Move types. */
    public enum Type { INSERTION, DELETION, TRANSLATION }

    private final long[] attempts, accepts;
    private long overlapRejections;
    private final int species;

    public MoveStats(int species) {
        this.species = species;
        attempts = new long[3 * species];
        accepts = new long[3 * species];
    }

    void attempt(Type t, int s) { attempts[3 * s + t.ordinal()]++; }
    void accept(Type t, int s) { accepts[3 * s + t.ordinal()]++; }
    void overlap() { overlapRejections++; }

    public long attempts(Type t, int s) { return attempts[3 * s + t.ordinal()]; }
    public long accepts(Type t, int s) { return accepts[3 * s + t.ordinal()]; }

    public long attempts(Type t) {
        long a = 0;
        for (int s = 0; s < species; s++) a += attempts(t, s);
        return a;
    }

    public long accepts(Type t) {
        long a = 0;
        for (int s = 0; s < species; s++) a += accepts(t, s);
        return a;
    }

    /** Acceptance ratio of a move type over all species (NaN before any attempt). */
    public double acceptance(Type t) {
        long a = attempts(t);
        return a == 0 ? Double.NaN : (double) accepts(t) / a;
    }

    /** Insertions rejected by the overlap cutoff before any energy evaluation (counted within the attempts). */
    public long overlapRejections() { return overlapRejections; }

    public int species() { return species; }

    public void reset() {
        Arrays.fill(attempts, 0);
        Arrays.fill(accepts, 0);
        overlapRejections = 0;
    }

    long[] raw() {
        long[] r = new long[6 * species + 1];
        System.arraycopy(attempts, 0, r, 0, 3 * species);
        System.arraycopy(accepts, 0, r, 3 * species, 3 * species);
        r[6 * species] = overlapRejections;
        return r;
    }

    void restore(long[] r) {
        System.arraycopy(r, 0, attempts, 0, 3 * species);
        System.arraycopy(r, 3 * species, accepts, 0, 3 * species);
        overlapRejections = r[6 * species];
    }

    @Override
    public String toString() {
        return String.format("ins %d/%d del %d/%d transl %d/%d (overlap rejections %d)",
                accepts(Type.INSERTION), attempts(Type.INSERTION), accepts(Type.DELETION), attempts(Type.DELETION),
                accepts(Type.TRANSLATION), attempts(Type.TRANSLATION), overlapRejections);
    }
}
