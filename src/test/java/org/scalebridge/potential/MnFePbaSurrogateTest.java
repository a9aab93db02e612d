package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Structure;

/** The MnFePBA surrogate: topology detection, sanity of the model, and agreement with LAMMPS (skipped without lmp). */
class MnFePbaSurrogateTest {

    @Test
    void topologyOfTheFramework() {
        Structure s = PbaTestStructures.build(10.4, 2, 1.0, 0.0, 0.05, 7);
        var m = MnFePbaSurrogate.load().build(s);
        int nFe = s.count(26);
        assertEquals(18 * nFe, m.topology().bondCount(), "6 Fe-C + 6 C-N + 6 Mn-N per formula unit");
        // per formula unit: 12 cis C-Fe-C + 12 cis N-Mn-N + 6 Fe-C-N + 6 C-N-Mn
        assertEquals(36 * nFe, m.topology().angleCount());
        assertEquals(1.0, m.x(), 1e-12);
        double qTot = 0;
        for (int i = 0; i < s.size(); i++) qTot += s.charges()[i];
        assertEquals(0, qTot, 1e-9, "charges are neutral for the structure's x");
    }

    @Test
    void idealFrameworkIsAForceFreeMinimum() {
        // ideal cubic x = 0 framework at its bonded rest lengths: no forces, no stress, energy rises on displacement
        // (the energy itself is the constant DSF self term Σ −(e_shift/2 + α/√π)·k·qᵢ²)
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        double a = 2 * (1.92 + 1.16 + ff.mnNRestLength(0));
        Structure s = PbaTestStructures.build(a, 1, 0.0, 0.0, 0.0, 1);
        var m = ff.build(s);
        ForceResult r = new ForceResult();
        m.potential().compute(s, r);
        double fmax = 0;
        for (int k = 0; k < 3 * s.size(); k++) fmax = Math.max(fmax, Math.abs(r.forces()[k]));
        assertEquals(0, fmax, 1e-10);
        for (double w : r.virial()) assertEquals(0, w, 1e-10);
        Structure d = PbaTestStructures.build(a, 1, 0.0, 0.0, 0.05, 2);
        assertTrue(m.potential().energy(d) > r.energy() + 0.1);
    }

    @Test
    void sodiumIsBoundInTheCages() {
        // inserting Na at a cage centre of the x = 1 framework lowers the energy (Na⁺ is bound by the cage)
        Structure s = PbaTestStructures.build(10.4, 1, 1.0, 0.0, 0.0, 3);
        var m = MnFePbaSurrogate.load().build(s);
        double dE = m.potential().localChange().deltaInsert(s, 11, 0.8, 0.75 * 10.4, 0.25 * 10.4, 0.25 * 10.4);
        System.out.printf("surrogate: ΔE of inserting Na at an empty cage centre (x = 1 framework): %.3f eV%n", dE);
        assertTrue(dE < 0, "Na insertion into an empty cage is favourable, got " + dE);
    }

    @Test
    void rejectsForeignElementsAndBrokenFrameworks() {
        Structure s = PbaTestStructures.build(10.4, 1, 0.5, 0.0, 0.0, 3);
        s.addAtom("K", 1, 1, 1);
        InputException e = assertThrows(InputException.class, () -> MnFePbaSurrogate.load().build(s));
        assertTrue(e.getMessage().contains("K"), e.getMessage());
        Structure t = PbaTestStructures.build(10.4, 1, 0.5, 0.0, 0.0, 3);
        t.setPosition(9, t.x(9) + 0.8, t.y(9), t.z(9));  // pull a C away from its Fe
        assertThrows(InputException.class, () -> MnFePbaSurrogate.load().build(t));
    }

    static boolean lmpAvailable() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "lmp"))) return true;
        }
        return false;
    }

    /** Runs LAMMPS on the written deck; returns {E, W(9), forces...}. */
    static double[][] runLammps(Path dir, int n) throws Exception {
        Process p = new ProcessBuilder("lmp", "-in", "in.lmp", "-log", "log.lammps", "-screen", "none", "-nocite")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "lmp failed: " + out);
        List<String> log = Files.readAllLines(dir.resolve("log.lammps"));
        double[] thermo = null;
        for (int k = 0; k < log.size(); k++) {
            if (log.get(k).trim().startsWith("Step")) { thermo = RefXyz.nums(log.get(k + 1)); break; }
        }
        double vol = thermo[13];
        double[] w = new double[9];
        double[] pb = {thermo[7], thermo[8], thermo[9], thermo[10], thermo[11], thermo[12]}; // xx yy zz xy xz yz
        int[][] idx = {{0, 0}, {4, 1}, {8, 2}, {1, 3}, {3, 3}, {2, 4}, {6, 4}, {5, 5}, {7, 5}};
        for (int[] ij : idx) w[ij[0]] = pb[ij[1]] * vol / Units.BAR_PER_EV_A3;
        double[] f = new double[3 * n];
        List<String> dump = Files.readAllLines(dir.resolve("dump.forces"));
        int start = dump.indexOf(dump.stream().filter(l -> l.startsWith("ITEM: ATOMS")).findFirst().get()) + 1;
        for (int i = 0; i < n; i++) {
            double[] v = RefXyz.nums(dump.get(start + i));
            int id = (int) v[0] - 1;
            f[3 * id] = v[1]; f[3 * id + 1] = v[2]; f[3 * id + 2] = v[3];
        }
        return new double[][] {{thermo[1]}, w, f};
    }

    @Test
    void matchesLammps(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(lmpAvailable(), "lmp (LAMMPS) not installed: comparison skipped");
        for (double x : new double[] {0.5, 2.0}) {
            Structure s = PbaTestStructures.build(10.3, 2, x, 0.03, 0.12, 11);
            var m = MnFePbaSurrogate.load().build(s);
            m.writeLammps(dir, s);
            double[][] ref = runLammps(dir, s.size());
            ForceResult r = new ForceResult();
            m.potential().compute(s, r);
            double dE = Math.abs(r.energy() - ref[0][0]) / Math.abs(ref[0][0]);
            double fmax = 0, df = 0, wmax = 0, dw = 0;
            for (int k = 0; k < 3 * s.size(); k++) { fmax = Math.max(fmax, Math.abs(ref[2][k])); df = Math.max(df, Math.abs(r.forces()[k] - ref[2][k])); }
            for (int k = 0; k < 9; k++) { wmax = Math.max(wmax, Math.abs(ref[1][k])); dw = Math.max(dw, Math.abs(r.virial()[k] - ref[1][k])); }
            System.out.printf("surrogate x=%.1f (%d atoms) vs LAMMPS: E=%.10f eV dE/E=%.2e dF/Fmax=%.2e dW/Wmax=%.2e (abs %.2e eV, %.2e eV/A, %.2e eV)%n",
                    x, s.size(), ref[0][0], dE, df / fmax, dw / wmax, Math.abs(r.energy() - ref[0][0]), df, dw);
            assertTrue(dE < 1e-8 && df / fmax < 1e-8 && dw / wmax < 1e-8, "surrogate agrees with LAMMPS at 1e-8 relative");
        }
    }
}
