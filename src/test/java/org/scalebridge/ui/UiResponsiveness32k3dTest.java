package org.scalebridge.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * FX pulses during a 32k-atom GCMC–MD run (see {@link LiveRun32kPulseCheck}) with the JavaFX 3D viewer (GTK glass,
 * ES2 on Mesa llvmpipe under Xvfb; the pom's ui-3d execution). Report: target/screenshots/pulse-timing-32k-3d.txt.
 * In the validation profile: llvmpipe needs about 3 s to rasterise one 32k-atom frame (0.7 M triangles), so the test
 * takes minutes. Run: {@code xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -Pvalidation verify
 * -Dtest=UiResponsiveness32k3dTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("xvfb3d")
@Tag("validation")
@ExtendWith(ApplicationExtension.class)
class UiResponsiveness32k3dTest extends LiveRun32kPulseCheck {
    @BeforeAll
    static void needsDisplay() {
        assumeTrue(System.getenv("DISPLAY") != null, "no X display: run under xvfb-run for the 3D tests");
    }

    @Start
    void start(Stage stage) { open(stage); }

    @AfterEach
    void tearDown() { close(); }

    @Test
    void fxPulseNotBlockedDuring32kRun3d(FxRobot robot, @TempDir Path tmp) throws Exception {
        assumeTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "no 3D pipeline");
        check(robot, tmp, true, "pulse-timing-32k-3d");
    }
}
