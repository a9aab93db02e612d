package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

class VaspFormatsTest {
    @TempDir Path tmp;

    static final String POSCAR = """
            NaCl test
            1.0
              5.0 0.0 0.0
              0.5 5.5 0.0
              0.0 0.3 6.0
            Na_pv Cl
            1 1
            Direct
              0.0 0.0 0.0
              0.5 0.5 0.5
            """;

    Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void negativeScaleIsTheVolumeAndCartesianIsScaled() throws Exception {
        Structure ref = Formats.readFirst(file("POSCAR", POSCAR));
        assertEquals("Na", ref.symbol(0));
        double v = ref.cell().volume();
        // the same cell given as scale −2V on half-size vectors: the lattice is scaled by (2V/(V/8))^(1/3) = 2·2^(1/3)
        String half = POSCAR.replace("1.0\n", "-" + (2 * v) + "\n").replace("5.0 0.0 0.0", "2.5 0.0 0.0")
                .replace("0.5 5.5 0.0", "0.25 2.75 0.0").replace("0.0 0.3 6.0", "0.0 0.15 3.0");
        Structure s = Formats.readFirst(file("POSCAR.vol", half));
        assertEquals(2 * v, s.cell().volume(), 1e-9 * v);
        double k = Math.cbrt(2.0);
        assertArrayEquals(new double[] {5 * k, 0, 0}, s.cell().vector(0), 1e-12);
        // Cartesian coordinates use the same scale factor
        String cart = POSCAR.replace("1.0\n", "2.0\n").replace("Direct", "Cartesian").replace("0.5 0.5 0.5", "1.0 1.0 1.0");
        Structure c = Formats.readFirst(file("POSCAR.cart", cart));
        assertArrayEquals(new double[] {2, 2, 2}, new double[] {c.x(1), c.y(1), c.z(1)}, 1e-15);
        assertEquals(10, c.cell().get(0, 0), 1e-15);
    }

    @Test
    void vasp4SpeciesFromTheCommentOrTheOptions() throws Exception {
        String v4 = POSCAR.replace("Na_pv Cl\n", "");
        Structure s = Formats.readFirst(file("POSCAR4", v4.replace("NaCl test", "Na Cl test")));
        assertEquals("Cl", s.symbol(1));
        InputException e = assertThrows(InputException.class, () -> Formats.readFirst(file("POSCAR4b", v4)));
        assertTrue(e.getMessage().contains(":6:") && e.getMessage().contains("species order"), e.getMessage());
        Structure o = Formats.readFirst(file("POSCAR4c", v4), IoOptions.defaults().speciesOrder("K", "Br"));
        assertEquals("Br", o.symbol(1));
    }

    @Test
    void poscarErrorsAreLocated() throws Exception {
        InputException e = assertThrows(InputException.class, () -> Formats.readFirst(file("POSCAR", POSCAR.replace("0.5 0.5 0.5", "0.5 0.5"))));
        assertTrue(e.getMessage().contains("POSCAR:10") && e.getMessage().contains("3 coordinates"), e.getMessage());
        e = assertThrows(InputException.class, () -> Formats.readFirst(file("POSCAR", POSCAR.replace("1 1\n", "1 2\n"))));
        assertTrue(e.getMessage().contains("POSCAR:11") && e.getMessage().contains("atom 3 of 3"), e.getMessage());
        e = assertThrows(InputException.class, () -> Formats.readFirst(file("POSCAR", POSCAR.replace("Direct", "Fractional"))));
        assertTrue(e.getMessage().contains("POSCAR:8") && e.getMessage().contains("'Direct' or 'Cartesian'"), e.getMessage());
    }

    static final String OUTCAR_TAIL_MERGED = """
              in kB    -12.34567-2345.67890    3.00000     0.10000     0.20000     0.30000
            """;

    @Test
    void outcarStressWithRunTogetherFortranFieldsAndInterruptedRuns() throws Exception {
        Path res = Path.of(getClass().getResource("/io/ase/OUTCAR_tric").toURI());
        String text = Files.readString(res);
        // replace the first in-kB line by one whose numbers run together (wide Fortran fields)
        int a = text.indexOf("  in kB");
        int b = text.indexOf('\n', a);
        String merged = text.substring(0, a) + OUTCAR_TAIL_MERGED.stripTrailing() + text.substring(b);
        List<Structure> s = Formats.read(file("OUTCAR", merged));
        double v = s.get(0).cell().volume();
        // σ_yy = −0.1·(−2345.6789) GPa, tensile positive; W = −σV
        assertEquals(0.1 * 2345.6789 / 160.21766208, -s.get(0).virial()[4] / v, 1e-12);
        // an interrupted run: cut inside the last ionic step after its positions
        int cut = text.lastIndexOf("FREE ENERGIE");
        InputException e = assertThrows(InputException.class, () -> Formats.read(file("OUTCAR", text.substring(0, cut))));
        assertTrue(e.getMessage().contains("ionic step 3") && e.getMessage().contains("2 complete steps"), e.getMessage());
    }

    @Test
    void vasprunErrorsAreLocated() throws Exception {
        Path res = Path.of(getClass().getResource("/io/ase/vasprun.xml").toURI());
        String text = Files.readString(res);
        InputException e = assertThrows(InputException.class, () -> Formats.read(file("vasprun.xml", text.substring(0, text.length() / 2))));
        assertTrue(e.getMessage().matches("(?s).*vasprun.xml:\\d+: .*"), e.getMessage());
        int f = text.indexOf("<varray name=\"forces\"");
        String bad = text.substring(0, f) + text.substring(f).replaceFirst("<v> +(-?[0-9.]+) ", "<v> 1.0.0 ");
        e = assertThrows(InputException.class, () -> Formats.read(file("vasprun.xml", bad)));
        assertTrue(e.getMessage().contains("1.0.0"), e.getMessage());
    }

    @Test
    void contcarVelocitiesAreReadInAngstromPerPs() throws Exception {
        String contcar = POSCAR + "\n  0.001 0.002 -0.003\n  0.0 0.0 0.01\n\n 1 2 3\n";
        Structure s = Formats.readFirst(file("CONTCAR", contcar));
        assertArrayEquals(new double[] {1, 2, -3, 0, 0, 10}, java.util.Arrays.copyOf(s.velocities(), 6), 1e-12);
        InputException e = assertThrows(InputException.class, () -> Formats.readFirst(file("CONTCAR", POSCAR + "\n  0.001 0.002\n")));
        assertTrue(e.getMessage().contains("CONTCAR:12") && e.getMessage().contains("velocity of atom 1"), e.getMessage());
    }
}
