package org.scalebridge.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * Partial radial distribution functions g_ab(r) accumulated over frames, with running coordination numbers.
 * Normalisation (Allen &amp; Tildesley §2.6, valid in any triclinic cell because all periodic images within r_max are
 * counted and only the cell volume V enters): g_ab(r) = ⟨n_ab(r, r+Δr)⟩ / [N_a (N_b − δ_ab)/V · (4π/3)((r+Δr)³ − r³)],
 * where n_ab counts ordered pairs (a-atom → b-neighbour), so an ideal gas gives g = 1 exactly in expectation.
 * Running coordination number CN_ab(r) = (number of b within r of an a atom) averaged over a atoms and frames
 * (= 4π ρ_b ∫₀^r g_ab r'² dr'), counted directly so that perfect crystals give integers.
 * Frames may differ in cell and atom count (NPT, GCMC): the normalisation sums per-frame ideal counts.
 */
public final class Rdf {
    private final double rmax, dr;
    private final int bins;
    private final int[] species;
    private final double[][] counts;   // [pair a*ns+b][bin] ordered-pair counts
    private final double[] ideal;      // [pair] Σ_frames N_a (N_b − δ_ab)/V
    private final double[] centres;    // [pair] Σ_frames N_a
    private int frames;

    /**
     * @param species type labels (atomic numbers) to resolve; every pair of them gets a partial g
     */
    public Rdf(double rmax, int bins, int[] species) {
        if (!(rmax > 0)) throw InputException.unphysical("rdf r_max (Å)", rmax, "> 0");
        if (bins < 1) throw InputException.unphysical("rdf bins", bins, "≥ 1");
        this.rmax = rmax;
        this.bins = bins;
        this.dr = rmax / bins;
        this.species = species.clone();
        int np = species.length * species.length;
        counts = new double[np][bins];
        ideal = new double[np];
        centres = new double[np];
    }

    /** An Rdf over every species present in the structure. */
    public static Rdf forSpeciesOf(Structure s, double rmax, int bins) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int i = 0; i < s.size(); i++) set.add(s.atomicNumbers()[i]);
        return new Rdf(rmax, bins, set.stream().mapToInt(Integer::intValue).toArray());
    }

    private int index(int z) {
        for (int k = 0; k < species.length; k++) if (species[k] == z) return k;
        return -1;
    }

    /** Adds one frame. */
    public void accumulate(Structure s) {
        if (!s.cell().fullyPeriodic()) throw InputException.field("rdf", "cell", "the RDF normalisation needs a fully periodic cell");
        int ns = species.length, n = s.size();
        int[] idx = new int[n], nOf = new int[ns];
        for (int i = 0; i < n; i++) {
            idx[i] = index(s.atomicNumbers()[i]);
            if (idx[i] >= 0) nOf[idx[i]]++;
        }
        double v = s.cell().volume();
        for (int a = 0; a < ns; a++)
            for (int b = 0; b < ns; b++) {
                ideal[a * ns + b] += nOf[a] * (double) (nOf[b] - (a == b ? 1 : 0)) / v;
                centres[a * ns + b] += nOf[a];
            }
        PairSearch ps = new PairSearch(s, rmax);
        for (int i = 0; i < n; i++) {
            int a = idx[i];
            if (a < 0) continue;
            ps.forEach(i, (ii, j, dx, dy, dz, r) -> {
                int b = idx[j];
                if (b < 0) return;
                int bin = (int) (r / dr);
                if (bin < bins) counts[a * ns + b][bin] += 1;
            });
        }
        frames++;
    }

    public int frames() { return frames; }
    public int[] species() { return species.clone(); }

    /** Bin centres (Å). */
    public double[] r() {
        double[] r = new double[bins];
        for (int k = 0; k < bins; k++) r[k] = (k + 0.5) * dr;
        return r;
    }

    /** Bin upper edges (Å), where running coordination numbers are evaluated. */
    public double[] rUpper() {
        double[] r = new double[bins];
        for (int k = 0; k < bins; k++) r[k] = (k + 1) * dr;
        return r;
    }

    /** g_ab(r) for species labels za, zb. */
    public double[] g(int za, int zb) {
        int p = pair(za, zb);
        double[] g = new double[bins];
        for (int k = 0; k < bins; k++) {
            double shell = 4.0 / 3.0 * Math.PI * (Math.pow((k + 1) * dr, 3) - Math.pow(k * dr, 3));
            g[k] = ideal[p] > 0 ? counts[p][k] / (ideal[p] * shell) : 0;
        }
        return g;
    }

    /** Running coordination number CN_ab at the bin upper edges. */
    public double[] coordination(int za, int zb) {
        int p = pair(za, zb);
        double[] cn = new double[bins];
        double run = 0;
        for (int k = 0; k < bins; k++) {
            run += counts[p][k];
            cn[k] = centres[p] > 0 ? run / centres[p] : 0;
        }
        return cn;
    }

    /** Coordination number of b around a within radius r (r ≤ r_max, at bin resolution: counts bins whose upper edge ≤ r + 1e-9). */
    public double coordinationAt(int za, int zb, double r) {
        double[] cn = coordination(za, zb);
        int k = (int) Math.floor(r / dr + 1e-9) - 1;
        return k < 0 ? 0 : cn[Math.min(k, bins - 1)];
    }

    private int pair(int za, int zb) {
        int a = index(za), b = index(zb);
        if (a < 0 || b < 0) throw InputException.field("rdf", "species", "pair " + za + "-" + zb + " not among " + java.util.Arrays.toString(species));
        return a * species.length + b;
    }

    /** Species pairs (a ≤ b) as label arrays. */
    public List<int[]> pairs() {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < species.length; a++) for (int b = a; b < species.length; b++) out.add(new int[] {species[a], species[b]});
        return out;
    }
}
