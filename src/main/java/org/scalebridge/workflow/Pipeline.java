package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.Progress;
import org.scalebridge.learn.ConfigReader;

/**
 * The multiscale chain of one material, headless and resumable: structures → active learning → production MD at
 * several T and x → MSD/Arrhenius → interface series → biased GCMC μ(x) at several T → free energy (binodal,
 * spinodal) → phase-field parameters → P2D runs at several C-rates. Each stage writes its files into
 * {@code project/NN-name/} and finishes with a {@link StageRecord}; a stage reruns only when the content hash of its
 * inputs (its TOML table, the files it reads, the upstream stages' outputs) changed, so a killed pipeline resumes at
 * the first stage that is not up to date (active learning and production MD also resume inside the stage).
 */
public final class Pipeline {
    /** The stages in order: folder name and the upstream stages whose outputs each one reads. */
    public enum Stage {
        STRUCTURES("01-structures", "structures"),
        ACTIVE_LEARNING("02-active-learning", "active_learning"),
        PRODUCTION("03-production", "production", STRUCTURES, ACTIVE_LEARNING),
        DIFFUSION("04-diffusion", "diffusion", PRODUCTION),
        INTERFACE("05-interface", "interface", ACTIVE_LEARNING),
        MU("06-mu", "mu", ACTIVE_LEARNING),
        FREE_ENERGY("07-free-energy", "free_energy", MU),
        PHASE_FIELD("08-phase-field", "phase_field", MU, FREE_ENERGY, INTERFACE, DIFFUSION),
        P2D("09-p2d", "p2d", PHASE_FIELD);

        public final String folder, key;
        final Stage[] inputs;

        Stage(String folder, String key, Stage... inputs) {
            this.folder = folder;
            this.key = key;
            this.inputs = inputs;
        }
    }

    /** What happened to one stage in a run. */
    public record StageRun(Stage stage, boolean ran, double seconds, double cpuSeconds, ObjectNode summary) {}

    /** CPU time of this process (all threads), seconds; NaN when the JVM cannot tell. */
    static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            return t < 0 ? Double.NaN : t * 1e-9;
        }
        return Double.NaN;
    }

    private final PipelineConfig pc;
    private final CodeVersion code;
    private boolean rerunOnCodeChange;

    public Pipeline(PipelineConfig pc) { this(pc, CodeVersion.current()); }

    /** A pipeline run by the given code version (tests stand in another build). */
    Pipeline(PipelineConfig pc, CodeVersion code) {
        this.pc = pc;
        this.code = code;
    }

    /**
     * Whether a stage whose inputs are unchanged but whose record comes from another commit of the same version (or
     * from a modified working tree) reruns; default false: it is kept and the run logs a warning naming both builds.
     */
    public Pipeline rerunOnCodeChange(boolean on) {
        rerunOnCodeChange = on;
        return this;
    }

    /** Why the record of an up-to-date stage may not come from this code (see {@link CodeVersion}), or null. */
    public String codeDifference(Stage s) {
        ObjectNode r = StageRecord.read(dir(s));
        return r == null ? null : code.differenceFrom(CodeVersion.fromJson(r.get("code")));
    }

    public Path dir(Stage s) { return pc.project.resolve(s.folder); }

    /**
     * Whether {@code run} would skip the stage: its inputs are unchanged and, for the active learning, no production
     * run that extrapolated left configurations it has not taken.
     */
    public boolean upToDate(Stage s) {
        if (!StageRecord.upToDate(dir(s), inputHash(s))) return false;
        return s != Stage.ACTIVE_LEARNING || ProductionStage.pendingProductionCandidates(pc, dir(s), dir(Stage.PRODUCTION)) == 0;
    }

    /** The content hash of a stage's inputs. */
    public String inputHash(Stage s) {
        // the application version is an input of every stage: a new version reruns the chain (CodeVersion explains the policy)
        StageRecord.Hasher h = new StageRecord.Hasher().text(s.name()).text("scalebridge " + code.version()).text(pc.potential).text(Long.toString(pc.seed));
        ConfigReader c = pc.stage(s.key);
        h.text(tableText(c));
        for (String k : c.keys()) { // files named in the stage's table are inputs by content
            String v = c.stringOrNull(k);
            if (v != null) {
                Path p = c.dir().resolve(v);
                if (Files.isRegularFile(p)) h.file(p);
            }
        }
        // (the production candidates are not hashed: new ones continue the loop instead of restarting it, see run)
        if (s == Stage.ACTIVE_LEARNING && pc.root.has("active_learning")) h.file(Stages.learnConfig(pc).source);
        if (s == Stage.P2D) { // the template's parameter file
            Path t = c.path("template", false);
            if (t != null && Files.isRegularFile(t)) h.file(t);
        }
        for (Stage in : s.inputs) {
            if (in == Stage.ACTIVE_LEARNING && pc.potential.equals("surrogate") && s != Stage.PRODUCTION) continue;
            ObjectNode r = StageRecord.read(dir(in));
            h.text(r == null ? "missing" : r.path("input_hash").asText());
            for (Path p : StageRecord.outputs(dir(in))) h.text(StageRecord.hashFile(p));
        }
        return h.hex();
    }

    private static String tableText(ConfigReader c) {
        StringBuilder b = new StringBuilder();
        for (String k : new java.util.TreeSet<>(c.keys())) b.append(k).append('=').append(String.valueOf(c.has(k) ? c.raw(k) : "")).append('\n');
        return b.toString();
    }

    /** Runs every stage that is not up to date; returns what ran and the summaries. */
    public List<StageRun> run(Progress progress) {
        Progress pr = progress == null ? Progress.NONE : progress;
        List<StageRun> out = new ArrayList<>();
        Stages.Model pot = null;
        Stage[] all = Stage.values();
        int rounds = 0;
        for (int i = 0; i < all.length; i++) {
            Stage s = all[i];
            if (pr.isCancelled()) break;
            if (s == Stage.ACTIVE_LEARNING && pc.potential.equals("surrogate") && !pc.root.has("active_learning")) continue;
            Path d = dir(s);
            String hash = inputHash(s);
            // the outer loop: production runs the γ watch stopped left new candidates, so the active learning goes on from
            // its last iteration with them (its folder is kept) and the stages after it rerun with the new MTP
            int pending = s == Stage.ACTIVE_LEARNING ? ProductionStage.pendingProductionCandidates(pc, d, dir(Stage.PRODUCTION)) : 0;
            if (pending > 0 && StageRecord.upToDate(d, hash)) {
                pr.log(String.format(Locale.ROOT, "[%d/%d] %s: %d new configurations from production runs that extrapolated "
                        + "(%s): continuing the active learning", i + 1, all.length, s.folder, pending, ProductionStage.PRODUCTION_CANDIDATES));
                try { Files.delete(d.resolve(StageRecord.FILE)); } catch (IOException e) { throw new UncheckedIOException(e); }
                pot = null;
            }
            if (StageRecord.upToDate(d, hash)) {
                ObjectNode rec = StageRecord.read(d);
                String diff = code.differenceFrom(CodeVersion.fromJson(rec.get("code")));
                if (diff == null || !rerunOnCodeChange) {
                    pr.log(String.format(Locale.ROOT, "[%d/%d] %s: up to date", i + 1, all.length, s.folder)
                            + (diff == null ? "" : " — WARNING: " + diff + "; kept (inputs unchanged); rerun it with --rerun-code-changed"));
                    out.add(new StageRun(s, false, rec.path("seconds").asDouble(), rec.path("cpu_seconds").asDouble(Double.NaN), (ObjectNode) rec.path("summary")));
                    continue;
                }
                pr.log(String.format(Locale.ROOT, "[%d/%d] %s: inputs unchanged but %s: rerunning (--rerun-code-changed)", i + 1, all.length, s.folder, diff));
            }
            prepare(s, d);
            pr.log(String.format(Locale.ROOT, "[%d/%d] %s: running", i + 1, all.length, s.folder));
            long t0 = System.nanoTime();
            double cpu0 = processCpuSeconds();
            List<String> outputs = new ArrayList<>();
            if (pot == null && s.ordinal() > Stage.ACTIVE_LEARNING.ordinal()) pot = Stages.potential(pc, dir(Stage.ACTIVE_LEARNING));
            Progress sp = new Progress() {
                @Override public void update(long done, long total, String message) { pr.update(done, total, s.folder + ": " + message); }
                @Override public boolean isCancelled() { return pr.isCancelled(); }
                @Override public void log(String line) { pr.log("    " + line); }
            };
            ObjectNode sum = switch (s) {
                case STRUCTURES -> Stages.structures(pc, d, outputs);
                case ACTIVE_LEARNING -> Stages.activeLearning(pc, d, outputs, sp);
                case PRODUCTION -> ProductionStage.production(pc, d, dir(Stage.STRUCTURES), pot, outputs, sp);
                case DIFFUSION -> Stages.diffusion(pc, d, dir(Stage.PRODUCTION), outputs);
                case INTERFACE -> Stages.interfaceSeries(pc, d, pot, outputs, sp);
                case MU -> MuStage.muScan(pc, d, pot, outputs, sp);
                case FREE_ENERGY -> Stages.freeEnergy(pc, d, dir(Stage.MU), outputs);
                case PHASE_FIELD -> Stages.phaseField(pc, d, dir(Stage.MU), dir(Stage.INTERFACE), dir(Stage.DIFFUSION), outputs);
                case P2D -> P2dStage.p2d(pc, d, dir(Stage.PHASE_FIELD), outputs, sp);
            };
            if (sum == null || pr.isCancelled()) { pr.log(s.folder + ": cancelled (resumes on the next run)"); break; }
            double secs = (System.nanoTime() - t0) * 1e-9, cpu = processCpuSeconds() - cpu0;
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            StageRecord.write(d, s.name(), hash, outputs, secs, cpu, load >= 0 ? load : Double.NaN, code, sum);
            pr.log(String.format(Locale.ROOT, "[%d/%d] %s: done in %.1f s wall, %.1f s CPU (load %.1f): %s", i + 1, all.length, s.folder, secs, cpu, load, brief(sum)));
            out.add(new StageRun(s, true, secs, cpu, sum));
            if (s == Stage.PRODUCTION && sum.path("stopped").asInt(0) > 0) {
                int more = ProductionStage.pendingProductionCandidates(pc, dir(Stage.ACTIVE_LEARNING), d);
                if (more > 0 && rounds < ProductionStage.productionRounds(pc)) {
                    rounds++;
                    pr.log(String.format(Locale.ROOT, "production stopped %d run(s) on γ or divergence: back to the active learning with %d new "
                            + "configurations (round %d of [active_learning] production_rounds = %d)", sum.path("stopped").asInt(), more, rounds,
                            ProductionStage.productionRounds(pc)));
                    i = Stage.ACTIVE_LEARNING.ordinal() - 1; // the loop's i++ lands on the AL stage
                    pot = null;
                } else if (more > 0) {
                    pr.log(String.format(Locale.ROOT, "production stopped %d run(s); %d new configurations wait in %s (production_rounds = %d used): "
                            + "the next pipeline run continues the active learning with them", sum.path("stopped").asInt(), more,
                            ProductionStage.PRODUCTION_CANDIDATES, ProductionStage.productionRounds(pc)));
                }
            }
        }
        return out;
    }

    /**
     * Before a stage runs: a stale record is removed; the folder is kept when the stage can resume inside it (no record,
     * i.e. interrupted) and cleared when its inputs changed (a record with another hash).
     */
    private void prepare(Stage s, Path d) {
        try {
            if (Files.exists(d.resolve(StageRecord.FILE))) {
                try (var st = Files.walk(d)) {
                    for (Path p : st.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + d + ": " + e.getMessage(), e);
        }
    }

    private static String brief(ObjectNode o) {
        String t = o.toString();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
