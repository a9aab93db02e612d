package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * LJ μVT against LAMMPS fix gcmc (shared reference B2): T* = 2, μ* = −4, V = 8³ σ³, LJ truncated at 3σ without
 * shift or tail, Λ = 1 (reduced units). Reduced units are run in metal units with ε = 1 eV, σ = 1 Å, m = 1 amu,
 * k_B T = 2 eV. Protocol as the reference: 15,000 cycles of 100 exchange + 100 translation attempts, the first 2,500
 * discarded, N/V sampled every 10 cycles, SE from 20 blocks. Pass: |ρ − ρ_ref| ≤ 3·√(SE² + SE_ref²).
 */
@Tag("validation")
class LjGcmcValidationTest {

    static Potential lj() {
        Potential p = ProductionPotentials.ljOrNull(1.0, 1.0, 3.0);
        return p != null ? p : new BrutePairLj(1.0, 1.0, 3.0);
    }

    @Test
    void densityMatchesLammps() throws Exception {
        String ref = System.getProperty("scalebridge.reference");
        Path summary = ref == null ? null : Path.of(ref, "lammps", "B2_lj_gcmc", "mu_-4.0", "summary.json");
        Assumptions.assumeTrue(summary != null && Files.exists(summary), "reference data not available");
        JsonNode j = new ObjectMapper().readTree(summary.toFile()).get("mu_-4.0");
        double rhoRef = j.get("density_combined").get("mean").asDouble();
        double seRef = j.get("density_combined").get("se").asDouble();
        double muStar = j.get("mu").asDouble(), tStar = j.get("T").asDouble();

        double T = tStar / Units.KB_EV_PER_K;
        ExchangeSpecies sp = ExchangeSpecies.ofMu(18, 1.0, 0, muStar).withThermalWavelength(1.0);
        Structure s = new Structure(Cell.orthorhombic(8, 8, 8), 256);
        Potential pot = lj();
        Gcmc mc = new Gcmc(s, pot, T, sp, 0.5, 0.0, new Rng(1357911));
        long t0 = System.nanoTime();
        int cycles = 15000, discard = 2500;
        double[] rho = new double[(cycles - discard) / 10];
        int k = 0;
        for (int c = 1; c <= cycles; c++) {
            mc.cycle(100, 100);
            if (c > discard && c % 10 == 0) rho[k++] = mc.count(0) / s.cell().volume();
        }
        double secs = (System.nanoTime() - t0) * 1e-9;
        double mean = SeriesStatistics.mean(rho, 0, k);
        double se = SeriesStatistics.blockStandardError(rho, 0, k, 20);
        double comb = Math.sqrt(se * se + seRef * seRef);
        System.out.printf("LJ GCMC (%s): rho = %.5f ± %.5f vs LAMMPS %.5f ± %.5f, diff = %.2f sigma_comb; "
                + "acc ins %.3f del %.3f transl %.3f; %.1f s; energy drift %.2e%n", pot.name(), mean, se, rhoRef, seRef,
                (mean - rhoRef) / comb, mc.stats().acceptance(MoveStats.Type.INSERTION),
                mc.stats().acceptance(MoveStats.Type.DELETION), mc.stats().acceptance(MoveStats.Type.TRANSLATION), secs,
                mc.recomputeEnergy());
        assertEquals(rhoRef, mean, 3 * comb, "density within the combined 3σ");
    }
}
