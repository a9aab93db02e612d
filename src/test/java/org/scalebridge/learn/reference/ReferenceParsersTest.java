package org.scalebridge.learn.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Output parsers and input writers of the external-code adapters, on small fixtures written from the documented formats. */
class ReferenceParsersTest {
    static List<String> fixture(String name) throws IOException {
        try (InputStream in = ReferenceParsersTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void unitConversions() {
        // CODATA 2018: 1 Ha = 27.211386245988 eV, a0 = 0.529177210903 Å; derived textbook values:
        assertEquals(27.211386245988, Units.hartreeToEv(1), 1e-12);
        assertEquals(13.605693122994, Units.rydbergToEv(1), 1e-12);
        // atomic unit of force 8.2387234983e-8 N (CODATA 2018) = 51.422067476 eV/Å
        assertEquals(8.2387234983e-8 / 1.602176634e-19 * 1e-10, Units.hartreePerBohrToEvPerA(1), 1e-7);
        assertEquals(51.422067476 / 2, Units.rydbergPerBohrToEvPerA(1), 1e-8);
        // atomic unit of pressure: 29421.015697 GPa (CODATA 2018 Eh/a0³ = 2.9421015697e13 Pa)
        assertEquals(29421.015697, Units.evPerA3ToGPa(Units.hartreePerBohr3ToEvPerA3(1)), 1e-3);
        assertEquals(29421.015697 / 2, Units.evPerA3ToGPa(Units.rydbergPerBohr3ToEvPerA3(1)), 1e-3);
        assertEquals(0.1, Units.kbarToGPa(1), 0);
        assertEquals(1.0, Units.evPerA3ToGPa(Units.kbarToEvPerA3(10)), 1e-12);
        assertEquals(1.0, Units.aToBohr(Units.bohrToA(1)), 1e-15);
    }

    @Test
    void cp2kOutput() throws IOException {
        double v = 1000;
        ReferenceResult r = Cp2kCalculator.parseOutput(fixture("cp2k-h2o.out"), 3, v);
        assertEquals(-17.163239423148123 * Units.HARTREE_EV, r.energy(), 1e-9);
        assertEquals(-0.01523811 * Units.HARTREE_EV / Units.BOHR_A, r.forces()[2], 1e-9);
        assertEquals(0.01104367 * Units.HARTREE_EV / Units.BOHR_A, r.forces()[4], 1e-9);
        assertEquals(-0.01104367 * Units.HARTREE_EV / Units.BOHR_A, r.forces()[7], 1e-9);
        // CP2K prints the stress compressive positive (a pressure tensor) → W = P V (sign measured against a strain
        // FD of the energy in Cp2kIntegrationTest)
        assertEquals(Units.gpaToEvPerA3(1.234) * v, r.virial()[0], 1e-9);
        assertEquals(Units.gpaToEvPerA3(0.01) * v, r.virial()[1], 1e-9);
        assertEquals(Units.gpaToEvPerA3(-0.5) * v, r.virial()[4], 1e-9);
        assertEquals(Units.gpaToEvPerA3(2.0) * v, r.virial()[8], 1e-9);
        List<String> bad = new java.util.ArrayList<>(fixture("cp2k-h2o.out"));
        bad.add(3, "  *** SCF run NOT converged ***");
        assertThrows(ReferenceException.class, () -> Cp2kCalculator.parseOutput(bad, 3, v));
        assertThrows(ReferenceException.class, () -> Cp2kCalculator.parseOutput(fixture("cp2k-h2o.out"), 4, v));
    }

    @Test
    void cp2kRealOutput() throws IOException {
        // cp2k-nacl.out: an unedited CP2K 2023.1 (Debian) ENERGY_FORCE output of Cp2kIntegrationTest's 8-atom NaCl cell
        double v = 5.64 * 5.64 * 5.64;
        ReferenceResult r = Cp2kCalculator.parseOutput(fixture("cp2k-nacl.out"), 8, v);
        assertEquals(-61.222288106952462 * Units.HARTREE_EV, r.energy(), 1e-9);
        assertEquals(-0.00303396 * Units.HARTREE_EV / Units.BOHR_A, r.forces()[0], 1e-9);
        assertEquals(0.00191696 * Units.HARTREE_EV / Units.BOHR_A, r.forces()[23], 1e-9);
        // printed (compressive positive) 4.17299140125 GPa → W_xx = +P_xx V; off-diagonal −4.448e-3 GPa
        assertEquals(Units.gpaToEvPerA3(4.17299140125) * v, r.virial()[0], 1e-9);
        assertEquals(Units.gpaToEvPerA3(-4.44801546981E-03) * v, r.virial()[1], 1e-9);
        assertEquals(Units.gpaToEvPerA3(4.13602392815) * v, r.virial()[8], 1e-9);
    }

    @Test
    void cp2kInputUsesDebianDataAndGthKinds() {
        Structure s = new Structure(Cell.orthorhombic(5, 6, 7));
        s.addAtom("Na", 0, 0, 0);
        s.addAtom("Cl", 2.5, 0, 0);
        String in = new Cp2kCalculator(new Cp2kCalculator.Options().basis("SZV-GTH")).input(s);
        assertTrue(in.contains("BASIS_SET_FILE_NAME /usr/share/cp2k/GTH_BASIS_SETS"), in);
        assertTrue(in.contains("POTENTIAL_FILE_NAME /usr/share/cp2k/GTH_POTENTIALS"));
        assertTrue(in.contains("STRESS_TENSOR ANALYTICAL"));
        assertTrue(in.contains("&KIND Cl\n      BASIS_SET SZV-GTH\n      POTENTIAL GTH-PBE"));
        assertTrue(in.contains("B 0.000000000000 6.000000000000 0.000000000000"));
        assertTrue(in.contains("Cl 2.500000000000 0.000000000000 0.000000000000"));
        // the user's own files, per-element basis/pseudopotential and cutoffs reach the input
        String mixed = new Cp2kCalculator(new Cp2kCalculator.Options().basisFiles("BASIS_MOLOPT_UZH", "/home/me/MY_BASIS")
                .potentialFile("POTENTIAL_UZH").kind("Na", "DZVP-MOLOPT-PBE-GTH-q1", "GTH-PBE-q1").cutoff(150, 30)).input(s);
        assertTrue(mixed.contains("BASIS_SET_FILE_NAME /usr/share/cp2k/BASIS_MOLOPT_UZH\n    BASIS_SET_FILE_NAME /home/me/MY_BASIS\n"), mixed);
        assertTrue(mixed.contains("POTENTIAL_FILE_NAME /usr/share/cp2k/POTENTIAL_UZH"));
        assertTrue(mixed.contains("&KIND Na\n      BASIS_SET DZVP-MOLOPT-PBE-GTH-q1\n      POTENTIAL GTH-PBE-q1"), mixed);
        assertTrue(mixed.contains("&KIND Cl\n      BASIS_SET DZVP-GTH\n      POTENTIAL GTH-PBE"), mixed);
        assertTrue(mixed.contains("CUTOFF 150.0\n      REL_CUTOFF 30.0"), mixed);
    }

    @Test
    void qeOutputAndInput() throws IOException {
        double v = 200;
        ReferenceResult r = QeCalculator.parseOutput(fixture("pw-nacl.out"), 2, v);
        assertEquals(-90.12345678 * Units.RYDBERG_EV, r.energy(), 1e-9);
        // the first force block is the total; the later non-local contribution block is ignored
        assertEquals(0.01 * Units.RYDBERG_EV / Units.BOHR_A, r.forces()[0], 1e-12);
        assertEquals(0.002 * Units.RYDBERG_EV / Units.BOHR_A, r.forces()[5], 1e-12);
        // -0.00008389 Ry/bohr³ = -12.34 kbar as printed alongside
        assertEquals(-12.34, Units.evPerA3ToGPa(r.virial()[0] / v) * 10, 0.01);
        assertEquals(0, r.virial()[1], 0);

        Structure s = new Structure(Cell.orthorhombic(5, 5, 5));
        s.addAtom("Na", 0, 0, 0);
        s.addAtom("Cl", 2.5, 0, 0);
        QeCalculator.Options o = new QeCalculator.Options();
        o.pseudopotentials.put("Na", "Na.pbe.UPF");
        o.pseudopotentials.put("Cl", "Cl.pbe.UPF");
        String in = new QeCalculator(o).input(s);
        assertTrue(in.contains("nat = 2") && in.contains("ntyp = 2") && in.contains("tstress = .true."), in);
        assertTrue(in.contains("Na 22.9897") && in.contains("Na.pbe.UPF"), in);
        assertTrue(in.contains("K_POINTS gamma"));
        o.pseudopotentials.remove("Cl");
        assertThrows(ReferenceException.class, () -> new QeCalculator(o).input(s));
    }

    @Test
    void lammpsLogAndDump(@TempDir Path dir) {
        List<String> log = List.of("LAMMPS (2 Aug 2023)", "Step PotEng Pxx Pyy Pzz Pxy Pxz Pyz",
                "0 -12.5 1000 2000 3000 10 20 30", "Loop time of 1e-05 on 1 procs for 0 steps with 2 atoms");
        List<String> dump = List.of("ITEM: TIMESTEP", "0", "ITEM: NUMBER OF ATOMS", "2", "ITEM: BOX BOUNDS pp pp pp",
                "0 5", "0 5", "0 5", "ITEM: ATOMS id fx fy fz", "1 0.5 -0.25 0", "2 -0.5 0.25 0");
        ReferenceResult r = LammpsCalculator.parse(log, dump, 2, 125);
        assertEquals(-12.5, r.energy(), 0);
        assertArrayEquals(new double[] {0.5, -0.25, 0, -0.5, 0.25, 0}, r.forces(), 0);
        assertEquals(Units.barToEvPerA3(1000) * 125, r.virial()[0], 1e-12);
        assertEquals(Units.barToEvPerA3(20) * 125, r.virial()[6], 1e-12);
        assertEquals(Units.barToEvPerA3(30) * 125, r.virial()[5], 1e-12);

        Structure s = new Structure(Cell.orthorhombic(5, 5, 5));
        s.addAtom("Na", 0, 0, 0);
        s.addAtom("Cl", 2.5, 0, 0);
        LammpsCalculator.Options o = new LammpsCalculator.Options();
        o.types = List.of("Na", "Cl");
        o.forceField = "pair_style lj/cut 2.4\npair_coeff * * 0.01 2.0";
        new LammpsCalculator(o).writeInputs(s, dir);
        assertTrue(Files.exists(dir.resolve("data.lmp")));
        String deck = new LammpsCalculator(o).deck();
        assertTrue(deck.contains("read_data data.lmp\npair_style lj/cut 2.4\npair_coeff * * 0.01 2.0\nthermo_style"), deck);
    }

    @Test
    void vaspInputsAndOutcarReadBack(@TempDir Path dir) throws IOException {
        Structure s = new Structure(Cell.orthorhombic(5, 5, 5));
        s.addAtom("Na", 0, 0, 0);
        s.addAtom("Cl", 2.5, 0, 0);
        s.addAtom("Na", 2.5, 2.5, 0);
        VaspCalculator.Options o = new VaspCalculator.Options();
        Files.writeString(dir.resolve("POTCAR.Na"), "PAW_PBE Na_pv\nEnd of Dataset\n");
        Files.writeString(dir.resolve("POTCAR.Cl"), "PAW_PBE Cl\nEnd of Dataset\n");
        o.potcars.put("Na", dir.resolve("POTCAR.Na"));
        o.potcars.put("Cl", dir.resolve("POTCAR.Cl"));
        Path job = Files.createDirectory(dir.resolve("job"));
        new VaspCalculator(o).writeInputs(s, job);
        // atom order kept: species runs Na Cl Na, POTCAR concatenated in the same order
        assertTrue(Files.readString(job.resolve("POSCAR")).contains("Na Cl Na\n1 1 1"));
        assertEquals("PAW_PBE Na_pv\nEnd of Dataset\nPAW_PBE Cl\nEnd of Dataset\nPAW_PBE Na_pv\nEnd of Dataset\n",
                Files.readString(job.resolve("POTCAR")));
        assertTrue(Files.readString(job.resolve("INCAR")).contains("IBRION = -1"));
        o.potcars.remove("Cl");
        assertThrows(ReferenceException.class, () -> new VaspCalculator(o).writeInputs(s, job));
        assertThrows(RuntimeException.class, () -> VaspCalculator.readOutput(job, 3));
    }

    @Test
    void vaspOutputsReadThroughTheIoReadersMatchAse(@TempDir Path dir) throws Exception {
        // fixtures of the io package with ASE 3.22.1 reference values (JSON next to them); the last frame is the result
        for (String[] c : new String[][] {{"vasprun.xml", "vasprun.xml"}, {"OUTCAR_tric", "OUTCAR"}}) {
            Path job = Files.createDirectories(dir.resolve(c[1] + "-job"));
            Files.copy(Path.of(ReferenceParsersTest.class.getResource("/io/ase/" + c[0]).toURI()), job.resolve(c[1]));
            com.fasterxml.jackson.databind.JsonNode frames = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(ReferenceParsersTest.class.getResource("/io/ase/" + c[0] + ".json")).get("frames");
            com.fasterxml.jackson.databind.JsonNode last = frames.get(frames.size() - 1);
            int n = last.get("numbers").size();
            ReferenceResult r = VaspCalculator.readOutput(job, n);
            assertEquals(last.get("energy").asDouble(), r.energy(), 1e-6, c[0]);
            for (int k = 0; k < 3 * n; k++) assertEquals(last.get("forces").get(k).asDouble(), r.forces()[k], 1e-6, c[0]);
            double[] h = new double[9];
            for (int k = 0; k < 9; k++) h[k] = last.get("cell").get(k).asDouble();
            double vol = Cell.ofRowMajor(h, null).volume();
            if (last.has("stress") && r.virial() != null) {
                for (int k = 0; k < 9; k++) {
                    assertEquals(-last.get("stress").get(k).asDouble() * vol, r.virial()[k], 1e-4 * vol, c[0] + " virial = -σV");
                }
            }
        }
    }
}
