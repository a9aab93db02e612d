package org.scalebridge.mc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.core.Units;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Grand-canonical Monte Carlo (μVT) of one or more exchange species on a {@link Structure}, with energy changes
 * from the potential's {@link LocalChange} (neighbourhood only for local potentials).
 *
 * <p>Moves and acceptance probabilities, exactly as LAMMPS {@code fix gcmc} for atoms (Frenkel and Smit,
 * "Understanding Molecular Simulation", 2nd ed., Eqs. 5.6.8–5.6.9), with β = 1/k_BT, the activity
 * z = exp(βμ)/Λ³ and Λ = h/√(2π m k_B T) the thermal de Broglie wavelength, V the volume of the insertion region
 * and N the number of atoms of the chosen species in it:
 * <ul>
 *   <li>insertion at a uniform random point of the region: acc = min(1, z V e^{−βΔU} / (N + 1));</li>
 *   <li>deletion of a uniformly chosen atom of the species: acc = min(1, N e^{−βΔU} / (z V));</li>
 *   <li>translation of a uniformly chosen exchange atom by a displacement uniform in a sphere of radius δ:
 *       acc = min(1, e^{−βΔU}).</li>
 * </ul>
 * An exchange attempt picks a species uniformly, then insertion or deletion with probability ½ each. With a
 * {@link HarmonicBias} B(N) the exchange acceptances use ΔU + ΔB instead of ΔU (paper Eq. 7). Insertions closer
 * than the overlap cutoff to an existing atom are rejected without an energy evaluation (LAMMPS
 * {@code overlap_cutoff}); translations into overlap are rejected too, which keeps the hard-core ensemble in
 * detailed balance. The new atom gets a Maxwell–Boltzmann velocity at T when the structure carries velocities.
 * δ adapts towards a target translation acceptance only while {@link #setAdapting(boolean) adapting} is on
 * (equilibration); production runs keep δ fixed so that the chain is Markovian with fixed proposals.
 *
 * <p>ΔU comes from {@link ExchangeLocalChange#of}: the potential's own local change for local potentials, and for
 * a local non-bonded part plus a bonded framework, the local change of the non-bonded part (the bonded energy does
 * not change when only atoms outside the topology move).
 *
 * <p>The potential energy is tracked by summing accepted ΔU from the initial full evaluation;
 * {@link #recomputeEnergy()} re-evaluates it. Not thread-safe: one run per thread.
 */
public final class Gcmc {
    private final Structure s;
    private final Potential potential;
    private final LocalChange local;
    private final Rng rng;
    private final double temperature, beta, kT;
    private final ExchangeSpecies[] species;
    private final InsertionRegion region;
    private double overlapCutoff;
    private PointGrid grid;
    private HarmonicBias bias;
    private SiteProposal proposal;
    private NcmcExchange ncmc;

    private double maxDisplacement;
    private double targetAcceptance = 0.5;
    private boolean adapting;
    private int adaptWindow = 200;
    private long windowAttempts, windowAccepts;

    private double energy;
    private final MoveStats stats;
    private long cycle;

    // membership of exchange atoms: speciesOf[i] (−1: not exchangeable), per-species index lists
    private int[] speciesOf = new int[0];
    private int[] slot = new int[0];
    private final int[][] members;
    private final int[] memberCount;
    private final int[] regionCounts;
    private int[] scratch = new int[16];
    private final double[] p3 = new double[3];
    private final List<GcmcListener> listeners = new ArrayList<>();

    /**
     * @param s               the structure (modified in place; atoms of the exchange species already present are
     *                        exchangeable)
     * @param potential       energy model
     * @param temperature     T (K)
     * @param species         exchange species (distinct atomic numbers)
     * @param region          insertion/deletion region (null: whole cell)
     * @param maxDisplacement initial translation radius δ (Å)
     * @param overlapCutoff   minimum distance of an inserted atom to any other (Å), 0 to disable
     * @param rng             seeded random stream (its state is part of the checkpoint)
     */
    public Gcmc(Structure s, Potential potential, double temperature, List<ExchangeSpecies> species,
            InsertionRegion region, double maxDisplacement, double overlapCutoff, Rng rng) {
        if (!(temperature > 0) || !Double.isFinite(temperature))
            throw InputException.unphysical("temperature", temperature, "> 0 K");
        if (species.isEmpty()) throw InputException.field(null, "species", "at least one exchange species is needed");
        if (!(maxDisplacement > 0)) throw InputException.unphysical("max_displacement", maxDisplacement, "> 0 Å");
        if (!(overlapCutoff >= 0)) throw InputException.unphysical("overlap_cutoff", overlapCutoff, "≥ 0 Å");
        if (!s.cell().fullyPeriodic()) throw InputException.field(null, "cell", "GCMC needs a fully periodic cell");
        for (int a = 0; a < species.size(); a++)
            for (int b = 0; b < a; b++)
                if (species.get(a).atomicNumber() == species.get(b).atomicNumber())
                    throw InputException.field(null, "species", "atomic number " + species.get(a).atomicNumber()
                            + " is listed twice");
        this.s = s;
        this.potential = potential;
        this.local = ExchangeLocalChange.of(potential);
        this.rng = rng;
        this.temperature = temperature;
        this.kT = Units.kT(temperature);
        this.beta = 1.0 / kT;
        this.species = species.toArray(new ExchangeSpecies[0]);
        this.region = region == null ? InsertionRegion.wholeCell() : region;
        this.maxDisplacement = maxDisplacement;
        this.overlapCutoff = overlapCutoff;
        this.stats = new MoveStats(this.species.length);
        this.members = new int[this.species.length][];
        this.memberCount = new int[this.species.length];
        this.regionCounts = new int[this.species.length];
        s.wrap();
        rebuildMembership();
        if (overlapCutoff > 0) grid = new PointGrid(s, overlapCutoff);
        this.energy = potential.energy(s);
    }

    /** Convenience constructor: one species, whole cell. */
    public Gcmc(Structure s, Potential potential, double temperature, ExchangeSpecies species, double maxDisplacement,
            double overlapCutoff, Rng rng) {
        this(s, potential, temperature, List.of(species), null, maxDisplacement, overlapCutoff, rng);
    }

    // ------------------------------------------------------------------ configuration

    public void setBias(HarmonicBias b) {
        if (b != null && b.species() >= species.length)
            throw InputException.field(null, "bias.species", "index " + b.species() + " but only " + species.length
                    + " exchange species");
        this.bias = b;
    }

    public HarmonicBias bias() { return bias; }

    /**
     * Sets the reservoir chemical potential μ (eV) of exchange species k, e.g. a μ_bias refined between the runs of a
     * biased scan; the acceptance rules use it from the next move on.
     */
    public void setMu(int k, double mu) {
        if (k < 0 || k >= species.length)
            throw InputException.field(null, "species", "index " + k + " but only " + species.length + " exchange species");
        if (!Double.isFinite(mu)) throw InputException.unphysical("mu", mu, "a finite value in eV");
        species[k] = species[k].withMu(mu);
    }

    /**
     * Site-biased insertion (null: uniform in the region). The acceptance rules become the Metropolis–Hastings
     * forms of {@link SiteProposal}; only with the whole cell as region.
     */
    public void setInsertionProposal(SiteProposal p) {
        if (p != null && !region.isWholeCell()) {
            throw InputException.field(null, "insertion", "site-biased insertion works on the whole cell, not with a region");
        }
        if (p != null) p.check(s.cell());
        proposal = p;
    }

    public SiteProposal insertionProposal() { return proposal; }

    /**
     * Turns on nonequilibrium candidate Monte Carlo exchanges ({@link NcmcExchange}): a share
     * {@code settings.fraction()} of the exchange attempts switches the atom in or out over a short trajectory of
     * the whole system; null (the default) keeps only the instantaneous moves. A structure without velocities gets
     * Maxwell–Boltzmann ones at T. Returns the NCMC engine (its statistics), or null.
     */
    public NcmcExchange setNcmc(NcmcExchange.Settings settings) { return setNcmc(settings, null); }

    /**
     * As {@link #setNcmc(NcmcExchange.Settings)}, with a second instance of the same potential (same parameters,
     * built for this structure's atom layout; null: none) that evaluates U_N during the switching, so that both
     * instances keep their neighbour lists along a trajectory.
     */
    public NcmcExchange setNcmc(NcmcExchange.Settings settings, Potential second) {
        ncmc = settings == null ? null : new NcmcExchange(this, settings, second);
        return ncmc;
    }

    /** The NCMC engine, or null when exchanges are instantaneous only. */
    public NcmcExchange ncmc() { return ncmc; }

    /** Turns on/off the adaptation of δ toward the target translation acceptance (equilibration only). */
    public void setAdapting(boolean on) { adapting = on; windowAttempts = windowAccepts = 0; }

    public boolean isAdapting() { return adapting; }

    public void setTargetAcceptance(double t) {
        if (!(t > 0 && t < 1)) throw InputException.unphysical("target_acceptance", t, "in (0, 1)");
        targetAcceptance = t;
    }

    public double maxDisplacement() { return maxDisplacement; }

    public void setMaxDisplacement(double d) {
        if (!(d > 0)) throw InputException.unphysical("max_displacement", d, "> 0 Å");
        maxDisplacement = d;
    }

    public void addListener(GcmcListener l) { listeners.add(l); }

    public void removeListener(GcmcListener l) { listeners.remove(l); }

    // ------------------------------------------------------------------ state

    public Structure structure() { return s; }
    public Potential potential() { return potential; }
    public double temperature() { return temperature; }
    public List<ExchangeSpecies> species() { return List.of(species); }
    public InsertionRegion region() { return region; }
    public MoveStats stats() { return stats; }
    public Rng rng() { return rng; }
    public long cycle() { return cycle; }
    /** Tracked potential energy U (eV), without the bias. */
    public double energy() { return energy; }

    /** Number of atoms of exchange species k inside the region. */
    public int count(int k) {
        if (region.isWholeCell()) return memberCount[k];
        Cell c = s.cell();
        double[] p = s.positions();
        int n = 0;
        for (int m = 0; m < memberCount[k]; m++) {
            int i = members[k][m];
            if (region.contains(c, p[3 * i], p[3 * i + 1], p[3 * i + 2])) n++;
        }
        return n;
    }

    /** Counts of all exchange species in the region (a fresh array). */
    public int[] counts() {
        int[] c = new int[species.length];
        for (int k = 0; k < c.length; k++) c[k] = count(k);
        return c;
    }

    /** Re-evaluates U with the full potential (and returns the drift it corrected). */
    public double recomputeEnergy() {
        double e = potential.energy(s);
        double drift = e - energy;
        energy = e;
        return drift;
    }

    /**
     * Re-synchronises after the structure was changed outside (MD steps, cell change, atoms added/removed by other
     * code): membership lists, the overlap grid and, when {@code newEnergy} is NaN, a full energy evaluation.
     */
    public void resync(double newEnergy) {
        s.wrap();
        rebuildMembership();
        if (grid != null) grid.rebuild(s);
        local.sync(s);
        energy = Double.isNaN(newEnergy) ? potential.energy(s) : newEnergy;
    }

    private void rebuildMembership() {
        int n = s.size();
        if (speciesOf.length < s.capacity()) {
            speciesOf = new int[s.capacity()];
            slot = new int[s.capacity()];
        }
        Arrays.fill(memberCount, 0);
        for (int k = 0; k < species.length; k++) if (members[k] == null) members[k] = new int[64];
        int[] z = s.atomicNumbers();
        for (int i = 0; i < n; i++) {
            int k = speciesIndex(z[i]);
            speciesOf[i] = k;
            if (k >= 0) addMember(k, i);
        }
    }

    private int speciesIndex(int atomicNumber) {
        for (int k = 0; k < species.length; k++) if (species[k].atomicNumber() == atomicNumber) return k;
        return -1;
    }

    private void addMember(int k, int i) {
        if (members[k].length == memberCount[k]) members[k] = Arrays.copyOf(members[k], members[k].length * 2);
        slot[i] = memberCount[k];
        members[k][memberCount[k]++] = i;
    }

    private void removeMember(int i) {
        int k = speciesOf[i];
        if (k < 0) return;
        int last = members[k][--memberCount[k]];
        members[k][slot[i]] = last;
        slot[last] = slot[i];
    }

    // ------------------------------------------------------------------ moves

    /** One exchange attempt (insertion or deletion with probability ½ each, species uniform). Returns acceptance. */
    public boolean attemptExchange() {
        int k = species.length == 1 ? 0 : rng.nextInt(species.length);
        if (ncmc != null && rng.nextDouble() < ncmc.settings().fraction())
            return rng.nextDouble() < 0.5 ? ncmc.attemptInsertion(k) : ncmc.attemptDeletion(k);
        return rng.nextDouble() < 0.5 ? attemptInsertion(k) : attemptDeletion(k);
    }

    // ------------------------------------------------------------------ hooks of NcmcExchange

    /** True when a point lies within the overlap cutoff of an existing atom (false without a cutoff). */
    boolean overlapsExisting(double x, double y, double z) {
        return grid != null && grid.anyWithin(s.positions(), x, y, z, overlapCutoff, -1);
    }

    double overlapCutoffValue() { return overlapCutoff; }

    /** The m-th atom of exchange species k (whole cell). */
    int member(int k, int m) { return members[k][m]; }

    /** After an accepted NCMC move changed the structure: membership, grid, caches and the energy U. */
    void ncmcAccepted(double newEnergy) {
        potential.resetCaches();
        if (ncmc != null) ncmc.resetSecond();
        resync(newEnergy);
    }

    /** After a rejected NCMC move (the structure is untouched; the potential evaluated other structures). */
    void ncmcRejected() {
        potential.resetCaches();
        if (ncmc != null) ncmc.resetSecond();
        local.sync(s);
    }

    /** Insertion of species k at a uniform point of the region. */
    public boolean attemptInsertion(int k) {
        stats.attempt(MoveStats.Type.INSERTION, k);
        Cell cell = s.cell();
        if (proposal != null) proposal.sample(cell, rng, p3);
        else region.sample(cell, rng, p3);
        double x = p3[0], y = p3[1], z = p3[2];
        if (grid != null && grid.anyWithin(s.positions(), x, y, z, overlapCutoff, -1)) {
            stats.overlap();
            return false;
        }
        int n = count(k);
        ExchangeSpecies sp = species[k];
        double du = local.deltaInsert(s, sp.atomicNumber(), sp.charge(), x, y, z);
        double dw = du + (bias != null && bias.species() == k ? bias.insertionChange(n) : 0.0);
        // acc = min(1, zV e^{−βΔU} / (N+1))  (Frenkel–Smit Eq. 5.6.8; LAMMPS fix gcmc); with a site proposal of
        // density p(r): min(1, z e^{−βΔU} / ((N+1) p(r)))  (Metropolis–Hastings, see SiteProposal)
        double zV = sp.activity(temperature) * (proposal != null ? 1 / proposal.density(cell, x, y, z) : region.volume(cell));
        double acc = zV / (n + 1) * Math.exp(-beta * dw);
        if (!(acc >= 1.0 || rng.nextDouble() < acc)) return false;
        int i = insertAtom(k, x, y, z);
        local.commitInsert(s, i);
        energy += du;
        stats.accept(MoveStats.Type.INSERTION, k);
        return true;
    }

    private int insertAtom(int k, double x, double y, double z) {
        ExchangeSpecies sp = species[k];
        int i = s.addAtom(sp.atomicNumber(), x, y, z, sp.mass());
        if (s.hasCharges() || sp.charge() != 0) s.ensureCharges()[i] = sp.charge();
        s.wrapAtom(i);
        s.images()[3 * i] = s.images()[3 * i + 1] = s.images()[3 * i + 2] = 0;
        if (s.hasVelocities()) {
            // Maxwell–Boltzmann: each component Gaussian with variance k_BT/m (m v² in amu Å²/ps² → eV via MVV2E)
            double sigma = Math.sqrt(kT / (sp.mass() * Units.MVV2E));
            double[] v = s.velocities();
            v[3 * i] = sigma * rng.nextGaussian();
            v[3 * i + 1] = sigma * rng.nextGaussian();
            v[3 * i + 2] = sigma * rng.nextGaussian();
        }
        if (speciesOf.length < s.capacity()) {
            speciesOf = Arrays.copyOf(speciesOf, s.capacity());
            slot = Arrays.copyOf(slot, s.capacity());
        }
        speciesOf[i] = k;
        addMember(k, i);
        if (grid != null) {
            double[] p = s.positions();
            grid.add(i, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
        }
        return i;
    }

    /** Deletion of a uniformly chosen atom of species k in the region. */
    public boolean attemptDeletion(int k) {
        stats.attempt(MoveStats.Type.DELETION, k);
        int n;
        int i;
        if (region.isWholeCell()) {
            n = memberCount[k];
            if (n == 0) return false;
            i = members[k][rng.nextInt(n)];
        } else {
            n = collectInRegion(k);
            if (n == 0) return false;
            i = scratch[rng.nextInt(n)];
        }
        ExchangeSpecies sp = species[k];
        double du = local.deltaDelete(s, i);
        double dw = du + (bias != null && bias.species() == k ? bias.deletionChange(n) : 0.0);
        double[] pp = s.positions();
        double zV = sp.activity(temperature) * (proposal != null
                ? 1 / proposal.density(s.cell(), pp[3 * i], pp[3 * i + 1], pp[3 * i + 2]) : region.volume(s.cell()));
        // acc = min(1, N e^{−βΔU} / (zV))  (Frenkel–Smit Eq. 5.6.9; LAMMPS fix gcmc); with a site proposal
        // V → 1/p(r_old): min(1, N p(r_old) e^{−βΔU} / z)
        double acc = n / zV * Math.exp(-beta * dw);
        if (!(acc >= 1.0 || rng.nextDouble() < acc)) return false;
        int moved = deleteAtom(i);
        local.commitDelete(s, i, moved);
        energy += du;
        stats.accept(MoveStats.Type.DELETION, k);
        return true;
    }

    private int collectInRegion(int k) {
        if (scratch.length < memberCount[k]) scratch = new int[memberCount[k] * 2];
        Cell c = s.cell();
        double[] p = s.positions();
        int n = 0;
        for (int m = 0; m < memberCount[k]; m++) {
            int i = members[k][m];
            if (region.contains(c, p[3 * i], p[3 * i + 1], p[3 * i + 2])) scratch[n++] = i;
        }
        return n;
    }

    private int deleteAtom(int i) {
        removeMember(i);
        if (grid != null) grid.removeSwapLast(i);
        int moved = s.removeAtomSwapLast(i);
        if (moved >= 0) {
            // the former last atom now lives at index i
            int k = speciesOf[moved];
            speciesOf[i] = k;
            if (k >= 0) {
                slot[i] = slot[moved];
                members[k][slot[i]] = i;
            }
        }
        return moved;
    }

    /** Translation of a uniformly chosen exchange atom (of any species) inside a sphere of radius δ. */
    public boolean attemptTranslation() {
        int total = 0;
        for (int k = 0; k < species.length; k++) total += memberCount[k];
        if (total == 0) {
            stats.attempt(MoveStats.Type.TRANSLATION, 0);
            adaptStep(false);
            return false;
        }
        int r = rng.nextInt(total);
        int k = 0;
        while (r >= memberCount[k]) r -= memberCount[k++];
        int i = members[k][r];
        stats.attempt(MoveStats.Type.TRANSLATION, k);
        double dx, dy, dz;
        do {
            dx = 2 * rng.nextDouble() - 1;
            dy = 2 * rng.nextDouble() - 1;
            dz = 2 * rng.nextDouble() - 1;
        } while (dx * dx + dy * dy + dz * dz > 1.0);
        double[] p = s.positions();
        double x = p[3 * i] + maxDisplacement * dx, y = p[3 * i + 1] + maxDisplacement * dy,
                z = p[3 * i + 2] + maxDisplacement * dz;
        Cell cell = s.cell();
        if (!region.isWholeCell() && region.contains(cell, p[3 * i], p[3 * i + 1], p[3 * i + 2])
                && !region.contains(cell, x, y, z)) {
            adaptStep(false);
            return false;
        }
        if (grid != null && grid.anyWithin(p, x, y, z, overlapCutoff, i)) {
            adaptStep(false);
            return false;
        }
        double du = local.deltaMove(s, i, x, y, z);
        // acc = min(1, e^{−βΔU})
        boolean ok = du <= 0 || rng.nextDouble() < Math.exp(-beta * du);
        adaptStep(ok);
        if (!ok) return false;
        s.setPosition(i, x, y, z);
        s.wrapAtom(i);
        local.commitMove(s, i);
        if (grid != null) grid.move(i, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
        energy += du;
        stats.accept(MoveStats.Type.TRANSLATION, k);
        return true;
    }

    private void adaptStep(boolean accepted) {
        if (!adapting) return;
        windowAttempts++;
        if (accepted) windowAccepts++;
        if (windowAttempts >= adaptWindow) {
            double rate = (double) windowAccepts / windowAttempts;
            // multiplicative update toward the target, bounded per window; δ ≤ half the smallest cell width
            double f = Math.max(0.5, Math.min(2.0, (rate + 0.02) / (targetAcceptance + 0.02)));
            double[] w = s.cell().perpendicularWidths();
            double cap = 0.5 * Math.min(w[0], Math.min(w[1], w[2]));
            maxDisplacement = Math.max(1e-4, Math.min(cap, maxDisplacement * f));
            windowAttempts = windowAccepts = 0;
        }
    }

    /**
     * One MC cycle: {@code exchanges} exchange attempts and {@code translations} translation attempts in random
     * order (each attempt is an exchange with probability exchanges/(exchanges+translations)), then the listeners
     * get a sample.
     */
    public void cycle(int exchanges, int translations) {
        int total = exchanges + translations;
        int ex = exchanges, tr = translations;
        for (int m = 0; m < total; m++) {
            // draw without replacement so that each cycle has exactly the requested numbers of attempts
            if (rng.nextInt(ex + tr) < ex) { ex--; attemptExchange(); }
            else { tr--; attemptTranslation(); }
        }
        cycle++;
        if (!Double.isFinite(energy))
            throw new ScaleBridgeException("GCMC energy became " + energy + " at cycle " + cycle);
        notifyListeners();
    }

    /** Sends the current sample to the listeners (without advancing the cycle counter). */
    public void notifyListeners() {
        if (listeners.isEmpty()) return;
        int[] c = counts();
        double v = s.cell().volume();
        for (GcmcListener l : listeners) l.sample(cycle, c, energy, v, stats);
    }

    // ------------------------------------------------------------------ checkpoint support

    /** Engine state besides the structure: cycle, energy, δ, adaptation window, statistics, member order, RNG. */
    public GcmcCheckpoint.EngineState engineState() {
        int[][] m = new int[species.length][];
        for (int k = 0; k < species.length; k++) m[k] = Arrays.copyOf(members[k], memberCount[k]);
        return new GcmcCheckpoint.EngineState(cycle, energy, maxDisplacement, adapting, windowAttempts, windowAccepts,
                stats.raw(), m, rng.state());
    }

    /**
     * Restores what {@link #engineState()} saved. The structure must be the restored one and the engine must have
     * been built with {@code Rng.fromState(state.rng())}, so that the continuation is bit-identical.
     */
    public void restoreState(GcmcCheckpoint.EngineState st) {
        cycle = st.cycle();
        maxDisplacement = st.maxDisplacement();
        adapting = st.adapting();
        windowAttempts = st.windowAttempts();
        windowAccepts = st.windowAccepts();
        stats.restore(st.stats());
        rebuildMembership();
        for (int k = 0; k < species.length; k++) {
            int[] m = st.members()[k];
            if (m.length != memberCount[k])
                throw new ScaleBridgeException("checkpoint does not match the structure: species " + k + " has "
                        + memberCount[k] + " atoms, checkpoint lists " + m.length);
            if (members[k].length < m.length) members[k] = new int[m.length * 2];
            System.arraycopy(m, 0, members[k], 0, m.length);
            for (int j = 0; j < m.length; j++) slot[m[j]] = j;
        }
        if (grid != null) grid.rebuild(s);
        local.sync(s);
        energy = st.energy();
    }
}
