package org.scalebridge.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.mc.McRunner;
import org.scalebridge.ui.run.RunPane;
import org.scalebridge.ui.run.RunSpec;
import org.scalebridge.ui.run.ScanTraces;
import org.scalebridge.ui.task.TaskManager;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A μ(N) scan from the run pane shows live traces: N, energy and volume of every target grow while the scan runs
 * (one series per target), and each target's μ(⟨N⟩) point appears when it finishes, equal to the value the scan
 * writes to mu_of_n.csv (pure GCMC at constant volume: ∂V/∂N = 0, so the per-target μ is final). Sample structure
 * (506 atoms, x = 1.8, 58 Na) with the surrogate, two targets around its Na count; a few seconds.
 */
@ExtendWith(ApplicationExtension.class)
class MuScanRunPaneTest {
    private TaskManager tm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tm = new TaskManager(2);
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() { tm.shutdown(); }

    @Test
    void scanShowsLiveTracesAndMuPoints(FxRobot robot, @TempDir Path tmp) throws Exception {
        UiTestSupport.copySample(tmp);
        RunSpec spec = new RunSpec();
        spec.kind = "mu-scan";
        spec.structureFile = "structures/pba-rhombohedral-x1.8-2x2x2.extxyz";
        spec.mdSteps = 0;                 // pure GCMC per target
        spec.exchanges = 8;
        spec.translations = 8;
        spec.equilibrationCycles = 0;
        spec.phi = 0.01;
        spec.targets = "54, 62";
        spec.scanChunkCycles = 60;
        spec.scanMaxCycles = 180;
        spec.scanThreads = 2;
        spec.outputDir = "runs/scan-out";
        Path runFile = tmp.resolve("scan.toml");
        RunPane[] rp = new RunPane[1];
        robot.interact(() -> {
            rp[0] = new RunPane(runFile, spec, tm, s -> {});
            stage.getScene().setRoot(rp[0]);
        });
        assertTrue(robot.lookup("#scan-charts").query().isVisible(), "kind mu-scan shows the scan charts");
        assertTrue(!robot.lookup("#trace-charts").query().isVisible());
        robot.interact(() -> rp[0].start(false));
        List<XYChart<Number, Number>> charts = rp[0].scanCharts();
        XYChart<Number, Number> nChart = charts.get(ScanTraces.N), mu = charts.get(3);
        assertEquals(2, nChart.getData().size(), "one N(cycle) series per target");
        // live: the N traces of both targets get points while the scan runs
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> sizes(robot, nChart)[0] >= 2 && sizes(robot, nChart)[1] >= 2);
        int[] early = sizes(robot, nChart);
        int muEarly = mu.getData().get(0).getData().size();
        UiTestSupport.screenshot(robot, rp[0], "run-pane-mu-scan-live");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !rp[0].isRunning());
        // the last redraw tick after the end (≤ 10 Hz, one chart per tick)
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            int[] z = new int[1];
            robot.interact(() -> z[0] = mu.getData().get(0).getData().size());
            return z[0] == 2;
        });
        Thread.sleep(600);
        WaitForAsyncUtils.waitForFxEvents();
        int[] late = sizes(robot, nChart);
        ScanTraces sc = rp[0].scanTraces();
        for (int k = 0; k < 2; k++) {
            assertTrue(late[k] > early[k], "series of target " + k + " grew: " + early[k] + " → " + late[k]);
            assertEquals(Math.min(sc.trace(k).size(), 2 * Math.max(50, 400 / 2)), late[k], "all cycles (≤ 2·buckets) plotted");
        }
        assertTrue(muEarly <= 1, "μ points appear as targets finish, not before: " + muEarly);
        // the μ(⟨N⟩) points equal the scan's CSV (constant volume: the per-target μ is final)
        List<String> csv = Files.readAllLines(tmp.resolve("runs/scan-out").resolve(McRunner.MU_CSV));
        assertEquals(3, csv.size(), csv.toString());
        var pts = mu.getData().get(0).getData();
        List<String> header = List.of(csv.get(0).split(",")); // columns by name: the CSV gains columns over time
        int colN = header.indexOf("mean_N"), colMu = header.indexOf("mu_eV");
        assertTrue(colN >= 0 && colMu >= 0, "mean_N and mu_eV columns in " + header);
        for (int k = 0; k < 2; k++) {
            String[] f = csv.get(k + 1).split(",");
            double meanN = Double.parseDouble(f[colN]), muEv = Double.parseDouble(f[colMu]);
            double[] p = sc.point(k);
            assertEquals(meanN, p[0], 1e-6 * Math.abs(meanN), "⟨N⟩ of target " + k);
            assertEquals(muEv, p[2], 1e-8, "μ of target " + k);
            boolean shown = false;
            for (var d : pts) shown |= Math.abs(d.getXValue().doubleValue() - p[0]) < 1e-9 && Math.abs(d.getYValue().doubleValue() - p[2]) < 1e-12;
            assertTrue(shown, "point (⟨N⟩, μ) of target " + k + " is plotted");
        }
        String summary = robot.lookup("#scan-summary").queryLabeled().getText();
        assertTrue(summary.contains("2 of 2 targets finished"), summary);
        BufferedImage img = UiTestSupport.screenshot(robot, rp[0], "run-pane-mu-scan-done");
        assertTrue(UiTestSupport.distinctColours(img, img.getWidth() / 2, 0, img.getWidth() / 2, img.getHeight()) > 20,
                "charts drawn");
    }

    private static int[] sizes(FxRobot robot, XYChart<Number, Number> c) {
        int[] out = new int[c.getData().size()];
        robot.interact(() -> { for (int k = 0; k < out.length; k++) out[k] = c.getData().get(k).getData().size(); });
        return out;
    }
}
