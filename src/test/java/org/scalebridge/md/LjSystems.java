package org.scalebridge.md;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Reduced Lennard-Jones units mapped onto metal units for the MD tests: ε = 1 eV, σ = 1 Å and
 * m = 1/MVV2E amu (= 9648.53 amu), so that τ = σ√(m/ε) = 1 ps exactly, T = T*·ε/k_B = T* / KB_EV_PER_K K,
 * pressure P* = P·σ³/ε is numerically eV/Å³ (bar = P*·BAR_PER_EV_A3), velocities v* = Å/ps.
 * Every LAMMPS "units lj" number therefore carries over unchanged (times dimensional factors of one).
 */
final class LjSystems {
    private LjSystems() {}

    static final double MASS = 1.0 / Units.MVV2E;

    static double kelvin(double tStar) { return tStar / Units.KB_EV_PER_K; }

    static double bar(double pStar) { return pStar * Units.BAR_PER_EV_A3; }

    static double pStar(double bar) { return bar / Units.BAR_PER_EV_A3; }

    /** fcc lattice of n³ conventional cells at reduced density rho (4 atoms per cell), like LAMMPS lattice fcc rho. */
    static Structure fcc(int n, double rho) {
        double a = Math.cbrt(4 / rho);
        Structure s = new Structure(Cell.orthorhombic(n * a, n * a, n * a), 4 * n * n * n);
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) {
            for (double[] b : basis) s.addAtom(18, (i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a, MASS);
        }
        s.ensureVelocities();
        return s;
    }

    /** Reads a LAMMPS "write_data" file with Atoms # atomic and Velocities sections (orthogonal box), sorted by id. */
    static Structure readLammpsData(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p);
        int n = 0;
        double[] lo = new double[3], hi = new double[3];
        int atomsAt = -1, velAt = -1;
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k).trim();
            if (l.endsWith(" atoms")) n = Integer.parseInt(l.split("\\s+")[0]);
            for (int d = 0; d < 3; d++) {
                String key = "xyz".charAt(d) + "lo " + "xyz".charAt(d) + "hi";
                if (l.endsWith(key)) {
                    String[] t = l.split("\\s+");
                    lo[d] = Double.parseDouble(t[0]);
                    hi[d] = Double.parseDouble(t[1]);
                }
            }
            if (l.startsWith("Atoms")) atomsAt = k + 2;
            if (l.startsWith("Velocities")) velAt = k + 2;
        }
        Structure s = new Structure(Cell.orthorhombic(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]), n);
        for (int i = 0; i < n; i++) s.addAtom(18, 0, 0, 0, MASS);
        double[] r = s.positions(), v = s.ensureVelocities();
        int[] im = s.images();
        for (int k = 0; k < n; k++) {
            String[] t = lines.get(atomsAt + k).trim().split("\\s+");
            int id = Integer.parseInt(t[0]) - 1;
            for (int d = 0; d < 3; d++) {
                r[3 * id + d] = Double.parseDouble(t[2 + d]) - lo[d];
                im[3 * id + d] = Integer.parseInt(t[5 + d]);
            }
        }
        for (int k = 0; k < n; k++) {
            String[] t = lines.get(velAt + k).trim().split("\\s+");
            int id = Integer.parseInt(t[0]) - 1;
            for (int d = 0; d < 3; d++) v[3 * id + d] = Double.parseDouble(t[1 + d]);
        }
        return s;
    }

    static Path reference() {
        String p = System.getProperty("scalebridge.reference");
        return p == null ? Path.of("../shared/reference") : Path.of(p);
    }

    /** Mean and 20-block standard error of a series. */
    static double[] blockStats(double[] x, int blocks) {
        int len = x.length / blocks;
        int start = x.length - len * blocks;
        double mean = 0;
        for (int k = start; k < x.length; k++) mean += x[k];
        mean /= (len * blocks);
        double[] bm = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double s = 0;
            for (int k = 0; k < len; k++) s += x[start + b * len + k];
            bm[b] = s / len;
        }
        double var = 0;
        for (double v : bm) var += (v - mean) * (v - mean);
        var /= (blocks - 1);
        return new double[] {mean, Math.sqrt(var / blocks)};
    }
}
