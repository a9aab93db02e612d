package org.scalebridge.learn.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.io.Formats;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Job folders, status files, failures with their log, cancellation and timeout of external commands, screening. */
class ReferenceJobsTest {
    static Structure pair() {
        Structure s = new Structure(Cell.orthorhombic(10, 10, 10));
        s.addAtom("Ar", 1, 1, 1);
        s.addAtom("Ar", 4.5, 1, 1);
        return s;
    }

    /** A calculator that runs a command and then fails or returns zeros. */
    record CommandCalc(List<String> cmd, Duration timeout) implements ReferenceCalculator {
        @Override public String name() { return "cmd"; }
        @Override public Map<String, String> settings() { return Map.of("cmd", cmd.toString()); }
        @Override public ReferenceResult calculate(Structure s, JobContext job) {
            int code = job.run(cmd, timeout, "out.txt");
            if (code != 0) throw new ReferenceException("exit code " + code);
            return new ReferenceResult(-1, new double[3 * s.size()], null);
        }
    }

    @Test
    void potentialJobWritesFolderAndCanBeReadBack(@TempDir Path dir) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            ReferenceJobs jobs = new ReferenceJobs(dir, ex);
            ReferenceCalculator calc = new ReferenceCalculator() {
                @Override public String name() { return "analytic-spring"; }
                @Override public Map<String, String> settings() { return Map.of("k", "2"); }
                @Override public ReferenceResult calculate(Structure s, JobContext job) {
                    // E = k/2 (r - 3)², F on atom 1 = -k (r - 3) along +x
                    double r = s.x(1) - s.x(0);
                    return new ReferenceResult(-5 + (r - 3) * (r - 3), new double[] {2 * (r - 3), 0, 0, -2 * (r - 3), 0, 0}, new double[9]);
                }
            };
            ReferenceJobs.Job j = jobs.submit(pair(), calc);
            ReferenceResult r = j.result().get(10, TimeUnit.SECONDS);
            assertEquals(-4.75, r.energy(), 1e-12);
            assertEquals(JobStatus.DONE, j.status());
            assertTrue(Files.exists(j.dir().resolve(ReferenceJobs.INPUT)));
            assertTrue(Files.readString(j.dir().resolve("settings.txt")).contains("calculator=analytic-spring"));
            ReferenceResult back = ReferenceJobs.loadResult(j.dir());
            assertEquals(r.energy(), back.energy(), 0);
            assertArrayEquals(r.forces(), back.forces(), 0);
            assertArrayEquals(r.virial(), back.virial(), 0);
            assertEquals(1, jobs.jobs().size());
            Structure withResult = back.applyTo(pair());
            assertEquals(-4.75, withResult.energy(), 0);
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void failedCommandIsReportedWithItsLogAndNeverLoaded(@TempDir Path dir) throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            ReferenceJobs jobs = new ReferenceJobs(dir, ex);
            ReferenceJobs.Job j = jobs.submit(pair(), new CommandCalc(List.of("sh", "-c", "echo boom-from-stderr >&2; exit 3"), Duration.ofSeconds(30)));
            ExecutionException e = assertThrows(ExecutionException.class, () -> j.result().get(30, TimeUnit.SECONDS));
            assertInstanceOf(ReferenceException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("boom-from-stderr"), e.getCause().getMessage());
            assertEquals(JobStatus.FAILED, ReferenceJobs.status(j.dir()));
            assertTrue(ReferenceJobs.statusMessage(j.dir()).contains("exit code 3"));
            assertThrows(ReferenceException.class, () -> ReferenceJobs.loadResult(j.dir()));

            ReferenceJobs.Job missing = jobs.submit(pair(), new CommandCalc(List.of("/nonexistent/program-xyz"), Duration.ofSeconds(5)));
            assertThrows(ExecutionException.class, () -> missing.result().get(30, TimeUnit.SECONDS));
            assertEquals(JobStatus.FAILED, ReferenceJobs.status(missing.dir()));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void timeoutAndCancellationKillTheProcess(@TempDir Path dir) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            ReferenceJobs jobs = new ReferenceJobs(dir, ex);
            long t0 = System.nanoTime();
            ReferenceJobs.Job slow = jobs.submit(pair(), new CommandCalc(List.of("sleep", "30"), Duration.ofMillis(300)));
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.result().get(20, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("timed out"), e.getCause().getMessage());
            assertEquals(JobStatus.FAILED, slow.status());

            ReferenceJobs.Job c = jobs.submit(pair(), new CommandCalc(List.of("sleep", "30"), Duration.ofSeconds(60)));
            while (c.status() != JobStatus.RUNNING) Thread.sleep(20);
            Thread.sleep(200);
            c.cancel();
            assertThrows(CancellationException.class, () -> c.result().join());
            Thread.sleep(300);
            assertEquals(JobStatus.CANCELLED, c.status());
            assertTrue((System.nanoTime() - t0) * 1e-9 < 20, "sleep processes were killed");
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void builtInCalculatorsEqualTheEnginePotentials(@TempDir Path dir) throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            ReferenceJobs jobs = new ReferenceJobs(dir, ex);
            LennardJones lj = new LennardJones(LennardJones.table(4.0).pair("Ar", "Ar", 0.010323, 3.405), false, false);
            ReferenceResult r = jobs.submit(pair(), PotentialCalculator.of(lj)).result().get(30, TimeUnit.SECONDS);
            ForceResult direct = new ForceResult();
            lj.compute(pair(), direct);
            assertEquals(direct.energy(), r.energy(), 0);
            assertArrayEquals(direct.forcesCopy(), r.forces(), 0);

            Structure pba = Formats.readFirst(Path.of(ReferenceJobsTest.class.getResource("/org/scalebridge/mc/pba-tetragonal-x0.extxyz").toURI()));
            ReferenceResult rs = jobs.submit(pba, PotentialCalculator.surrogate()).result().get(60, TimeUnit.SECONDS);
            ForceResult d2 = new ForceResult();
            Structure w = pba.copy();
            MnFePbaSurrogate.load().build(w).potential().compute(w, d2);
            assertEquals(d2.energy(), rs.energy(), 1e-9 * Math.abs(d2.energy()));
            assertEquals(pba.size(), rs.atoms());
            assertNotNull(rs.virial());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void screeningRejectsLargeForcesAndPositiveEnergiesWithAReason() {
        Screening sc = Screening.paper();
        assertTrue(sc.check(new ReferenceResult(-10, new double[] {149, 0, 0}, null)).accepted());
        Screening.Verdict f = sc.check(new ReferenceResult(-10, new double[] {0, 0, 0, 100, 120, 0}, null));
        assertFalse(f.accepted());
        assertTrue(f.reason().contains("atom 1"), f.reason()); // |F| = 156.2 eV/Å
        Screening.Verdict e = sc.check(new ReferenceResult(0.5, new double[3], null));
        assertFalse(e.accepted());
        assertTrue(e.reason().contains("energy"));
        assertFalse(sc.check(new ReferenceResult(Double.NaN, new double[3], null)).accepted());
        assertTrue(new Screening(1000, 1.0).check(new ReferenceResult(0.5, new double[] {200, 0, 0}, null)).accepted());
    }
}
