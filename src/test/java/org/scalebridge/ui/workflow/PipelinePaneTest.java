package org.scalebridge.ui.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.workflow.Pipeline;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The pipeline pane lists the engine's stages in order, with their state read from the project (nothing run yet). */
@ExtendWith(ApplicationExtension.class)
class PipelinePaneTest {
    @TempDir static Path dir;
    private PipelinePane pane;

    @Start
    void start(Stage stage) throws Exception {
        Path cfg = dir.resolve("p.toml");
        Files.writeString(cfg, "name = \"t\"\npotential = \"surrogate\"\n");
        pane = new PipelinePane(cfg, job -> null, null);
        stage.setScene(new Scene(pane, 900, 500));
        stage.show();
    }

    @Test
    void listsEveryStageWithItsState() {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Pipeline.Stage.values().length, pane.rows().size());
        for (int i = 0; i < pane.rows().size(); i++) {
            assertEquals(Pipeline.Stage.values()[i].folder, pane.rows().get(i).stage());
            assertTrue(pane.rows().get(i).state().equals("to run"), pane.rows().get(i).toString());
        }
    }
}
