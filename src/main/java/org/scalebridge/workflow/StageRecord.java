package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.scalebridge.core.AtomicFiles;

/**
 * The record of a finished pipeline stage, {@code stage.json} in the stage's folder: the content hash of everything
 * the stage read (its configuration text, upstream outputs, input files), its output files with their hashes, its
 * wall time and a summary of its numbers. A stage is up to date when the record exists, its input hash equals the
 * current one and every listed output still has its recorded hash.
 */
public final class StageRecord {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String FILE = "stage.json";

    private StageRecord() {}

    /** SHA-256 of a sequence of strings and files (files by content; folders by every file inside, sorted). */
    public static final class Hasher {
        private final MessageDigest md;

        public Hasher() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public Hasher text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(b);
            return this;
        }

        public Hasher file(Path p) {
            text(p.getFileName().toString());
            if (Files.isDirectory(p)) {
                try (var st = Files.walk(p)) {
                    for (Path f : st.filter(Files::isRegularFile).sorted().toList()) file(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return this;
            }
            text(hashFile(p));
            return this;
        }

        public String hex() { return HexFormat.of().formatHex(md.digest()); }
    }

    /** SHA-256 of a file's bytes ("missing" when it does not exist). */
    public static String hashFile(Path p) {
        if (!Files.isRegularFile(p)) return "missing";
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code dir/stage.json} exists with this input hash and all outputs unchanged. */
    public static boolean upToDate(Path dir, String inputHash) {
        ObjectNode o = read(dir);
        if (o == null || !inputHash.equals(o.path("input_hash").asText())) return false;
        for (var e : o.path("outputs")) {
            Path f = dir.resolve(e.path("file").asText());
            if (!hashFile(f).equals(e.path("sha256").asText())) return false;
        }
        return true;
    }

    public static ObjectNode read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) return null;
        try {
            return (ObjectNode) JSON.readTree(f.toFile());
        } catch (IOException e) {
            return null; // unreadable record: the stage reruns
        }
    }

    /** Writes the record (atomically, last). Outputs are paths relative to {@code dir}. */
    public static void write(Path dir, String stage, String inputHash, List<String> outputs, double seconds, ObjectNode summary) {
        write(dir, stage, inputHash, outputs, seconds, Double.NaN, Double.NaN, summary);
    }

    /**
     * As {@link #write(Path, String, String, List, double, ObjectNode)}, also recording the process CPU time the stage
     * used (s; all threads) and the 1-minute load average when it finished (NaN when unknown), so wall times taken on
     * a loaded machine can be read against the CPU they cost.
     */
    public static void write(Path dir, String stage, String inputHash, List<String> outputs, double seconds, double cpuSeconds, double load,
                             ObjectNode summary) {
        write(dir, stage, inputHash, outputs, seconds, cpuSeconds, load, null, summary);
    }

    /** As above, also recording the code that produced the stage ({@link CodeVersion}; may be null). */
    public static void write(Path dir, String stage, String inputHash, List<String> outputs, double seconds, double cpuSeconds, double load,
                             CodeVersion code, ObjectNode summary) {
        ObjectNode o = JSON.createObjectNode();
        o.put("stage", stage);
        o.put("input_hash", inputHash);
        if (code != null) o.set("code", code.toJson());
        o.put("seconds", seconds);
        if (Double.isFinite(cpuSeconds)) o.put("cpu_seconds", cpuSeconds);
        if (Double.isFinite(load)) o.put("load_average", load);
        var arr = o.putArray("outputs");
        for (String f : outputs) arr.addObject().put("file", f).put("sha256", hashFile(dir.resolve(f)));
        o.set("summary", summary);
        try {
            AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(o) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Output files listed in a record (absolute). */
    public static List<Path> outputs(Path dir) {
        List<Path> out = new ArrayList<>();
        ObjectNode o = read(dir);
        if (o != null) for (var e : o.path("outputs")) out.add(dir.resolve(e.path("file").asText()));
        return out;
    }
}
