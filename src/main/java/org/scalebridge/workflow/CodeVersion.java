package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The identity of the running code, for the pipeline's stage records: the application version (Maven's
 * {@code project.version}, filtered into {@code org/scalebridge/build.properties}) and, when the build ran in a git
 * checkout on a unix shell, the commit and the state of the working tree ({@code build-git.properties}, written by the
 * pom's {@code unix-git} profile): {@code dirty} is "false" for a clean tree, else a git hash of the diff against the
 * commit plus the names of untracked files (the same edits give the same id; the contents of untracked files are
 * not in it); "unknown" without git.
 *
 * <p>Policy (see {@link Pipeline}): the version is part of every stage's input hash — a new version may compute
 * different numbers (the μ stage's random streams changed between two builds of one stop), so its stages rerun,
 * as for any changed input. A different commit (or a modified working tree) within the same version only warns:
 * results that took an hour are not thrown away for a commit that may have touched the studio or a comment; the
 * stage reruns when the user asks ({@code pipeline run --rerun-code-changed}). Every record carries the code that
 * produced it, so nothing is silent.
 */
public record CodeVersion(String version, String commit, String dirty) {
    public static final String UNKNOWN = "unknown";
    private static final CodeVersion CURRENT = load();

    /** The code version of this build. */
    public static CodeVersion current() { return CURRENT; }

    static CodeVersion load() {
        Properties b = props("/org/scalebridge/build.properties"), g = props("/org/scalebridge/build-git.properties");
        String v = b.getProperty("version", "");
        if (v.isBlank() || v.contains("${")) { // not filtered (e.g. run from an IDE without Maven's resources)
            String iv = CodeVersion.class.getPackage().getImplementationVersion();
            v = iv != null ? iv : UNKNOWN;
        }
        return new CodeVersion(v, g.getProperty("commit", UNKNOWN).trim(), g.getProperty("dirty", UNKNOWN).trim());
    }

    private static Properties props(String res) {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream(res)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unreadable build info: the fields stay unknown
        }
        return p;
    }

    /** True when commit and tree state identify the code (known commit; clean tree or a known diff id). */
    public boolean exact() { return !commit.equals(UNKNOWN) && !dirty.equals(UNKNOWN); }

    /** True for a build from a modified working tree. */
    public boolean modified() { return !dirty.equals("false") && !dirty.equals(UNKNOWN); }

    public ObjectNode toJson() {
        return StageRecord.JSON.createObjectNode().put("version", version).put("commit", commit).put("dirty", dirty);
    }

    public static CodeVersion fromJson(JsonNode o) {
        if (o == null || !o.isObject()) return new CodeVersion(UNKNOWN, UNKNOWN, UNKNOWN);
        return new CodeVersion(o.path("version").asText(UNKNOWN), o.path("commit").asText(UNKNOWN), o.path("dirty").asText(UNKNOWN));
    }

    /**
     * Null when a record made by {@code recorded} is known to come from this same code; else why that cannot be
     * confirmed (another commit, a modified tree, or an unknown commit).
     */
    public String differenceFrom(CodeVersion recorded) {
        if (!recorded.version.equals(version)) return "produced by version " + recorded.version + ", this is " + version;
        if (recorded.commit.equals(commit) && recorded.dirty.equals(dirty)) return null; // same commit and tree (or no git information on either side)
        if (!recorded.commit.equals(commit)) return "produced by commit " + shortId(recorded.commit) + (recorded.modified() ? " (modified tree)" : "")
                + ", this build is " + shortId(commit) + (modified() ? " (modified tree)" : "");
        return "produced by commit " + shortId(commit) + " with " + (recorded.modified() ? "other local modifications" : "a clean tree")
                + ", this build has " + (modified() ? "local modifications" : "a clean tree");
    }

    private static String shortId(String c) { return c.length() > 12 ? c.substring(0, 12) : c; }

    public String describe() { return version + (commit.equals(UNKNOWN) ? "" : " (" + shortId(commit) + (modified() ? ", modified" : "") + ")"); }
}
