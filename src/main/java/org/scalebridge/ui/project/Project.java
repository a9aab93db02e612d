package org.scalebridge.ui.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;

/**
 * A studio project: a folder holding {@value #MANIFEST} (JSON) plus the files of its structures, potentials,
 * datasets, runs and results, all referenced by paths relative to the folder so it can be versioned and copied to a
 * cluster. The manifest is written atomically (temp file + move) so a crash never leaves half a manifest.
 */
public final class Project {
    public static final String MANIFEST = "scalebridge-project.json";
    /** The item categories shown as branches of the project tree. */
    public enum Kind { STRUCTURE, POTENTIAL, DATASET, RUN, RESULT }

    /** One file of the project (path relative to the project folder). */
    public static final class Item {
        public Kind kind;
        public String name;
        public String path;
        public String description = "";
        public Item() {}
        public Item(Kind kind, String name, String path, String description) {
            this.kind = kind; this.name = name; this.path = path; this.description = description;
        }
        @Override public String toString() { return name; }
    }

    /** The JSON manifest. */
    public static final class Manifest {
        public int version = 1;
        public String name = "Untitled";
        public String description = "";
        public List<Item> items = new ArrayList<>();
        /** UI state restored on reopen: open tabs (item paths) and the selected item. */
        public List<String> openTabs = new ArrayList<>();
        public String selected;
        public Map<String, String> settings = new LinkedHashMap<>();
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;
    private final Manifest manifest;
    private boolean dirty;

    private Project(Path dir, Manifest m) { this.dir = dir; this.manifest = m; }

    /** A new empty project in {@code dir} (not yet saved). */
    public static Project create(Path dir, String name) {
        Manifest m = new Manifest();
        m.name = name;
        Project p = new Project(dir.toAbsolutePath().normalize(), m);
        p.dirty = true;
        return p;
    }

    /** Opens the project in folder {@code dir} (or whose manifest is {@code dir}). */
    public static Project open(Path dir) {
        Path d = Files.isRegularFile(dir) ? dir.toAbsolutePath().getParent() : dir.toAbsolutePath();
        Path f = d.resolve(MANIFEST);
        if (!Files.isRegularFile(f)) throw InputException.field(d.toString(), MANIFEST, "no project manifest in this folder");
        try {
            Manifest m = JSON.readValue(f.toFile(), Manifest.class);
            if (m.items == null) m.items = new ArrayList<>();
            for (Item it : m.items) {
                if (it.kind == null || it.path == null) throw InputException.field(f.toString(), "items", "every item needs kind and path");
            }
            return new Project(d.normalize(), m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InputException.field(f.toString(), "manifest", "not valid project JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Writes the manifest atomically. */
    public void save() {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(MANIFEST), JSON.writeValueAsString(manifest));
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save project " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() { return dir; }
    public Manifest manifest() { return manifest; }
    public String name() { return manifest.name; }
    public boolean isDirty() { return dirty; }
    public void markDirty() { dirty = true; }

    /** Absolute path of an item's file. */
    public Path resolve(Item it) { return dir.resolve(it.path); }

    /** Adds an item (path made relative to the project folder when inside it). */
    public Item add(Kind kind, String name, Path file, String description) {
        Path abs = file.toAbsolutePath().normalize();
        String rel = abs.startsWith(dir) ? dir.relativize(abs).toString().replace('\\', '/') : abs.toString();
        Item it = new Item(kind, name, rel, description);
        manifest.items.add(it);
        dirty = true;
        return it;
    }

    public List<Item> items(Kind k) {
        List<Item> out = new ArrayList<>();
        for (Item it : manifest.items) if (it.kind == k) out.add(it);
        return out;
    }
}
