package org.scalebridge.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference data (system property scalebridge.reference); tests skip when it is absent. */
final class RefFiles {
    private RefFiles() {}

    static Path lammps(String rel) {
        String root = System.getProperty("scalebridge.reference", "../shared/reference");
        Path p = Path.of(root, "lammps", rel);
        assumeTrue(Files.isRegularFile(p), "reference file missing: " + p);
        return p;
    }
}
