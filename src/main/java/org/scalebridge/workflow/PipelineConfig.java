package org.scalebridge.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import org.scalebridge.learn.ConfigReader;

/**
 * A pipeline description (TOML): the project folder, the shared settings and one table per stage. See
 * {@code samples/mnfepba-surrogate/pipeline.toml} for every key. The key {@code quick} names a second, smaller
 * pipeline file used by {@code scalebridge pipeline run CONFIG --quick}.
 */
public final class PipelineConfig {
    public final ConfigReader root;
    public final Path file;
    /** The project folder (relative to the file unless absolute); settable so tests and the studio can redirect it. */
    public Path project;
    public final String name;
    public final long seed;
    public final int threads;
    public final String potential;

    private PipelineConfig(ConfigReader r) {
        root = r;
        file = r.file();
        r.rejectUnknown("name", "project", "seed", "threads", "quick", "potential", "structures", "active_learning", "production",
                "diffusion", "interface", "mu", "free_energy", "phase_field", "p2d");
        name = r.string("name", file.getFileName().toString());
        project = r.dir().resolve(r.string("project", "project"));
        seed = r.longValue("seed", 1);
        threads = r.integer("threads", 2, 1, 1024);
        potential = r.choice("potential", "mtp", "mtp", "surrogate");
    }

    /** Reads a pipeline file; with {@code quick}, the file named by its {@code quick} key instead. */
    public static PipelineConfig read(Path file, boolean quick) {
        ConfigReader r = ConfigReader.parse(file);
        if (quick) {
            Path q = r.path("quick", true);
            if (q == null) throw r.error("quick", "--quick needs a key quick = \"pipeline-quick.toml\" naming the quick variant");
            r = ConfigReader.parse(q);
        }
        return new PipelineConfig(r);
    }

    public ConfigReader stage(String key) { return root.section(key); }

    public boolean exists(Path p) { return p != null && Files.exists(p); }
}
