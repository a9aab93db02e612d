package org.scalebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.mc.ExchangeSpecies;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.MoveStats;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Exchange moves per second on LJ systems of 4,000 and 32,000 atoms: this engine (neighbourhood-only ΔU) vs LAMMPS
 * {@code fix gcmc} measured in the same run, with and without {@code full_energy}. Same state for both: LJ units
 * (ε = σ = m = 1, Λ = 1), r_c = 3σ unshifted, T* = 2, μ* = 0.5, fcc lattice at ρ* = 0.6 (10³ / 20³ cells), exchange
 * attempts only. LAMMPS rate = attempts / "Loop time" (which includes one force evaluation per step, amortised
 * over the step's attempts). Prints the ratios; never asserts on time.
 */
@Tag("bench")
class GcmcBenchmark {
    static final double TSTAR = 2.0, MU = 0.5, RHO = 0.6;

    static Structure fcc(int n) {
        double a = Math.cbrt(4 / RHO);
        Structure s = new Structure(Cell.orthorhombic(n * a, n * a, n * a), 4 * n * n * n + 1024);
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++)
            for (double[] b : basis) s.addAtom(18, (i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a, 1.0);
        return s;
    }

    /** Our exchange moves per second (after a JIT warm-up). */
    static double[] ours(int cells, double seconds) {
        Structure s = fcc(cells);
        LennardJones lj = new LennardJones(LennardJones.table(3.0).pair("Ar", "Ar", 1.0, 1.0), false, false);
        ExchangeSpecies sp = ExchangeSpecies.ofMu(18, 1.0, 0, MU).withThermalWavelength(1.0);
        Gcmc mc = new Gcmc(s, lj, TSTAR / Units.KB_EV_PER_K, sp, 0.5, 0.0, new Rng(12345));
        for (int k = 0; k < 20000; k++) mc.attemptExchange();
        mc.stats().reset();
        long t0 = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - t0 < seconds * 1e9) {
            for (int k = 0; k < 10000; k++) mc.attemptExchange();
            n += 10000;
        }
        double dt = (System.nanoTime() - t0) * 1e-9;
        double drift = mc.recomputeEnergy();
        return new double[] {n / dt, mc.stats().acceptance(MoveStats.Type.INSERTION),
                mc.stats().acceptance(MoveStats.Type.DELETION), drift, s.size()};
    }

    /** Our exchange moves per second on the MnFePBA surrogate (rep³ conventional cells, half filled with Na). */
    static double[] surrogate(int rep, double seconds) throws Exception {
        Structure s;
        try (var in = GcmcBenchmark.class.getResourceAsStream("/org/scalebridge/mc/pba-tetragonal-x0.extxyz")) {
            Path tmp = Files.createTempFile("pba", ".extxyz");
            Files.write(tmp, in.readAllBytes());
            s = org.scalebridge.io.Formats.readFirst(tmp).repeat(rep, rep, rep);
        }
        Rng rng = new Rng(5);
        int nNa = s.count(26); // x = 1
        double[] f = new double[3], r = new double[3], d = new double[3];
        while (s.count(11) < nNa) {
            f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
            s.cell().toCartesian(f, r);
            boolean ok = true;
            for (int j = 0; j < s.size() && ok; j++) {
                d[0] = s.x(j) - r[0]; d[1] = s.y(j) - r[1]; d[2] = s.z(j) - r[2];
                ok = s.cell().minimumImage(d) >= 2.0 * 2.0;
            }
            if (ok) s.addAtom(11, r[0], r[1], r[2]);
        }
        org.scalebridge.potential.MnFePbaSurrogate ff = org.scalebridge.potential.MnFePbaSurrogate.load();
        var model = ff.build(s);
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, ff.charge("Na", model.x()), -2.0);
        Gcmc mc = new Gcmc(s, model.potential(), 300, List.of(na), null, 0.4, 1.8, rng);
        for (int k = 0; k < 2000; k++) mc.attemptExchange();
        mc.stats().reset();
        long t0 = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - t0 < seconds * 1e9) {
            for (int k = 0; k < 1000; k++) mc.attemptExchange();
            n += 1000;
        }
        double dt = (System.nanoTime() - t0) * 1e-9;
        double drift = mc.recomputeEnergy();
        return new double[] {n / dt, mc.stats().acceptance(MoveStats.Type.INSERTION),
                mc.stats().acceptance(MoveStats.Type.DELETION), drift, s.size()};
    }

    static final String DECK = """
            units lj
            atom_style atomic
            atom_modify map array
            lattice fcc %s
            region box block 0 %d 0 %d 0 %d
            create_box 1 box
            create_atoms 1 box
            mass 1 1.0
            pair_style lj/cut 3.0
            pair_coeff 1 1 1.0 1.0 3.0
            pair_modify shift no tail no
            neighbor 0.3 bin
            neigh_modify every 1 delay 0 check yes
            fix g all gcmc 1 %d 0 1 12345 %s %s 1.0 %s
            thermo %d
            thermo_style custom step atoms f_g[3] f_g[4] f_g[5] f_g[6]
            run %d
            """;

    /** LAMMPS exchange moves per second, or NaN when lmp is missing or fails. */
    static double lammps(Path dir, int cells, int perStep, int steps, boolean full) throws Exception {
        String deck = String.format(Locale.ROOT, DECK, RHO, cells, cells, cells, perStep, TSTAR, MU,
                full ? "full_energy" : "", steps, steps);
        Path in = dir.resolve("in." + cells + (full ? ".full" : ".local") + ".lmp");
        Path log = dir.resolve("log." + cells + (full ? ".full" : ".local"));
        Files.writeString(in, deck);
        Process p;
        try {
            p = new ProcessBuilder("lmp", "-in", in.toString(), "-log", log.toString(), "-screen", "none", "-nocite")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Double.NaN;
        }
        p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) return Double.NaN;
        Matcher m = Pattern.compile("Loop time of ([0-9.eE+-]+) on").matcher(Files.readString(log));
        if (!m.find()) return Double.NaN;
        return (double) perStep * steps / Double.parseDouble(m.group(1));
    }

    @Test
    void exchangeMovesPerSecond() throws Exception {
        Path dir = Files.createTempDirectory("gcmc-bench");
        StringBuilder report = new StringBuilder("\nGCMC exchange-move benchmark (LJ, T*=2, mu*=0.5, fcc rho*=0.6 start)\n");
        for (int[] c : List.of(new int[] {10, 1000, 4, 20, 5}, new int[] {20, 1000, 2, 10, 2})) {
            int cells = c[0];
            double[] o = ours(cells, 3.0);
            double lLocal = lammps(dir, cells, c[1], c[2], false);
            double lFull = lammps(dir, cells, c[3], c[4], true);
            report.append(String.format(Locale.ROOT,
                    "%6d atoms: ours %.4g moves/s (acc ins %.3g, del %.3g, energy drift %.1e eV); LAMMPS %.4g moves/s, "
                            + "full_energy %.4g moves/s; ratio vs LAMMPS %.1fx, vs full_energy %.0fx%n",
                    4 * cells * cells * cells, o[0], o[1], o[2], o[3], lLocal, lFull, o[0] / lLocal, o[0] / lFull));
        }
        for (int rep : new int[] {1, 2}) {
            double[] o = surrogate(rep, 3.0);
            report.append(String.format(Locale.ROOT,
                    "MnFePBA surrogate %dx%dx%d tetragonal cell(s), %d atoms (x = 1 Na/Fe), 300 K: ours %.4g exchange moves/s "
                            + "(acc ins %.3g, del %.3g, energy drift %.1e eV); LAMMPS not run (see report)%n",
                    rep, rep, rep, (int) o[4], o[0], o[1], o[2], o[3]));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "gcmc-benchmark.txt"), report.toString());
    }
}
