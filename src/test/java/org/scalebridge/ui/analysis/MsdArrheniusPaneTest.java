package org.scalebridge.ui.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.ui.figures.Shots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** MSD/Arrhenius pane on the seeded synthetic hopping sample: window changes refit D; the table is the engine's. */
@ExtendWith(ApplicationExtension.class)
class MsdArrheniusPaneTest {
    private MsdArrheniusPane pane;

    @Start
    void start(Stage stage) {
        pane = MsdArrheniusPane.sample();
        stage.setScene(new Scene(pane, 1240, 780));
        stage.show();
    }

    @Test
    void windowChangeChangesDAndTableMatchesEngine(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Shots.shot(robot, pane, "msd-arrhenius");
        double d0 = pane.fit(0).d();
        // drag the window's left edge to the right (mouse), then type a window into the fields
        double xEdge = pane.windowEdgeX(0);
        var canvas = pane.msdFigure().viewer().getCanvas();
        var p = canvas.localToScreen(xEdge, canvas.getHeight() / 2);
        
        robot.moveTo(p).press(MouseButton.PRIMARY).moveBy(-20, 0).moveBy(-20, 0).moveBy(-20, 0).release(MouseButton.PRIMARY);
        
        WaitForAsyncUtils.waitForFxEvents();
        double dDrag = pane.fit(0).d();
        assertNotEquals(d0, dDrag, "dragging the window edge refits D");
        assertEquals("user", pane.fit(0).windowChoice());
        robot.interact(() -> {
            robot.lookup("#tStart").queryAs(TextField.class).setText("1");
            robot.lookup("#tEnd").queryAs(TextField.class).setText("5");
            robot.lookup("#tEnd").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        Einstein.Fit f = pane.fit(0);
        assertTrue(f.tStart() >= 1 && f.tEnd() <= 5, "window 1–5 ps applied: " + f.tStart() + ".." + f.tEnd());
        Einstein.Fit ref = Einstein.fit(pane.entries().get(0).msd(), 3, new Einstein.Window(1, 5), 0.1, 1.0);
        assertEquals(ref.d(), f.d(), 0.0, "pane D is the engine's D for the same window");
        // the table holds exactly the engine's numbers, and the Arrhenius fit is the engine's fit of those
        int n = pane.entries().size();
        double[] t = new double[n], d = new double[n], s = new double[n];
        for (int i = 0; i < n; i++) {
            var row = pane.rows().get(i);
            assertEquals(pane.fit(i).d(), row.d(), 0.0);
            assertEquals(pane.fit(i).sigmaD(), row.sigmaD(), 0.0);
            t[i] = row.temperature(); d[i] = row.d(); s[i] = row.sigmaD();
        }
        Arrhenius.Fit a = Arrhenius.fit(t, d, s, 0.05);
        assertEquals(a.ea(), pane.arrheniusFit().ea(), 1e-15);
        assertEquals(a.d0(), pane.arrheniusFit().d0(), 1e-15 * a.d0());
        // synthetic sample has Ea = 0.32 eV by construction: the fit must recover it within 4σ
        assertTrue(Math.abs(pane.arrheniusFit().ea() - 0.32) < 4 * pane.arrheniusFit().sigmaEa() + 0.02,
                "Ea = " + pane.arrheniusFit().ea() + " ± " + pane.arrheniusFit().sigmaEa());
        Shots.shot(robot, pane, "msd-arrhenius-window-1-5ps");
        Path out = Path.of("target/screenshots/fig-msd");
        robot.interact(() -> { try { pane.msdFigure().exportAll(out); pane.arrheniusFigure().exportAll(Path.of("target/screenshots/fig-arrhenius")); } catch (Exception e) { throw new RuntimeException(e); } });
        Shots.checkExports(out, 1050);
        Shots.checkExports(Path.of("target/screenshots/fig-arrhenius"), 1050);
        System.out.println("MSD pane: D(500 K) auto window = " + d0 + ", after drag = " + dDrag + ", window 1–5 ps = " + f.d()
                + " Å²/ps; Ea = " + a.ea() + " ± " + a.sigmaEa() + " eV, D0 = " + a.d0());
    }
}
