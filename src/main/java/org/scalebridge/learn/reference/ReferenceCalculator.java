package org.scalebridge.learn.reference;

import org.scalebridge.structure.Structure;

import java.util.Map;

/**
 * A source of reference energies, forces and stresses (DFT code, classical potential, surrogate). Implementations
 * do the work synchronously inside a job folder given by {@link JobContext}; {@link ReferenceJobs} runs them
 * asynchronously, records the status and keeps everything in the folder.
 */
public interface ReferenceCalculator {
    /** Short name recorded with every result (e.g. "cp2k PBE SZV-GTH"). */
    String name();

    /** Settings that determine the numbers, recorded in the job folder for provenance. */
    Map<String, String> settings();

    /**
     * Computes the reference result of {@code s}. Inputs and outputs go to {@code job.dir()}; progress and
     * diagnostics to {@code job.log(...)}. Throws on any failure (the job is then marked failed, never used).
     */
    ReferenceResult calculate(Structure s, JobContext job) throws Exception;
}
