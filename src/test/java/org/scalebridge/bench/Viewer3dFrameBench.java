package org.scalebridge.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;
import org.scalebridge.ui.viewer.AtomViewer;
import org.scalebridge.ui.viewer.ViewerModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Frame time of the 3D (GPU-path) viewer for the ~32k-atom MnFePBA box (8×8×8 cells, x = 1.8) rendered by JavaFX's
 * ES2 pipeline: under Xvfb this is Mesa llvmpipe, i.e. software rasterisation of the batched meshes on the CPU.
 * Two numbers while rotating: (1) synchronous frames: rotate + scene snapshot (render + read-back), best and mean of N;
 * (2) animated: an AnimationTimer rotates every pulse for 5 s and the mean pulse interval is the frame time (the FX
 * thread waits for the renderer, so it includes rasterisation; prism.vsync=false). Run:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -Pbench verify -Dtest=Viewer3dFrameBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints and writes target/screenshots/bench-32k-3d.txt; never asserts on time.
 */
@Tag("bench")
@Tag("xvfb3d")
@ExtendWith(ApplicationExtension.class)
class Viewer3dFrameBench {
    private AtomViewer viewer;
    private Scene scene;

    @BeforeAll
    static void needsDisplay() { assumeTrue(System.getenv("DISPLAY") != null, "needs an X display (xvfb-run)"); }

    @Start
    void start(Stage stage) {
        viewer = new AtomViewer();
        scene = new Scene(viewer, 1024, 768);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void frameTime32k3d(FxRobot robot) throws Exception {
        assumeTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "no 3D pipeline");
        Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(1.8).supercell(8, 8, 8).seed(1).build();
        ViewerModel m = new ViewerModel(s, new ViewerModel.Settings());
        double[] mesh = new double[1];
        robot.interact(() -> {
            long a = System.nanoTime();
            viewer.setModel(m);
        });
        org.scalebridge.ui.UiShots.awaitViewers(viewer);
        mesh[0] = viewer.lastRenderMs() + viewer.lastInstallMs();   // arrays on the render thread + nodes on the FX thread
        // warm-up: upload of the meshes to the pipeline
        for (int f = 0; f < 3; f++) { int ff = f; robot.interact(() -> { viewer.setView(30 + ff, -20); scene.snapshot(null); }); }
        int frames = 12;
        double[] sync = new double[frames];
        for (int f = 0; f < frames; f++) {
            int ff = f;
            robot.interact(() -> {
                long a = System.nanoTime();
                viewer.setView(30 + 7.5 * ff, -20);
                scene.snapshot(null);
                sync[ff] = (System.nanoTime() - a) * 1e-6;
            });
        }
        double best = Double.MAX_VALUE, mean = 0;
        for (double d : sync) { best = Math.min(best, d); mean += d / frames; }
        long[] count = new long[1], first = new long[1], last = new long[1];
        AnimationTimer spin = new AnimationTimer() {
            @Override public void handle(long now) {
                if (count[0] == 0) first[0] = now;
                last[0] = now;
                viewer.setView(30 + 2 * count[0]++, -20);
            }
        };
        robot.interact(spin::start);
        Thread.sleep(5000);
        robot.interact(spin::stop);
        double animMs = count[0] > 1 ? (last[0] - first[0]) * 1e-6 / (count[0] - 1) : Double.NaN;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String r = String.format(Locale.ROOT, "3D (ES2 pipeline, %s) %d atoms, %d half-bonds, one mesh per species: mesh build %.0f ms; "
                + "rotate+render+readback best %.0f ms, mean %.0f ms per frame; animated rotation %.1f ms per frame (%.1f fps, %d frames); "
                + "1024x768; load average %.1f%n", System.getProperty("prism.order"), s.size(), m.bondAtom.length, mesh[0], best, mean,
                animMs, 1000 / animMs, count[0], load);
        System.out.print(r);
        Files.createDirectories(Path.of("target/screenshots"));
        Files.writeString(Path.of("target/screenshots/bench-32k-3d.txt"), r);
        org.scalebridge.ui.UiShots.save(robot, viewer, "viewer3d-32k");
    }
}
