package org.scalebridge.mc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NptMtk;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.potential.Topology;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * μ(N) of Na in the MnFePBA surrogate at 300 K by harmonically biased hybrid GCMC–MD (paper Eqs. 7–17, {@link MuScan})
 * on one pseudo-cubic cell Mn₄Fe₄(CN)₂₄ with 8 Na cages (x = N/4, 0 ≤ N ≤ 8).
 * <ul>
 *   <li>Targets: by default the half-integers N_t = 0.5, 1.5, …, 7.5. With 8 sites N is an integer and a half-integer
 *       target biases N = k and k + 1 equally, so a stiff φ confines N to these two values without penalising the
 *       exchange between them, and μ(k + ½) = F(k + 1) − F(k) is sampled directly; an integer target with a stiff φ
 *       would penalise every exchange by φ (that made the old targets 3 and 4 stick).</li>
 *   <li>Charge state: the surrogate's framework charges are set for x_t = N_t/4 (so the cell is neutral on average at
 *       ⟨N⟩ = N_t) and stay fixed while N fluctuates; the Mn–N rest length is the one of the start structure
 *       (floor(N_t) Na). Besides μ, each run samples ∂H/∂x (framework-charge and Mn–N rest-length derivative of the
 *       energy at fixed configuration) every 10 cycles: (1/4)⟨∂H/∂x⟩ is the term by which the stitched μ of the
 *       fixed-charge runs differs from dG/dN of a model whose charges follow N (see the output README).</li>
 *   <li>Start: the framework with floor(N_t) Na in random cages (tetragonal, seeded), 1 ps NPT; μ_bias from an
 *       importance-sampled Widom insertion there (μ for floor(N_t) → floor(N_t) + 1), then refined by
 *       {@code mu.iterations} pilots of {@code mu.pilot} cycles ({@link MuScan#pilotEstimate}); pilots are discarded.</li>
 *   <li>Cycle: K NPT steps (MTK, fully flexible cell, 1 bar, dt 0.5 fs), then X exchange and M translation attempts.
 *       Insertions are site-biased ({@link SiteProposal}: Gaussian σ (0.6 Å; -Dsite.sigma) around the 8 cage
 *       centres, 10 % uniform) with the exact Metropolis–Hastings acceptance; overlap cutoff 1.2 Å.</li>
 * </ul>
 * Usage: {@code PbaMuScanRunner OUT_DIR [max_cycles] [threads] [K] [X] [M]} with -Dmu.targets=0.5,1.5,…,
 * -Dmu.phi=0.15 (one value or one per target), -Dmu.pilot=60, -Dmu.iterations=2, -Dmu.chunk=50,
 * -Dmu.min_samples=150, -Dsite.sigma=0.6, -Dmu.bias=… (one μ_bias per target, e.g. from an earlier scan's two-state
 * estimates; replaces the Widom start and adds 20 biased warm-up cycles); writes mu_of_n.csv, result.json and one trace per target.
 *
 * <p>-Dmu.surrogate=localised runs the LOCALISED-REDOX surrogate ({@link MnFePbaSurrogate#loadLocalised()}): one
 * Hamiltonian for every N (each Na⁺ reduces one Fe/Mn site), so no per-target charge state and no ∂H/∂x probe; the
 * CSV adds the electrode potential U = −(μ − E_Na) and the mean number of reduced Mn and Fe per sample.
 * -Dmu.T=300 sets the temperature (K), -Dmu.phase=tetragonal|rhombohedral the framework (default tetragonal).
 *
 * <p>-Dncmc.switches=n (&gt; 0) makes a share -Dncmc.fraction (default 1) of the exchange attempts nonequilibrium
 * candidate moves ({@link NcmcExchange}): n λ perturbations, -Dncmc.steps velocity-Verlet steps (default 2) of
 * -Dncmc.dt_fs (default 0.5 fs) between them, -Dncmc.ghost=held|moving; the CSV and JSON add their statistics.
 */
public final class PbaMuScanRunner {
    static final double T = Double.parseDouble(System.getProperty("mu.T", "300"));
    static final boolean LOCALISED = "localised".equals(System.getProperty("mu.surrogate", "mean-field"));
    static final PbaPhase PHASE = PbaPhase.valueOf(System.getProperty("mu.phase", "tetragonal").toUpperCase(java.util.Locale.ROOT));
    static final double UNIFORM = 0.1, OVERLAP = 1.2, DT_PS = 0.0005, DX = 0.01;
    static final double SIGMA = Double.parseDouble(System.getProperty("site.sigma", "0.6"));
    static final int DHDX_EVERY = 10;
    /** NCMC exchanges (-Dncmc.switches=n > 0 turns them on): n perturbations, steps per switch, dt (fs), share. */
    static final int NCMC_SWITCHES = Integer.getInteger("ncmc.switches", 0);
    static final int NCMC_STEPS = Integer.getInteger("ncmc.steps", 2);
    static final double NCMC_DT_FS = Double.parseDouble(System.getProperty("ncmc.dt_fs", "0.5"));
    static final double NCMC_FRACTION = Double.parseDouble(System.getProperty("ncmc.fraction", "1.0"));
    static final boolean NCMC_GHOST_MOVES = !"held".equals(System.getProperty("ncmc.ghost", "moving"));

    static double[] list(String prop, String def) {
        return java.util.Arrays.stream(System.getProperty(prop, def).split(",")).map(String::trim)
                .mapToDouble(Double::parseDouble).toArray();
    }

    /** Framework charges of the surrogate at Na content x (Na atoms keep theirs). */
    static void setFrameworkCharges(MnFePbaSurrogate ff, Structure s, double x) {
        double[] q = s.ensureCharges();
        for (int i = 0; i < s.size(); i++) {
            if (s.atomicNumber(i) != 11) q[i] = ff.charge(Elements.symbol(s.atomicNumber(i)), x);
        }
    }

    /**
     * ∂H/∂x at fixed configuration (eV per unit x), as {Na–framework Coulomb part, Mn–N bonded part}. The DSF Coulomb
     * energy is linear in the framework charges (central difference, exact up to round-off); {@code selfSlope}, the
     * same derivative for the bare framework (the DSF self-energy of the framework charges, a constant of the
     * configuration: the framework charges interact with nothing but Na), is subtracted. The bonded part is
     * Σ_Mn–N −2K(r − r0)·dr0/dx of the Mn–N rest length r0(x) (E = K(r − r0)², LAMMPS harmonic, no ½).
     */
    static double[] dHdx(MnFePbaSurrogate ff, Potential probe, Topology topo, Structure s, double x, double selfSlope) {
        Structure c = s.copy();
        setFrameworkCharges(ff, c, x + DX);
        double ep = probe.energy(c);
        setFrameworkCharges(ff, c, x - DX);
        double em = probe.energy(c);
        double dr0 = (ff.mnNRestLength(2) - ff.mnNRestLength(0)) / 2;
        double bonded = 0;
        double[] d = new double[3];
        List<Topology.BondType> types = topo.bondTypes();
        for (int b = 0; b < topo.bondCount(); b++) {
            int[] bt = topo.bond(b);
            Topology.BondType ty = types.get(bt[0]);
            if (!"Mn-N".equals(ty.label())) continue;
            d[0] = s.x(bt[2]) - s.x(bt[1]); d[1] = s.y(bt[2]) - s.y(bt[1]); d[2] = s.z(bt[2]) - s.z(bt[1]);
            double r = Math.sqrt(s.cell().minimumImage(d));
            bonded += -2 * ty.k() * (r - ty.r0()) * dr0;
        }
        return new double[] {(ep - em) / (2 * DX) - selfSlope, bonded};
    }

    /** ∂/∂x of the DSF energy of the bare framework at x (its self-energy; no Na). */
    static double frameworkSelfSlope(MnFePbaSurrogate ff, double x) {
        Structure fw = new PbaBuilder(PbaPhase.TETRAGONAL).x(0).supercell(1, 1, 1).seed(1).build();
        Potential p = ff.build(fw.copy()).potential();
        setFrameworkCharges(ff, fw, x + DX);
        double ep = p.energy(fw);
        setFrameworkCharges(ff, fw, x - DX);
        return (ep - p.energy(fw)) / (2 * DX);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int maxCycles = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 100, x = args.length > 4 ? Integer.parseInt(args[4]) : 400,
                m = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        Files.createDirectories(out);
        double[] targets = list("mu.targets", "0.5,1.5,2.5,3.5,4.5,5.5,6.5,7.5");
        double[] phis = list("mu.phi", "0.15");
        if (phis.length != 1 && phis.length != targets.length)
            throw new IllegalArgumentException("-Dmu.phi: give one value or " + targets.length + " (one per target)");
        int pilot = Integer.getInteger("mu.pilot", 60), iters = Integer.getInteger("mu.iterations", 2);
        double[] given = System.getProperty("mu.bias") == null ? null : list("mu.bias", "");
        if (given != null && given.length != targets.length)
            throw new IllegalArgumentException("-Dmu.bias: give one mu_bias (eV) per target (" + targets.length + ")");
        int chunk = Integer.getInteger("mu.chunk", 50), minSamples = Integer.getInteger("mu.min_samples", 150);
        MnFePbaSurrogate ff = LOCALISED ? MnFePbaSurrogate.loadLocalised() : MnFePbaSurrogate.load();
        MuScan.Settings st = new MuScan.Settings(phis[0], phis.length == 1 ? null : phis, targets, Units.barToEvPerA3(1.0),
                chunk, maxCycles, minSamples, 1, 200, threads, 2026, pilot, iters);
        @SuppressWarnings("unchecked")
        List<double[]>[] dh = new List[targets.length];
        @SuppressWarnings("unchecked")
        List<double[]>[] redoxSamples = new List[targets.length];
        double[] widom = new double[targets.length];
        NcmcExchange[] ncmcs = new NcmcExchange[targets.length];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double load0 = os.getSystemLoadAverage();
        List<Double> loads = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {
            try {
                while (true) { Thread.sleep(60_000); loads.add(os.getSystemLoadAverage()); }
            } catch (InterruptedException e) { /* done */ }
        }, "load-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        List<MuScan.RunResult> rs = MuScan.run(st, (idx, nt, rng) -> {
            double xt = nt / 4;
            int n0 = (int) Math.floor(nt + 1e-9);
            Structure s = new PbaBuilder(PHASE).x(n0 / 4.0).supercell(1, 1, 1).seed(10 + idx).build();
            MnFePbaSurrogate.Model model = ff.build(s);
            if (!LOCALISED) setFrameworkCharges(ff, s, xt); // charge state of the target (neutral at N = N_t)
            Potential pot = model.potential();
            Potential probe = LOCALISED ? null : ff.build(s.copy()).potential(); // separate instance for the ∂H/∂x probe
            s.ensureVelocities();
            double qNa = ff.charge("Na", xt);
            ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, qNa, 0.0);
            MdSystem sys = new MdSystem(s, pot, DT_PS);
            Velocities.maxwellBoltzmann(sys, T, rng.split(3));
            NptMtk npt = new NptMtk(T, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3);
            new org.scalebridge.md.MdRun(sys, npt).thermoEvery(1000).runUntil(2000); // 1 ps before the estimate
            double[] fe = s.fractional(0); // atom 0 is Fe: the origin of the metal lattice
            SiteProposal prop = new SiteProposal(SiteProposal.pbaCages(1, 1, 1, fe), SIGMA, UNIFORM);
            double muBias = widomInsertion(s, pot, prop, na, rng.split(5), 3000);
            widom[idx] = muBias;
            if (given != null) muBias = given[idx]; // a μ_bias from an earlier scan replaces the Widom start
            Gcmc mc = new Gcmc(s, pot, T, List.of(na.withMu(muBias)), null, 0.3, OVERLAP, rng);
            mc.setInsertionProposal(prop);
            mc.setTargetAcceptance(0.4);
            if (NCMC_SWITCHES > 0)
                ncmcs[idx] = mc.setNcmc(new NcmcExchange.Settings(NCMC_SWITCHES, NCMC_STEPS, NCMC_DT_FS * 1e-3, NCMC_FRACTION, NCMC_GHOST_MOVES),
                        ff.build(s.copy()).potential()); // a second instance (own topology and neighbour lists) for U_N
            org.scalebridge.md.Integrator integ = new NptMtk(T, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3);
            HybridGcmcMd h = new HybridGcmcMd(mc, sys, integ, k, x, m);
            if (given != null) { // warm-up with the bias: the translation step adapts here, not in production
                mc.setBias(new HarmonicBias(0, st.phi(idx), nt));
                mc.setAdapting(true);
                for (int c = 0; c < 20; c++) h.cycle();
                mc.setAdapting(false);
            }
            List<double[]> samples = new ArrayList<>();
            dh[idx] = samples;
            Topology topo = model.topology();
            double self = LOCALISED ? 0 : frameworkSelfSlope(ff, xt);
            List<double[]> red = new ArrayList<>();
            redoxSamples[idx] = red;
            org.scalebridge.potential.LocalisedRedoxPotential stateProbe = LOCALISED ? ff.build(s.copy()).redox() : null;
            return new MuScan.Run(mc, g -> {
                g.setAdapting(g.cycle() < 20);
                h.cycle();
                if (stateProbe != null) { // which sites carry the electrons (a separate instance: no side effect on the run)
                    Structure c = g.structure().copy();
                    stateProbe.energy(c);
                    boolean[] sites = stateProbe.reducedSites();
                    int rmn = 0, rfe = 0;
                    for (int q = 0; q < sites.length; q++) if (sites[q]) { if (stateProbe.isMn(q)) rmn++; else rfe++; }
                    red.add(new double[] {g.cycle(), rmn, rfe});
                }
                if (!LOCALISED && g.cycle() % DHDX_EVERY == 0)
                    {
                    double[] dd = dHdx(ff, probe, topo, g.structure(), xt, self);
                    samples.add(new double[] {g.cycle(), g.count(0), dd[0], dd[1]});
                }
            });
        }, new org.scalebridge.core.Progress() {
            @Override public void update(long done, long total, String message) {
                System.out.printf("[%tT] %d/%d %s%n", System.currentTimeMillis(), done, total, message);
            }
        });
        double secs = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
        sampler.interrupt();
        double load1 = os.getSystemLoadAverage();
        double kT = Units.kT(T);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode j = om.createObjectNode();
        j.put("kind", "mu-scan");
        j.put("system", "MnFePBA surrogate (classical, not DFT-accurate), 1 pseudo-cubic cell Mn4Fe4(CN)24, 8 Na cages, x = N/4");
        j.put("temperature_K", T);
        j.put("surrogate", LOCALISED ? "localised redox (mnfepba-surrogate-redox.toml): each Na+ reduces one Fe/Mn site, "
                + "E(R) = min over site states; one Hamiltonian for every N" : "mean-field (mnfepba-surrogate.toml)");
        j.put("framework", PHASE.name().toLowerCase(Locale.ROOT) + " 1x1x1, x = 0 framework from PbaBuilder");
        if (LOCALISED) j.put("na_reference_energy_eV", ff.naReferenceEnergy());
        j.put("cycle", String.format(Locale.ROOT, "%d NPT steps (dt 0.5 fs, MTK tri, 1 bar) + %d exchange + %d translation attempts", k, x, m));
        j.put("insertion", String.format(Locale.ROOT, "site-biased: Gaussian sigma %.2f A around the 8 cage centres, %.0f %% uniform; "
                + "Metropolis-Hastings acceptance; overlap cutoff %.1f A", SIGMA, 100 * UNIFORM, OVERLAP));
        if (!LOCALISED) j.put("charge_state", "framework charges of the surrogate at x_t = N_t/4 per target (fixed while N fluctuates); "
                + "Mn-N rest length of the start structure (floor(N_t) Na)");
        j.put("mu_bias", given != null
                ? String.format(Locale.ROOT, "given per target (-Dmu.bias), then %d pilot(s) of %d cycles; 20 warm-up cycles with the bias (translation step adapts), discarded", iters, pilot)
                : String.format(Locale.ROOT, "Widom start, then %d pilot(s) of %d cycles (MuScan.pilotEstimate), pilots discarded", iters, pilot));
        if (NCMC_SWITCHES > 0) j.put("ncmc", String.format(Locale.ROOT, "a share %.2f of the exchange attempts are nonequilibrium "
                + "candidate moves (NcmcExchange): %d lambda perturbations, %d velocity-Verlet steps of %.2f fs between them "
                + "(%.1f fs of switching, NVE, fixed cell, ghost %s); acceptance with the total-energy change W of the extended system",
                NCMC_FRACTION, NCMC_SWITCHES, NCMC_STEPS, NCMC_DT_FS, (NCMC_SWITCHES - 1) * NCMC_STEPS * NCMC_DT_FS, NCMC_GHOST_MOVES ? "moving" : "held"));
        j.put("estimator", "mu(<N>) = mu_bias + P dV/dN - 2 phi (<N> - N_t)  (paper Eq. 17), P = 1 bar");
        j.put("equilibration_detector", "MSER-5 truncation of N(t) in the first half, >= " + minSamples
                + " production samples after it and >= " + MuScan.MIN_ACCEPTED_EXCHANGES + " accepted exchanges (checked every "
                + chunk + " cycles, at most " + maxCycles + " production cycles)");
        j.put("converged_definition", "detector satisfied AND exchange acceptance > 0 AND production N(t) visits more than one value");
        j.put("errors", "moving-block bootstrap (200 resamples) of the production N(t); se_mu = 2 phi se_N");
        j.put("two_state_check", "for N_t = k + 1/2: mu = mu_bias - [B(k+1) - B(k)] - kT ln(n_{k+1}/n_k) from the production "
                + "histogram (exact for the two states, no Gaussian assumption); compare with Eq. 17");
        ObjectNode rt = j.putObject("runtime");
        rt.put("wall_s", secs);
        rt.put("cpu_s", cpu);
        rt.put("threads", threads);
        rt.put("cores", Runtime.getRuntime().availableProcessors());
        rt.put("load_average_start", load0);
        rt.put("load_average_end", load1);
        double lmin = load0, lmax = load0, lsum = 0;
        synchronized (loads) { for (double l : loads) { lmin = Math.min(lmin, l); lmax = Math.max(lmax, l); lsum += l; } }
        rt.put("load_average_min", lmin);
        rt.put("load_average_max", lmax);
        rt.put("load_average_mean_of_minute_samples", loads.isEmpty() ? load0 : lsum / loads.size());
        rt.put("java", System.getProperty("java.version"));
        StringBuilder csv = new StringBuilder("target,x_charge_state,phi_eV,mean_N,se_N,x_mean,mu_eV,se_mu_eV,mu_two_state_eV,"
                + "mu_bias_widom_eV,mu_bias_eV,U_V,U_two_state_V,reduced_Mn_mean,reduced_Fe_mean,dHdx_coulomb_over4_eV,dHdx_bonded_over4_eV,mean_volume_A3,dV_dN_A3,equilibration_sample,cycles,pilot_cycles,"
                + "acc_insertion,acc_deletion,acc_translation,accepted_exchanges,distinct_N,converged,runtime_s,"
                + "ncmc_attempts,ncmc_accepted,ncmc_acceptance,ncmc_mean_work_eV,ncmc_mean_abs_shadow_work_eV,on_target\n");
        ArrayNode arr = j.putArray("runs");
        int nconv = 0;
        for (int i = 0; i < rs.size(); i++) {
            MuScan.RunResult r = rs.get(i);
            if (r.converged()) nconv++;
            int[] hist = new int[10];
            for (int q = r.equilibrationSample(); q < r.n().length; q++) hist[(int) r.n()[q]]++;
            double twoState = MuScan.twoStateMu(r, kT); // exact two-state μ of a half-integer target (NaN unless both states sampled)
            double sc = 0, sb = 0;
            int ndh = 0;
            for (double[] smp : dh[i]) if (smp[0] > r.pilotCycles()) { sc += smp[2]; sb += smp[3]; ndh++; }
            double qc = ndh == 0 ? Double.NaN : sc / ndh / 4, qb = ndh == 0 ? Double.NaN : sb / ndh / 4;
            double rmn = Double.NaN, rfe = Double.NaN;
            if (LOCALISED) {
                double a = 0, b = 0;
                int c = 0;
                for (double[] smp : redoxSamples[i]) if (smp[0] > r.pilotCycles()) { a += smp[1]; b += smp[2]; c++; }
                if (c > 0) { rmn = a / c; rfe = b / c; }
            }
            double eNa = LOCALISED ? ff.naReferenceEnergy() : Double.NaN;
            csv.append(String.format(Locale.ROOT, "%.1f,%.4f,%.3f,%.5f,%.5f,%.5f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.4f,%.4f,%.4f,%.4f,%.3f,%.4f,%d,%d,%d,%.6f,%.6f,%.5f,%d,%d,%b,%.1f%n",
                    r.target(), LOCALISED ? Double.NaN : r.target() / 4, r.phi(), r.meanN(), r.seN(), r.meanN() / 4, r.mu(), r.seMu(), twoState,
                    widom[i], r.muBias(), -(r.mu() - eNa), -(twoState - eNa), rmn, rfe, qc, qb, r.meanV(), r.dVdN(), r.equilibrationSample(), r.cycles(), r.pilotCycles(),
                    r.accInsertion(), r.accDeletion(), r.accTranslation(), r.acceptedExchanges(), r.distinctN(),
                    r.converged(), r.seconds()));
            NcmcExchange nx = ncmcs[i];
            // on target: the production N stays within the two states a half-integer target biases (|<N> − N_t| ≤ ½)
            boolean onTarget = Math.abs(r.meanN() - r.target()) <= 0.5 + 1e-9;
            csv.setLength(csv.length() - 1);
            csv.append(String.format(Locale.ROOT, ",%d,%d,%.6f,%.5f,%.3e,%b%n",
                    nx == null ? 0 : nx.insertionAttempts() + nx.deletionAttempts(),
                    nx == null ? 0 : nx.insertionAccepts() + nx.deletionAccepts(),
                    nx == null ? Double.NaN : nx.acceptance(), nx == null ? Double.NaN : nx.meanWork(),
                    nx == null ? Double.NaN : nx.meanAbsShadowWork(), onTarget));
            ObjectNode o = arr.addObject();
            o.put("target", r.target());
            if (!LOCALISED) o.put("x_charge_state", r.target() / 4);
            if (LOCALISED) {
                o.put("U_V", -(r.mu() - eNa));
                if (Double.isFinite(twoState)) o.put("U_two_state_V", -(twoState - eNa));
                o.put("reduced_Mn_mean", rmn);
                o.put("reduced_Fe_mean", rfe);
            }
            o.put("phi_eV", r.phi());
            o.put("mean_N", r.meanN());
            o.put("se_N", r.seN());
            o.put("mu_eV", r.mu());
            o.put("se_mu_eV", r.seMu());
            if (Double.isFinite(twoState)) o.put("mu_two_state_eV", twoState);
            o.put("mu_bias_widom_eV", widom[i]);
            o.put("mu_bias_eV", r.muBias());
            if (ndh > 0) {
                o.put("dHdx_coulomb_Na_framework_over_4_eV", qc);
                o.put("dHdx_bonded_MnN_over_4_eV", qb);
                o.put("dHdx_samples", ndh);
            }
            o.put("mean_volume_A3", r.meanV());
            o.put("dV_dN_A3", r.dVdN());
            ArrayNode hn = o.putArray("N_histogram_production");
            for (int q = 0; q < 9; q++) hn.add(hist[q]);
            o.put("equilibration_sample", r.equilibrationSample());
            o.put("cycles", r.cycles());
            o.put("pilot_cycles", r.pilotCycles());
            o.put("acc_insertion", r.accInsertion());
            o.put("acc_deletion", r.accDeletion());
            o.put("acc_translation", r.accTranslation());
            o.put("accepted_exchanges", r.acceptedExchanges());
            o.put("distinct_N", r.distinctN());
            o.put("converged", r.converged());
            o.put("on_target", Math.abs(r.meanN() - r.target()) <= 0.5 + 1e-9);
            if (ncmcs[i] != null) {
                NcmcExchange nx2 = ncmcs[i];
                ObjectNode on = o.putObject("ncmc");
                on.put("insertion_attempts", nx2.insertionAttempts());
                on.put("insertion_accepts", nx2.insertionAccepts());
                on.put("deletion_attempts", nx2.deletionAttempts());
                on.put("deletion_accepts", nx2.deletionAccepts());
                on.put("overlap_rejections", nx2.overlapRejections());
                on.put("acceptance", nx2.acceptance());
                on.put("mean_work_eV", nx2.meanWork());
                on.put("mean_protocol_work_eV", nx2.meanProtocolWork());
                on.put("mean_abs_shadow_work_eV", nx2.meanAbsShadowWork());
                on.put("force_evaluations", nx2.forceEvaluations());
            }
            o.put("runtime_s", r.seconds());
            String name = String.format(Locale.ROOT, "run_%03d.csv", i);
            o.put("trace", name);
            StringBuilder tr = new StringBuilder("sample,N,volume_A3,energy_eV\n");
            for (int q = 0; q < r.n().length; q++) tr.append(String.format(Locale.ROOT, "%d,%.0f,%.6f,%.6f%n", q, r.n()[q], r.v()[q], r.e()[q]));
            AtomicFiles.writeString(out.resolve(name), tr.toString());
        }
        j.put("converged_runs", nconv);
        j.put("runs_total", rs.size());
        AtomicFiles.writeString(out.resolve("mu_of_n.csv"), csv.toString());
        AtomicFiles.writeString(out.resolve("result.json"), om.writeValueAsString(j));
        System.out.print(csv);
        System.out.printf(Locale.ROOT, "total runtime %.1f s wall, %.1f s CPU, load %.2f -> %.2f; %d of %d converged%n",
                secs, cpu, load0, load1, nconv, rs.size());
    }

    static boolean overlaps(Structure s, double[] r, double cut) {
        double[] d = new double[3];
        for (int j = 0; j < s.size(); j++) {
            d[0] = s.x(j) - r[0]; d[1] = s.y(j) - r[1]; d[2] = s.z(j) - r[2];
            if (s.cell().minimumImage(d) < cut * cut) return true;
        }
        return false;
    }

    /**
     * Importance-sampled Widom estimate of μ for adding one Na: e^{βμ} = (N+1)Λ³ / ⟨e^{−βΔU}/p(r)⟩_p, the average
     * over points drawn from the proposal density p (Frenkel–Smit §7.2.1 with a non-uniform trial distribution);
     * points within the overlap cutoff weigh zero, as the GCMC rejects them.
     */
    static double widomInsertion(Structure s, Potential pot, SiteProposal prop, ExchangeSpecies na, Rng rng, int points) {
        LocalChange lc = pot.localChange();
        lc.sync(s);
        double kT = Units.kT(T);
        double[] r = new double[3];
        double[] w = new double[points];
        double wmax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < points; j++) {
            prop.sample(s.cell(), rng, r);
            if (overlaps(s, r, OVERLAP)) { w[j] = Double.NEGATIVE_INFINITY; continue; } // rejected by the GCMC too
            double du = lc.deltaInsert(s, 11, na.charge(), r[0], r[1], r[2]);
            w[j] = -du / kT - Math.log(prop.density(s.cell(), r[0], r[1], r[2]));
            wmax = Math.max(wmax, w[j]);
        }
        double sum = 0;
        for (double v : w) sum += Math.exp(v - wmax);
        double logMean = wmax + Math.log(sum / points);
        double lam = na.thermalWavelength(T);
        int n = s.count(11);
        return kT * (Math.log((n + 1) * lam * lam * lam) - logMean);
    }
}
