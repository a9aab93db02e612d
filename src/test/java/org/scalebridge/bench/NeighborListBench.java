package org.scalebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.io.Formats;
import org.scalebridge.io.IoOptions;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * Neighbour-list build time (printed, never asserted): the 80 Å MnFePBA box (32,768 atoms, x = 2) at a 5 Å cutoff,
 * and 32,000 LJ atoms (fcc, ρ* = 0.8442) at 2.8σ (the LAMMPS "in.lj" benchmark: 2.5σ cutoff + 0.3σ skin). The peer
 * is LAMMPS when {@code lmp} is on the PATH: the same systems, a half list rebuilt every step of a run with
 * {@code pair_style zero}, its "Neigh" time divided by the number of builds. Single thread on both sides.
 * Run: {@code mvn -B -Pbench verify -Dtest=NeighborListBench}.
 */
@Tag("bench")
class NeighborListBench {

    static Structure ljFcc(int cells, double rhoStar, long seed) {
        double a = Math.cbrt(4 / rhoStar);  // σ = 1 Å here: lengths in units of σ
        Structure s = new Structure(Cell.orthorhombic(cells * a, cells * a, cells * a), 4 * cells * cells * cells);
        double[][] basis = {{0, 0, 0}, {.5, .5, 0}, {.5, 0, .5}, {0, .5, .5}};
        Rng rng = new Rng(seed);
        for (int i = 0; i < cells; i++) for (int j = 0; j < cells; j++) for (int k = 0; k < cells; k++) {
            for (double[] b : basis) {
                // small random displacements (0.02σ) so the list does not see a perfect lattice
                s.addAtom(18, (i + b[0]) * a + 0.02 * rng.nextGaussian(), (j + b[1]) * a + 0.02 * rng.nextGaussian(),
                        (k + b[2]) * a + 0.02 * rng.nextGaussian());
            }
        }
        return s;
    }

    /** Median wall time (ms) of {@code reps} full builds after {@code warm} warm-up builds; also returns pairs. */
    static double[] time(Structure s, double cutoff, double skin, boolean half, int warm, int reps) {
        NeighborList nl = new NeighborList(cutoff, skin, half);
        for (int i = 0; i < warm; i++) nl.build(s);
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            nl.build(s);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return new double[] {t[reps / 2], nl.pairCount(), t[0]};
    }

    @Test
    void buildTimes() throws Exception {
        Structure pba = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(2).supercell(8, 8, 8).build();
        Structure lj = ljFcc(20, 0.8442, 1);
        System.out.printf(Locale.ROOT, "%n=== Neighbour-list build (single thread, median of 10 after 5 warm-up) ===%n");
        List<String> lines = new ArrayList<>();
        double[] pbaHalf = time(pba, 5.0, 0.0, true, 5, 10);
        double[] pbaFull = time(pba, 5.0, 0.0, false, 5, 10);
        double[] ljHalf = time(lj, 2.5, 0.3, true, 5, 10);
        double[] ljFull = time(lj, 2.5, 0.3, false, 5, 10);
        lines.add(row("MnFePBA 8x8x8 (" + pba.size() + " atoms), rc 5 Å, half", pbaHalf));
        lines.add(row("MnFePBA 8x8x8 (" + pba.size() + " atoms), rc 5 Å, full", pbaFull));
        lines.add(row("LJ fcc ρ*=0.8442 (" + lj.size() + " atoms), 2.5σ+0.3σ, half", ljHalf));
        lines.add(row("LJ fcc ρ*=0.8442 (" + lj.size() + " atoms), 2.5σ+0.3σ, full", ljFull));
        lines.forEach(System.out::println);

        Path lmp = findOnPath("lmp");
        if (lmp == null) {
            System.out.println("LAMMPS (lmp) not on PATH: no peer ratio");
            return;
        }
        Path dir = Files.createTempDirectory("nlbench");
        Formats.write(dir.resolve("pba.data"), List.of(pba), IoOptions.defaults().atomStyle("atomic"));
        Formats.write(dir.resolve("lj.data"), List.of(lj), IoOptions.defaults().atomStyle("atomic"));
        int steps = 20;
        double lPba = lammpsNeighPerBuild(lmp, dir, "pba.data", 5.0, 0.0, steps);
        double lLj = lammpsNeighPerBuild(lmp, dir, "lj.data", 2.5, 0.3, steps);
        System.out.printf(Locale.ROOT, "LAMMPS %s, half list, Neigh time per build: PBA %.2f ms, LJ %.2f ms%n", lmp, lPba, lLj);
        System.out.printf(Locale.ROOT, "ratio ScaleBridge/LAMMPS (half list, lower is better): PBA %.2f, LJ %.2f%n",
                pbaHalf[0] / lPba, ljHalf[0] / lLj);
    }

    static String row(String name, double[] r) {
        return String.format(Locale.ROOT, "%-58s %8.1f ms (best %7.1f)  %,12d pairs", name, r[0], r[2], (long) r[1]);
    }

    static Path findOnPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** LAMMPS: rebuild every step for {@code steps} steps with a zero pair style; Neigh seconds → ms per build. */
    static double lammpsNeighPerBuild(Path lmp, Path dir, String data, double rc, double skin, int steps)
            throws IOException, InterruptedException {
        String in = String.join("\n",
                "units metal", "atom_style atomic", "boundary p p p", "read_data " + data,
                "mass * 1.0",
                "pair_style zero " + rc, "pair_coeff * *",
                "neighbor " + skin + " bin", "neigh_modify every 1 delay 0 check no",
                "velocity all create 1.0 1 loop geom",
                "fix 1 all nve", "timestep 0.0",
                "run " + steps, "");
        Files.writeString(dir.resolve("in.bench"), in);
        ProcessBuilder pb = new ProcessBuilder(lmp.toString(), "-in", "in.bench", "-log", "none")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.out.println("LAMMPS failed:\n" + out);
            return Double.NaN;
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("Neigh ")) {
                String[] f = line.split("\\|");
                double sec = Double.parseDouble(f[2].trim()); // avg time over MPI ranks (1 rank)
                return 1000 * sec / (steps + 1);              // setup build + one per step
            }
        }
        System.out.println("no Neigh line in LAMMPS output:\n" + out);
        return Double.NaN;
    }
}
