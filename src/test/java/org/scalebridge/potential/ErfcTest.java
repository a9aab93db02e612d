package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** erfc against commons-math (independent, continued-fraction based) and known values. */
class ErfcTest {
    @Test
    void exactAgreesWithCommonsMath() {
        double worst = 0;
        for (double x = 0; x < 8; x += 0.001237) {
            double ref = Erf.erfc(x);
            double rel = Math.abs(Erfc.exact(x) - ref) / ref;
            worst = Math.max(worst, rel);
        }
        System.out.printf("erfc: max relative deviation from commons-math on [0,8): %.2e%n", worst);
        // commons-math itself is accurate to ~1e-15; allow a few ulps of accumulated round-off
        assertEquals(0, worst, 2e-14);
        assertEquals(1.0, Erfc.exact(0), 2e-15);
        assertEquals(0.157299207050285130658779364917, Erfc.exact(1), 2e-15);
    }

    @Test
    void abramowitzStegunWithinItsBound() {
        for (double x = 0; x < 6; x += 0.01) assertEquals(Erf.erfc(x), Erfc.abramowitzStegun(x), 1.5e-7);
    }
}
