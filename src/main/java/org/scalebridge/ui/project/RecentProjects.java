package org.scalebridge.ui.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The most recently opened project folders (user preferences; newest first, at most 8). */
public final class RecentProjects {
    private static final int MAX = 8;
    private final Preferences prefs;

    public RecentProjects() { this(Preferences.userNodeForPackage(RecentProjects.class).node("recent")); }

    public RecentProjects(Preferences node) { this.prefs = node; }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String s = prefs.get("p" + i, null);
            if (s != null) out.add(Path.of(s));
        }
        return out;
    }

    public void add(Path dir) {
        List<Path> l = list();
        Path a = dir.toAbsolutePath().normalize();
        l.remove(a);
        l.add(0, a);
        for (int i = 0; i < MAX; i++) {
            if (i < l.size()) prefs.put("p" + i, l.get(i).toString()); else prefs.remove("p" + i);
        }
    }

    /** True before any project was ever opened (first start: the sample project opens). */
    public boolean isEmpty() { return list().isEmpty(); }
}
