package org.scalebridge.analysis;

import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * Bond-angle distribution of a triplet A–B–C (B the vertex, e.g. Mn–N–C or Fe–C–N): for every B atom, every
 * A neighbour within r_AB and every C neighbour within r_CB (distinct atoms or distinct periodic images), the angle
 * θ = arccos(u·v/|u||v|) is histogrammed on 0–180° (each unordered pair once when A = C). Accumulates over frames.
 */
public final class BondAngles {
    private final int za, zb, zc;
    private final double rab, rcb;
    private final int bins;
    private final double[] hist;
    private double sum, sum2;
    private long n;

    public BondAngles(int za, int zb, int zc, double rab, double rcb, int bins) {
        if (!(rab > 0) || !(rcb > 0)) throw InputException.unphysical("bond-angle cutoff (Å)", Math.min(rab, rcb), "> 0");
        if (bins < 1) throw InputException.unphysical("angle bins", bins, "≥ 1");
        if (za == zc && rab != rcb) throw InputException.field("angles", "cutoffs", "a symmetric triplet (A = C) needs one cutoff for both arms, got " + rab + " and " + rcb);
        this.za = za; this.zb = zb; this.zc = zc; this.rab = rab; this.rcb = rcb; this.bins = bins;
        hist = new double[bins];
    }

    public void accumulate(Structure s) {
        PairSearch ps = new PairSearch(s, Math.max(rab, rcb));
        int[] z = s.atomicNumbers();
        double[] ua = new double[64 * 3], uc = new double[64 * 3];
        int[] ia = new int[64], ic = new int[64];
        for (int i = 0; i < s.size(); i++) {
            if (z[i] != zb) continue;
            int[] cnt = {0, 0};
            double[][] bufA = {ua}, bufC = {uc};
            int[][] idA = {ia}, idC = {ic};
            ps.forEach(i, (ii, j, dx, dy, dz, r) -> {
                if (z[j] == za && r < rab) {
                    if (cnt[0] == idA[0].length) { idA[0] = java.util.Arrays.copyOf(idA[0], 2 * cnt[0]); bufA[0] = java.util.Arrays.copyOf(bufA[0], 6 * cnt[0]); }
                    idA[0][cnt[0]] = j; bufA[0][3 * cnt[0]] = dx / r; bufA[0][3 * cnt[0] + 1] = dy / r; bufA[0][3 * cnt[0] + 2] = dz / r; cnt[0]++;
                }
                if (z[j] == zc && r < rcb) {
                    if (cnt[1] == idC[0].length) { idC[0] = java.util.Arrays.copyOf(idC[0], 2 * cnt[1]); bufC[0] = java.util.Arrays.copyOf(bufC[0], 6 * cnt[1]); }
                    idC[0][cnt[1]] = j; bufC[0][3 * cnt[1]] = dx / r; bufC[0][3 * cnt[1] + 1] = dy / r; bufC[0][3 * cnt[1] + 2] = dz / r; cnt[1]++;
                }
            });
            ua = bufA[0]; uc = bufC[0]; ia = idA[0]; ic = idC[0];
            for (int p = 0; p < cnt[0]; p++) {
                for (int q = (za == zc ? p + 1 : 0); q < cnt[1]; q++) {
                    double c = ua[3 * p] * uc[3 * q] + ua[3 * p + 1] * uc[3 * q + 1] + ua[3 * p + 2] * uc[3 * q + 2];
                    if (za != zc && c > 1 - 1e-12 && ia[p] == ic[q]) continue; // same atom & image as both arms
                    double th = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
                    int b = Math.min(bins - 1, (int) (th / 180.0 * bins));
                    hist[b]++;
                    sum += th; sum2 += th * th; n++;
                }
            }
        }
    }

    /** Bin centres (degrees). */
    public double[] angles() {
        double[] a = new double[bins];
        for (int k = 0; k < bins; k++) a[k] = (k + 0.5) * 180.0 / bins;
        return a;
    }

    /** Probability density (1/degree), normalised to unit area; zeros when no angle was seen. */
    public double[] density() {
        double[] d = new double[bins];
        double w = 180.0 / bins;
        for (int k = 0; k < bins; k++) d[k] = n == 0 ? 0 : hist[k] / (n * w);
        return d;
    }

    public double[] counts() { return hist.clone(); }
    public long total() { return n; }
    public double mean() { return n == 0 ? Double.NaN : sum / n; }
    public double std() { return n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sum2 - sum * sum / n) / (n - 1))); }
}
