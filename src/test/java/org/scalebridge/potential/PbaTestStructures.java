package org.scalebridge.potential;

import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * A simple PBA-like test structure (Fm-3m framework): Fe on fcc sites, Mn on the octahedral sites, C≡N along the
 * cell axes (Fe–C 1.92 Å, C–N 1.16 Å), Na at the 8 cage centres (8c) filled to x per formula unit; framework first,
 * then Na. Optional random displacements and a sheared (LAMMPS restricted-triclinic) cell.
 */
final class PbaTestStructures {
    static Structure build(double a, int rep, double x, double shear, double jitter, long seed) {
        Rng rng = new Rng(seed);
        double l = a * rep;
        Cell cell = new Cell(new double[][] {{l, 0, 0}, {shear * l, l, 0}, {-0.5 * shear * l, 0.7 * shear * l, l}});
        Structure s = new Structure(cell, 64 * rep * rep * rep);
        double[][] fe = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        double[][] mn = {{.5, 0, 0}, {0, .5, 0}, {0, 0, .5}, {.5, .5, .5}};
        double dC = 1.92 / a, dN = (1.92 + 1.16) / a;
        java.util.List<double[]> naSites = new java.util.ArrayList<>();
        for (int i = 0; i < rep; i++) for (int j = 0; j < rep; j++) for (int k = 0; k < rep; k++) {
            for (double[] f : fe) add(s, "Fe", f, i, j, k, rep, rng, jitter);
            for (double[] f : mn) add(s, "Mn", f, i, j, k, rep, rng, jitter);
            for (double[] f : fe) for (int d = 0; d < 3; d++) for (int sg = -1; sg <= 1; sg += 2) {
                double[] c = f.clone(); c[d] += sg * dC; add(s, "C", c, i, j, k, rep, rng, jitter);
                double[] nn = f.clone(); nn[d] += sg * dN; add(s, "N", nn, i, j, k, rep, rng, jitter);
            }
            for (double u = .25; u < 1; u += .5) for (double v = .25; v < 1; v += .5) for (double w = .25; w < 1; w += .5) {
                naSites.add(new double[] {u + i, v + j, w + k});
            }
        }
        int nNa = (int) Math.round(x * 4 * rep * rep * rep);
        // evenly spread occupancy (every (8/ (4x))-th site), deterministic
        for (int m = 0; m < nNa; m++) {
            double[] f = naSites.get((int) Math.floor((m + 0.5) * naSites.size() / nNa)).clone();
            add(s, "Na", new double[] {f[0] - Math.floor(f[0]), f[1] - Math.floor(f[1]), f[2] - Math.floor(f[2])},
                    (int) Math.floor(f[0]), (int) Math.floor(f[1]), (int) Math.floor(f[2]), rep, rng, jitter);
        }
        return s;
    }

    private static void add(Structure s, String el, double[] f, int i, int j, int k, int rep, Rng rng, double jitter) {
        double[] fr = {(f[0] + i) / rep, (f[1] + j) / rep, (f[2] + k) / rep};
        double[] r = new double[3];
        s.cell().toCartesian(fr, r);
        for (int d = 0; d < 3; d++) r[d] += jitter * (2 * rng.nextDouble() - 1);
        s.addAtom(el, r[0], r[1], r[2]);
    }
}
