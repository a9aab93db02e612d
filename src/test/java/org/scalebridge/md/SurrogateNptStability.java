package org.scalebridge.md;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.scalebridge.core.Rng;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Topology;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * Issue 3's surrogate check in our engine: NPT (MTK, fully flexible "tri" cell, 1 bar) of Na_xMn[Fe(CN)6] with the
 * MnFePBA surrogate at one (T, x), sampled every {@code sampleEvery} steps:
 * <ul>
 *   <li>the longest Fe–C, C≡N and Mn–N bond (every bond of the topology, every sampled frame) relative to its rest
 *       length r0 (Mn–N: the x-dependent r0 of the surrogate), which must stay below 1.3;</li>
 *   <li>mean bond lengths and mean cell volume over the production part (after {@code equilibrationPs});</li>
 *   <li>Na hops between cages (criterion in {@link CageTracker}).</li>
 * </ul>
 * Run one case: {@code java -cp ... org.scalebridge.md.SurrogateNptStability T x ps [dt_fs] [results.csv] [reps]}; the
 * result row is appended to results.csv (header written when new). {@link SurrogateNptValidationTest} runs the matrix.
 */
public final class SurrogateNptStability {
    /** Result of one run. */
    public record Result(double temperature, double xRequested, double x, int atoms, int sodium, double ps, double dtFs,
                         double maxRatioFeC, double maxRatioCN, double maxRatioMnN,
                         double meanFeC, double meanCN, double meanMnN, double meanVolume, double sdVolume,
                         double meanT, int hops, int hoppers, int frames, double cpuSeconds, String status) {
        public static String header() {
            return "T_K,x_req,x,atoms,Na,ps,dt_fs,max_FeC_over_r0,max_CN_over_r0,max_MnN_over_r0,mean_FeC_A,mean_CN_A,"
                    + "mean_MnN_A,mean_V_A3,sd_V_A3,mean_T_K,na_hops,na_hopping_atoms,frames,seconds,status";
        }

        public String csv() {
            return String.format(Locale.ROOT, "%.0f,%.2f,%.4f,%d,%d,%.1f,%.2f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.2f,%.2f,%.1f,%d,%d,%d,%.0f,%s",
                    temperature, xRequested, x, atoms, sodium, ps, dtFs, maxRatioFeC, maxRatioCN, maxRatioMnN,
                    meanFeC, meanCN, meanMnN, meanVolume, sdVolume, meanT, hops, hoppers, frames, cpuSeconds, status);
        }
    }

    /** Phase the builder starts from: Na-poor tetragonal below x = 1.5, Na-rich rhombohedral above (paper Fig. 1). */
    static PbaPhase phaseFor(double x) { return x < 1.5 ? PbaPhase.TETRAGONAL : PbaPhase.RHOMBOHEDRAL; }

    /**
     * Runs one case on a 2×2×2 supercell of the pseudo-cubic cell (448–512 atoms, perpendicular widths ≈ 19–20 Å:
     * the smallest box that holds the 8 Å Born–Mayer cutoff within half a width and the 10 Å DSF cutoff at about
     * half a width, so a Na does not meet its own image's neighbourhood at short range).
     */
    public static Result run(double temperature, double x, double ps, double dtFs, double equilibrationPs, int sampleEvery,
                             long seed, int threads) {
        return run(temperature, x, ps, dtFs, equilibrationPs, sampleEvery, seed, threads, 2, null);
    }

    /**
     * As {@link #run(double, double, double, double, double, int, long, int)} on a reps³ supercell; {@code partial}
     * (may be null) receives the result so far every 10 ps.
     */
    public static Result run(double temperature, double x, double ps, double dtFs, double equilibrationPs, int sampleEvery,
                             long seed, int threads, int reps, java.util.function.Consumer<Result> partial) {
        Structure s = new PbaBuilder(phaseFor(x)).x(x).supercell(reps, reps, reps).seed(seed).build();
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        MnFePbaSurrogate.Model model = ff.build(s);
        var pot = model.potential();
        pot.setThreads(threads);
        Topology topo = model.topology();
        int nb = topo.bondCount();
        int[] bi = new int[nb], bj = new int[nb], bt = new int[nb];
        for (int b = 0; b < nb; b++) {
            int[] q = topo.bond(b);
            bt[b] = q[0]; bi[b] = q[1]; bj[b] = q[2];
        }
        var types = topo.bondTypes();
        int types3 = types.size();
        double[] r0 = new double[types3];
        int[] kind = new int[types3]; // 0 Fe-C, 1 C-N, 2 Mn-N
        for (int k = 0; k < types3; k++) {
            r0[k] = types.get(k).r0();
            String l = types.get(k).label();
            kind[k] = l.equals("Fe-C") ? 0 : l.equals("C-N") ? 1 : 2;
        }
        MdSystem sys = new MdSystem(s, pot, dtFs * 1e-3);
        Velocities.maxwellBoltzmann(sys, temperature, new Rng(seed).split(7));
        NptMtk integ = new NptMtk(temperature, 1.0, 0.1, 1.0, NptMtk.Coupling.TRI, 3);
        MdRun run = new MdRun(sys, integ).thermoEvery(sampleEvery);
        DivergenceGuard g = new DivergenceGuard(0.5, 10, sampleEvery);
        g.setReferenceTemperature(temperature);
        run.guard(g);
        double[] maxRatio = new double[3], sumLen = new double[3];
        long[] cntLen = new long[3];
        double[] d = new double[3];
        double[] vStat = new double[3]; // n, sum, sum of squares
        double[] tStat = new double[2];
        long eqStep = Math.round(equilibrationPs / (dtFs * 1e-3));
        CageTracker cages = new CageTracker(reps, reps, reps);
        long partialEvery = Math.round(10.0 / (dtFs * 1e-3));
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        int[] frames = {0};
        run.listener(t -> {
            Structure st = sys.structure();
            boolean prod = t.step() >= eqStep;
            for (int b = 0; b < nb; b++) {
                d[0] = st.x(bj[b]) - st.x(bi[b]); d[1] = st.y(bj[b]) - st.y(bi[b]); d[2] = st.z(bj[b]) - st.z(bi[b]);
                double r = Math.sqrt(st.cell().minimumImage(d));
                int kk = kind[bt[b]];
                maxRatio[kk] = Math.max(maxRatio[kk], r / r0[bt[b]]);
                if (prod) { sumLen[kk] += r; cntLen[kk]++; }
            }
            if (prod) {
                double v = st.cell().volume();
                vStat[0]++; vStat[1] += v; vStat[2] += v * v;
                tStat[0]++; tStat[1] += t.temperature();
            }
            cages.observe(st);
            frames[0]++;
            if (partial != null && t.step() > 0 && t.step() % partialEvery == 0) {
                partial.accept(result(temperature, x, dtFs, s, sys, model, maxRatio, sumLen, cntLen, vStat, tStat, cages, frames[0],
                        (mx.getCurrentThreadCpuTime() - c0) * 1e-9, "partial"));
            }
        });
        long steps = Math.round(ps / (dtFs * 1e-3));
        String status = "ok";
        try {
            run.runUntil(steps);
        } catch (DivergenceException e) {
            status = "diverged at step " + sys.step() + ": " + e.getMessage().replace(',', ';');
        }
        double cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
        return result(temperature, x, dtFs, s, sys, model, maxRatio, sumLen, cntLen, vStat, tStat, cages, frames[0], cpu, status);
    }

    private static Result result(double temperature, double x, double dtFs, Structure s, MdSystem sys, MnFePbaSurrogate.Model model,
                                 double[] maxRatio, double[] sumLen, long[] cntLen, double[] vStat, double[] tStat,
                                 CageTracker cages, int frames, double cpu, String status) {
        double mv = vStat[0] > 0 ? vStat[1] / vStat[0] : Double.NaN;
        double sv = vStat[0] > 1 ? Math.sqrt(Math.max(0, (vStat[2] - vStat[0] * mv * mv) / (vStat[0] - 1))) : Double.NaN;
        return new Result(temperature, x, model.x(), s.size(), s.count(11), sys.time(), dtFs, maxRatio[0], maxRatio[1], maxRatio[2],
                sumLen[0] / cntLen[0], sumLen[1] / cntLen[1], sumLen[2] / cntLen[2], mv, sv,
                tStat[0] > 0 ? tStat[1] / tStat[0] : Double.NaN, cages.hops(), cages.hoppingAtoms(), frames, cpu, status);
    }

    /**
     * Assigns each Na to a cage of the framework. The metal atoms (Fe, Mn) form a simple-cubic lattice of spacing
     * a/2 in the pseudo-cubic cell; a cage is one of its sub-cubes (8 per pseudo-cubic cell), with its faces (the
     * windows a Na must cross) on the metal planes. In fractional coordinates scaled by 2·(cells per axis), s, the
     * metal lattice sits at integer s + offset (offset: circular mean over all metals, so drift and the affine NPT
     * deformation are followed), and a Na at s lies in cage floor(s − offset) with local coordinate
     * u = s − offset − floor(·) ∈ [0, 1). <b>Hop criterion (core-set, with hysteresis):</b> a Na belongs to a cage
     * once it is inside the cage's core, |u − ½| &lt; 0.3 on all three axes (a cube of edge 0.6·a/2 ≈ 3 Å around the
     * centre, which contains both the 8c centre and the displaced rhombohedral sites); a hop is counted when it
     * enters the core of a different cage than the one it last belonged to. Rattling in the window region between
     * two cores never counts.
     */
    static final class CageTracker {
        private final int[] m = new int[3];
        private int[] last;
        private int hops;
        private boolean[] hopped;

        CageTracker(int a, int b, int c) { m[0] = 2 * a; m[1] = 2 * b; m[2] = 2 * c; }

        void observe(Structure s) {
            int n = s.size();
            double[] off = new double[3];
            double[] cs = new double[3], sn = new double[3];
            int nm = 0;
            for (int i = 0; i < n; i++) {
                int z = s.atomicNumbers()[i];
                if (z != 26 && z != 25) continue;
                double[] f = s.fractional(i);
                for (int k = 0; k < 3; k++) {
                    double ang = 2 * Math.PI * f[k] * m[k];
                    cs[k] += Math.cos(ang); sn[k] += Math.sin(ang);
                }
                nm++;
            }
            if (nm == 0) return;
            for (int k = 0; k < 3; k++) off[k] = Math.atan2(sn[k], cs[k]) / (2 * Math.PI);
            if (last == null) {
                last = new int[n];
                hopped = new boolean[n];
                java.util.Arrays.fill(last, -1);
            }
            for (int i = 0; i < n; i++) {
                if (s.atomicNumbers()[i] != 11) continue;
                double[] f = s.fractional(i);
                int cage = 0;
                boolean core = true;
                for (int k = 0; k < 3; k++) {
                    double t = f[k] * m[k] - off[k];
                    double fl = Math.floor(t);
                    double u = t - fl;
                    if (Math.abs(u - 0.5) >= 0.3) core = false;
                    int idx = Math.floorMod((int) fl, m[k]);
                    cage = cage * m[k] + idx;
                }
                if (!core) continue;
                if (last[i] >= 0 && last[i] != cage) { hops++; hopped[i] = true; }
                last[i] = cage;
            }
        }

        int hops() { return hops; }

        int hoppingAtoms() {
            int c = 0;
            if (hopped != null) for (boolean h : hopped) if (h) c++;
            return c;
        }
    }

    public static void main(String[] args) throws IOException {
        double t = Double.parseDouble(args[0]), x = Double.parseDouble(args[1]), ps = Double.parseDouble(args[2]);
        double dt = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        Path out = args.length > 4 && !args[4].isEmpty() ? Path.of(args[4]) : null;
        int reps = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        System.out.println(Result.header());
        Result r = run(t, x, ps, dt, Math.min(20, ps / 5), 100, 2026, 1, reps, p -> System.out.println(p.csv()));
        System.out.println(Result.header());
        System.out.println(r.csv());
        if (out != null) {
            if (!Files.exists(out)) Files.writeString(out, Result.header() + "\n");
            Files.writeString(out, r.csv() + "\n", StandardOpenOption.APPEND);
        }
    }
}
