package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.potential.FullRecomputeLocalChange;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * On the MnFePBA surrogate (Buckingham + DSF + bonded framework), the exchange local change (non-bonded parts
 * neighbourhood-only, bonded part unchanged for Na) equals full recomputation to 1e-9 eV for Na moves across the
 * cell boundary, insertions and deletions; GCMC's tracked energy equals the recomputed one after many moves.
 */
class PbaExchangeLocalChangeTest {

    @Test
    void matchesFullRecomputation() throws Exception {
        Rng rng = new Rng(31);
        Structure s = PbaMuOfNExampleTest.framework();
        double[] f = new double[3], r = new double[3];
        while (s.count(11) < 4) {
            f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
            s.cell().toCartesian(f, r);
            if (PbaMuOfNExampleTest.clear(s, r, 2.0)) s.addAtom(11, r[0], r[1], r[2]);
        }
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        MnFePbaSurrogate.Model model = ff.build(s);
        Potential pot = model.potential();
        LocalChange lc = ExchangeLocalChange.of(pot), full = new FullRecomputeLocalChange(pot);
        double q = ff.charge("Na", model.x());
        double worst = 0;
        int first = s.size() - 4;
        for (int t = 0; t < 12; t++) {
            int i = first + rng.nextInt(4);
            double x = s.x(i) + 1.2 * (2 * rng.nextDouble() - 1) - (t % 2) * s.cell().get(0, 0) * 0.98, y = s.y(i),
                    z = s.z(i) + 1.2 * (2 * rng.nextDouble() - 1);
            worst = Math.max(worst, check(lc.deltaMove(s, i, x, y, z), full.deltaMove(s, i, x, y, z), "move"));
            do {
                f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
                s.cell().toCartesian(f, r);
            } while (!PbaMuOfNExampleTest.clear(s, r, 1.8));
            worst = Math.max(worst, check(lc.deltaInsert(s, 11, q, r[0], r[1], r[2]), full.deltaInsert(s, 11, q, r[0], r[1], r[2]), "insert"));
            worst = Math.max(worst, check(lc.deltaDelete(s, i), full.deltaDelete(s, i), "delete"));
        }
        System.out.printf("PBA surrogate exchange local change: max |dU_local - dU_full| = %.2e eV%n", worst);

        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, q, -2.0);
        Gcmc mc = new Gcmc(s, pot, 300, List.of(na), null, 0.4, 1.8, new Rng(3));
        long t0 = System.nanoTime();
        for (int c = 0; c < 100; c++) mc.cycle(10, 10);
        double secs = (System.nanoTime() - t0) * 1e-9;
        double drift = mc.recomputeEnergy();
        System.out.printf("PBA surrogate GCMC: %s, %.0f moves/s, |drift| = %.2e eV%n", mc.stats(), 2000 / secs, Math.abs(drift));
        assertEquals(0, drift, 1e-8);
    }

    static double check(double local, double full, String what) {
        assertEquals(full, local, 1e-9, what);
        return Math.abs(full - local);
    }
}
