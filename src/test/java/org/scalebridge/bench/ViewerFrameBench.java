package org.scalebridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.stage.Stage;
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
 * Frame time of the atomistic viewer for a ~32k-atom MnFePBA box (8×8×8 pseudo-cubic cells, x = 1.8) under the
 * headless software pipeline (Monocle, prism.order=sw): model preparation (filters + bonds), the raster painted on the render thread, its copy into the image on the FX thread and
 * a full rendered frame (scene snapshot), averaged over rotations; plus the build time of the batched 3D meshes (the
 * GPU path cannot be rendered here). Prints the numbers and writes target/screenshots/bench-32k.txt; never asserts on time.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ViewerFrameBench {
    private AtomViewer viewer;
    private Scene scene;

    @Start
    void start(Stage stage) {
        viewer = new AtomViewer(false);
        scene = new Scene(viewer, 1024, 768);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void frameTime32k(FxRobot robot) throws Exception {
        Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(1.8).supercell(8, 8, 8).seed(1).build();
        long t0 = System.nanoTime();
        ViewerModel m = new ViewerModel(s, new ViewerModel.Settings());
        double modelMs = (System.nanoTime() - t0) * 1e-6;
        robot.interact(() -> viewer.setModel(m));
        org.scalebridge.ui.UiShots.awaitViewers(viewer);
        int frames = 10;
        double[] draw = new double[1], full = new double[1], install = new double[1];
        for (int f = 0; f < frames; f++) {
            int ff = f;
            long a = System.nanoTime();
            robot.interact(() -> viewer.setView(30 + 9 * ff, -20));   // the frame is painted on the render thread
            org.scalebridge.ui.UiShots.awaitViewers(viewer);
            robot.interact(() -> scene.snapshot(null));               // plus the scene's own rasterisation
            full[0] += (System.nanoTime() - a) * 1e-6;
            draw[0] += viewer.lastRenderMs();
            install[0] += viewer.lastInstallMs();
        }
        AtomViewer gpu = new AtomViewer(true);
        double[] mesh = new double[1];
        int[] faces = new int[1];
        robot.interact(() -> {
            long a = System.nanoTime();
            gpu.setModel(m);
            mesh[0] = (System.nanoTime() - a) * 1e-6;
            faces[0] = gpu.rebuildMeshes();
        });
        String r = String.format(Locale.ROOT, "atoms=%d half-bonds=%d; model (filters+bonds) %.0f ms; software frame: raster on the render thread %.0f ms, "
                + "pixel copy on the FX thread %.1f ms, full frame incl. scene rasterisation %.0f ms (%.1f fps) at 1024x768; 3D batched mesh build %.0f ms (%d triangles in one mesh per species + bonds + cell)%n",
                s.size(), m.bondAtom.length, modelMs, draw[0] / frames, install[0] / frames, full[0] / frames, 1000 / (full[0] / frames), mesh[0], faces[0]);
        System.out.print(r);
        Files.createDirectories(Path.of("target/screenshots"));
        Files.writeString(Path.of("target/screenshots/bench-32k.txt"), r);
        org.scalebridge.ui.UiShots.save(robot, viewer, "viewer-32k");
    }
}
