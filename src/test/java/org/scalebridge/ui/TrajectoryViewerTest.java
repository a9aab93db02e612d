package org.scalebridge.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.io.FrameIndex;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;
import org.scalebridge.ui.task.TaskManager;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The viewer's tools end to end (headless, Monocle, software view): trajectory playback streamed through a frame
 * index (play, pause, scrub), replicas with FeC6/MnN6 polyhedra, a selection expression with highlighting, a clip
 * plane, and measuring a distance and an angle by picking. Screenshots under target/screenshots/viewer-*.png.
 */
@ExtendWith(ApplicationExtension.class)
class TrajectoryViewerTest {
    private StructureTab st;
    private TaskManager tm;

    @Start
    void start(Stage stage) {
        tm = new TaskManager(2);
        st = new StructureTab(tm);
        stage.setScene(new Scene(st, 1200, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() { tm.shutdown(); }

    private static final Path SAMPLE = Path.of("samples/mnfepba-project/structures/pba-rhombohedral-x1.8-2x2x2.extxyz");

    @Test
    void playPauseAndScrubAStreamedTrajectory(FxRobot robot, @TempDir Path tmp) throws Exception {
        Structure s0 = Formats.readFirst(SAMPLE);
        List<Structure> frames = new ArrayList<>();
        for (int f = 0; f < 12; f++) {
            Structure s = s0.copy();
            s.positions()[0] += 0.05 * f;   // atom 0 moves: frame k is recognisable by x0
            frames.add(s);
        }
        Path traj = tmp.resolve("traj.extxyz");
        Formats.write(traj, frames);
        FrameIndex ix = FrameIndex.open(traj);
        robot.interact(() -> st.showTrajectory(ix, "traj.extxyz", false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> st.frame() == 0 && st.viewer().model() != null);
        assertTrue(robot.lookup("#play-bar").query().isVisible());
        robot.interact(() -> st.setPlaying(true));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> st.frame() >= 3);
        robot.interact(() -> st.setPlaying(false));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        int held = st.frame();
        Thread.sleep(600);
        assertEquals(held, st.frame(), "paused playback holds its frame");
        robot.interact(() -> st.timeSlider().setValue(7));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> st.frame() == 7);
        assertEquals(s0.positions()[0] + 0.35, st.structure().positions()[0], 1e-6, "frame 8 read from its byte offset");
        assertEquals("frame 8 / 12", robot.lookup("#frame-label").queryAs(Label.class).getText());
        UiTestSupport.screenshot(robot, st, "viewer-trajectory-frame8");
    }

    @Test
    void replicasPolyhedraSelectionClipAndMeasure(FxRobot robot) throws Exception {
        Structure s = Formats.readFirst(SAMPLE);
        robot.interact(() -> st.show(s, SAMPLE.getFileName().toString()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> st.viewer().model() != null);
        int b0 = st.builds();
        robot.interact(() -> {
            robot.lookup("#polyhedra").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#replicas-a").queryAs(Spinner.class).getValueFactory().setValue(2);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> st.builds() > b0 && st.viewer().model().settings.replicas[0] == 2
                && st.viewer().model().polyhedra > 0);
        var m = st.viewer().model();
        long metals = s.composition().get("Fe") + s.composition().get("Mn");
        assertEquals(2 * s.size(), m.visible.length);
        assertEquals(2 * metals, m.octahedra, "an octahedron around every Fe and Mn in both replicas");
        BufferedImage shot = UiTestSupport.screenshot(robot, st.viewer(), "viewer-polyhedra-replicas");
        assertTrue(UiTestSupport.distinctColours(shot, 0, 0, shot.getWidth(), shot.getHeight()) > 40);
        // selection: Na in the upper half are highlighted
        int b1 = st.builds();
        robot.interact(() -> st.select("species == Na && fc > 0.5"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> st.builds() > b1 && st.viewer().model().selectedCount > 0);
        int expected = org.scalebridge.ui.viewer.Selection.select("species == Na && fc > 0.5", s).length;
        assertEquals(expected, st.viewer().model().selectedCount);
        BufferedImage sel = UiTestSupport.screenshot(robot, st.viewer(), "viewer-selection");
        assertTrue(countNear(sel, 0xffd21f) > 50, "highlighted atoms drawn in the highlight colour");
        // a bad expression is flagged next to the field and leaves the view alone
        robot.interact(() -> st.select("species == Na &&"));
        assertTrue(st.selectionMessage().startsWith("column"), st.selectionMessage());
        // clip plane at half height
        int b2 = st.builds();
        robot.interact(() -> {
            st.select("");
            robot.lookup("#clip-axis").queryAs(ChoiceBox.class).getSelectionModel().select(3);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> st.builds() > b2 && !st.viewer().model().settings.clipPlanes.isEmpty());
        var mc = st.viewer().model();
        assertTrue(mc.visible.length < 0.7 * 2 * s.size() && mc.visible.length > 0.3 * 2 * s.size(), "about half kept: " + mc.visible.length);
        UiTestSupport.screenshot(robot, st.viewer(), "viewer-clip-plane");
        // measure: pick a bonded C–N pair and a third atom
        int c = -1, n = -1;
        for (int i = 0; i < s.size() && n < 0; i++) {
            if (!s.symbol(i).equals("C")) continue;
            for (int j = 0; j < s.size(); j++)
                if (s.symbol(j).equals("N") && org.scalebridge.ui.viewer.Measure.distance(s, i, j) < 1.3) { c = i; n = j; break; }
        }
        int fc = c, fn = n;
        robot.interact(() -> st.viewer().setPicks(fc, fn));
        String info = robot.lookup("#pick-info").queryAs(Label.class).getText();
        assertTrue(info.contains("d(C" + c + "–N" + n + ")"), info);
    }

    private static int countNear(BufferedImage bi, int rgb) {
        int n = 0;
        for (int y = 0; y < bi.getHeight(); y++) for (int x = 0; x < bi.getWidth(); x++) {
            int p = bi.getRGB(x, y);
            if (Math.abs((p >> 16 & 255) - (rgb >> 16 & 255)) < 40 && Math.abs((p >> 8 & 255) - (rgb >> 8 & 255)) < 40
                    && Math.abs((p & 255) - (rgb & 255)) < 40) n++;
        }
        return n;
    }
}
