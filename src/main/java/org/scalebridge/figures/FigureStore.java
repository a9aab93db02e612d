package org.scalebridge.figures;

import java.nio.file.Files;
import java.nio.file.Path;
import org.scalebridge.core.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure export settings kept in a project: one {@code <project>/figures/<id>.figure.json} per figure (title, axis
 * labels, fonts, line width, palette, size, DPI, formats and the last export path), so a figure can be re-made with
 * the same look after a rerun. A store without a folder ({@link #none()}) keeps nothing.
 */
public final class FigureStore {
    private static final Logger LOG = LoggerFactory.getLogger(FigureStore.class);
    private final Path project;

    private FigureStore(Path project) { this.project = project; }

    /** A store that keeps nothing (no project open). */
    public static FigureStore none() { return new FigureStore(null); }

    /** Settings under {@code projectDir/figures/}. */
    public static FigureStore inProject(Path projectDir) { return new FigureStore(projectDir == null ? null : projectDir.toAbsolutePath()); }

    public boolean persistent() { return project != null; }

    /** The folder holding the settings files, or null. */
    public Path folder() { return project == null ? null : project.resolve("figures"); }

    public Path file(String id) { return project == null ? null : folder().resolve(safe(id) + ".figure.json"); }

    /** The saved settings of figure {@code id}, or a copy of the defaults if none is saved (or it is unreadable). */
    public FigureSettings load(String id, FigureSettings defaults) {
        Path f = file(id);
        if (f == null || !Files.isRegularFile(f)) return defaults.copy();
        try {
            return FigureSettings.load(f);
        } catch (InputException e) {
            LOG.warn("ignoring figure settings {}: {}", f, e.getMessage());
            return defaults.copy();
        }
    }

    public void save(String id, FigureSettings s) {
        Path f = file(id);
        if (f == null) return;
        try {
            Files.createDirectories(f.getParent());
            s.save(f);
        } catch (java.io.IOException e) {
            LOG.warn("cannot save figure settings {}: {}", f, e.getMessage());
        }
    }

    /** Export base as stored in the settings: relative to the project folder when inside it. */
    public String relativize(Path base) {
        Path b = base.toAbsolutePath().normalize();
        if (project != null && b.startsWith(project)) return project.relativize(b).toString().replace('\\', '/');
        return b.toString();
    }

    /** Inverse of {@link #relativize}. */
    public Path resolve(String stored) {
        Path p = Path.of(stored);
        return p.isAbsolute() || project == null ? p : project.resolve(p);
    }

    private static String safe(String id) { return id.replaceAll("[^A-Za-z0-9_.-]+", "_"); }
}
