package org.scalebridge.ui;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * FX pulses during a 32k-atom GCMC–MD run (see {@link LiveRun32kPulseCheck}) with the software viewer (Monocle
 * headless): run tab in front, then the live structure tab in front. Report: target/screenshots/pulse-timing-32k.txt.
 */
@ExtendWith(ApplicationExtension.class)
class UiResponsiveness32kTest extends LiveRun32kPulseCheck {
    @Start
    void start(Stage stage) { open(stage); }

    @AfterEach
    void tearDown() { close(); }

    @Test
    void fxPulseNotBlockedDuring32kRun(FxRobot robot, @TempDir Path tmp) throws Exception {
        check(robot, tmp, false, "pulse-timing-32k");
    }
}
