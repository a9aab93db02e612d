package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MnFePBA sample's cathode: μ(x) at 400 K has its binodals at x = 0.02 and 1.58 (filling 0.01 / 0.79), found by
 * our common-tangent solver, and κ derived on load from γ = 500 mJ/m² reproduces γ through Eq. 26.
 */
class MnFePbaSampleParametersTest {
    @Test
    void binodalsAndGradientCoefficient() {
        Path f = Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json");
        assumeTrue(Files.isRegularFile(f));
        P2dParameters p = P2dParameters.load(f);
        P2dParameters.Electrode c = p.positive;
        double[] b = PhaseField.binodals(c.muHom, p.temperature, 0.03, 0.7);
        assertEquals(0.01, b[0], 1e-4, "Na-poor binodal x/2");
        assertEquals(0.79, b[1], 1e-4, "Na-rich binodal x/2");
        double gamma = PhaseField.interfacialEnergy(c.kappa,
                PhaseField.excessFreeEnergy(c.muHom, p.temperature, c.cMax, b[0], b[1]), b[0], b[1], 2000);
        assertEquals(0.5, gamma, 1e-3 * 0.5);
        double width = PhaseField.interfaceWidth(c.kappa, PhaseField.excessFreeEnergy(c.muHom, p.temperature, c.cMax, b[0], b[1]), b[0], b[1], 400);
        System.out.printf("MnFePBA sample: binodals x = %.4f, %.4f; kappa = %.4e J/m; interface width %.1f nm (particle radius %.2f um)%n",
                2 * b[0], 2 * b[1], c.kappa, width * 1e9, c.radius * 1e6);
    }
}
