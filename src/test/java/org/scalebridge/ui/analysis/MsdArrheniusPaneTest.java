package org.scalebridge.ui.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.analysis.Msd;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.analysis.TrajectoryFiles;
import org.scalebridge.figures.FigureStore;
import org.scalebridge.ui.figures.Shots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * MSD/Arrhenius pane on the sample project's MD trajectories (LJ Ar–Kr, two compositions × four temperatures, made
 * by our MD engine): MSDs computed on a background task equal the engine's; dragging the fit window edge changes D;
 * the per-run and per-composition Arrhenius tables hold exactly the engine's numbers; figures export.
 */
@ExtendWith(ApplicationExtension.class)
class MsdArrheniusPaneTest {
    static final Path PROJECT = Path.of("samples/mnfepba-project");
    private MsdArrheniusPane pane;
    @TempDir static Path project;

    @Start
    void start(Stage stage) throws Exception {
        // a copy of the sample project so that the figure settings written by the store stay out of the repository
        Path traj = project.resolve("trajectories");
        Files.createDirectories(traj);
        for (Path p : TrajectorySource.projectTrajectories(PROJECT)) Files.copy(p, traj.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        pane = MsdArrheniusPane.forProject(project, FigureStore.inProject(project));
        stage.setScene(new Scene(pane, 1270, 790));
        stage.show();
    }

    @Test
    void projectTrajectoriesFitWindowDragAndArrheniusTable(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8, pane.sources().size(), "two compositions × four temperatures found in the project");
        TrajectorySource s0 = pane.sources().get(0);
        assertEquals("ArKr025", s0.composition);
        assertEquals(110, s0.temperature, 0);
        assertEquals("Ar", s0.species);
        robot.interact(() -> pane.computeInBackground());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> pane.entries().size() == 8);
        WaitForAsyncUtils.waitForFxEvents();
        // the pane's MSD is the engine's all-origins MSD of the Ar atoms
        var fs = TrajectoryFiles.readSeries(s0.file, s0.timePerStep, 1);
        MsdResult ref = Msd.allOriginsFft(fs, new Msd.Options(fs.select(18), false, 0, 5), null);
        assertEquals(ref.total()[10], pane.entries().get(0).msd().total()[10], 0.0);
        Shots.shot(robot, pane, "msd-arrhenius");

        double d0 = pane.fit(0).d();
        double xEdge = pane.windowEdgeX(0);
        var canvas = pane.msdFigure().viewer().getCanvas();
        var p = canvas.localToScreen(xEdge, canvas.getHeight() / 2);
        robot.moveTo(p).press(MouseButton.PRIMARY).moveBy(-20, 0).moveBy(-20, 0).moveBy(-20, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double dDrag = pane.fit(0).d();
        assertNotEquals(d0, dDrag, "dragging the window edge refits D");
        assertEquals("user", pane.fit(0).windowChoice());
        robot.interact(() -> {
            robot.lookup("#tStart").queryAs(TextField.class).setText("2");
            robot.lookup("#tEnd").queryAs(TextField.class).setText("8");
            robot.lookup("#tEnd").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        Einstein.Fit f = pane.fit(0);
        Einstein.Fit refFit = Einstein.fit(pane.entries().get(0).msd(), 3, new Einstein.Window(2, 8), 0.1, 1.0);
        assertEquals(refFit.d(), f.d(), 0.0, "pane D is the engine's D for the same window");

        // per-run table = the engine's fits; per-composition Arrhenius rows = Arrhenius.fit of those numbers
        List<MsdArrheniusPane.Row> rows = pane.rows();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(pane.fit(i).d(), rows.get(i).d(), 0.0);
            assertEquals(pane.fit(i).sigmaD(), rows.get(i).sigmaD(), 0.0);
        }
        List<MsdArrheniusPane.ArrheniusRow> ar = pane.arrheniusRows();
        assertEquals(2, ar.size(), "one Arrhenius line per composition");
        for (MsdArrheniusPane.ArrheniusRow a : ar) {
            List<Double> t = new ArrayList<>(), d = new ArrayList<>(), s = new ArrayList<>();
            for (MsdArrheniusPane.Row r : rows) if (r.composition().equals(a.composition())) { t.add(r.temperature()); d.add(r.d()); s.add(r.sigmaD()); }
            Arrhenius.Fit e = Arrhenius.fit(t.stream().mapToDouble(x -> x).toArray(), d.stream().mapToDouble(x -> x).toArray(),
                    s.stream().mapToDouble(x -> x).toArray(), 0.05);
            assertEquals(e.ea(), a.ea(), 0.0);
            assertEquals(e.sigmaEa(), a.sigmaEa(), 0.0);
            assertEquals(e.d0(), a.d0(), 0.0);
            assertEquals(e.predict(300), a.dExtrap(), 0.0);
            assertEquals(e.band(300, 0.95)[0], a.bandLow(), 0.0);
            // a dense LJ fluid: D rises with T, so the apparent barrier is positive and small (tens of meV, ~k_B T)
            assertTrue(a.ea() > 0.005 && a.ea() < 0.1, a.composition() + " Ea = " + a.ea());
            System.out.printf("MSD pane %s: Ea = %.4f ± %.4f eV, D0 = %.4g Å²/ps, D(300 K) = %.4g [%.4g, %.4g]%n",
                    a.composition(), a.ea(), a.sigmaEa(), a.d0(), a.dExtrap(), a.bandLow(), a.bandHigh());
        }
        // Ar diffuses more slowly with more (heavier, stickier) Kr around it
        assertTrue(rows.get(4).d() < rows.get(0).d() * 1.05 || rows.get(7).d() < rows.get(3).d(), "Kr-rich mixture is slower");
        robot.interact(() -> pane.selectRun(5));
        WaitForAsyncUtils.waitForFxEvents();
        Shots.shot(robot, pane, "msd-arrhenius-window-2-8ps");
        Path out = Path.of("target/screenshots/fig-msd"), arr = Path.of("target/screenshots/fig-arrhenius");
        robot.interact(() -> { try { pane.msdFigure().exportAll(out); pane.arrheniusFigure().exportAll(arr); } catch (Exception e) { throw new RuntimeException(e); } });
        Shots.checkExports(out, 1050);
        Shots.checkExports(arr, 1050);
        // the settings (with the export path) are saved in the project folder
        assertTrue(Files.isRegularFile(project.resolve("figures/msd.figure.json")));
        assertNotNull(pane.msdFigure().settings().lastExport);
        System.out.println("MSD pane: D(ArKr025 110 K) auto window = " + d0 + ", after drag = " + dDrag + ", window 2–8 ps = " + f.d() + " Å²/ps");
    }
}
