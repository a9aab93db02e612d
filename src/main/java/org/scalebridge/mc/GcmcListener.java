package org.scalebridge.mc;

/** Receives a sample of a GCMC (or hybrid GCMC–MD) run after each cycle; called on the run's thread. */
@FunctionalInterface
public interface GcmcListener {
    /**
     * @param cycle   cycle index (1-based)
     * @param counts  number of atoms of each exchange species in the region (do not keep the array)
     * @param energy  potential energy U (eV), without the bias
     * @param volume  cell volume (Å³)
     * @param stats   cumulative move statistics
     */
    void sample(long cycle, int[] counts, double energy, double volume, MoveStats stats);
}
