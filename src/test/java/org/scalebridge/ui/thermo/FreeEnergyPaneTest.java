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
        System.out.println("free-energy pane binodals: " + expected + "; κ = " + pane.phaseField().kappa() + " eV/Å");
    }
}
