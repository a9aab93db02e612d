package org.scalebridge.learn.reference;

import org.scalebridge.core.AtomicFiles;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs reference calculations asynchronously, one folder per job under a root folder:
 * {@code job-000001/} with {@code input.extxyz} (the configuration), {@code settings.txt} (calculator and its
 * settings), the calculator's own inputs/outputs, {@value JobContext#LOG} and {@value #STATUS} (written atomically
 * at every state change), and on success {@value #RESULT} (energy, forces, virial in full precision, written
 * atomically before the status becomes DONE). Finished jobs can therefore be read back after the studio closed.
 * A failed job completes its future exceptionally with a {@link ReferenceException} carrying the log tail.
 */
public final class ReferenceJobs {
    /** Status file name. */
    public static final String STATUS = "status";
    /** Result file name. */
    public static final String RESULT = "result.txt";
    /** Input configuration file name. */
    public static final String INPUT = "input.extxyz";

    private final Path root;
    private final ExecutorService executor;

    /** Jobs go into folders under {@code root}; calculations run on {@code executor} (owned by the caller). */
    public ReferenceJobs(Path root, ExecutorService executor) {
        this.root = root;
        this.executor = executor;
    }

    /** One submitted job: its folder and the future of its result. {@link #cancel()} kills an external program. */
    public static final class Job {
        private final Path dir;
        private final CompletableFuture<ReferenceResult> result = new CompletableFuture<>();
        private volatile Future<?> task;

        Job(Path dir) { this.dir = dir; }

        public Path dir() { return dir; }
        public CompletableFuture<ReferenceResult> result() { return result; }
        public JobStatus status() { return ReferenceJobs.status(dir); }

        /** Cancels the job (interrupting a running calculation, which kills its process). */
        public void cancel() {
            Future<?> t = task;
            if (t != null) t.cancel(true);
            if (!result.isDone()) {
                writeStatus(dir, JobStatus.CANCELLED, "cancelled by the user");
                result.completeExceptionally(new CancellationException("job cancelled"));
            }
        }
    }

    /** Creates the job folder, writes the input and submits the calculation. */
    public Job submit(Structure s, ReferenceCalculator calc) {
        Path dir = newJobDir();
        Structure in = s.copy();
        Formats.write(dir.resolve(INPUT), in);
        StringBuilder sb = new StringBuilder("calculator=" + calc.name() + "\n");
        for (Map.Entry<String, String> e : calc.settings().entrySet()) sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        AtomicFiles.writeString(dir.resolve("settings.txt"), sb.toString());
        writeStatus(dir, JobStatus.QUEUED, "");
        Job job = new Job(dir);
        job.task = executor.submit(() -> run(job, in, calc));
        return job;
    }

    private static void run(Job job, Structure s, ReferenceCalculator calc) {
        if (job.result.isDone()) return;
        JobContext ctx = new JobContext(job.dir);
        writeStatus(job.dir, JobStatus.RUNNING, "");
        ctx.log("start " + calc.name() + " on " + s.size() + " atoms (" + s.formula() + ")");
        try {
            ReferenceResult r = calc.calculate(s, ctx);
            if (r.atoms() != s.size()) throw new ReferenceException("calculator returned " + r.atoms() + " atoms for " + s.size());
            if (!Double.isFinite(r.energy())) throw new ReferenceException("non-finite energy " + r.energy());
            for (double f : r.forces()) if (!Double.isFinite(f)) throw new ReferenceException("non-finite force");
            writeResult(job.dir.resolve(RESULT), r);
            writeStatus(job.dir, JobStatus.DONE, "");
            ctx.log("done: E = " + r.energy() + " eV, max |F| = " + r.maxForce() + " eV/Å");
            job.result.complete(r);
        } catch (CancellationException e) {
            writeStatus(job.dir, JobStatus.CANCELLED, "cancelled");
            job.result.completeExceptionally(e);
        } catch (Throwable e) {
            if (Thread.currentThread().isInterrupted() || job.result.isCancelled()) {
                writeStatus(job.dir, JobStatus.CANCELLED, "cancelled");
                job.result.completeExceptionally(new CancellationException("job cancelled"));
                return;
            }
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
            try { ctx.log("FAILED: " + e); } catch (RuntimeException ignored) { }
            writeStatus(job.dir, JobStatus.FAILED, msg);
            job.result.completeExceptionally(e instanceof ReferenceException re && re.jobDir() != null ? re
                    : new ReferenceException(calc.name() + " failed: " + msg, job.dir, ctx.logTail(30), e));
        }
    }

    private Path newJobDir() {
        try {
            Files.createDirectories(root);
            for (int k = 1; ; k++) {
                Path d = root.resolve(String.format(Locale.ROOT, "job-%06d", k));
                if (Files.exists(d)) continue;
                try {
                    return Files.createDirectory(d); // atomic: two submitters never share a folder
                } catch (FileAlreadyExistsException e) {
                    // taken concurrently: try the next number
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Job folders under the root, in order. */
    public List<Path> jobs() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (var st = Files.list(root)) {
            st.filter(p -> p.getFileName().toString().startsWith("job-") && Files.isDirectory(p)).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void writeStatus(Path dir, JobStatus st, String message) {
        String msg = message == null ? "" : message.replace('\n', ' ');
        AtomicFiles.writeString(dir.resolve(STATUS), "state=" + st + "\ntime=" + Instant.now() + "\nmessage=" + msg + "\n");
    }

    /** The status recorded in a job folder (QUEUED when no status file exists yet). */
    public static JobStatus status(Path dir) {
        return JobStatus.valueOf(statusFields(dir).getOrDefault("state", "QUEUED"));
    }

    /** The message of the status file (why a job failed), or "". */
    public static String statusMessage(Path dir) { return statusFields(dir).getOrDefault("message", ""); }

    private static Map<String, String> statusFields(Path dir) {
        Map<String, String> m = new LinkedHashMap<>();
        Path f = dir.resolve(STATUS);
        if (!Files.exists(f)) return m;
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static void writeResult(Path file, ReferenceResult r) {
        AtomicFiles.writeText(file, w -> {
            w.write("energy_eV " + Double.toString(r.energy()) + "\n");
            w.write("virial_eV");
            if (r.virial() == null) w.write(" none");
            else for (double v : r.virial()) w.write(" " + v);
            w.write("\nforces_eV_per_A " + r.atoms() + "\n");
            double[] f = r.forces();
            for (int i = 0; i < r.atoms(); i++) w.write(f[3 * i] + " " + f[3 * i + 1] + " " + f[3 * i + 2] + "\n");
        });
    }

    /** Reads the result of a finished job; throws when the job is not DONE. */
    public static ReferenceResult loadResult(Path dir) {
        JobStatus st = status(dir);
        if (st != JobStatus.DONE) throw new ReferenceException("job is " + st + ": " + statusMessage(dir), dir, null, null);
        try {
            List<String> lines = Files.readAllLines(dir.resolve(RESULT), StandardCharsets.UTF_8);
            double e = Double.parseDouble(lines.get(0).split("\\s+")[1]);
            String[] v = lines.get(1).trim().split("\\s+");
            double[] vir = null;
            if (!v[1].equals("none")) {
                vir = new double[9];
                for (int k = 0; k < 9; k++) vir[k] = Double.parseDouble(v[k + 1]);
            }
            int n = Integer.parseInt(lines.get(2).trim().split("\\s+")[1]);
            double[] f = new double[3 * n];
            for (int i = 0; i < n; i++) {
                String[] t = lines.get(3 + i).trim().split("\\s+");
                for (int c = 0; c < 3; c++) f[3 * i + c] = Double.parseDouble(t[c]);
            }
            return new ReferenceResult(e, f, vir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
