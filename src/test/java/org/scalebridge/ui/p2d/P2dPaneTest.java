package org.scalebridge.ui.p2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scalebridge.ui.figures.Shots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * P2D pane on the MnFePBA sample cell (coarse mesh, the first 0.1 mAh/cm² of the 0.5C and 0.1C charges): the form
 * validates, runs go to the background, map frames differ and the voltage marker moves, a click moves a probe,
 * the two runs compare side by side, frames and figures export.
 */
@ExtendWith(ApplicationExtension.class)
class P2dPaneTest {
    private P2dPane pane;
    private final org.scalebridge.ui.task.TaskManager studioTasks = new org.scalebridge.ui.task.TaskManager(1);

    @Start
    void start(Stage stage) {
        pane = new P2dPane(Path.of("samples/mnfepba_p2d/charge_05C.toml"));
        pane.setJobs(studioTasks::submit); // as the main window does: runs go through the studio's executor
        stage.setScene(new Scene(pane, 1270, 790));
        stage.show();
    }

    private void coarse(FxRobot robot) {
        robot.interact(() -> {
            pane.setField("negative cells along x", "6"); pane.setField("positive cells along x", "6");
            pane.setField("separator cells", "3");
            pane.setField("negative radial nodes", "10"); pane.setField("positive radial nodes", "12");
        });
    }

    private void runAndWait(FxRobot robot, int runsBefore) throws Exception {
        robot.interact(() -> pane.start());
        WaitForAsyncUtils.waitFor(400, TimeUnit.SECONDS, () -> pane.runs().size() > runsBefore || (!pane.running() && pane.task() != null && pane.task().isDone()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(runsBefore + 1, pane.runs().size(), "run finished: " + pane.status());
    }

    /** A run the integrator could not finish (a 1C discharge with no reachable cut-off) is shown with its reason, as a warning. */
    @Test
    void aRunThatStoppedEarlyIsShownWithItsReason(FxRobot robot) throws Exception {
        var p = org.scalebridge.continuum.P2dParameters.bundled("marquis2019");
        var m = new org.scalebridge.continuum.P2dModel(p, 10, 5, 10, 10, 10, 1.0);
        var r = new org.scalebridge.continuum.P2dSimulation(m).tolerances(1e-6, 1e-6).outputInterval(60).mapEvery(5)
                .run(new org.scalebridge.continuum.Protocol().constantCurrentC(1.0, 5400, -50, 50), null);
        assertTrue(r.failure() != null, "the run stops early");
        robot.interact(() -> pane.setResult(r));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.status().contains("stopped at t = 4050"), pane.status());
        javafx.scene.control.Label st = robot.lookup(".label").queryAll().stream().filter(l -> l.getStyle().contains("#D55E00"))
                .map(l -> (javafx.scene.control.Label) l).findFirst().orElseThrow(() -> new AssertionError("status in the warning colour"));
        assertEquals(pane.status(), st.getTooltip().getText(), "the whole message on hover (the line is clipped)");
        Shots.shot(robot, pane, "p2d-stopped-early");
    }

    @Test
    void formValidatesRunsAnimatesProbesComparesAndExports(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.formValid(), "the sample configuration fills a valid form: " + pane.formProblem());
        // validation like the run form: a porosity of 1.2 is refused with the field named, Run disabled
        robot.interact(() -> pane.setField("positive porosity", "1.2"));
        assertFalse(pane.formValid());
        assertTrue(pane.formProblem().contains("positive porosity"), pane.formProblem());
        assertTrue(robot.lookup("#runP2d").query().isDisabled());
        Shots.shot(robot, pane, "p2d-form-invalid");
        robot.interact(() -> pane.setField("positive porosity", "0.25"));
        assertTrue(pane.formValid());
        coarse(robot);
        // 0.5C for 720 s and 0.1C for 3600 s pass the same charge (0.1 of the nominal capacity)
        robot.interact(() -> { pane.setCRate("-0.5"); pane.setDuration("720"); });
        runAndWait(robot, 0);
        String[] titles = new String[1];
        robot.interact(() -> titles[0] = studioTasks.tasks().stream().map(t -> t.getTitle()).toList().toString()); // Task: FX thread only
        assertTrue(titles[0].contains("P2D"), "the run is a task of the studio's executor (task bar): " + titles[0]);
        int n = pane.result().mapTimes.size();
        assertTrue(n >= 3, "map frames stored: " + n);
        Path a = Shots.shot(robot, pane.mapCanvas(), "p2d-map-first");
        double m0 = pane.markerValue();
        robot.interact(() -> pane.slider().setValue(n - 1));
        WaitForAsyncUtils.waitForFxEvents();
        double m1 = pane.markerValue();
        Path b = Shots.shot(robot, pane.mapCanvas(), "p2d-map-last");
        assertTrue(m1 > m0, "voltage marker moves with the time slider: " + m0 + " → " + m1);
        BufferedImage ia = ImageIO.read(a.toFile()), ib = ImageIO.read(b.toFile());
        long differ = 0;
        for (int y = 0; y < Math.min(ia.getHeight(), ib.getHeight()); y++)
            for (int x = 0; x < Math.min(ia.getWidth(), ib.getWidth()); x++) if (ia.getRGB(x, y) != ib.getRGB(x, y)) differ++;
        assertTrue(differ > 1000, "map frames differ: " + differ + " pixels");
        // nine probes by default; a click on the map moves probe 1 to the clicked cathode cell and node
        assertEquals(9, pane.probes().length);
        int[] target = pane.probes()[4].clone(); // middle of the cathode, particle middle
        int[] moved = {target[0] + 1, 1};
        double[] pt = pane.mapPoint(moved[0], moved[1]);
        var screen = pane.mapCanvas().localToScreen(pt[0], pt[1]);
        robot.moveTo(screen).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(moved, pane.probes()[0], "probe 1 moved to the clicked cell/node");
        assertEquals(9, pane.probeFigure().chart().getXYPlot().getDataset().getSeriesCount());
        Shots.shot(robot, pane, "p2d-single-run");

        robot.interact(() -> { pane.setCRate("-0.1"); pane.setDuration("3600"); });
        runAndWait(robot, 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, pane.voltageFigure().chart().getXYPlot().getDataset().getSeriesCount(), "both runs' voltage curves");
        robot.interact(() -> pane.slider().setValue(pane.result().mapTimes.size() - 1));
        WaitForAsyncUtils.waitForFxEvents();
        Shots.shot(robot, pane, "p2d-compare-01C-05C");
        Shots.shot(robot, pane.mapCanvas(), "p2d-map-compare");

        Path dir = Path.of("target/screenshots/p2d-frames");
        int[] written = new int[1];
        robot.interact(() -> written[0] = pane.exportFrames(dir, "map", 1));
        assertEquals(pane.result().mapTimes.size(), written[0]);
        assertTrue(ImageIO.read(dir.resolve("map_0000.png").toFile()) != null);
        assertEquals(written[0], Files.list(dir).filter(p -> p.getFileName().toString().startsWith("map_")).count());
        Path fig = Path.of("target/screenshots/fig-voltage"), pr = Path.of("target/screenshots/fig-probes");
        robot.interact(() -> { try { pane.voltageFigure().exportAll(fig); pane.probeFigure().exportAll(pr); } catch (Exception e) { throw new RuntimeException(e); } });
        Shots.checkExports(fig, 1050);
        Shots.checkExports(pr, 1050);
        System.out.println("P2D pane: runs " + pane.runs().size() + ", 0.1C frames " + pane.result().mapTimes.size()
                + ", differing pixels " + differ + ", marker " + m0 + " → " + m1 + " mAh/cm²");
    }
}
