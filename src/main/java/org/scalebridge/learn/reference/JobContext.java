package org.scalebridge.learn.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The job folder of one reference calculation: its directory, its append-only log ({@value #LOG}) and a way to run
 * an external program as an argument array (never through a shell), with a timeout and cancellation by thread
 * interruption. Standard error of the program goes to the log; standard output to a file of the caller's choice.
 */
public final class JobContext {
    /** Name of the log file in a job folder. */
    public static final String LOG = "job.log";
    private final Path dir;

    public JobContext(Path dir) { this.dir = dir; }

    /** The job folder. */
    public Path dir() { return dir; }

    /** The log file. */
    public Path logFile() { return dir.resolve(LOG); }

    /** Appends a time-stamped line to the log. */
    public synchronized void log(String line) {
        try {
            Files.writeString(logFile(), Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code command} (program and arguments, each one element; no shell) in the job folder. Standard output
     * goes to {@code stdoutFile} (relative to the folder), standard error is appended to the log.
     *
     * @return the exit code (0 = success; the caller decides what a non-zero code means)
     * @throws ReferenceException on timeout or when the program cannot be started
     * @throws CancellationException when the calling thread is interrupted (the process tree is killed)
     */
    public int run(List<String> command, Duration timeout, String stdoutFile) {
        return run(command, java.util.Map.of(), timeout, stdoutFile);
    }

    /** As {@link #run(List, Duration, String)} with extra environment variables (e.g. OMP_NUM_THREADS). */
    public int run(List<String> command, java.util.Map<String, String> env, Duration timeout, String stdoutFile) {
        if (command.isEmpty()) throw new ReferenceException("empty command");
        log("run " + command + " (timeout " + timeout.toSeconds() + " s, stdout → " + stdoutFile + ")");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(stdoutFile).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ReferenceException("cannot start " + command.get(0) + ": " + e.getMessage(), dir, null, e);
        }
        long t0 = System.nanoTime();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                log("timed out after " + timeout.toSeconds() + " s; process killed");
                throw new ReferenceException(command.get(0) + " timed out after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            kill(p);
            log("cancelled; process killed");
            Thread.currentThread().interrupt();
            throw new CancellationException("job cancelled");
        }
        int code = p.exitValue();
        log(String.format("exit code %d after %.2f s", code, (System.nanoTime() - t0) * 1e-9));
        return code;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the log (empty when there is none). */
    public String logTail(int lines) { return tail(logFile(), lines); }

    /** The last lines of a text file, or "" if it does not exist. */
    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) return "";
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
