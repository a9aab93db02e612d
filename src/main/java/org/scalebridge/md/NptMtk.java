package org.scalebridge.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * NPT with Nosé–Hoover chain thermostats and the Martyna–Tobias–Klein barostat on a fully flexible cell
 * (Martyna, Tobias, Klein, J. Chem. Phys. 101, 4177 (1994); measure-preserving Trotter integration after Tuckerman,
 * Alejandre, López-Rendón, Jochim, Martyna, J. Phys. A 39, 5629 (2006)). Couplings as LAMMPS fix npt:
 * {@code ISO} (one strain rate, cell shape kept), {@code ANISO} (three independent diagonal rates), {@code TRI}
 * (all six components of a symmetric rate tensor: a fully flexible triclinic cell without rotation).
 *
 * <p>Equations of motion (row vectors r, v, cell rows h; ω the symmetric cell-rate tensor, 1/ps; W its mass;
 * N_f degrees of freedom; v_ξ, v_η the first chain velocities of the particle and barostat thermostats):
 * <pre>
 *   ṙ_i = v_i + r_i·ω                       ḣ = h·ω        (each lattice vector moves affinely)
 *   m_i v̇_i = F_i − m_i v_i·(ω + Tr(ω)/N_f·I) − m_i v_ξ v_i
 *   W ω̇ = proj[ V (P_int − P_ext·I) + (2K/N_f)·I ] − W v_η ω
 *   P_int = (Σ m v⊗v + W_vir)/V
 * </pre>
 * where proj takes the trace (ISO, ω = ε̇·I), the diagonal (ANISO) or the symmetric part (TRI). The external
 * stress is hydrostatic. Conserved quantity:
 * H = K + U + ½W·Σ_ab ω_ab² (ISO: ½W ε̇²) + P_ext·V + E_chain(particles) + E_chain(barostat).
 * The barostat mass follows LAMMPS: W = (N+1)·k_BT·τ_P²; the barostat chain couples to its 1, 3 or 6 degrees of
 * freedom.
 *
 * <p>Integration (one step, symmetric Trotter splitting): chains ½; barostat kick ½; velocities ½ (exact
 * friction factor split around the force kick); positions and cell (affine scaling exp(ω dt/2) around a drift);
 * forces; velocities ½; barostat kick ½; chains ½. Frozen atoms keep zero velocity but follow the affine cell
 * deformation.
 */
public final class NptMtk implements Integrator {
    /** Cell degrees of freedom of the barostat. */
    public enum Coupling { ISO, ANISO, TRI }

    private final double temperature, pressureEvA3, tauT, tauP;
    private final Coupling coupling;
    private final NoseHooverChain particleChain, baroChain;
    private double w;                 // barostat mass, eV ps²
    private final double[] omega = new double[9];
    private final double[] ptens = new double[9], ex = new double[9], tmp = new double[9], fbar = new double[9];
    private final SymmetricExp sexp = new SymmetricExp();

    /**
     * @param temperatureK target temperature (K)
     * @param pressureBar  target hydrostatic pressure (bar)
     * @param tauTPs       thermostat damping time (ps)
     * @param tauPPs       barostat damping time (ps)
     * @param coupling     ISO, ANISO or TRI
     * @param chainLength  Nosé–Hoover chain length (3 as LAMMPS)
     */
    public NptMtk(double temperatureK, double pressureBar, double tauTPs, double tauPPs, Coupling coupling, int chainLength) {
        if (!(temperatureK > 0)) throw new IllegalArgumentException("temperature must be > 0 K");
        if (!(tauPPs > 0)) throw new IllegalArgumentException("barostat damping time must be > 0 ps");
        if (!Double.isFinite(pressureBar)) throw new IllegalArgumentException("pressure must be finite");
        this.temperature = temperatureK;
        this.pressureEvA3 = Units.barToEvPerA3(pressureBar);
        this.tauT = tauTPs;
        this.tauP = tauPPs;
        this.coupling = coupling;
        this.particleChain = new NoseHooverChain(chainLength, tauTPs);
        this.baroChain = new NoseHooverChain(chainLength, tauTPs);
    }

    @Override
    public boolean needsVirialEveryStep() { return true; }

    @Override
    public double targetTemperature() { return temperature; }

    @Override
    public String name() { return "npt/mtk-" + coupling.name().toLowerCase(); }

    private int baroDof() { return coupling == Coupling.ISO ? 1 : coupling == Coupling.ANISO ? 3 : 6; }

    @Override
    public void setup(MdSystem sys) {
        if (!sys.structure().cell().fullyPeriodic()) {
            throw new IllegalArgumentException("NPT needs a cell periodic in all three directions");
        }
        sys.setMomentumConserved(true); // MTK conserves momentum (after a Langevin stage: 3N − 3 again)
        double kT = Units.kT(temperature);
        particleChain.setTarget(kT, sys.degreesOfFreedom());
        baroChain.setTarget(kT, baroDof());
        w = (sys.structure().size() + 1) * kT * tauP * tauP;
    }

    /** Current cell strain-rate tensor ω (1/ps), row-major (copy). */
    public double[] strainRate() { return omega.clone(); }

    @Override
    public void step(MdSystem sys) {
        double dt = sys.dt();
        thermostatHalf(sys, dt);
        barostatKick(sys, 0.5 * dt);
        velocityHalf(sys, dt);
        positionsAndCell(sys, dt);
        sys.computeForces();
        velocityHalf(sys, dt);
        barostatKick(sys, 0.5 * dt);
        thermostatHalf(sys, dt);
    }

    private void thermostatHalf(MdSystem sys, double dt) {
        double scale = particleChain.propagate(0.5 * dt, 2 * sys.kineticEnergy());
        double[] v = sys.structure().velocities();
        for (int k = 0, n3 = 3 * sys.structure().size(); k < n3; k++) v[k] *= scale;
        double bscale = baroChain.propagate(0.5 * dt, 2 * baroKinetic());
        for (int k = 0; k < 9; k++) omega[k] *= bscale;
    }

    private double baroKinetic() {
        if (coupling == Coupling.ISO) return 0.5 * w * omega[0] * omega[0];
        double s = 0;
        for (int k = 0; k < 9; k++) s += omega[k] * omega[k];
        return 0.5 * w * s;
    }

    /** ω += h·proj[V(P_int − P_ext) + 2K/N_f]/W. */
    private void barostatKick(MdSystem sys, double h) {
        sys.pressureTensor(ptens);
        double vol = sys.structure().cell().volume();
        double kin = 2 * sys.kineticEnergy() / sys.degreesOfFreedom();
        for (int k = 0; k < 9; k++) fbar[k] = vol * ptens[k];
        for (int a = 0; a < 3; a++) fbar[4 * a] += kin - vol * pressureEvA3;
        switch (coupling) {
            case ISO: {
                double tr = fbar[0] + fbar[4] + fbar[8];
                double e = omega[0] + h * tr / w;
                omega[0] = omega[4] = omega[8] = e;
                break;
            }
            case ANISO:
                for (int a = 0; a < 3; a++) omega[4 * a] += h * fbar[4 * a] / w;
                break;
            default:
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) omega[3 * a + b] += h * 0.5 * (fbar[3 * a + b] + fbar[3 * b + a]) / w;
                }
        }
    }

    /** v ← v·e^{−A dt/4}; v += dt/2·F/m; v ← v·e^{−A dt/4}, A = ω + Tr(ω)/N_f·I. */
    private void velocityHalf(MdSystem sys, double dt) {
        double tr = (omega[0] + omega[4] + omega[8]) / sys.degreesOfFreedom();
        for (int k = 0; k < 9; k++) tmp[k] = omega[k];
        tmp[0] += tr; tmp[4] += tr; tmp[8] += tr;
        sexp.exp(tmp, -0.25 * dt, ex);
        Structure s = sys.structure();
        double[] v = s.velocities();
        int n = s.size();
        Cell.transformRows(v, n, ex);
        VelocityVerlet.halfKick(sys, 0.5 * dt);
        Cell.transformRows(v, n, ex);
    }

    /** r ← r·e^{ω dt/2}; r += v dt; r ← r·e^{ω dt/2}; h ← h·e^{ω dt}. */
    private void positionsAndCell(MdSystem sys, double dt) {
        Structure s = sys.structure();
        sexp.exp(omega, 0.5 * dt, ex);
        double[] r = s.positions();
        int n = s.size();
        Cell.transformRows(r, n, ex);
        VelocityVerlet.drift(sys, dt);
        Cell.transformRows(r, n, ex);
        double[] h = s.cell().matrix();
        Cell.transformRows(h, 3, ex);
        Cell.transformRows(h, 3, ex);
        s.setCell(Cell.ofRowMajor(h, s.cell().pbc()));
    }

    @Override
    public double extendedEnergy(MdSystem sys) {
        return baroKinetic() + pressureEvA3 * sys.structure().cell().volume()
                + particleChain.energy() + baroChain.energy();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (int k = 0; k < 9; k++) out.writeDouble(omega[k]);
        particleChain.write(out);
        baroChain.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        for (int k = 0; k < 9; k++) omega[k] = in.readDouble();
        particleChain.read(in);
        baroChain.read(in);
    }

    public Coupling coupling() { return coupling; }
    public double tauT() { return tauT; }
}
