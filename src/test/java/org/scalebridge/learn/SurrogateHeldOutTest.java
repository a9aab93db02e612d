package org.scalebridge.learn;

import org.junit.jupiter.api.Test;
import org.scalebridge.structure.Structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The held-out harness itself: pairs differ by exactly one Na on the same framework; the reference scores zero against itself. */
class SurrogateHeldOutTest {
    @Test
    void pairsAndSelfEvaluation() {
        SurrogateHeldOut h = SurrogateHeldOut.build(40, 2, 3); // tiny: 15 short MD runs of 40 steps, 2 snapshots each
        assertEquals(30, h.snapshots.size());
        assertEquals(30, h.pairs.size());
        h.label(SurrogateHeldOut.surrogate());
        for (Structure[] p : h.pairs) {
            assertEquals(p[0].count(11) + 1, p[1].count(11));
            assertEquals(p[0].size() + 1, p[1].size());
            assertTrue(Double.isFinite(p[1].energy() - p[0].energy()));
        }
        var ff = org.scalebridge.potential.MnFePbaSurrogate.load();
        // the reference against its own labels: only round-off (the labeller rebuilds the model per configuration)
        var selfRef = new org.scalebridge.potential.Potential() {
            @Override public String name() { return "surrogate per configuration"; }
            @Override public double cutoff() { return 10; }
            @Override public boolean isLocal() { return false; }
            @Override public void compute(Structure s, org.scalebridge.potential.ForceResult r) { ff.build(s).potential().compute(s, r); }
        };
        SurrogateHeldOut.Report r = h.evaluate(selfRef);
        assertEquals(0, r.energyRmse(), 1e-12);
        assertEquals(0, r.forceRmse(), 1e-10);
        assertEquals(0, r.deltaRmse(), 1e-10);
        assertTrue(r.deltaRefSpread() > 0);
    }
}
