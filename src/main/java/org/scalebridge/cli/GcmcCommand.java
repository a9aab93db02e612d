package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalebridge.core.Progress;
import org.scalebridge.mc.McConfig;
import org.scalebridge.mc.McRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge gcmc CONFIG}: a grand-canonical MC or hybrid GCMC–MD run from a TOML file. */
@Command(name = "gcmc", mixinStandardHelpOptions = true,
        description = "Grand-canonical Monte Carlo (or hybrid GCMC-MD with an [md] section) from a TOML config; "
                + "writes trace.csv, result.json and run.ckpt to the output directory.")
public final class GcmcCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "TOML configuration file.")
    Path config;

    @Option(names = "--resume", description = "Continue from run.ckpt in the output directory.")
    boolean resume;

    @Option(names = {"-o", "--output"}, description = "Output directory (overrides output.directory).")
    Path output;

    @Override
    public Integer call() {
        McConfig cfg = McConfig.read(config);
        McConfig run = output == null ? cfg : cfg.withOutputDir(output);
        var r = McRunner.runGcmc(run, resume, printer());
        System.out.printf(Locale.ROOT, "done: %d cycles, final N = %d, U = %.6f eV, %.2f s; results in %s%n",
                r.get("cycles").asLong(), r.get("final_atoms").asInt(), r.get("final_energy_eV").asDouble(),
                r.get("runtime_s").asDouble(), run.outputDir);
        return 0;
    }

    static Progress printer() {
        return new Progress() {
            private long last;
            @Override
            public void update(long done, long total, String message) {
                long now = System.nanoTime();
                if (now - last < 1_000_000_000L && done != total) return;
                last = now;
                System.out.printf(Locale.ROOT, "[%d/%d] %s%n", done, total, message == null ? "" : message);
            }
            @Override
            public void log(String line) { System.out.println(line); }
        };
    }
}
