package org.scalebridge.figures;

import org.scalebridge.analysis.FrameSeries;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;

/**
 * Seeded synthetic Na trajectories for demonstrating and testing the MSD/Arrhenius pane without an MD run: each
 * atom vibrates (Gaussian, σ per axis) about a site of a simple-cubic lattice (spacing a) and hops to one of the six
 * neighbour sites with probability ν·dt·exp(−Ea/k_BT) per frame, so the MSD has a cage plateau followed by a
 * diffusive regime with D = (hop rate)·a²/6 (lattice random walk, Allen &amp; Tildesley §8.7). The model parameters
 * are inputs and are returned with the series so a caller can compare D with the fitted value.
 */
public final class SampleTrajectories {
    private SampleTrajectories() {}

    /** One synthetic run. {@code dModel} is the lattice-walk D (Å²/ps) implied by the parameters. */
    public record Run(String label, double temperature, FrameSeries frames, double dModel) {}

    /**
     * @param t temperature (K); @param ea hop barrier (eV); @param nuDt attempt frequency × frame interval
     * @param dt frame interval (ps); @param a hop length (Å); @param sigma vibration amplitude per axis (Å)
     */
    public static Run hopping(double t, double ea, double nuDt, double dt, double a, double sigma, int atoms, int frames, long seed) {
        double p = Math.min(0.5, nuDt * Math.exp(-ea / (Units.KB_EV_PER_K * t)));
        Rng rng = new Rng(seed);
        double[] site = new double[3 * atoms], pos = new double[3 * atoms];
        double box = 8 * a;
        for (int i = 0; i < atoms; i++) for (int d = 0; d < 3; d++) site[3 * i + d] = a * rng.nextInt(8);
        FrameSeries fs = new FrameSeries(new int[atoms], null);
        Cell cell = Cell.orthorhombic(box, box, box);
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < atoms; i++) {
                if (f > 0 && rng.nextDouble() < p) {
                    int dir = rng.nextInt(6);
                    site[3 * i + dir / 2] += (dir % 2 == 0 ? a : -a);
                }
                for (int d = 0; d < 3; d++) pos[3 * i + d] = site[3 * i + d] + sigma * rng.nextGaussian();
            }
            fs.add(f * dt, pos, cell);
        }
        return new Run(String.format(java.util.Locale.ROOT, "%.0f K", t), t, fs, p / dt * a * a / 6.0);
    }

    /** Four temperatures (500–800 K), Ea = 0.32 eV, 64 atoms, 800 frames of 0.1 ps, a = 5 Å (Na–Na in MnFePBA). */
    public static java.util.List<Run> arrheniusSet(long seed) {
        java.util.List<Run> out = new java.util.ArrayList<>();
        double[] ts = {500, 600, 700, 800};
        for (int k = 0; k < ts.length; k++) out.add(hopping(ts[k], 0.32, 20, 0.1, 5.0, 0.3, 64, 800, seed + k));
        return out;
    }
}
