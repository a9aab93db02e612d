package org.scalebridge.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;
import org.scalebridge.ui.UiShots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The GPU path of the viewer (batched TriangleMeshes, JavaFX 3D) rendered for real: GTK glass with the ES2 pipeline
 * under Xvfb (Mesa llvmpipe), run by the pom's ui-3d execution ({@code xvfb-run mvn verify}; .ci/run does this).
 * Without a display the class is skipped. Checks scene content (one mesh per species, polyhedra meshes, pick marks)
 * and pixels of the rendered image (sample structure with 2×2×1 replicas and FeC6/MnN6 octahedra).
 */
@Tag("xvfb3d")
@ExtendWith(ApplicationExtension.class)
class Viewer3dXvfbTest {
    private AtomViewer viewer;
    private Scene scene;

    @BeforeAll
    static void needsDisplay() {
        assumeTrue(System.getenv("DISPLAY") != null, "no X display: run under xvfb-run for the 3D tests");
    }

    @Start
    void start(Stage stage) {
        viewer = new AtomViewer();
        scene = new Scene(viewer, 1000, 750);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void batchedMeshesPolyhedraAndReplicasRender(FxRobot robot) throws Exception {
        assumeTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "no 3D pipeline");
        assertTrue(viewer.is3d());
        Structure s = Formats.readFirst(Path.of("samples/mnfepba-project/structures/pba-rhombohedral-x1.8-2x2x2.extxyz"));
        ViewerModel.Settings st = new ViewerModel.Settings();
        st.replicas = new int[] {2, 2, 1};
        st.polyhedra.add("Fe");
        st.polyhedra.add("Mn");
        ViewerModel m = new ViewerModel(s, st);
        robot.interact(() -> { viewer.setModel(m); viewer.fit(); viewer.setView(35, -25); });
        UiShots.awaitViewers(viewer);   // the mesh arrays are built on the render thread
        // scene content: one atom mesh per species + bonds + cell + one polyhedra mesh per centre species
        var ids = viewer.meshIds();
        for (String el : s.composition().keySet()) assertTrue(ids.contains("mesh-" + el), "mesh for " + el + " in " + ids);
        assertTrue(ids.contains("poly-Fe") && ids.contains("poly-Mn") && ids.contains("bonds") && ids.contains("cell"), ids.toString());
        int meshes = ids.size();
        assertTrue(meshes <= s.composition().size() + 5, "batched: " + meshes + " meshes for " + m.visible.length + " atoms");
        assertEquals(4 * s.size(), m.visible.length);
        // pick two atoms: measurement text and the wire-frame marks
        robot.interact(() -> viewer.setPicks(0, 1));
        assertTrue(viewer.measurement().startsWith("d("), viewer.measurement());
        assertTrue(viewer.meshIds().contains("picks"));
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage img = UiShots.saveImage(robot, viewer, "viewer3d-polyhedra-replicas");
        int colours = distinct(img);
        assertTrue(colours > 40, "shaded 3D atoms, bonds and translucent polyhedra: " + colours + " colours");
        // translucent polyhedra blend: the image changes when they are switched off
        ViewerModel.Settings plain = st.copy();
        plain.polyhedra.clear();
        ViewerModel m2 = new ViewerModel(s, plain);
        robot.interact(() -> viewer.setModel(m2));
        BufferedImage img2 = UiShots.saveImage(robot, viewer, "viewer3d-replicas");
        int diff = 0;
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) if (img.getRGB(x, y) != img2.getRGB(x, y)) diff++;
        assertTrue(diff > 500, "polyhedra change the picture: " + diff + " sampled pixels differ");
    }

    static int distinct(BufferedImage bi) {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int y = 0; y < bi.getHeight(); y += 2) for (int x = 0; x < bi.getWidth(); x += 2) set.add((bi.getRGB(x, y) >> 3) & 0x1f1f1f);
        return set.size();
    }
}
