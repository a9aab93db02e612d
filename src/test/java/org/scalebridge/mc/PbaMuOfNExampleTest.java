package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.io.Formats;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * Example μ(N) of Na in the MnFePBA surrogate at 300 K by biased GCMC (rigid framework: Monte Carlo moves only, no
 * MD), one conventional cell Mn₄Fe₄(CN)₂₄ (x = N/4, 0 ≤ N ≤ 8). Each target N_t gets the surrogate built at
 * x_t = N_t/4 (framework charges compensate the Na charge at that x, as the surrogate prescribes; they stay fixed
 * while N fluctuates by about one around N_t), a start with N_t Na placed greedily at low-energy points, and its
 * own μ_bias from that start (midpoint of the best insertion and the weakest-bound deletion energy), so the bias
 * φ = 0.1 eV keeps N near N_t. Eq. 17 then gives μ(⟨N⟩). Prints the curve and the runtime; asserts only that
 * μ(N) is finite. Measured (05:14 UTC run): exchange acceptance 0.00–0.08 % in the rigid framework, so N moved only
 * a few times per run and the curve is NOT converged; a usable curve needs the hybrid cycles (MD relaxing the
 * framework), longer runs and a better μ_bias per target. An example, not a validation: runs are short (≤ 600 cycles of 200 exchange + 10
 * translation attempts) and the exchange acceptance in the dense framework is below 1 %.
 */
@Tag("validation")
class PbaMuOfNExampleTest {
    static final double T = 300;

    static Structure framework() throws Exception {
        Path p = Path.of(PbaMuOfNExampleTest.class.getResource("pba-tetragonal-x0.extxyz").toURI());
        return Formats.readFirst(p);
    }

    /** True when (x, y, z) is at least d from every atom (minimum image). */
    static boolean clear(Structure s, double[] r, double d) {
        double[] v = new double[3];
        for (int j = 0; j < s.size(); j++) {
            v[0] = s.x(j) - r[0]; v[1] = s.y(j) - r[1]; v[2] = s.z(j) - r[2];
            if (s.cell().minimumImage(v) < d * d) return false;
        }
        return true;
    }

    /**
     * Greedy placement of n Na at the lowest-energy of 60 random points each, at least 1.8 Å from every atom (the
     * rigid-ion Born–Mayer + Coulomb pair has no minimum at short range: closer points collapse); returns the
     * structure.
     */
    static Structure withSodium(int n, Rng rng) throws Exception {
        Structure s = framework();
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        for (int k = 0; k < n; k++) {
            Potential pot = ff.build(s).potential();
            LocalChange lc = pot.localChange();
            double best = Double.POSITIVE_INFINITY;
            double[] bp = new double[3], f = new double[3], r = new double[3];
            for (int t = 0; t < 60; t++) {
                f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
                s.cell().toCartesian(f, r);
                if (!clear(s, r, 1.8)) { t--; continue; }
                double du = lc.deltaInsert(s, 11, ff.charge("Na", 0), r[0], r[1], r[2]);
                if (du < best) { best = du; bp = r.clone(); }
            }
            s.addAtom(11, bp[0], bp[1], bp[2]);
        }
        return s;
    }

    @Test
    void muOfNCurve() throws Exception {
        double phi = 0.1;
        double[] targets = {1, 2, 3, 4, 5, 6, 7};
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        MuScan.Settings st = new MuScan.Settings(phi, targets, 0.0, 100, 600, 60, 1, 200, 2, 2024);
        long t0 = System.nanoTime();
        List<MuScan.RunResult> rs = MuScan.run(st, (k, nt, rng) -> {
            try {
                Structure s = withSodium((int) nt, rng.split(1));
                MnFePbaSurrogate.Model model = ff.build(s);
                double qNa = ff.charge("Na", model.x());
                Potential pot = model.potential();
                LocalChange lc = pot.localChange();
                // μ_bias: midpoint of the best insertion energy and the weakest-bound Na's deletion energy
                double ins = Double.POSITIVE_INFINITY, del = Double.POSITIVE_INFINITY;
                double[] f = new double[3], r = new double[3];
                Rng pr = rng.split(2);
                for (int t = 0; t < 60; t++) {
                    f[0] = pr.nextDouble(); f[1] = pr.nextDouble(); f[2] = pr.nextDouble();
                    s.cell().toCartesian(f, r);
                    if (!clear(s, r, 1.8)) { t--; continue; }
                    ins = Math.min(ins, lc.deltaInsert(s, 11, qNa, r[0], r[1], r[2]));
                }
                for (int i = 0; i < s.size(); i++) if (s.atomicNumber(i) == 11) del = Math.min(del, lc.deltaDelete(s, i));
                double muB = 0.5 * (ins - del);
                ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, qNa, muB);
                Gcmc mc = new Gcmc(s, pot, T, List.of(na), null, 0.3, 1.8, rng);
                mc.setBias(new HarmonicBias(0, phi, nt));
                return new MuScan.Run(mc, m -> {
                    m.setAdapting(m.cycle() < 50);
                    m.cycle(200, 10);
                });
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, null);
        double secs = (System.nanoTime() - t0) * 1e-9;
        System.out.println("MnFePBA surrogate mu(N) at 300 K (1 cell Mn4Fe4(CN)24, rigid framework, phi = 0.1 eV, cycles of 200 exchange + 10 translation attempts):");
        System.out.println("  N_t    <N>            x=<N>/4   mu (eV)              mu_bias (eV)  cycles  acc ins/del/transl");
        double prev = Double.NEGATIVE_INFINITY;
        int increasing = 0;
        for (MuScan.RunResult r : rs) {
            System.out.printf("  %3.0f  %7.3f ± %.3f   %5.3f   %9.4f ± %.4f   %9.4f   %5d   %.4f/%.4f/%.3f  %.1f s%n",
                    r.target(), r.meanN(), r.seN(), r.meanN() / 4, r.mu(), r.seMu(), r.muBias(), r.cycles(),
                    r.accInsertion(), r.accDeletion(), r.accTranslation(), r.seconds());
            assertTrue(Double.isFinite(r.mu()));
            if (r.mu() > prev) increasing++;
            prev = r.mu();
        }
        System.out.printf("  runtime %.1f s (2 threads); mu increases between %d of %d consecutive targets%n", secs,
                increasing - 1, rs.size() - 1);
    }
}
