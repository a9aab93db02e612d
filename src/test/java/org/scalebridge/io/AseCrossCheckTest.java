package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Cross-check against ASE 3.22.1: the fixtures and the JSON of what ASE reads from them were made by
 * src/test/resources/io/ase/make_fixtures.py (committed; ASE is not needed here). Tolerance 1e-8 (absolute, in Å,
 * eV, eV/Å and eV/Å³): both sides parse the same decimal strings, so the only differences are double rounding
 * (~1e-15 relative) and unit-constant round-off in the stress (ASE's GPa vs ours agree to 1e-15).
 */
class AseCrossCheckTest {
    static final double TOL = 1e-8;
    @TempDir Path tmp;

    static Path res(String name) throws Exception {
        return Path.of(AseCrossCheckTest.class.getResource("/io/ase/" + name).toURI());
    }

    static JsonNode json(String name) throws Exception {
        return new ObjectMapper().readTree(res(name + ".json").toFile());
    }

    static double[] arr(JsonNode n) {
        double[] d = new double[n.size()];
        for (int k = 0; k < d.length; k++) d[k] = n.get(k).asDouble();
        return d;
    }

    /** Compares frames; {@code shiftOrigin}: subtract info lammps.origin (ASE drops it for scaled dump coordinates). */
    static void compare(List<Structure> ours, JsonNode ref, boolean shiftOrigin) {
        JsonNode frames = ref.get("frames");
        assertEquals(frames.size(), ours.size(), "frame count");
        for (int f = 0; f < ours.size(); f++) {
            Structure s = ours.get(f);
            JsonNode r = frames.get(f);
            String where = ref.get("file").asText() + " frame " + f;
            assertArrayEquals(arr(r.get("cell")), s.cell().matrix(), TOL, where + " cell");
            double[] num = arr(r.get("numbers"));
            assertEquals(num.length, s.size(), where + " atoms");
            for (int i = 0; i < s.size(); i++) assertEquals((int) num[i], s.atomicNumber(i), where + " Z of atom " + i);
            double[] pos = arr(r.get("positions"));
            double[] o = shiftOrigin ? (double[]) s.info().get("lammps.origin") : new double[3];
            for (int k = 0; k < pos.length; k++) assertEquals(pos[k], s.positions()[k] - o[k % 3], TOL, where + " position " + k);
            if (r.has("energy")) assertEquals(r.get("energy").asDouble(), s.energy(), TOL, where + " energy");
            if (r.has("free_energy")) assertEquals(r.get("free_energy").asDouble(), (Double) s.info().get("free_energy"), TOL, where + " free energy");
            if (r.has("forces")) {
                double[] fr = arr(r.get("forces"));
                for (int k = 0; k < fr.length; k++) assertEquals(fr[k], s.forces()[k], TOL, where + " force " + k);
            }
            if (r.has("stress")) {
                double[] st = arr(r.get("stress"));
                double v = s.cell().volume();
                for (int k = 0; k < 9; k++) assertEquals(st[k], -s.virial()[k] / v, TOL, where + " stress " + k);
            }
            if (r.has("charges")) {
                double[] q = arr(r.get("charges"));
                for (int i = 0; i < q.length; i++) assertEquals(q[i], s.charges()[i], TOL, where + " charge " + i);
            }
        }
    }

    @Test
    void extendedXyz() throws Exception {
        List<Structure> s = Formats.read(res("tric.extxyz"));
        compare(s, json("tric.extxyz"), false);
        assertEquals("frame 1 of 3", s.get(1).info().get("label"));
        // and our writer's output reads back identically
        Path p = tmp.resolve("again.extxyz");
        Formats.write(p, s);
        compare(Formats.read(p), json("tric.extxyz"), false);
    }

    @Test
    void poscarDirectSelectiveAndCartesian() throws Exception {
        Structure s = Formats.readFirst(res("POSCAR_tric"));
        compare(List.of(s), json("POSCAR_tric"), false);
        boolean[] sd = s.array(PoscarFormat.SELECTIVE).logicals();
        assertTrue(!sd[0] && !sd[1] && !sd[2] && sd[3] && !sd[9]); // atoms 0 and 3 fixed (FixAtoms)
        compare(List.of(Formats.readFirst(res("POSCAR_cart"))), json("POSCAR_cart"), false);
        // round trip through our writer
        Path p = tmp.resolve("POSCAR");
        Formats.write(p, s);
        compare(List.of(Formats.readFirst(p)), json("POSCAR_tric"), false);
    }

    @Test
    void xdatcarFixedAndVariableCell() throws Exception {
        compare(Formats.read(res("XDATCAR_fixed")), json("XDATCAR_fixed"), false);
        compare(Formats.read(res("XDATCAR_variable")), json("XDATCAR_variable"), false);
    }

    @Test
    void lammpsDataWrittenByAse() throws Exception {
        compare(List.of(Formats.readFirst(res("ase_charge.data"), IoOptions.defaults().types("Na", "Cl").atomStyle("charge"))),
                json("ase_charge.data"), false);
        compare(List.of(Formats.readFirst(res("ase_atomic.data"), IoOptions.defaults().types("Ar").atomStyle("atomic"))),
                json("ase_atomic.data"), false);
    }

    @Test
    void ourLammpsRotationMatchesAses() throws Exception {
        JsonNode src = json("ase_charge.source").get("frames").get(0);
        Cell c = Cell.ofRowMajor(arr(src.get("cell")), null);
        Structure s = new Structure(c);
        double[] num = arr(src.get("numbers")), pos = arr(src.get("positions"));
        for (int i = 0; i < num.length; i++) s.addAtom((int) num[i], pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]);
        Path p = tmp.resolve("ours.data");
        Formats.write(p, List.of(s), IoOptions.defaults().types("Na", "Cl").atomStyle("atomic"));
        Structure back = Formats.readFirst(p);
        JsonNode ase = json("ase_charge.data").get("frames").get(0);
        assertArrayEquals(arr(ase.get("cell")), back.cell().matrix(), TOL);
        double[] ap = arr(ase.get("positions"));
        for (int i = 0; i < back.size(); i++) {
            // ASE wraps into the box when writing; compare modulo lattice translations
            double[] d = {back.x(i) - ap[3 * i], back.y(i) - ap[3 * i + 1], back.z(i) - ap[3 * i + 2]};
            assertEquals(0, back.cell().minimumImage(d), TOL * TOL, "atom " + i);
        }
    }

    @Test
    void lammpsDumpTriclinicScaled() throws Exception {
        List<Structure> s = Formats.read(res("tric.lammpstrj"), IoOptions.defaults().types("Na", "Cl"));
        compare(s, json("tric.lammpstrj"), true);
        assertEquals(50L, s.get(1).info().get("timestep"));
    }

    @Test
    void outcarEveryIonicStep() throws Exception {
        List<Structure> s = Formats.read(res("OUTCAR_tric"));
        compare(s, json("OUTCAR_tric"), false);
        assertEquals(3L, s.get(2).info().get("ionic_step"));
    }

    @Test
    void vasprunEveryIonicStep() throws Exception {
        compare(Formats.read(res("vasprun.xml")), json("vasprun.xml"), false);
    }

    /** CIF: ASE orders the expanded atoms differently, so atoms are matched by position (same Z, within 1e-8 Å). */
    static void compareAsSets(Structure s, JsonNode ref) {
        JsonNode r = ref.get("frames").get(0);
        String where = ref.get("file").asText();
        assertArrayEquals(arr(r.get("cell")), s.cell().matrix(), TOL, where + " cell");
        double[] num = arr(r.get("numbers")), pos = arr(r.get("positions"));
        assertEquals(num.length, s.size(), where + " atom count after symmetry expansion and merging");
        boolean[] used = new boolean[s.size()];
        for (int k = 0; k < num.length; k++) {
            int match = -1;
            for (int i = 0; i < s.size() && match < 0; i++) {
                if (used[i] || s.atomicNumber(i) != (int) num[k]) continue;
                double[] d = {s.x(i) - pos[3 * k], s.y(i) - pos[3 * k + 1], s.z(i) - pos[3 * k + 2]};
                if (s.cell().minimumImage(d) < TOL * TOL) match = i;
            }
            assertTrue(match >= 0, where + ": ASE atom " + k + " (Z=" + (int) num[k] + ") has no counterpart");
            used[match] = true;
        }
    }

    @Test
    void cifSymmetryExpansion() throws Exception {
        for (String n : new String[] {"nacl_fm3m.cif", "mono_p21c.cif", "hex_p63mmc.cif", "mixed_pm3m.cif"}) {
            compareAsSets(Formats.readFirst(res(n)), json(n));
        }
        Structure m = Formats.readFirst(res("mixed_pm3m.cif"));
        int na = -1;
        for (int i = 0; i < m.size(); i++) if (m.symbol(i).equals("Na")) na = i;
        assertEquals(0.6, m.array("occupancy").reals()[na], 0);
        assertEquals("Na:0.6,K:0.4", m.array("site_occupancy").strings()[na]);
    }

    @Test
    void p1CifRoundTrip() throws Exception {
        Structure s = Formats.readFirst(res("mono_p21c.cif"));
        Path p = tmp.resolve("p1.cif");
        Formats.write(p, s);
        assertTrue(java.nio.file.Files.readString(p).contains("'x, y, z'"));
        compareAsSets(Formats.readFirst(p), json("mono_p21c.cif"));
    }
}
