package org.scalebridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;
import org.scalebridge.workflow.Pipeline;
import org.scalebridge.workflow.PipelineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scalebridge pipeline run CONFIG [--quick]}: the whole multiscale chain headless, with progress; stages whose
 * inputs did not change are skipped, a killed run resumes. {@code scalebridge pipeline status CONFIG} lists which
 * stages are up to date.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run the multiscale pipeline of a material (structures → active learning → MD → diffusion → interface → μ(x) → free energy → phase field → P2D).")
public final class PipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "run or status")
    String action;

    @Parameters(index = "1", paramLabel = "CONFIG", description = "Pipeline description (TOML).")
    Path config;

    @Option(names = "--quick", description = "Use the quick variant named by the file's 'quick' key.")
    boolean quick;

    @Option(names = "--rerun-code-changed", description = "Also rerun stages whose inputs are unchanged but whose results come from another commit "
            + "of this version or from a modified working tree (by default they are kept with a warning; a new version always reruns).")
    boolean rerunCodeChanged;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(config)) throw InputException.field(config.toString(), "CONFIG", "file not found");
        PipelineConfig pc = PipelineConfig.read(config, quick);
        Pipeline p = new Pipeline(pc).rerunOnCodeChange(rerunCodeChanged);
        switch (action) {
            case "run" -> {
                long t0 = System.nanoTime();
                var runs = p.run(printer(t0));
                System.out.println("stage                 ran  wall (s)   CPU (s)");
                double wall = 0, cpu = 0;
                for (var r : runs) {
                    System.out.printf(Locale.ROOT, "%-20s %5s %9.1f %9.1f%n", r.stage().folder, r.ran() ? "yes" : "no", r.seconds(), r.cpuSeconds());
                    wall += r.seconds();
                    cpu += r.cpuSeconds();
                }
                System.out.printf(Locale.ROOT, "%-20s %5s %9.1f %9.1f   (sum over stages, as recorded when each ran)%n", "total", "", wall, cpu);
                // the outer loop (production back to the active learning) lists a stage once per pass: count distinct stages
                long stages = runs.stream().map(r -> r.stage()).distinct().count();
                System.out.printf(Locale.ROOT, "pipeline %s: %d stages (%d passes) in %.1f s; project %s%n", pc.name, stages, runs.size(),
                        (System.nanoTime() - t0) * 1e-9, pc.project);
                return stages == Pipeline.Stage.values().length - (pc.potential.equals("surrogate") && !pc.root.has("active_learning") ? 1 : 0) ? 0 : 1;
            }
            case "status" -> {
                for (Pipeline.Stage s : Pipeline.Stage.values()) {
                    boolean up = p.upToDate(s);
                    String diff = up ? p.codeDifference(s) : null;
                    System.out.printf(Locale.ROOT, "%-20s %s%n", s.folder, !up ? "to run" : diff == null ? "up to date" : "up to date (" + diff + ")");
                }
                return 0;
            }
            default -> throw InputException.field("pipeline", "ACTION", "expected run or status, got " + action);
        }
    }

    /** Progress printer: log lines with elapsed time; updates at most every 2 s. */
    static Progress printer(long t0) {
        long[] last = {0};
        return new Progress() {
            @Override public void update(long done, long total, String message) {
                long now = System.nanoTime();
                if (now - last[0] > 2_000_000_000L) {
                    last[0] = now;
                    System.out.printf(Locale.ROOT, "%8.1f s  %s%n", (now - t0) * 1e-9, message);
                }
            }
            @Override public void log(String line) { System.out.printf(Locale.ROOT, "%8.1f s  %s%n", (System.nanoTime() - t0) * 1e-9, line); }
        };
    }
}
