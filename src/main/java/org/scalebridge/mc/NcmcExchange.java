package org.scalebridge.mc;

import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Nonequilibrium candidate Monte Carlo (NCMC) exchange moves for {@link Gcmc}: the exchanged atom is switched in or
 * out gradually while the whole system relaxes, so that an insertion that needs the lattice to respond (e.g. a Na⁺
 * that reduces a redox site and changes its bond lengths) is not rejected for the reorganisation energy of an
 * unrelaxed lattice (Nilmeier, Crooks, Minh, Chodera, PNAS 108 (2011) E1009; the GCMC form as in Ross et al.,
 * J. Phys. Chem. B 122 (2018) 5466).
 *
 * <p>Extended system: the N atoms plus one "ghost" (the atom being inserted or deleted), with
 * H_λ = K + (1 − λ)·U_N(atoms without the ghost) + λ·U_{N+1}(all atoms), K the kinetic energy of all N + 1 atoms
 * (at λ = 0 the ghost is a free particle). Any {@link Potential} works: U_N and U_{N+1} are two full evaluations on
 * two work structures (with and without the ghost), forces F_λ = (1 − λ)F_N + λF_{N+1}. An optional second
 * instance of the same potential evaluates U_N, so that each instance keeps its neighbour list along a trajectory
 * (one instance alternating between N and N + 1 atoms rebuilds it at every call). Protocol (λ_k = k/n,
 * n = {@code switches}), insertion: perturb λ_0 → λ_1, propagate {@code stepsPerSwitch} velocity-Verlet steps with
 * H_{λ_1}, perturb to λ_2, …, propagate with H_{λ_{n−1}}, perturb to λ_n = 1. Deletion is the exact time reverse
 * (λ = 1 → 0 with the same pattern), then the ghost is removed. With n = 1 both reduce to the instantaneous moves of
 * {@link Gcmc}.
 *
 * <p>The ghost either moves with the others ({@code ghostMoves}, the default) or is held where it was proposed:
 * a held ghost keeps its position and its velocity u through the switching, only the N other atoms are integrated
 * (in the field of the partly coupled ghost). Both maps are volume preserving and time reversible, so the same
 * acceptance rule holds (both are checked against exact distributions in DetailedBalanceTest). On the
 * localised-redox PBA surrogate (1 ps switching) the moving ghost dissipates far less (mean (W_ins + W_del)/2 ≈
 * 0.11–0.16 eV vs 0.53 eV held, at N = 2 → 3): the Na⁺ must relax in its cage together with the framework.
 *
 * <p>Acceptance (the grand-canonical weight with Maxwell–Boltzmann velocities, the ghost's initial velocity u drawn
 * from MB at T; the switching map is volume preserving and time reversible, so the Jacobian is 1 and the MB density
 * of u cancels its kinetic energy in H):
 * <pre>
 *   insertion: min(1, z/((N+1)·p(r₀)) · exp(−β[W + ΔB]))        deletion: min(1, N·p(r_end)/z · exp(−β[W + ΔB]))
 *   W = H_end − H_start   (total-energy change of the extended system: the protocol work Σ Δλ_k (U_{N+1} − U_N)
 *                          plus the integrator's shadow work; using the total change keeps the rule exact for a
 *                          finite time step and for potentials with jumps)
 * </pre>
 * with z = e^{βμ}/Λ³, p = 1/V for uniform insertion or the {@link SiteProposal} density (at the ghost's position
 * where the inserting trajectory starts, i.e. where a deleting one ends; the same point for a held ghost), ΔB the change of a {@link HarmonicBias}.
 * A deletion whose ghost ends within the overlap cutoff of another atom is rejected (its reverse insertion would be).
 *
 * <p>Velocities. The move is a Metropolis–Hastings step with the involution "switching map, then reverse all
 * velocities", so an accepted move leaves all velocities reversed relative to the end of the switching trajectory
 * (harmless: the equilibrium distribution is even in the velocities), and a rejected move restores positions,
 * velocities, images, charges and the cell bit for bit (nothing of the real structure is touched before
 * acceptance; the dynamics runs on work copies). Velocities are only exchanged with the rest of the sampler through
 * this move, so a pure-MC run (no MD between) must refresh them ({@link #refreshVelocities()}, a Gibbs step from
 * Maxwell–Boltzmann); in hybrid GCMC–MD the thermostatted MD does that. The cell is fixed during a move (NVE).
 */
public final class NcmcExchange {
    /**
     * NCMC settings.
     *
     * @param switches       n, number of λ perturbations (≥ 1; 1 = instantaneous)
     * @param stepsPerSwitch velocity-Verlet steps between consecutive perturbations (≥ 1)
     * @param dt             time step of the switching dynamics (ps)
     * @param fraction       share of exchange attempts done as NCMC (the rest are instantaneous), in (0, 1]
     * @param ghostMoves     true: the ghost is integrated with the others; false: it is held at its position
     */
    public record Settings(int switches, int stepsPerSwitch, double dt, double fraction, boolean ghostMoves) {
        /** Settings with the ghost moving with the others during the switching (the default protocol). */
        public Settings(int switches, int stepsPerSwitch, double dt, double fraction) { this(switches, stepsPerSwitch, dt, fraction, true); }

        public Settings {
            if (switches < 1) throw InputException.unphysical("ncmc.switches", switches, "≥ 1");
            if (stepsPerSwitch < 1) throw InputException.unphysical("ncmc.steps_per_switch", stepsPerSwitch, "≥ 1");
            if (!(dt > 0) || !Double.isFinite(dt)) throw InputException.unphysical("ncmc.timestep", dt, "> 0 ps");
            if (!(fraction > 0 && fraction <= 1)) throw InputException.unphysical("ncmc.fraction", fraction, "in (0, 1]");
        }

        /** Length of one switching trajectory (ps). */
        public double switchingTime() { return (switches - 1) * stepsPerSwitch * dt; }
    }

    private final Gcmc mc;
    private final Settings cfg;
    private final Potential pot, potSub; // U_{N+1} on ext, U_N on sub (a second instance keeps its own neighbour list)
    private final Rng rng;
    private final double kT, beta;
    private final ForceResult rSub = new ForceResult().request(true, false, false);
    private final ForceResult rExt = new ForceResult().request(true, false, false);
    private Structure ext, sub;
    private int[] map = new int[0];   // sub index → ext index
    private double[] f0 = new double[0]; // F_N mapped onto ext (ghost: 0)
    private int ghost;
    private double u0, u1;            // U_N, U_{N+1} at the current ext positions

    // statistics
    private long insAttempts, insAccepts, delAttempts, delAccepts, overlapRejects;
    private double sumWork, sumProtocolWork, sumAbsShadow, sumWorkIns, sumWorkDel;
    private long workSamples, workIns, workDel;
    private long forceEvaluations;

    NcmcExchange(Gcmc mc, Settings cfg, Potential second) {
        this.mc = mc;
        this.cfg = cfg;
        this.pot = mc.potential();
        this.potSub = second == null ? pot : second;
        this.rng = mc.rng();
        this.kT = Units.kT(mc.temperature());
        this.beta = 1 / kT;
        if (!mc.region().isWholeCell())
            throw InputException.field(null, "ncmc", "NCMC exchanges work on the whole cell, not with an insertion region");
        Structure s = mc.structure();
        if (!s.hasVelocities()) {
            s.ensureVelocities();
            refreshVelocities();
        }
    }

    public Settings settings() { return cfg; }

    void resetSecond() { if (potSub != pot) potSub.resetCaches(); }

    /** Draws every velocity afresh from Maxwell–Boltzmann at T (a Gibbs step that leaves the ensemble invariant). */
    public void refreshVelocities() {
        Structure s = mc.structure();
        double[] v = s.ensureVelocities();
        double[] m = s.masses();
        for (int i = 0; i < s.size(); i++) {
            double sigma = Math.sqrt(kT / (m[i] * Units.MVV2E));
            v[3 * i] = sigma * rng.nextGaussian();
            v[3 * i + 1] = sigma * rng.nextGaussian();
            v[3 * i + 2] = sigma * rng.nextGaussian();
        }
    }

    // ------------------------------------------------------------------ moves

    /** NCMC insertion of exchange species k. Returns acceptance. */
    boolean attemptInsertion(int k) {
        mc.stats().attempt(MoveStats.Type.INSERTION, k);
        insAttempts++;
        Structure s = mc.structure();
        Cell cell = s.cell();
        double[] r = new double[3];
        SiteProposal prop = mc.insertionProposal();
        if (prop != null) prop.sample(cell, rng, r);
        else mc.region().sample(cell, rng, r);
        if (mc.overlapsExisting(r[0], r[1], r[2])) {
            mc.stats().overlap();
            overlapRejects++;
            return false;
        }
        ExchangeSpecies sp = mc.species().get(k);
        int n = mc.count(k);
        // work copies: sub = the N atoms, ext = N atoms + the ghost (last), with a Maxwell–Boltzmann velocity
        sub = s.copy();
        ext = s.copy();
        int g = ext.addAtom(sp.atomicNumber(), r[0], r[1], r[2], sp.mass());
        if (ext.hasCharges() || sp.charge() != 0) ext.ensureCharges()[g] = sp.charge();
        ext.wrapAtom(g); // into the cell, as Gcmc's instantaneous insertion (a held ghost is never wrapped later)
        ext.images()[3 * g] = ext.images()[3 * g + 1] = ext.images()[3 * g + 2] = 0;
        double sigma = Math.sqrt(kT / (sp.mass() * Units.MVV2E));
        double[] v = ext.ensureVelocities();
        v[3 * g] = sigma * rng.nextGaussian();
        v[3 * g + 1] = sigma * rng.nextGaussian();
        v[3 * g + 2] = sigma * rng.nextGaussian();
        ghost = g;
        setIdentityMap(sub.size());
        double w = switchingWork(true);
        double dB = mc.bias() != null && mc.bias().species() == k ? mc.bias().insertionChange(n) : 0.0;
        double zV = sp.activity(mc.temperature()) * (prop != null ? 1 / prop.density(cell, r[0], r[1], r[2]) : mc.region().volume(cell));
        // acc = min(1, z/((N+1) p(r₀)) e^{−β(W + ΔB)})  (NCMC: Nilmeier et al. 2011 Eq. 9 with the GCMC weight)
        double acc = zV / (n + 1) * Math.exp(-beta * (w + dB));
        boolean ok = Double.isFinite(w) && (acc >= 1.0 || rng.nextDouble() < acc);
        if (!ok) { finishRejected(); return false; }
        // accept: the real structure takes the final ext state, with all velocities reversed (see class note)
        int i = s.addAtom(sp.atomicNumber(), ext.x(g), ext.y(g), ext.z(g), sp.mass());
        if (ext.hasCharges()) s.ensureCharges();
        copyBack(ext, s, ext.size());
        assert i == g;
        reverseVelocities(s);
        mc.ncmcAccepted(u1);
        mc.stats().accept(MoveStats.Type.INSERTION, k);
        insAccepts++;
        release();
        return true;
    }

    /** NCMC deletion of a uniformly chosen atom of exchange species k. Returns acceptance. */
    boolean attemptDeletion(int k) {
        mc.stats().attempt(MoveStats.Type.DELETION, k);
        delAttempts++;
        int n = mc.count(k);
        if (n == 0) return false;
        int i = mc.member(k, rng.nextInt(n));
        Structure s = mc.structure();
        Cell cell = s.cell();
        ExchangeSpecies sp = mc.species().get(k);
        ext = s.copy();
        sub = s.copy();
        int moved = sub.removeAtomSwapLast(i);
        setIdentityMap(sub.size());
        if (moved >= 0) map[i] = moved;
        ghost = i;
        double w = switchingWork(false);
        double gx = ext.x(i), gy = ext.y(i), gz = ext.z(i);
        if (overlapsInExt(gx, gy, gz)) { // the reverse insertion would be rejected
            overlapRejects++;
            finishRejected();
            return false;
        }
        double dB = mc.bias() != null && mc.bias().species() == k ? mc.bias().deletionChange(n) : 0.0;
        SiteProposal prop = mc.insertionProposal();
        double zV = sp.activity(mc.temperature()) * (prop != null ? 1 / prop.density(cell, gx, gy, gz) : mc.region().volume(cell));
        // acc = min(1, N p(r_end)/z e^{−β(W + ΔB)})  (time reverse of the insertion)
        double acc = n / zV * Math.exp(-beta * (w + dB));
        boolean ok = Double.isFinite(w) && (acc >= 1.0 || rng.nextDouble() < acc);
        if (!ok) { finishRejected(); return false; }
        copyBack(ext, s, ext.size());
        s.removeAtomSwapLast(i);
        reverseVelocities(s);
        mc.ncmcAccepted(u0);
        mc.stats().accept(MoveStats.Type.DELETION, k);
        delAccepts++;
        release();
        return true;
    }

    /**
     * Evaluates the start, runs the switching protocol and returns the work W = H(end) − H(start) of the extended system
     * (H = kinetic energy + U at the λ end point: U_N at λ = 0, U_{N+1} at λ = 1), recorded with the protocol work.
     */
    private double switchingWork(boolean inserting) {
        evaluate();
        double hStart = kinetic() + (inserting ? u0 : u1);
        double wProt = drive(inserting);
        double hEnd = kinetic() + (inserting ? u1 : u0);
        double w = hEnd - hStart;
        record(w, wProt, inserting);
        return w;
    }

    /**
     * Runs the switching protocol on ext/sub from the current λ end point (0 for insertion, 1 for deletion) to the
     * other; returns the protocol work Σ Δλ (U_{N+1} − U_N). Forces and energies at the start must be evaluated.
     */
    private double drive(boolean inserting) {
        int nsw = cfg.switches();
        double wProt = 0;
        for (int kk = 1; kk <= nsw; kk++) {
            double lamPrev = inserting ? (double) (kk - 1) / nsw : 1 - (double) (kk - 1) / nsw;
            double lam = inserting ? (double) kk / nsw : 1 - (double) kk / nsw;
            wProt += (lam - lamPrev) * (u1 - u0); // perturbation at fixed positions
            if (kk < nsw) for (int st = 0; st < cfg.stepsPerSwitch(); st++) verletStep(lam);
        }
        return wProt;
    }

    /** One velocity-Verlet step of the extended system with H_λ. */
    private void verletStep(double lam) {
        double dt = cfg.dt();
        int n = ext.size();
        double[] p = ext.positions(), v = ext.velocities(), m = ext.masses(), f1 = rExt.forces();
        int skip = cfg.ghostMoves() ? -1 : ghost; // a held ghost keeps its position and velocity
        for (int i = 0; i < n; i++) {
            if (i == skip) continue;
            double c = 0.5 * dt * Units.FTM2V / m[i];
            for (int d = 0; d < 3; d++) v[3 * i + d] += c * (lam * f1[3 * i + d] + (1 - lam) * f0[3 * i + d]);
        }
        for (int i = 0; i < n; i++) {
            if (i == skip) continue;
            p[3 * i] += dt * v[3 * i];
            p[3 * i + 1] += dt * v[3 * i + 1];
            p[3 * i + 2] += dt * v[3 * i + 2];
            ext.wrapAtom(i);
        }
        evaluate();
        f1 = rExt.forces();
        for (int i = 0; i < n; i++) {
            if (i == skip) continue;
            double c = 0.5 * dt * Units.FTM2V / m[i];
            for (int d = 0; d < 3; d++) v[3 * i + d] += c * (lam * f1[3 * i + d] + (1 - lam) * f0[3 * i + d]);
        }
    }

    /** U_N, U_{N+1} and their forces at the current ext positions (sub follows ext through the map). */
    private void evaluate() {
        double[] pe = ext.positions(), ps = sub.positions();
        int[] ie = ext.images(), is = sub.images();
        int ns = sub.size();
        for (int j = 0; j < ns; j++) {
            int e = map[j];
            ps[3 * j] = pe[3 * e]; ps[3 * j + 1] = pe[3 * e + 1]; ps[3 * j + 2] = pe[3 * e + 2];
            is[3 * j] = ie[3 * e]; is[3 * j + 1] = ie[3 * e + 1]; is[3 * j + 2] = ie[3 * e + 2];
        }
        potSub.compute(sub, rSub);
        pot.compute(ext, rExt);
        forceEvaluations += 2;
        u0 = rSub.energy();
        u1 = rExt.energy();
        int ne = ext.size();
        if (f0.length < 3 * ne) f0 = new double[3 * ne];
        double[] fs = rSub.forces();
        for (int j = 0; j < ns; j++) {
            int e = map[j];
            f0[3 * e] = fs[3 * j]; f0[3 * e + 1] = fs[3 * j + 1]; f0[3 * e + 2] = fs[3 * j + 2];
        }
        f0[3 * ghost] = f0[3 * ghost + 1] = f0[3 * ghost + 2] = 0; // the ghost is free in H_N
    }

    private void setIdentityMap(int n) {
        if (map.length < n) map = new int[Math.max(n, 16) * 2];
        for (int j = 0; j < n; j++) map[j] = j;
    }

    private double kinetic() {
        double[] v = ext.velocities(), m = ext.masses();
        double k = 0;
        for (int i = 0; i < ext.size(); i++)
            k += m[i] * (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
        return 0.5 * Units.MVV2E * k;
    }

    private boolean overlapsInExt(double x, double y, double z) {
        double cut = mc.overlapCutoffValue();
        if (!(cut > 0)) return false;
        double[] d = new double[3];
        for (int j = 0; j < ext.size(); j++) {
            if (j == ghost) continue;
            d[0] = ext.x(j) - x; d[1] = ext.y(j) - y; d[2] = ext.z(j) - z;
            if (ext.cell().minimumImage(d) < cut * cut) return true;
        }
        return false;
    }

    /** Positions, images, velocities and charges of atoms 0..n−1 of {@code from} into {@code to}. */
    private static void copyBack(Structure from, Structure to, int n) {
        System.arraycopy(from.positions(), 0, to.positions(), 0, 3 * n);
        System.arraycopy(from.images(), 0, to.images(), 0, 3 * n);
        System.arraycopy(from.velocities(), 0, to.ensureVelocities(), 0, 3 * n);
        if (from.hasCharges()) System.arraycopy(from.charges(), 0, to.ensureCharges(), 0, n);
    }

    private static void reverseVelocities(Structure s) {
        double[] v = s.velocities();
        for (int i = 0; i < 3 * s.size(); i++) v[i] = -v[i];
    }

    private void record(double w, double wProt, boolean insertion) {
        if (!Double.isFinite(w)) return;
        if (insertion) { sumWorkIns += w; workIns++; } else { sumWorkDel += w; workDel++; }
        sumWork += w;
        sumProtocolWork += wProt;
        sumAbsShadow += Math.abs(w - wProt);
        workSamples++;
    }

    private void finishRejected() {
        mc.ncmcRejected();
        release();
    }

    private void release() { ext = null; sub = null; }

    // ------------------------------------------------------------------ statistics

    public long insertionAttempts() { return insAttempts; }
    public long insertionAccepts() { return insAccepts; }
    public long deletionAttempts() { return delAttempts; }
    public long deletionAccepts() { return delAccepts; }
    /** Insertions rejected by the overlap cutoff before switching plus deletions ending in overlap. */
    public long overlapRejections() { return overlapRejects; }
    /** Mean total work ⟨W⟩ (eV) over completed switching trajectories (both directions). */
    public double meanWork() { return workSamples == 0 ? Double.NaN : sumWork / workSamples; }
    /** Mean work ⟨W⟩ of the insertion trajectories (eV). */
    public double meanInsertionWork() { return workIns == 0 ? Double.NaN : sumWorkIns / workIns; }
    /** Mean work ⟨W⟩ of the deletion trajectories (eV); (⟨W_ins⟩ + ⟨W_del⟩)/2 ≥ 0 is the mean dissipation. */
    public double meanDeletionWork() { return workDel == 0 ? Double.NaN : sumWorkDel / workDel; }
    /** Mean protocol work ⟨Σ Δλ ΔU⟩ (eV). */
    public double meanProtocolWork() { return workSamples == 0 ? Double.NaN : sumProtocolWork / workSamples; }
    /** Mean |shadow work| = |W − W_protocol| (eV): the integrator's energy error per trajectory. */
    public double meanAbsShadowWork() { return workSamples == 0 ? Double.NaN : sumAbsShadow / workSamples; }
    /** Completed switching trajectories. */
    public long trajectories() { return workSamples; }
    /** Potential evaluations spent in switching trajectories. */
    public long forceEvaluations() { return forceEvaluations; }

    /** Acceptance of NCMC exchanges (insertions and deletions together; NaN before any attempt). */
    public double acceptance() {
        long a = insAttempts + delAttempts;
        return a == 0 ? Double.NaN : (double) (insAccepts + delAccepts) / a;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "NCMC ins %d/%d del %d/%d (overlap %d), <W_ins> %.4f eV, <W_del> %.4f eV, <W_prot> %.4f eV, <|W_shadow|> %.2e eV, %d evaluations",
                insAccepts, insAttempts, delAccepts, delAttempts, overlapRejects, meanInsertionWork(), meanDeletionWork(), meanProtocolWork(),
                meanAbsShadowWork(), forceEvaluations);
    }
}
