package org.scalebridge.ui.project;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the MnFePBA sample project shipped under {@code samples/mnfepba-project}. */
public final class SampleProject {
    private SampleProject() {}

    public static final Path DEFAULT = Path.of("samples", "mnfepba-project");

    /** The sample project folder if it exists next to the working directory (or the install folder), else null. */
    public static Path find() {
        String home = System.getProperty("scalebridge.home");
        for (Path p : new Path[] {DEFAULT, home == null ? null : Path.of(home).resolve(DEFAULT)}) {
            if (p != null && Files.isRegularFile(p.resolve(Project.MANIFEST))) return p.toAbsolutePath().normalize();
        }
        return null;
    }
}
