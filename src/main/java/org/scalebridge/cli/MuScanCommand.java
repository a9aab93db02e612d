package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalebridge.mc.McConfig;
import org.scalebridge.mc.McRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge mu-scan CONFIG}: μ(N) from biased GCMC runs over a list of targets. */
@Command(name = "mu-scan", mixinStandardHelpOptions = true,
        description = "Chemical potential mu(N) from harmonically biased GCMC (or GCMC-MD) runs over the targets of the "
                + "[scan] section; writes mu_of_n.csv, run_NNN.csv traces and result.json.")
public final class MuScanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "TOML configuration file with a [scan] section.")
    Path config;

    @Option(names = {"-o", "--output"}, description = "Output directory (overrides output.directory).")
    Path output;

    @Override
    public Integer call() {
        McConfig cfg = McConfig.read(config);
        McConfig run = output == null ? cfg : cfg.withOutputDir(output);
        var r = McRunner.runMuScan(run, GcmcCommand.printer());
        System.out.println("N_t        phi (eV)  <N>              mu (eV)                 converged");
        for (var o : r.get("runs")) {
            System.out.printf(Locale.ROOT, "%-10.2f %-9.4g %8.3f±%-6.3f %.6f±%.6f  %s%n", o.get("target").asDouble(),
                    o.get("phi_eV").asDouble(), o.get("mean_N").asDouble(), o.get("se_N").asDouble(),
                    o.get("mu_eV").asDouble(), o.get("se_mu_eV").asDouble(), o.get("converged").asBoolean() ? "yes" : "NO");
        }
        System.out.printf(Locale.ROOT, "done in %.2f s; results in %s%n", r.get("runtime_s").asDouble(), run.outputDir);
        return 0;
    }
}
