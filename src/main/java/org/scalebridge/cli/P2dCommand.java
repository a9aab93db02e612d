package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalebridge.continuum.P2dConfig;
import org.scalebridge.continuum.P2dOutputWriter;
import org.scalebridge.continuum.P2dResult;
import org.scalebridge.continuum.P2dSimulation;
import org.scalebridge.core.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge p2d CONFIG}: runs a pseudo-2D cell simulation described in TOML and writes its outputs. */
@Command(name = "p2d", mixinStandardHelpOptions = true,
        description = "Run a pseudo-2D (DFN) cell with Fickian or Cahn-Hilliard particles; writes V(t), I(t), SOC, probes and c(x,r,t) maps."
                + " Exit code 4: the integration stopped before the protocol ended (the outputs up to there are written).")
public final class P2dCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "TOML run description (see org.scalebridge.continuum.P2dConfig).")
    Path config;

    @Option(names = {"-o", "--output"}, description = "Output folder (overrides [output].directory).")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        P2dConfig c = P2dConfig.load(config);
        P2dSimulation sim = c.buildSimulation();
        long[] last = {0};
        Progress pr = new Progress() {
            @Override public void update(long done, long total, String message) {
                long now = System.nanoTime();
                if (!quiet && now - last[0] > 500_000_000L) {
                    last[0] = now;
                    System.out.println(total > 0 ? String.format("[%5.1f%%] %s", 100.0 * done / total, message) : message);
                }
            }
            @Override public void log(String line) { if (!quiet) System.out.println(line); }
        };
        long t0 = System.nanoTime();
        P2dResult r = sim.run(c.protocol, pr);
        double secs = (System.nanoTime() - t0) / 1e9;
        Path dir = output != null ? output : c.outputDir;
        P2dOutputWriter.writeAll(r, dir, c.csv, c.json, c.binary);
        double[] v = r.voltage(), t = r.time(), q = r.throughput();
        for (String e : r.events) if (!e.equals(r.failure())) System.out.println(e);
        System.out.printf("%s in %.2f s: %d outputs, t_end = %.1f s, V_end = %.4f V, throughput = %.4f Ah/m2 -> %s%n",
                r.failure() == null ? "done" : "stopped", secs, r.size(), t[t.length - 1], v[v.length - 1], q[q.length - 1], dir);
        if (r.failure() != null) { // the outputs up to the failure are written; the exit code says the protocol did not finish
            System.err.println("error: " + r.failure());
            return 4;
        }
        return 0;
    }
}
