package org.scalebridge.continuum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Tabulated μ(c), D(c) and OCP inputs: interpolation properties, load-time validation, and use inside a P2D run. */
class TableFunctionTest {
    @TempDir Path dir;

    private static double at(Expr e, double x) { return e.eval(new double[]{x, 298.15}); }

    @Test
    void monotoneDataGiveMonotoneInterpolantWithoutOvershoot() {
        // a step with a flat top: an ordinary cubic spline overshoots here, Fritsch–Carlson/Butland must not
        double[] x = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1.0}, y = {0, 0, 0, 1, 1, 1, 1, 1};
        TableFunction f = new TableFunction(0, x, y, false, false, "step");
        double prev = -1;
        for (int k = 0; k <= 2000; k++) {
            double v = at(f, k / 2000.0);
            assertTrue(v >= prev - 1e-15, "monotone at x = " + k / 2000.0);
            assertTrue(v >= -1e-15 && v <= 1 + 1e-15, "no overshoot at x = " + k / 2000.0 + ": " + v);
            prev = v;
        }
        for (int i = 0; i < x.length; i++) assertEquals(y[i], at(f, x[i]), 1e-15, "interpolates the knots");
    }

    @Test
    void smoothFunctionsAreReproducedAndTheInterpolantIsC1() {
        int n = 81;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) { x[i] = 0.01 + 0.98 * i / (n - 1); y[i] = Math.log(x[i] / (1 - x[i])) + 3 * (1 - 2 * x[i]); }
        TableFunction f = new TableFunction(0, x, y, false, false, "mu");
        double worst = 0;
        for (int k = 0; k <= 1000; k++) {
            double xx = 0.05 + 0.9 * k / 1000.0;
            worst = Math.max(worst, Math.abs(at(f, xx) - (Math.log(xx / (1 - xx)) + 3 * (1 - 2 * xx))));
        }
        // knot spacing 0.01225: the harmonic-mean slopes are first-order accurate near inflections, so the local
        // error is O(h² f'') ≈ 1e-3 where |f''| ~ 10; 2e-3 bounds it
        assertTrue(worst < 2e-3, "max error " + worst);
        // C¹: one-sided difference quotients agree at an interior knot
        double xk = x[40], h = 1e-7;
        double left = (at(f, xk) - at(f, xk - h)) / h, right = (at(f, xk + h) - at(f, xk)) / h;
        assertEquals(left, right, 1e-4 * Math.abs(left) + 1e-6);
        // linear extrapolation outside with the end slope (continuous value and slope)
        double e0 = at(f, x[0]), d0 = (at(f, x[0] + h) - e0) / h;
        assertEquals(e0 - 0.01 * d0, at(f, x[0] - 0.01), 1e-5 * Math.abs(d0));
    }

    @Test
    void logInterpolationFollowsADiffusivitySpanningDecades() {
        double[] x = {0, 0.3, 0.35, 0.4, 0.45, 0.5, 1}, y = new double[7];
        for (int i = 0; i < 7; i++) y[i] = Math.exp(-30.42 - 10.38 * 0.5 * (1 + Math.tanh((x[i] - 0.4) / 0.05)));
        TableFunction f = new TableFunction(0, x, y, true, false, "D");
        for (int i = 0; i < 7; i++) assertEquals(1.0, at(f, x[i]) / y[i], 1e-12);
        for (int k = 0; k <= 100; k++) assertTrue(at(f, k / 100.0) > 0, "positive everywhere");
    }

    @Test
    void loadReportsFileLineAndFieldAndConvertsElectronVolts() throws IOException {
        Path ok = dir.resolve("mu.csv");
        Files.writeString(ok, "# from the free-energy stage\nx,mu_fit_eV,G\n0.1,-0.05,0\n0.5,0.0,0\n0.9,0.05,0\n");
        TableFunction f = TableFunction.load(ok, "x", "mu_fit_eV", 1, 1, "eV", false, false, 0);
        assertEquals(0.05 * Units.FARADAY, at(f, 0.9), 1e-9, "eV per site → J/mol");
        assertEquals(3, f.size());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y\n0.1,1\n0.3,2\n0.2,3\n");
        InputException e = assertThrows(InputException.class, () -> TableFunction.load(bad, "x", "y", 1, 1, "", false, false, 0));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("4"), e.getMessage());
        assertTrue(e.getMessage().contains("increase"), e.getMessage());

        Files.writeString(bad, "x,y\n0.1,1\n0.3,abc\n");
        e = assertThrows(InputException.class, () -> TableFunction.load(bad, "x", "y", 1, 1, "", false, false, 0));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("not a number"), e.getMessage());

        Files.writeString(bad, "x,D\n0.1,1e-14\n0.3,0\n");
        e = assertThrows(InputException.class, () -> TableFunction.load(bad, "x", "D", 1, 1, "", true, false, 0));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("positive"), e.getMessage());

        e = assertThrows(InputException.class, () -> TableFunction.load(ok, "sto", "mu_fit_eV", 1, 1, "eV", false, false, 0));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("no column \"sto\""), e.getMessage());
    }

    /**
     * A Marquis2019 1C discharge with both OCPs and the electrolyte conductivity given as 401-point tables sampled
     * from the bundled expressions reproduces the expression run: the interpolation error of the OCPs is below
     * ~0.1 mV on this grid (the graphite tanh steps are the sharpest features, width ≥ 0.006), so 1 mV bounds the
     * voltage difference with margin.
     */
    @Test
    void tabulatedOcpsAndConductivityReproduceTheExpressionRun() throws IOException {
        P2dParameters ref = P2dParameters.bundled("marquis2019");
        ObjectMapper om = new ObjectMapper();
        Path src = Path.of("resources", "p2d", "marquis2019.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(src));
        ObjectNode root = (ObjectNode) om.readTree(src.toFile());
        for (String el : new String[]{"negative", "positive"}) {
            Expr ocp = el.equals("negative") ? ref.negative.ocp : ref.positive.ocp;
            StringBuilder sb = new StringBuilder("sto,U_V\n");
            for (int k = 0; k <= 400; k++) { double s = k / 400.0; sb.append(s).append(',').append(ocp.eval(new double[]{s, 298.15})).append('\n'); }
            Files.writeString(dir.resolve(el + "_ocp.csv"), sb.toString());
            ObjectNode t = om.createObjectNode();
            t.put("table", el + "_ocp.csv"); t.put("x", "sto"); t.put("y", "U_V");
            ((ObjectNode) root.get(el)).set("ocp", t);
        }
        StringBuilder sb = new StringBuilder("c,kappa\n");
        for (int k = 0; k <= 400; k++) { double c = 1 + 4000.0 * k / 400; sb.append(c).append(',').append(ref.electrolyte.conductivity.eval(new double[]{c, 298.15})).append('\n'); }
        Files.writeString(dir.resolve("kappa.csv"), sb.toString());
        ObjectNode t = om.createObjectNode();
        t.put("table", "kappa.csv"); t.put("x", "c"); t.put("y", "kappa");
        ((ObjectNode) root.get("electrolyte")).set("conductivity", t);
        Path pf = dir.resolve("marquis_tables.json");
        om.writeValue(pf.toFile(), root);
        P2dParameters tab = P2dParameters.load(pf);
        assertTrue(tab.negative.ocp instanceof TableFunction);

        double[] rms = new double[1];
        P2dResult a = run(ref), b = run(tab);
        double s = 0; int n = 0;
        for (double tt = 0; tt <= Math.min(a.time()[a.size() - 1], b.time()[b.size() - 1]); tt += 18, n++) {
            double d = a.voltageAt(tt) - b.voltageAt(tt);
            s += d * d;
        }
        rms[0] = Math.sqrt(s / n) * 1e3;
        System.out.printf("tabulated vs expression OCPs/conductivity, Marquis2019 1C: %.4f mV RMS over %d points%n", rms[0], n);
        assertTrue(rms[0] < 1.0, "RMS " + rms[0] + " mV");

        // a missing table file is named with the field
        ((ObjectNode) root.get("negative").get("ocp")).put("table", "nope.csv");
        om.writeValue(pf.toFile(), root);
        InputException e = assertThrows(InputException.class, () -> P2dParameters.load(pf));
        assertTrue(e.getMessage().contains("negative.ocp.table") && e.getMessage().contains("nope.csv"), e.getMessage());
    }

    private static P2dResult run(P2dParameters p) {
        P2dModel m = new P2dModel(p, 10, 5, 10, 10, 10, 1.0);
        return new P2dSimulation(m).tolerances(1e-6, 1e-6).outputInterval(18).mapEvery(0)
                .run(new Protocol().constantCurrentC(1.0, 3600, p.cutoffLower, p.cutoffUpper), null);
    }
}
