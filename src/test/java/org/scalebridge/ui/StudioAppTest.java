package org.scalebridge.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The studio window reads a file on a background thread and shows it; a broken file gives a message, not a crash. */
@ExtendWith(ApplicationExtension.class)
class StudioAppTest {
    private StudioApp app;

    @Start
    void start(Stage stage) {
        app = new StudioApp();
        app.start(stage);
    }

    @Test
    void opensTetragonalSample(FxRobot robot) throws Exception {
        robot.interact(() -> app.open(Path.of("samples/structures/pba-tetragonal-x0.25-2x2x2.extxyz")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.pane().table().getItems().size() == 456);
        assertEquals("C 192, N 192, Na 8, Mn 32, Fe 32", robot.lookup("#composition").queryAs(Label.class).getText());
        String lattice = robot.lookup("#lattice").queryAs(Label.class).getText();
        assertTrue(lattice.contains("c = 19.9660") && lattice.contains("γ = 90.000°"), lattice);
    }

    @Test
    void reportsUnreadableFile(FxRobot robot) throws Exception {
        robot.interact(() -> app.open(Path.of("samples/does-not-exist.extxyz")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#title").queryAs(Label.class).getText().startsWith("Could not open"));
    }
}
