package org.scalebridge.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.io.FrameIndex;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;
import org.scalebridge.ui.run.RunPane;
import org.scalebridge.ui.run.RunSpec;
import org.scalebridge.ui.task.TaskManager;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The FX thread stays responsive while a 32k-atom hybrid GCMC–MD run goes (the paper's box size): the run pane's six
 * live charts redraw, the run appends live frames every second and a live viewer tab indexes and follows them. A
 * pulse listener records, for every pulse, the CPU time the FX thread spent (all our code: timers, runLater batches,
 * CSS, layout). Written to target/screenshots/pulse-timing-32k.txt with the load average.
 */
@ExtendWith(ApplicationExtension.class)
class UiResponsiveness32kTest {
    private TaskManager tm;
    private Stage stage;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tm = new TaskManager(2);
        tabs = new TabPane();
        stage.setScene(new Scene(tabs, 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() { tm.shutdown(); }

    @Test
    void fxPulseNotBlockedDuring32kRun(FxRobot robot, @TempDir Path tmp) throws Exception {
        Structure big = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(1.8).supercell(8, 8, 8).seed(1).build();
        assertTrue(big.size() > 30_000, "paper-size box: " + big.size());
        Files.createDirectories(tmp.resolve("structures"));
        Formats.write(tmp.resolve("structures/big.extxyz"), big);
        RunSpec spec = new RunSpec();
        spec.kind = "gcmc-md";
        spec.ensemble = "nvt";
        spec.structureFile = "structures/big.extxyz";
        spec.mdSteps = 1;
        spec.exchanges = 8;
        spec.translations = 8;
        spec.cycles = 1_000_000;
        spec.equilibrationCycles = 0;
        spec.checkpointEvery = 0;
        spec.outputDir = "big-out";
        spec.viewerRefreshS = 1.0;
        Path runFile = tmp.resolve("big.toml");
        StructureTab[] live = new StructureTab[1];
        RunPane[] rp = new RunPane[1];
        boolean[] attaching = new boolean[1];
        robot.interact(() -> {
            live[0] = new StructureTab(tm);
            rp[0] = new RunPane(runFile, spec, tm, s -> Platform.runLater(() -> {
                StructureTab st = live[0];
                if (st.frames() != null || attaching[0]) { st.refreshFrames(); return; }
                attaching[0] = true;   // as MainWindow does: index on the executor, show when ready
                var t = tm.submitTransient("index", p -> FrameIndex.open(rp[0].framesFile()));
                t.setOnSucceeded(e -> st.showTrajectory(t.getValue(), "big (live)", true));
            }));
            tabs.getTabs().addAll(new Tab("run", rp[0]), new Tab("live", live[0]));
            tabs.getSelectionModel().select(0);
        });
        PulseMonitor pm = new PulseMonitor(stage.getScene());
        long t0 = System.nanoTime();
        robot.interact(() -> rp[0].start(false));
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> rp[0].trace().size() >= 3);
        double setupS = (System.nanoTime() - t0) * 1e-9;
        // watch the run for a while with the run tab in front (charts redrawing, live tab following in the background)
        int n0 = rp[0].trace().size();
        Thread.sleep(8000);
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> rp[0].trace().size() > n0 + 2);
        pm.stop(robot);
        String runTab = pm.summary();
        double maxCpu = pm.maxCpuMs();
        UiTestSupport.screenshot(robot, stage.getScene().getRoot(), "run-pane-32k");
        robot.interact(rp[0]::stop);
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> !rp[0].isRunning());
        assertTrue(live[0].frames() != null && live[0].frames().size() >= 1, "the live tab indexed the run's frames");
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String r = String.format(java.util.Locale.ROOT, "32k-atom run (%d atoms), set-up to first samples %.0f s, %d samples while measured;"
                + " run tab in front, live viewer following in the background: %s load average %.1f%n",
                big.size(), setupS, rp[0].trace().size() - n0, runTab, load);
        System.out.print(r);
        Files.createDirectories(Path.of("target/screenshots"));
        Files.writeString(Path.of("target/screenshots/pulse-timing-32k.txt"), r);
        // The bound: an FX pulse is never blocked > 50 ms by our code. Measured as FX-thread CPU time per pulse
        // (scheduling delays of the loaded shared machine are not ours); the value is printed above.
        assertTrue(maxCpu < 50, "FX thread busy in one pulse during the 32k run: " + runTab);
    }
}
