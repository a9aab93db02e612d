package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/** TOML force-field descriptions: same numbers as the classes built directly; clear messages on bad input. */
class ForceFieldConfigTest {

    @Test
    void buckinghamPlusEwaldMatchesA2() throws Exception {
        String toml = """
                [[terms]]
                style = "buck"
                cutoff = 10.0
                pairs = [ { i = "Na", j = "Na", A = 423.59361, rho = 0.317, C = 1.0485735 },
                          { i = "Na", j = "Cl", A = 1254.8599, rho = 0.317, C = 6.9904902 },
                          { i = "Cl", j = "Cl", A = 3485.0771, rho = 0.317, C = 72.401505 } ]
                [[terms]]
                style = "ewald"
                elements = ["Na", "Cl"]
                cutoff = 10.0
                accuracy = 1e-10
                alpha = 0.45839503
                erfc = "lammps"
                """;
        var dir = RefXyz.reference().resolve("lammps/A2_nacl_buck_ewald/ortho");
        Structure s = RefXyz.read(dir.resolve("structure.extxyz")).structure;
        RefXyz ref = RefXyz.read(dir.resolve("results.A2_ortho.extxyz"));
        double[] e = RefCompare.compare(ForceFieldConfig.parse(toml, "a2.toml").build(s), s, ref);
        assertTrue(e[0] < 1e-8 && e[1] < 1e-8 && e[2] < 1e-8);
    }

    @Test
    void ljAndSurrogate() {
        Structure s = PbaTestStructures.build(10.4, 1, 1.0, 0, 0.05, 4);
        Potential p = ForceFieldConfig.parse("[[terms]]\nstyle = \"mnfepba-surrogate\"\n", "x.toml").build(s);
        assertEquals(MnFePbaSurrogate.load().build(s).potential().energy(s), p.energy(s), 1e-12);
        Potential lj = ForceFieldConfig.parse("""
                [[terms]]
                style = "lj/cut"
                cutoff = 8.5
                shift = true
                pairs = [ { i = "Ar", j = "Ar", epsilon = 0.010323, sigma = 3.405 } ]
                """, "lj.toml").build(s);
        assertTrue(lj instanceof LennardJones);
    }

    @Test
    void badInputNamesTheField() {
        InputException e = assertThrows(InputException.class, () -> ForceFieldConfig.parse("""
                [[terms]]
                style = "lj/cut"
                cutoff = 8.5
                pairs = [ { i = "Ar", j = "Ar", epsilon = 0.01 } ]
                """, "bad.toml").build(new Structure(org.scalebridge.structure.Cell.orthorhombic(20, 20, 20))));
        assertTrue(e.getMessage().contains("terms[0].pairs[0].sigma"), e.getMessage());
        e = assertThrows(InputException.class, () -> ForceFieldConfig.parse("[[terms]]\nstyle = \"tersoff\"\n", "bad.toml"));
        assertTrue(e.getMessage().contains("terms[0].style"), e.getMessage());
        e = assertThrows(InputException.class, () -> ForceFieldConfig.parse("[[terms]]\nstyle = \"coul/dsf\"\nelements=[\"Xx\"]\ncutoff=5\nalpha=0.2\n", "bad.toml")
                .build(new Structure(org.scalebridge.structure.Cell.orthorhombic(20, 20, 20))));
        assertTrue(e.getMessage().contains("elements[0]"), e.getMessage());
    }
}
