package org.scalebridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.learn.ActiveLearning;
import org.scalebridge.learn.LearnConfig;
import org.scalebridge.learn.LearnReport;
import org.scalebridge.learn.ReferenceFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scalebridge learn CONFIG.toml}: the active-learning loop of an MTP (GCMC–MD sampling, extrapolation-grade
 * selection, reference calculations, retraining) until an iteration selects nothing; resumes a killed run from its
 * project folder; then writes the report (histograms, parity, γ traces, selections).
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = "Active learning of an MTP (resumable); writes the report into OUTPUT/report.")
public final class LearnCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Active-learning configuration (TOML).")
    Path config;

    @Option(names = "--report-only", description = "Only (re)write the report of a finished run.")
    boolean reportOnly;

    @Option(names = "--no-figures", description = "CSV/JSON report only, no PNG figures.")
    boolean noFigures;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(config)) throw InputException.field(config.toString(), "CONFIG", "file not found");
        LearnConfig c = LearnConfig.read(config);
        long t0 = System.nanoTime();
        if (!reportOnly) {
            ActiveLearning.Result r = new ActiveLearning(c, ReferenceFactory.build(c.reference)).run(PipelineCommand.printer(t0));
            System.out.printf(Locale.ROOT, "%s after %d iterations; potential %s, dataset %s%n", r.converged() ? "converged" : "not converged",
                    r.iterations().size(), r.potential(), r.dataset());
        }
        LearnReport.Summary s = LearnReport.write(c.output, !noFigures);
        System.out.printf(Locale.ROOT, "dataset %d configurations; energy RMSE %.2f meV/atom (R² %.4f), force RMSE %.3f eV/Å (R² %.4f); report in %s%n",
                s.configurations(), 1e3 * s.energyPerAtom().rmse(), s.energyPerAtom().r2(), s.forces().rmse(), s.forces().r2(), c.output.resolve("report"));
        return 0;
    }
}
