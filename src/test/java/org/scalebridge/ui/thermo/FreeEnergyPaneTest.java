package org.scalebridge.ui.thermo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scalebridge.thermo.FreeEnergy;
import org.scalebridge.ui.figures.Shots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Free-energy pane on samples/analysis/mu_x.csv (300 and 450 K): binodal markers sit at the engine's values. */
@ExtendWith(ApplicationExtension.class)
class FreeEnergyPaneTest {
    private FreeEnergyPane pane;
    private Map<Double, double[][]> data;

    @Start
    void start(Stage stage) throws Exception {
        data = FreeEnergyPane.readCsv(Path.of("samples/analysis/mu_x.csv"));
        pane = new FreeEnergyPane(data);
        stage.setScene(new Scene(pane, 1240, 780));
        stage.show();
    }

    @Test
    void binodalMarkersAtEngineValues(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, data.size());
        List<Double> expected = new ArrayList<>();
        for (var e : data.entrySet()) {
            double[][] d = e.getValue();
            FreeEnergy.Result r = FreeEnergy.analyse(e.getKey(), d[0], d[1], d[2], pane.options());
            for (FreeEnergy.Gap g : r.binodal()) { expected.add(g.a()); expected.add(g.b()); }
        }
        assertFalse(expected.isEmpty(), "the 300 K sample has a miscibility gap");
        List<Double> shown = new ArrayList<>();
        for (Object m : pane.freeEnergyFigure().chart().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND))
            shown.add(((ValueMarker) m).getValue());
        assertEquals(expected, shown, "binodal markers are exactly the engine's common-tangent points");
        assertTrue(pane.phaseField() != null && pane.phaseField().kappa() > 0, "phase-field parameters derived");
        Shots.shot(robot, pane, "free-energy");
        robot.interact(() -> pane.setCriterion(FreeEnergy.Criterion.FIXED));
        robot.interact(() -> pane.setDegree(3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, pane.series().get(0).result().model().degree());
        Shots.shot(robot, pane, "free-energy-fixed-degree-3");
        robot.interact(() -> pane.setCriterion(FreeEnergy.Criterion.CV));
        Path out = Path.of("target/screenshots/fig-free-energy");
        robot.interact(() -> { try { pane.freeEnergyFigure().exportAll(out); pane.muFigure().exportAll(Path.of("target/screenshots/fig-mu")); } catch (Exception e) { throw new RuntimeException(e); } });
        Shots.checkExports(out, 1050);
        Path p2d = Path.of("target/screenshots/phasefield-p2d.json");
        robot.interact(() -> pane.writeP2dParameters(p2d));
        assertTrue(Files.readString(p2d).contains("kappa_J_per_m"));
        // "Send to P2D": a loadable P2D run whose cathode particle carries the engine's binodals and γ
        Path dir = Files.createTempDirectory("sendp2d");
        for (String f : new String[] {"charge_01C.toml", "mnfepba_hardcarbon.json"})
            Files.copy(Path.of("samples/mnfepba_p2d").resolve(f), dir.resolve(f));
        Path[] sent = new Path[1];
        robot.interact(() -> { try { sent[0] = pane.sendToP2d(dir.resolve("charge_01C.toml"), dir.resolve("phasefield-300K.toml")); } catch (Exception e) { throw new RuntimeException(e); } });
        var cfg = org.scalebridge.continuum.P2dConfig.load(sent[0]);
        var pos = cfg.parameters.positive;
        assertEquals(pane.phaseField().ca(), pos.binodals[0], 1e-9);
        assertEquals(pane.phaseField().cb(), pos.binodals[1], 1e-9);
        assertEquals(pane.phaseField().gammaSI(), pos.interfacialEnergy, 1e-9 * pane.phaseField().gammaSI());
        assertEquals(300, cfg.parameters.temperature, 0);
        assertTrue(pos.kappa > 0, "the solver derives κ from γ and the binodals");
        // the pane's fitted μ(x) travels as the particle's μ_hom table and c_max = 1/(Ω N_A): the solver's κ (Eq. 26 on
        // the tabulated μ) is then the pane's κ; 1% covers the table interpolation and the two quadratures
        assertTrue(Files.exists(dir.resolve("phasefield-300K.mu.csv")));
        assertEquals(1.0 / (135e-30 * org.scalebridge.core.Units.AVOGADRO), pos.cMax, 1e-9 * pos.cMax);
        assertEquals(pane.phaseField().kappaSI(), pos.kappa, 0.01 * pane.phaseField().kappaSI());
        // D per phase: 1e-4 Å²/ps = 1e-12 m²/s deep in the Na-poor phase, 3e-4 → 3e-12 in the Na-rich phase
        assertEquals(1e-12, pos.diffusivity.eval(new double[] {0.0, 1000, 300}), 1e-15);
        System.out.println("sent to P2D: binodals " + pos.binodals[0] + ", " + pos.binodals[1] + ", γ = " + pos.interfacialEnergy + " J/m², κ = " + pos.kappa);
        System.out.println("free-energy pane binodals: " + expected + "; κ = " + pane.phaseField().kappa() + " eV/Å");
    }
}
