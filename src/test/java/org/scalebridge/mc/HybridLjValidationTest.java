package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NoseHooverNvt;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Hybrid GCMC–MD samples the same μVT ensemble as pure GCMC: LJ at the B2 state point (T* = 2, μ* = −4, V = 8³,
 * r_c = 3σ unshifted, Λ = 1) with cycles of 20 Nosé–Hoover NVT steps (dt = 0.005τ) + 100 exchange + 100 translation
 * attempts must reproduce the LAMMPS fix gcmc density within the combined 3σ.
 */
@Tag("validation")
class HybridLjValidationTest {

    @Test
    void hybridDensityMatchesLammpsGcmc() throws Exception {
        String ref = System.getProperty("scalebridge.reference");
        Path summary = ref == null ? null : Path.of(ref, "lammps", "B2_lj_gcmc", "mu_-4.0", "summary.json");
        Assumptions.assumeTrue(summary != null && Files.exists(summary), "reference data not available");
        JsonNode j = new ObjectMapper().readTree(summary.toFile()).get("mu_-4.0");
        double rhoRef = j.get("density_combined").get("mean").asDouble();
        double seRef = j.get("density_combined").get("se").asDouble();

        Structure s = new Structure(Cell.orthorhombic(8, 8, 8), 256);
        s.ensureVelocities();
        Potential p = ProductionPotentials.ljOrNull(1.0, 1.0, 3.0);
        Gcmc mc = new Gcmc(s, p, HybridGcmcMdTest.T, List.of(HybridGcmcMdTest.argon(-4.0)), null, 0.5, 0.0, new Rng(77));
        MdSystem sys = new MdSystem(s, p, 0.005);
        HybridGcmcMd h = new HybridGcmcMd(mc, sys, new NoseHooverNvt(HybridGcmcMdTest.T, 0.5, 3), 20, 100, 100);
        long t0 = System.nanoTime();
        int cycles = 8000, discard = 1000;
        double[] rho = new double[(cycles - discard) / 5];
        int k = 0;
        for (int c = 1; c <= cycles; c++) {
            h.cycle();
            if (c > discard && c % 5 == 0) rho[k++] = mc.count(0) / 512.0;
        }
        double mean = SeriesStatistics.mean(rho, 0, k), se = SeriesStatistics.blockStandardError(rho, 0, k, 20);
        double comb = Math.sqrt(se * se + seRef * seRef);
        System.out.printf("hybrid GCMC-MD LJ: rho = %.5f ± %.5f vs LAMMPS GCMC %.5f ± %.5f (%.2f sigma_comb), %.1f s, %s%n",
                mean, se, rhoRef, seRef, (mean - rhoRef) / comb, (System.nanoTime() - t0) * 1e-9, mc.stats());
        assertEquals(rhoRef, mean, 3 * comb);
    }
}
