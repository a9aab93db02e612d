package org.scalebridge.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import javafx.scene.Node;
import org.testfx.api.FxRobot;

/** Public screenshot helper for tests in other packages (viewer, bench). */
public final class UiShots {
    private UiShots() {}

    public static void save(FxRobot robot, Node node, String name) throws IOException { UiTestSupport.screenshot(robot, node, name); }

    /** Waits until the atom viewers under the node show their newest frame (background rendering). */
    public static void awaitViewers(Node node) { UiTestSupport.awaitViewers(node); }

    /** Writes target/screenshots/name.png and returns the image (for pixel assertions). */
    public static BufferedImage saveImage(FxRobot robot, Node node, String name) throws IOException {
        return UiTestSupport.screenshot(robot, node, name);
    }
}
