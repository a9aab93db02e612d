package org.scalebridge.potential.mtp;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.io.MlipCfg;
import org.scalebridge.structure.Structure;

/**
 * Extrapolation grades of configurations with an MTP and its {@link MtpActiveSet}: cfg mode uses one row per
 * configuration, ∂E/∂θ / N^{w/2} (w = weight_scaling); nbh mode one row per atom, ∂V_i/∂θ, and gives a per-atom
 * grade (stored by {@link #gradeAndStore} as the structure's "nbh_grades" array for the viewer).
 */
public final class MtpGrader {
    private final MtpPotential pot;
    private final MtpKernel kernel;
    private final MtpKernel.Workspace w;
    private MtpActiveSet set;
    private double[] row = new double[0], work = new double[0];

    public MtpGrader(MtpPotential pot, MtpActiveSet set) {
        this.pot = pot;
        this.kernel = pot.kernel();
        this.w = kernel.workspace();
        this.set = set;
        if (set.size() != pot.model().parameterCount()) {
            throw new IllegalArgumentException("active set has " + set.size() + " columns, the MTP " + pot.model().parameterCount() + " parameters");
        }
    }

    public MtpActiveSet activeSet() { return set; }

    /** ∂E/∂θ / N^{w/2} of a configuration. */
    public double[] cfgRow(Structure s) {
        int n = s.size();
        double[] row = new double[set.size()];
        int[] t = prepare(s);
        for (int i = 0; i < n; i++) {
            pot.gather(w, s, i, t);
            kernel.energyAndParamGradient(w, t[i], row);
        }
        double scale = Math.pow(n, set.weightScaling / 2);
        for (int q = 0; q < row.length; q++) row[q] /= scale;
        return row;
    }

    /** ∂V_i/∂θ for every atom. */
    public double[][] nbhRows(Structure s) {
        int n = s.size();
        double[][] rows = new double[n][set.size()];
        int[] t = prepare(s);
        for (int i = 0; i < n; i++) {
            pot.gather(w, s, i, t);
            kernel.energyAndParamGradient(w, t[i], rows[i]);
        }
        return rows;
    }

    private int[] prepare(Structure s) {
        synchronized (pot) {
            pot.neighborList().update(s);
        }
        return pot.types(s);
    }

    /** γ of a configuration; in nbh mode perAtom (length ≥ N, may be null) receives each atom's γ_i. */
    public double grade(Structure s, double[] perAtom) {
        if (!set.nbhMode()) return set.grade(cfgRow(s));
        // one row at a time: ∂V_i/∂θ (no position derivatives), then γ_i
        int n = s.size(), np = set.size();
        if (row.length < np) { row = new double[np]; work = new double[np]; }
        int[] t = prepare(s);
        double g = 0;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(row, 0, np, 0.0);
            pot.gather(w, s, i, t);
            kernel.energyAndParamGradient(w, t[i], row);
            double gi = set.grade(row, work);
            if (perAtom != null) perAtom[i] = gi;
            g = Math.max(g, gi);
        }
        return g;
    }

    /** Grades a structure and stores per-atom grades (nbh mode) as the "nbh_grades" array and "MV_grade" info. */
    public double gradeAndStore(Structure s) {
        double[] per = new double[s.size()];
        double g = grade(s, per);
        if (set.nbhMode()) {
            var arr = s.array("nbh_grades");
            if (arr == null) arr = s.addArray("nbh_grades", org.scalebridge.structure.PerAtomArray.Type.REAL, 1);
            System.arraycopy(per, 0, arr.reals(), 0, s.size());
        }
        s.info().put("MV_grade", g);
        return g;
    }

    /**
     * Builds the active set by MaxVol over training configurations (as MLIP's train does after fitting), with the
     * given swap threshold (MLIP-3: 1.001). The configurations whose rows enter are kept in the set.
     */
    public int buildFrom(List<Structure> training, List<MlipCfg.Configuration> cfgs, double threshold) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> rc = new ArrayList<>(), re = new ArrayList<>();
        for (int c = 0; c < training.size(); c++) {
            if (set.nbhMode()) {
                double[][] r = nbhRows(training.get(c));
                for (int i = 0; i < r.length; i++) { rows.add(r[i]); rc.add(c); re.add(i); }
            } else {
                rows.add(cfgRow(training.get(c)));
                rc.add(c);
                re.add(0);
            }
        }
        int swaps = set.maxvol(rows.toArray(new double[0][]), rc.stream().mapToInt(Integer::intValue).toArray(),
                re.stream().mapToInt(Integer::intValue).toArray(), threshold, 0);
        // keep the configurations that are linked, renumbered
        if (cfgs != null) {
            int[] newIndex = new int[training.size()];
            java.util.Arrays.fill(newIndex, -1);
            set.configurations.clear();
            for (int k = 0; k < set.size(); k++) {
                int c = set.linkCfg[k];
                if (c < 0) continue;
                if (newIndex[c] < 0) { newIndex[c] = set.configurations.size(); set.configurations.add(cfgs.get(c)); }
                set.linkCfg[k] = newIndex[c];
            }
        }
        return swaps;
    }

    /**
     * MaxVol selection from a pool (as MLIP's select-add): returns the indices of the candidate configurations whose
     * rows enter the active set; the set is updated.
     */
    public List<Integer> select(List<Structure> pool, double threshold) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> rc = new ArrayList<>(), re = new ArrayList<>();
        for (int c = 0; c < pool.size(); c++) {
            if (set.nbhMode()) {
                double[][] r = nbhRows(pool.get(c));
                for (int i = 0; i < r.length; i++) { rows.add(r[i]); rc.add(c); re.add(i); }
            } else {
                rows.add(cfgRow(pool.get(c)));
                rc.add(c);
                re.add(0);
            }
        }
        int[] before = set.linkCfg.clone();
        int[] marker = new int[rc.size()];
        for (int q = 0; q < marker.length; q++) marker[q] = -2 - rc.get(q); // distinguish pool links from old ones
        set.maxvol(rows.toArray(new double[0][]), marker, re.stream().mapToInt(Integer::intValue).toArray(), threshold, 0);
        java.util.TreeSet<Integer> sel = new java.util.TreeSet<>();
        for (int k = 0; k < set.size(); k++) {
            if (set.linkCfg[k] <= -2) {
                int c = -2 - set.linkCfg[k];
                sel.add(c);
            }
        }
        // renumber: selected pool configurations are appended after the existing ones
        List<Integer> out = new ArrayList<>(sel);
        int base = set.configurations.size();
        for (int k = 0; k < set.size(); k++) {
            if (set.linkCfg[k] <= -2) set.linkCfg[k] = base + out.indexOf(-2 - set.linkCfg[k]);
        }
        for (int c : out) set.configurations.add(MlipCfg.Configuration.fromStructure(pool.get(c), pot.typeToZ()));
        assert before.length == set.size();
        return out;
    }
}
