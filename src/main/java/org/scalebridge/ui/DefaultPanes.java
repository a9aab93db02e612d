package org.scalebridge.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalebridge.figures.FigureStore;
import org.scalebridge.ui.analysis.MsdArrheniusPane;
import org.scalebridge.ui.p2d.P2dPane;
import org.scalebridge.ui.thermo.FreeEnergyPane;

/**
 * The analysis panes the studio ships, mounted in the main window's "Panes" menu. Each opens on the shipped sample
 * data (found next to the open project or under the working directory's {@code samples/}).
 */
final class DefaultPanes {
    private DefaultPanes() {}

    private static boolean registered;

    static synchronized void registerAll() {
        if (registered) return;
        registered = true;
        // figure export settings are kept in the open project (figures/<id>.figure.json)
        PaneRegistry.register("Analysis ▸ MSD / Arrhenius", ctx -> {
            Path dir = projectDir(ctx);
            MsdArrheniusPane p = MsdArrheniusPane.forProject(dir, FigureStore.inProject(dir));
            p.setJobs(ctx.tasks()::submit);
            if (!p.sources().isEmpty()) p.computeInBackground();
            return p;
        });
        PaneRegistry.register("Thermodynamics ▸ μ(x) and free energy", ctx -> {
            try {
                return new FreeEnergyPane(FreeEnergyPane.readCsv(sample(ctx, "analysis/mu_x.csv")), FigureStore.inProject(projectDir(ctx)),
                        sample(ctx, "mnfepba_p2d/charge_01C.toml"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the μ(x) sample: " + e.getMessage(), e);
            }
        });
        PaneRegistry.register("Continuum ▸ P2D cell", ctx -> {
            P2dPane p = new P2dPane(sample(ctx, "mnfepba_p2d/charge_01C.toml"), FigureStore.inProject(projectDir(ctx)));
            p.setJobs(ctx.tasks()::submit);
            return p;
        });
        PaneRegistry.register("Workflow ▸ Pipeline stages", ctx -> new org.scalebridge.ui.workflow.PipelinePane(
                sample(ctx, "mnfepba-surrogate/pipeline.toml"), job -> ctx.tasks().submit("Pipeline", job::apply), ctx.log()));
    }

    private static Path projectDir(StudioContext ctx) {
        return ctx.project() != null ? ctx.project().dir() : null;
    }

    /** A file of the shipped samples: beside the open project (samples/…/project), else under ./samples. */
    private static Path sample(StudioContext ctx, String rel) {
        if (ctx.project() != null && ctx.project().dir() != null) {
            Path p = ctx.project().dir().toAbsolutePath().getParent();
            if (p != null && Files.exists(p.resolve(rel))) return p.resolve(rel);
        }
        return Path.of("samples").resolve(rel);
    }
}
