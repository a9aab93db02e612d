package org.scalebridge.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Isotropic stochastic cell rescaling (Bernetti and Bussi, J. Chem. Phys. 153, 114107 (2020), eq. 5 with
 * ε = ln V): every {@code every} steps of a wrapped thermostatted integrator,
 * dε = −(β_T/τ_P)(P_ext − P_int − k_BT/V)·Δt + √(2 k_BT β_T Δt/(V τ_P))·ξ,
 * and positions, cell and velocities are scaled by e^{dε/3}, e^{dε/3} and e^{−dε/3}. With the noise term it samples
 * the isothermal–isobaric ensemble (correct volume fluctuations); without it (noise = false) it reduces to a
 * Berendsen barostat. Meant for equilibration; the forces are recomputed after each rescaling.
 * The reported extended energy is the wrapped integrator's plus P_ext·V; it is not a conserved quantity.
 *
 * <p>Flexible cell ({@code flexible = true}): the cell shape relaxes too, by a symmetric strain increment
 * dε_ab = −(β_T/3τ_P)(P_ext δ_ab − P_ab − (k_BT/V) δ_ab)·Δt plus the isotropic noise above on its trace (the
 * deterministic, deviatoric part is the anisotropic Berendsen relaxation of the shape; its trace is the isotropic
 * rule). h → h·(1 + dε) row by row, r → r·(1 + dε), v → v·(1 + dε)⁻¹ ≈ v·(1 − dε). The volume is sampled as in the
 * isotropic scheme; the shape relaxes to zero deviatoric stress without shape fluctuations, which is what an
 * equilibration toward the mean cell of a solid needs (a rhombohedral cell free to become cubic, or the reverse).
 */
public final class StochasticCellRescaling implements Integrator {
    private final Integrator inner;
    private final double temperature, pressureEvA3, tauP, compressibility;
    private final int every;
    private final boolean noise;
    private boolean flexible;
    private Rng rng;
    private final double[] ptens = new double[9], mu = new double[9], tmp = new double[9];

    /**
     * @param inner               thermostatted integrator (NVT)
     * @param temperatureK        temperature entering the noise and the k_BT/V term (K)
     * @param pressureBar         target pressure (bar)
     * @param tauPPs              relaxation time (ps)
     * @param compressibilityPerBar isothermal compressibility estimate β_T (1/bar)
     * @param every               apply every this many steps (Δt = every·dt)
     * @param noise               true: stochastic cell rescaling; false: Berendsen
     */
    public StochasticCellRescaling(Integrator inner, double temperatureK, double pressureBar, double tauPPs,
            double compressibilityPerBar, int every, boolean noise, Rng rng) {
        if (!(tauPPs > 0)) throw new IllegalArgumentException("barostat relaxation time must be > 0 ps");
        if (!(compressibilityPerBar > 0)) throw new IllegalArgumentException("compressibility must be > 0 1/bar");
        if (every < 1) throw new IllegalArgumentException("barostat interval must be ≥ 1 step");
        this.inner = inner;
        this.temperature = temperatureK;
        this.pressureEvA3 = Units.barToEvPerA3(pressureBar);
        this.tauP = tauPPs;
        this.compressibility = compressibilityPerBar * Units.BAR_PER_EV_A3; // → Å³/eV
        this.every = every;
        this.noise = noise;
        this.rng = rng;
    }

    /**
     * The barostat the workflow stages equilibrate with: stochastic cell rescaling at {@code pressureBar}, applied every
     * 10 steps, τ_P = 0.5 ps and β_T = 4.5e-5 1/bar (MdConfig's default). β_T/τ_P only sets how fast the volume
     * relaxes, not the ensemble it samples (Bernetti and Bussi, eq. 5: drift and noise share the factor); with a
     * framework bulk modulus of ~30 GPa the volume then relaxes with a time constant of ~0.1 ps, so a builder cell that
     * starts several GPa away from the potential's own density is at its equilibrium volume within ~1 ps.
     */
    public static StochasticCellRescaling forEquilibration(Integrator inner, double temperatureK, double pressureBar, Rng rng) {
        return new StochasticCellRescaling(inner, temperatureK, pressureBar, 0.5, 4.5e-5, 10, true, rng);
    }

    /**
     * As {@link #forEquilibration}, with a fully flexible cell (see the class comment): the shape relaxes to zero
     * deviatoric stress as well as the volume to the target pressure.
     */
    public static StochasticCellRescaling flexibleForEquilibration(Integrator inner, double temperatureK, double pressureBar, Rng rng) {
        return flexibleWith(forEquilibration(inner, temperatureK, pressureBar, rng));
    }

    /** The same barostat (same parameters and random stream), with a fully flexible cell. */
    public static StochasticCellRescaling flexibleWith(StochasticCellRescaling b) {
        b.flexible = true;
        return b;
    }

    public boolean flexible() { return flexible; }

    @Override
    public boolean needsVirialEveryStep() { return true; }

    @Override
    public double targetTemperature() { return inner.targetTemperature(); }

    @Override
    public String name() { return (noise ? "npt/c-rescale" : "npt/berendsen") + (flexible ? "-tri+" : "+") + inner.name(); }

    @Override
    public void setup(MdSystem sys) { inner.setup(sys); }

    @Override
    public void step(MdSystem sys) {
        inner.step(sys);
        if ((sys.step() + 1) % every != 0) return;
        Structure s = sys.structure();
        double vol = s.cell().volume();
        double kT = Units.kT(temperature);
        double dtb = every * sys.dt();
        if (flexible) { flexibleStep(sys, vol, kT, dtb); return; }
        double pint = sys.pressure();
        double de = -compressibility / tauP * (pressureEvA3 - pint - kT / vol) * dtb;
        if (noise) de += Math.sqrt(2 * kT * compressibility * dtb / (vol * tauP)) * rng.nextGaussian();
        double f = Math.exp(de / 3);
        double[] h = s.cell().matrix();
        for (int k = 0; k < 9; k++) h[k] *= f;
        double[] r = s.positions(), v = s.velocities();
        for (int k = 0, n3 = 3 * s.size(); k < n3; k++) { r[k] *= f; v[k] /= f; }
        s.setCell(org.scalebridge.structure.Cell.ofRowMajor(h, s.cell().pbc()));
        sys.computeForces();
    }

    /** The flexible-cell update: μ = 1 + dε (symmetric, so the cell does not rotate), h·μ, r·μ, v·μ⁻¹. */
    private void flexibleStep(MdSystem sys, double vol, double kT, double dtb) {
        Structure s = sys.structure();
        sys.pressureTensor(ptens);
        double c = -compressibility / (3 * tauP) * dtb;
        double iso = noise ? Math.sqrt(2 * kT * compressibility * dtb / (vol * tauP)) * rng.nextGaussian() / 3 : 0;
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) {
                double pab = 0.5 * (ptens[3 * a + b] + ptens[3 * b + a]);
                double d = a == b ? pressureEvA3 - pab - kT / vol : -pab;
                mu[3 * a + b] = (a == b ? 1 + iso : 0) + c * d;
            }
        double[] h = s.cell().matrix();
        Cell.transformRows(h, 3, mu);
        Cell.transformRows(s.positions(), s.size(), mu);
        Cell.invert3(mu, tmp);
        Cell.transformRows(s.velocities(), s.size(), tmp);
        s.setCell(Cell.ofRowMajor(h, s.cell().pbc()));
        sys.computeForces();
    }

    @Override
    public double extendedEnergy(MdSystem sys) {
        return inner.extendedEnergy(sys) + pressureEvA3 * sys.structure().cell().volume();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (long x : rng.state()) out.writeLong(x);
        inner.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        long[] st = new long[7];
        for (int k = 0; k < 7; k++) st[k] = in.readLong();
        rng = Rng.fromState(st);
        inner.readState(in);
    }
}
