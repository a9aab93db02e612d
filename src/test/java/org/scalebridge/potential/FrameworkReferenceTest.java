package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalebridge.structure.Structure;

/**
 * The cyanide-bridged framework A4 (LJ + DSF Coulomb with LAMMPS' special-bond exclusion rule, harmonic/Morse bonds,
 * harmonic angles incl. linear bridges) against LAMMPS, and the exact-erfc numpy recomputation.
 */
class FrameworkReferenceTest {

    static Topology topology(Path json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Topology t = new Topology();
        t.addBondType(Topology.BondType.harmonic(5.0, 1.92, "Fe-C"));
        t.addBondType(Topology.BondType.morse(7.8, 2.6, 1.16, "C#N"));
        t.addBondType(Topology.BondType.harmonic(3.0, 2.02, "N-Co"));
        t.addAngleType(new Topology.AngleType(1.0, 180.0, "Fe-C-N"));
        t.addAngleType(new Topology.AngleType(0.5, 180.0, "C-N-Co"));
        t.addAngleType(new Topology.AngleType(1.5, 90.0, "C-Fe-C"));
        t.addAngleType(new Topology.AngleType(0.8, 90.0, "N-Co-N"));
        for (JsonNode b : root.get("bonds")) t.addBond(b.get(0).asInt() - 1, b.get(1).asInt(), b.get(2).asInt());
        for (JsonNode a : root.get("angles")) t.addAngle(a.get(0).asInt() - 1, a.get(1).asInt(), a.get(2).asInt(), a.get(3).asInt());
        return t;
    }

    static Potential a4(Topology topo, int atoms, Erfc.Mode mode, DsfCoulomb.ExclusionStyle style) {
        PairTable lj = LennardJones.table(8.0)
                .pair("Fe", "Fe", 0.000564, 2.594).pair("Fe", "Co", 0.00058510512, 2.5764406)
                .pair("Fe", "C", 0.0016024644, 2.9832891).pair("Fe", "N", 0.0012990335, 2.9084419)
                .pair("Co", "Co", 0.000607, 2.559).pair("Co", "C", 0.0016624292, 2.9630945)
                .pair("Co", "N", 0.0013476439, 2.8887539).pair("C", "C", 0.004553, 3.431)
                .pair("C", "N", 0.0036908774, 3.3449202).pair("N", "N", 0.002992, 3.261);
        Exclusions ex = topo.exclusions(atoms, 3);
        LennardJones ljp = new LennardJones(lj, false, false);
        ljp.setExclusions(ex);
        DsfCoulomb dsf = new DsfCoulomb(ljp.types(), 0.2, 8.0, mode, style);
        dsf.setExclusions(ex);
        return new SumPotential(ljp, dsf, new BondedPotential(topo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ortho", "tric"})
    void matchesLammpsA4(String cell) throws Exception {
        Path dir = RefXyz.reference().resolve("lammps/A4_cyanide_framework/" + cell);
        Structure s = RefXyz.read(dir.resolve("structure.extxyz")).structure;
        Topology topo = topology(dir.resolve("topology.json"));
        RefXyz ref = RefXyz.read(dir.resolve("results.A4_" + cell + ".extxyz"));
        double[] e = RefCompare.compare(a4(topo, s.size(), Erfc.Mode.ABRAMOWITZ_STEGUN, DsfCoulomb.ExclusionStyle.SUBTRACT_BARE), s, ref);
        CoulombReferenceTest.report("A4 " + cell + " vs LAMMPS", e);
        assertTrue(e[0] < 1e-8 && e[1] < 1e-8 && e[2] < 1e-8, "A4 agreement with LAMMPS at 1e-8 relative");
        RefXyz exact = RefXyz.read(dir.resolve("results.A4_" + cell + ".python_exact_erfc.extxyz"));
        double[] e2 = RefCompare.compare(a4(topo, s.size(), Erfc.Mode.EXACT, DsfCoulomb.ExclusionStyle.SUBTRACT_BARE), s, exact);
        CoulombReferenceTest.report("A4 " + cell + " exact erfc vs numpy", e2);
        assertTrue(e2[0] < 1e-8 && e2[1] < 1e-8 && e2[2] < 1e-8, "A4 exact-erfc agreement at 1e-8 relative");
        RefXyz plain = RefXyz.read(dir.resolve("results.A4_" + cell + ".python_exact_erfc_plain_exclusion.extxyz"));
        double[] e3 = RefCompare.compare(a4(topo, s.size(), Erfc.Mode.EXACT, DsfCoulomb.ExclusionStyle.OMIT), s, plain);
        CoulombReferenceTest.report("A4 " + cell + " exact erfc, plain exclusion vs numpy", e3);
        assertTrue(e3[0] < 1e-8 && e3[1] < 1e-8 && e3[2] < 1e-8, "A4 plain-exclusion agreement at 1e-8 relative");
    }
}
