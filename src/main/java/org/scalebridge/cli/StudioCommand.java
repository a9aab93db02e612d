package org.scalebridge.cli;

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
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        boolean desktopOs = os.contains("win") || os.contains("mac");
        // an explicitly requested headless glass platform (Monocle, as in the UI tests) needs no display
        boolean monocle = "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
        if (!desktopOs && !monocle && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            System.err.println("error: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set): the studio needs a "
                    + "graphical desktop. Headless use is the CLI: scalebridge info FILE | convert IN OUT | build pba … "
                    + "(see scalebridge --help)");
            return 4;
        }
        Class<?> c = Class.forName(APP);
        Method m = c.getMethod("launch", String[].class);
        try {
            m.invoke(null, (Object) (file == null ? new String[0] : new String[] {file}));
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable t = e.getCause() == null ? e : e.getCause();
            System.err.println("error: the studio could not start (" + t.getMessage() + "); headless use: scalebridge --help");
            return 4;
        }
        return 0;
    }
}
