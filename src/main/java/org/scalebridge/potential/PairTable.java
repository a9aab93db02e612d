package org.scalebridge.potential;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;

/**
 * Collects per-element-pair parameters (and optional per-pair cutoffs) for a pair potential, then lays them out
 * as dense symmetric tables indexed by ti·nt + tj. Pairs not given have no interaction (cutoff 0) unless a
 * mixing rule supplies them.
 */
public final class PairTable {
    /** Combines the like-pair parameters into an unlike pair's parameters, or returns null if it cannot. */
    public interface Mixing {
        double[] mix(double[] pi, double[] pj);
    }

    private record Entry(String a, String b, double[] p, double rc) {}

    private final int nParams;
    private final String[] paramNames;
    private final List<Entry> entries = new ArrayList<>();
    private double defaultCutoff;
    private Mixing mixing;

    public PairTable(double defaultCutoff, String... paramNames) {
        if (!(defaultCutoff > 0)) throw InputException.field(null, "cutoff", "must be > 0 Å, got " + defaultCutoff);
        this.defaultCutoff = defaultCutoff;
        this.paramNames = paramNames;
        this.nParams = paramNames.length;
    }

    public PairTable mixing(Mixing m) { this.mixing = m; return this; }

    /** Adds a pair with the default cutoff. */
    public PairTable pair(String a, String b, double... p) { return pairCut(a, b, defaultCutoff, p); }

    /** Adds a pair with its own cutoff. */
    public PairTable pairCut(String a, String b, double rc, double... p) {
        if (p.length != nParams) {
            throw InputException.field(null, a + "-" + b, "expected " + nParams + " parameters (" + String.join(", ", paramNames) + "), got " + p.length);
        }
        for (int k = 0; k < p.length; k++) {
            if (!Double.isFinite(p[k])) throw InputException.field(null, a + "-" + b + " " + paramNames[k], "must be a finite number");
        }
        if (!(rc >= 0) || !Double.isFinite(rc)) throw InputException.field(null, a + "-" + b + " cutoff", "must be ≥ 0 Å");
        entries.add(new Entry(a, b, p.clone(), rc));
        return this;
    }

    public double defaultCutoff() { return defaultCutoff; }

    /** The type map of all elements named, in order of first appearance. */
    public TypeMap types() {
        TypeMap m = new TypeMap();
        for (Entry e : entries) { m.add(e.a); m.add(e.b); }
        return m;
    }

    /** Dense parameter table: result[k][ti·nt+tj] for parameter k. */
    public double[][] params(TypeMap m) {
        int nt = m.size();
        double[][] out = new double[nParams][nt * nt];
        boolean[] set = new boolean[nt * nt];
        for (Entry e : entries) {
            int i = m.type(e.a), j = m.type(e.b);
            for (int k = 0; k < nParams; k++) { out[k][i * nt + j] = e.p[k]; out[k][j * nt + i] = e.p[k]; }
            set[i * nt + j] = set[j * nt + i] = true;
        }
        if (mixing != null) {
            for (int i = 0; i < nt; i++) {
                for (int j = 0; j < nt; j++) {
                    if (set[i * nt + j] || !set[i * nt + i] || !set[j * nt + j]) continue;
                    double[] pi = new double[nParams], pj = new double[nParams];
                    for (int k = 0; k < nParams; k++) { pi[k] = out[k][i * nt + i]; pj[k] = out[k][j * nt + j]; }
                    double[] pm = mixing.mix(pi, pj);
                    if (pm != null) for (int k = 0; k < nParams; k++) out[k][i * nt + j] = pm[k];
                }
            }
        }
        return out;
    }

    /** Cutoffs per type pair (0 = no interaction). */
    public double[] cutoffs(TypeMap m) {
        int nt = m.size();
        double[] rc = new double[nt * nt];
        boolean[] set = new boolean[nt * nt];
        for (Entry e : entries) {
            int i = m.type(e.a), j = m.type(e.b);
            rc[i * nt + j] = rc[j * nt + i] = e.rc;
            set[i * nt + j] = set[j * nt + i] = true;
        }
        if (mixing != null) {
            for (int i = 0; i < nt; i++) {
                for (int j = 0; j < nt; j++) {
                    if (!set[i * nt + j] && set[i * nt + i] && set[j * nt + j]) rc[i * nt + j] = Math.max(rc[i * nt + i], rc[j * nt + j]);
                }
            }
        }
        return rc;
    }
}
