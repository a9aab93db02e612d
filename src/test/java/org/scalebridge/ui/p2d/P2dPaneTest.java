package org.scalebridge.ui.p2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scalebridge.ui.figures.Shots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** P2D pane on the MnFePBA sample (first 900 s of the 0.5C charge, coarse mesh): runs in the background, map frames differ, marker moves. */
@ExtendWith(ApplicationExtension.class)
class P2dPaneTest {
    private P2dPane pane;

    @Start
    void start(Stage stage) {
        pane = new P2dPane(Path.of("samples/mnfepba_p2d/charge_05C.toml"));
        stage.setScene(new Scene(pane, 1240, 560));
        stage.show();
    }

    @Test
    void runsAnimatesAndExportsFrames(FxRobot robot) throws Exception {
        // first 900 s of the 0.5C charge (the full 2.6 h charge takes minutes on a shared CI core)
        robot.interact(() -> { pane.setDuration("900"); pane.start(); });
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> pane.result() != null || !pane.running());
        assertTrue(pane.result() != null, "run finished: " + pane.status());
        WaitForAsyncUtils.waitForFxEvents();
        int n = pane.result().mapTimes.size();
        assertTrue(n >= 3, "map frames stored: " + n);
        Path a = Shots.shot(robot, pane, "p2d-frame-first");
        double m0 = pane.markerValue();
        robot.interact(() -> pane.slider().setValue(n / 2));
        WaitForAsyncUtils.waitForFxEvents();
        double m1 = pane.markerValue();
        Path b = Shots.shot(robot, pane, "p2d-frame-middle");
        assertTrue(m1 > m0, "voltage marker moves with the time slider: " + m0 + " → " + m1);
        assertEquals(pane.result().mapTimes.get(n / 2) / 3600, m1, 1e-12);
        BufferedImage ia = ImageIO.read(a.toFile()), ib = ImageIO.read(b.toFile());
        long differ = 0;
        for (int y = 0; y < Math.min(ia.getHeight(), ib.getHeight()); y++)
            for (int x = 0; x < Math.min(ia.getWidth(), ib.getWidth()); x++) if (ia.getRGB(x, y) != ib.getRGB(x, y)) differ++;
        assertTrue(differ > 1000, "map frames differ: " + differ + " pixels");
        Path dir = Path.of("target/screenshots/p2d-frames");
        int[] written = new int[1];
        robot.interact(() -> written[0] = pane.exportFrames(dir, "map", 1));
        assertEquals(n, written[0]);
        assertTrue(ImageIO.read(dir.resolve("map_0000.png").toFile()) != null);
        assertEquals(n, Files.list(dir).filter(p -> p.toString().endsWith(".png")).count());
        Path fig = Path.of("target/screenshots/fig-voltage");
        robot.interact(() -> { try { pane.voltageFigure().exportAll(fig); } catch (Exception e) { throw new RuntimeException(e); } });
        Shots.checkExports(fig, 1050);
        System.out.println("P2D pane: " + pane.result().size() + " outputs, " + n + " frames, differing pixels " + differ);
    }
}
