package org.scalebridge.cli;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Opens the desktop studio. The UI is loaded by name so that no engine or CLI class depends on JavaFX at compile
 * time (ArchitectureTest). Without a display it says so and exits with a hint to the headless commands.
 */
@Command(name = "studio", mixinStandardHelpOptions = true, description = "Open the ScaleBridge desktop studio.")
public final class StudioCommand implements Callable<Integer> {
    static final String APP = "org.scalebridge.ui.StudioLauncher";

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A structure file or project folder to open.")
    String file;

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless() && System.getenv("DISPLAY") == null
                && !System.getProperty("os.name", "").toLowerCase().contains("win")
                && !System.getProperty("os.name", "").toLowerCase().contains("mac")) {
            System.err.println("No display found: the studio needs one. Headless use: scalebridge --help");
            return 4;
        }
        Class<?> c = Class.forName(APP);
        Method m = c.getMethod("launch", String[].class);
        m.invoke(null, (Object) (file == null ? new String[0] : new String[] {file}));
        return 0;
    }
}
