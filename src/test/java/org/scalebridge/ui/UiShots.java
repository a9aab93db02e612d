package org.scalebridge.ui;

import java.io.IOException;
import javafx.scene.Node;
import org.testfx.api.FxRobot;

/** Public screenshot helper for tests in other packages (bench). */
public final class UiShots {
    private UiShots() {}

    public static void save(FxRobot robot, Node node, String name) throws IOException { UiTestSupport.screenshot(robot, node, name); }
}
