package org.scalebridge.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.scalebridge.core.Rng;
import org.scalebridge.io.Formats;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * A held-out test set for MTPs learned on the MnFePBA surrogate, built independently of the active-learning loop
 * (other seeds, other temperatures): (a) Langevin MD snapshots of 1×1×1 PBA cells (56–64 atoms) at x = 0, 0.5, 1,
 * 1.5, 2 and 300 / 550 / 800 K, and (b) insertion pairs: a snapshot with N Na and the same framework with one Na
 * more (added at the emptiest cage centre) or one Na less (a random Na removed). Each configuration is labelled by a
 * reference (by default the surrogate exactly as the loop's {@code surrogate} calculator labels: the model built for
 * that configuration's own x). {@link #evaluate} reports energy and force RMSE and the RMSE of the insertion energy
 * ΔE = E(N+1) − E(N), the quantity μ(x) is made of.
 */
public final class SurrogateHeldOut {
    public static final double[] XS = {0.0, 0.5, 1.0, 1.5, 2.0};
    public static final double[] TS = {300.0, 550.0, 800.0};

    /** MD snapshots (unlabelled geometry) and insertion pairs {N, N+1} (unlabelled). */
    public final List<Structure> snapshots = new ArrayList<>();
    public final List<Structure[]> pairs = new ArrayList<>();

    /** Reference labeller: the surrogate built for each configuration's own Na content (what the loop trains on). */
    public static Function<Structure, Potential> surrogate() {
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        return s -> ff.build(s).potential();
    }

    /**
     * Builds the set: per (x, T) an MD run of {@code steps} steps (1 fs) from a PBA cell with seed 900 + index,
     * {@code perRun} snapshots after a quarter of the run; the first two snapshots of each run also give one
     * insertion pair each (N → N+1 where a cage is empty, else N−1 → N).
     */
    public static SurrogateHeldOut build(int steps, int perRun, long seed) {
        SurrogateHeldOut h = new SurrogateHeldOut();
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        int run = 0;
        for (double x : XS) {
            for (double t : TS) {
                Structure s = StructureSpec.pba(x, new int[] {1, 1, 1}, seed + 900 + run).build();
                s.ensureVelocities();
                Potential p = ff.build(s).potential();
                MdSystem sys = new MdSystem(s, p, 1e-3);
                Rng rng = new Rng(seed).split(7000 + run);
                Velocities.maxwellBoltzmann(sys, t, rng.split(1));
                LangevinBaoab integ = new LangevinBaoab(t, 0.1, rng.split(2));
                integ.setup(sys);
                sys.computeForces();
                int first = steps / 4, stride = Math.max(1, (steps - first) / perRun), taken = 0;
                Rng pick = rng.split(3);
                for (int step = 1; step <= steps && taken < perRun; step++) {
                    integ.step(sys);
                    if (step > first && (step - first) % stride == 0) {
                        Structure snap = s.copy();
                        snap.clearVelocities();
                        snap.info().put("heldout", String.format(Locale.ROOT, "x=%.2f T=%.0f step %d", x, t, step));
                        h.snapshots.add(snap);
                        if (taken < 2) h.pairs.add(pair(snap, taken % 2 == 0 || snap.count(11) == 0, pick));
                        taken++;
                    }
                }
                run++;
            }
        }
        return h;
    }

    /** {N, N+1} by {@link NaPartner#pair}, tagged. */
    static Structure[] pair(Structure snap, boolean add, Rng rng) {
        Structure[] p = NaPartner.pair(snap, add, rng);
        Structure other = p[0] == snap ? p[1] : p[0];
        other.info().put("heldout", snap.info().get("heldout") + (p[0] == snap ? " +Na" : " -Na"));
        return p;
    }

    /** Energy, forces and virial of each configuration by the labeller (in place). */
    public static void label(List<Structure> set, Function<Structure, Potential> ref) {
        ForceResult r = new ForceResult().request(true, true, false);
        for (Structure s : set) {
            Structure w = s.copy();
            ref.apply(w).compute(w, r);
            s.setEnergy(r.energy());
            s.setForces(r.forcesCopy());
            s.setVirial(r.virial().clone());
        }
    }

    /** Snapshots followed by the pair members (2 per pair), as one list (what {@link #label} and file output take). */
    public List<Structure> all() {
        List<Structure> a = new ArrayList<>(snapshots);
        for (Structure[] p : pairs) { a.add(p[0]); a.add(p[1]); }
        return a;
    }

    public void label(Function<Structure, Potential> ref) {
        label(all(), ref);
    }

    /** Writes snapshots and pairs (pairs as consecutive frames) to one extxyz. */
    public void write(Path file) {
        Formats.write(file, all());
        try {
            Files.writeString(file.resolveSibling(file.getFileName() + ".count"), snapshots.size() + " " + pairs.size() + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static SurrogateHeldOut read(Path file) {
        List<Structure> a = Formats.read(file);
        String[] c;
        try {
            c = Files.readString(file.resolveSibling(file.getFileName() + ".count")).trim().split("\\s+");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int ns = Integer.parseInt(c[0]), np = Integer.parseInt(c[1]);
        SurrogateHeldOut h = new SurrogateHeldOut();
        h.snapshots.addAll(a.subList(0, ns));
        for (int k = 0; k < np; k++) h.pairs.add(new Structure[] {a.get(ns + 2 * k), a.get(ns + 2 * k + 1)});
        return h;
    }

    /** Errors of a model against the labels. */
    public record Report(double energyRmse, double forceRmse, double energyR2, double deltaRmse, double deltaMae, double deltaMaxAbs,
            double deltaRefSpread, int snapshots, int pairs) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "held-out %d configs: E RMSE %.2f meV/atom (R² %.4f), F RMSE %.3f eV/Å; "
                    + "ΔE(N→N+1) over %d pairs: RMSE %.3f eV, MAE %.3f eV, max %.3f eV (reference ΔE spread σ %.3f eV)",
                    snapshots, 1e3 * energyRmse, energyR2, forceRmse, pairs, deltaRmse, deltaMae, deltaMaxAbs, deltaRefSpread);
        }
    }

    /** Evaluates {@code model} (any potential) against the labels of the snapshots and pairs. */
    public Report evaluate(Potential model) {
        ForceResult r = new ForceResult().request(true, true, false);
        double se = 0, sf = 0, mean = 0, var = 0;
        long nf = 0;
        double[] perAtomRef = new double[snapshots.size()];
        for (int k = 0; k < snapshots.size(); k++) {
            Structure s0 = snapshots.get(k), s = s0.copy();
            model.compute(s, r);
            double de = (r.energy() - s0.energy()) / s.size();
            se += de * de;
            perAtomRef[k] = s0.energy() / s.size();
            mean += perAtomRef[k];
            for (int q = 0; q < 3 * s.size(); q += 3) {
                double dx = r.forces()[q] - s0.forces()[q], dy = r.forces()[q + 1] - s0.forces()[q + 1], dz = r.forces()[q + 2] - s0.forces()[q + 2];
                sf += dx * dx + dy * dy + dz * dz;
                nf++;
            }
        }
        mean /= snapshots.size();
        for (double v : perAtomRef) var += (v - mean) * (v - mean);
        double sd = 0, ad = 0, mx = 0, dm = 0, dv = 0;
        double[] dref = new double[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            Structure[] p = pairs.get(k);
            Structure a = p[0].copy(), b = p[1].copy();
            model.compute(a, r);
            double ea = r.energy();
            model.compute(b, r);
            double eb = r.energy();
            dref[k] = p[1].energy() - p[0].energy();
            double d = (eb - ea) - dref[k];
            sd += d * d;
            ad += Math.abs(d);
            mx = Math.max(mx, Math.abs(d));
            dm += dref[k];
        }
        dm /= Math.max(1, pairs.size());
        for (double v : dref) dv += (v - dm) * (v - dm);
        int n = snapshots.size(), np = Math.max(1, pairs.size());
        return new Report(Math.sqrt(se / n), Math.sqrt(sf / Math.max(1, nf)), 1 - se / Math.max(var, 1e-300), Math.sqrt(sd / np), ad / np, mx,
                Math.sqrt(dv / np), n, pairs.size());
    }
}
