package org.scalebridge.potential;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The MnFePBA SURROGATE force field for Na_xMn[Fe(CN)6]: the studio's offline reference calculator. It is a
 * documented, physically sane classical model — not DFT-accurate — whose parameters and the reason for each live
 * in {@code resources/forcefields/mnfepba-surrogate.toml}:
 * <ul>
 *   <li>bonded framework: harmonic Fe–C and Mn–N bonds (Mn–N rest length interpolated in x, the mean Mn redox
 *       state), Morse C≡N bonds, harmonic cis C–Fe–C and N–Mn–N angles (octahedra), harmonic Fe–C–N and C–N–Mn
 *       angles at 180° (the soft C–N–Mn term lets the bridges tilt as in the rhombohedral phase);</li>
 *   <li>Na–framework and Na–Na Born–Mayer/Buckingham repulsion (Tosi–Fumi form) and DSF Coulomb; no
 *       framework–framework non-bonded terms.</li>
 * </ul>
 * {@link #build} finds bonds and angles by distance criteria in a given PBA structure and sets the charges for its
 * Na content. The model is exactly expressible in LAMMPS ({@link Model#writeLammps}: {@code pair_style hybrid/overlay
 * buck + coul/dsf} on the Na pairs, {@code bond_style hybrid harmonic morse}, {@code angle_style harmonic}); energy,
 * forces and virial agree with LAMMPS 29 Sep 2021 to ~1e-14 relative (test {@code MnFePbaSurrogateTest}). The DSF
 * term uses the A&amp;S erfc, as LAMMPS' {@code coul/dsf} does. LAMMPS warns about "inconsistent image flags" for
 * the data file because the framework is an infinite bonded network; it then uses the closest image for bonds, as
 * this class does.
 *
 * <p>Grand-canonical use: Na ions carry {@code charge("Na", x)}; insert them after the framework atoms and delete
 * only Na (framework indices must not change). In the default MEAN-FIELD redox mode the charge that compensates the
 * Na is spread uniformly over Fe and Mn and the Mn–N rest length is interpolated in x; both stay those of the x the
 * model was built for. The LOCALISED redox mode ({@code [redox] mode = "localised"}, shipped as
 * {@code mnfepba-surrogate-redox.toml}, {@link #loadLocalised()}) makes every Fe/Mn a two-state redox site and
 * each Na⁺ reduce one of them ({@link LocalisedRedoxPotential}): one Hamiltonian for every N(Na).
 */
public final class MnFePbaSurrogate {
    /** Classpath location of the shipped parameter file. */
    public static final String RESOURCE = "/org/scalebridge/data/forcefields/mnfepba-surrogate.toml";
    /** Classpath location of the shipped localised-redox parameter file (same terms plus a [redox] table). */
    public static final String RESOURCE_LOCALISED = "/org/scalebridge/data/forcefields/mnfepba-surrogate-redox.toml";
    static final String[] LAMMPS_ORDER = {"Fe", "Mn", "C", "N", "Na"};

    private final String source;
    final double kFeC, r0FeC, detFeC, d0CN, alphaCN, r0CN, detCN, kMnN, r0MnN0, r0MnN2, detMnN;
    final double kCFeC, t0CFeC, kNMnN, t0NMnN, kFeCN, t0FeCN, kCNMn, t0CNMn;
    final double qNa, qFe0, qMn0, qC, qN, compFe, compMn;
    final double pairCut, b, rho, sNa, sN, sC, sFe, sMn, betaCA, betaCC, cNaNa;
    final double dsfAlpha, dsfCut;
    /** Localised redox: per-site states; site energies (eV per reduced site) and the Na-metal reference (eV/atom). */
    final boolean localised, siteCoulomb;
    final double epsMn, epsFe, naReference;
    private Erfc.Mode erfcMode = Erfc.Mode.ABRAMOWITZ_STEGUN;

    private MnFePbaSurrogate(TomlTable t, String source) {
        this.source = source;
        kFeC = num(t, "bonds.Fe-C", "K"); r0FeC = num(t, "bonds.Fe-C", "r0"); detFeC = num(t, "bonds.Fe-C", "detect");
        d0CN = num(t, "bonds.C-N", "D0"); alphaCN = num(t, "bonds.C-N", "alpha"); r0CN = num(t, "bonds.C-N", "r0");
        detCN = num(t, "bonds.C-N", "detect");
        kMnN = num(t, "bonds.Mn-N", "K"); r0MnN0 = num(t, "bonds.Mn-N", "r0_x0"); r0MnN2 = num(t, "bonds.Mn-N", "r0_x2");
        detMnN = num(t, "bonds.Mn-N", "detect");
        kCFeC = num(t, "angles.C-Fe-C", "K"); t0CFeC = num(t, "angles.C-Fe-C", "theta0");
        kNMnN = num(t, "angles.N-Mn-N", "K"); t0NMnN = num(t, "angles.N-Mn-N", "theta0");
        kFeCN = num(t, "angles.Fe-C-N", "K"); t0FeCN = num(t, "angles.Fe-C-N", "theta0");
        kCNMn = num(t, "angles.C-N-Mn", "K"); t0CNMn = num(t, "angles.C-N-Mn", "theta0");
        qNa = num(t, "charges", "Na"); qFe0 = num(t, "charges", "Fe_x0"); qMn0 = num(t, "charges", "Mn_x0");
        qC = num(t, "charges", "C"); qN = num(t, "charges", "N");
        compFe = num(t, "charges", "compensation_Fe"); compMn = num(t, "charges", "compensation_Mn");
        pairCut = positive(t, "pairs", "cutoff"); b = positive(t, "pairs", "b"); rho = positive(t, "pairs", "rho");
        sNa = num(t, "pairs", "sigma_Na"); sN = num(t, "pairs", "sigma_N"); sC = num(t, "pairs", "sigma_C");
        sFe = num(t, "pairs", "sigma_Fe"); sMn = num(t, "pairs", "sigma_Mn");
        betaCA = num(t, "pairs", "beta_cation_anion"); betaCC = num(t, "pairs", "beta_cation_cation");
        cNaNa = num(t, "pairs", "C_Na_Na");
        dsfAlpha = num(t, "coulomb", "alpha"); dsfCut = positive(t, "coulomb", "cutoff");
        if (!"dsf".equals(t.getString("coulomb.style"))) throw InputException.field(source, "coulomb.style", "only \"dsf\" is supported");
        if (Math.abs(compFe + compMn - 1) > 1e-12) {
            throw InputException.field(source, "charges.compensation_Fe/Mn", "must add up to 1 (the whole Na charge is compensated)");
        }
        if (Math.abs(qFe0 + qMn0 + 6 * qC + 6 * qN) > 1e-9) {
            throw InputException.field(source, "charges", "x = 0 framework Fe + Mn + 6 C + 6 N must be neutral");
        }
        TomlTable rx = t.getTable("redox");
        String mode = rx == null || !rx.contains("mode") ? "mean-field" : String.valueOf(rx.get("mode"));
        if (!mode.equals("mean-field") && !mode.equals("localised")) {
            throw InputException.field(source, "redox.mode", "expected \"mean-field\" or \"localised\", got \"" + mode + "\"");
        }
        localised = mode.equals("localised");
        if (localised) {
            epsMn = num(t, "redox", "eps_Mn");
            epsFe = num(t, "redox", "eps_Fe");
            naReference = num(t, "redox", "na_reference_energy");
            Object sc = rx.get("site_coulomb");
            if (sc != null && !(sc instanceof Boolean)) throw InputException.field(source, "redox.site_coulomb", "expected true or false, got " + sc);
            siteCoulomb = Boolean.TRUE.equals(sc);
        } else {
            siteCoulomb = false;
            epsMn = epsFe = 0;
            naReference = Double.NaN;
        }
        if (!"harmonic".equals(t.getString("bonds.Fe-C.style")) || !"morse".equals(t.getString("bonds.C-N.style"))
                || !"harmonic".equals(t.getString("bonds.Mn-N.style"))) {
            throw InputException.field(source, "bonds.*.style", "expected Fe-C harmonic, C-N morse, Mn-N harmonic");
        }
    }

    private double num(TomlTable t, String table, String key) {
        TomlTable tt = t.getTable(table);
        if (tt == null) throw InputException.field(source, table, "missing table [" + table + "]");
        Object v = tt.get(key);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw InputException.field(source, table + "." + key, "expected a finite number, got " + v);
        }
        return n.doubleValue();
    }

    private double positive(TomlTable t, String table, String key) {
        double v = num(t, table, key);
        if (!(v > 0)) throw InputException.field(source, table + "." + key, "must be > 0, got " + v);
        return v;
    }

    /** The shipped parameter set. */
    public static MnFePbaSurrogate load() {
        try (InputStream in = MnFePbaSurrogate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(Toml.parse(in), "mnfepba-surrogate.toml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The shipped LOCALISED-REDOX parameter set ({@code mnfepba-surrogate-redox.toml}). */
    public static MnFePbaSurrogate loadLocalised() {
        try (InputStream in = MnFePbaSurrogate.class.getResourceAsStream(RESOURCE_LOCALISED)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE_LOCALISED);
            return parse(Toml.parse(in), "mnfepba-surrogate-redox.toml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE_LOCALISED, e);
        }
    }

    /** True in the localised-redox mode ({@code [redox] mode = "localised"}). */
    public boolean isLocalised() { return localised; }

    /**
     * Localised mode: the energy per atom of the Na-metal reference on the surrogate's energy scale (eV), for
     * U = −(μ − E_Na)/e (paper Eq. 31); NaN in the mean-field mode (which has no reference).
     */
    public double naReferenceEnergy() { return naReference; }

    /** A user parameter file with the same keys. */
    public static MnFePbaSurrogate load(Path file) throws IOException {
        return parse(Toml.parse(file), file.toString());
    }

    private static MnFePbaSurrogate parse(TomlParseResult r, String source) {
        if (r.hasErrors()) {
            var e = r.errors().get(0);
            throw InputException.at(Path.of(source), e.position() == null ? 0 : e.position().line(), e.getMessage());
        }
        return new MnFePbaSurrogate(r, source);
    }

    /** erfc used by the DSF term: A&amp;S 7.1.26 as LAMMPS' {@code coul/dsf} (default) or exact. */
    public MnFePbaSurrogate erfc(Erfc.Mode mode) { this.erfcMode = mode; return this; }

    /** Mn–N rest length (Å) at Na content x (linear between the x = 0 and x = 2 values). */
    public double mnNRestLength(double x) { return r0MnN0 + (r0MnN2 - r0MnN0) * x / 2; }

    /** Tosi–Fumi Born–Mayer prefactor A = β b exp((σᵢ + σⱼ)/ρ) (eV). */
    double bornMayerA(double beta, double si, double sj) { return beta * b * Math.exp((si + sj) / rho); }

    /** Charge of an element at Na content x. */
    public double charge(String element, double x) {
        return switch (element) {
            case "Na" -> qNa;
            case "Fe" -> qFe0 - compFe * x * qNa;
            case "Mn" -> qMn0 - compMn * x * qNa;
            case "C" -> qC;
            case "N" -> qN;
            default -> throw InputException.field(null, "species", element + " is not part of the MnFePBA surrogate (Na, Mn, Fe, C, N)");
        };
    }

    /**
     * Builds the model for a PBA structure: validates the elements, sets the atom charges for its Na content
     * x = N(Na)/N(Fe), finds Fe–C, C≡N and Mn–N bonds by distance and the angles of the octahedra and bridges.
     * Framework atoms must keep their indices afterwards (GCMC should add/remove only Na, kept after the framework).
     */
    public Model build(Structure s) {
        int n = s.size();
        int nFe = s.count(26), nMn = s.count(25), nNa = s.count(11);
        for (int i = 0; i < n; i++) charge(Elements.symbol(s.atomicNumber(i)), 0); // validates elements
        if (nFe == 0 || nMn == 0) throw InputException.field(null, "structure", "a PBA framework needs Fe and Mn atoms");
        double x = (double) nNa / nFe;
        double[] q = s.ensureCharges();
        // localised: start from the x = 0 (all oxidised) charges; the first selection below sets the site states
        for (int i = 0; i < n; i++) q[i] = charge(Elements.symbol(s.atomicNumber(i)), localised && s.atomicNumber(i) != 11 ? 0 : x);
        Topology topo = topology(s, localised ? r0MnN0 : mnNRestLength(x));
        Model m = new Model(this, x, topo, s.atomicNumbers());
        if (m.redox != null) m.redox.select(s);
        return m;
    }

    private Topology topology(Structure s, double r0MnN) {
        Topology t = new Topology();
        int bFeC = t.addBondType(Topology.BondType.harmonic(kFeC, r0FeC, "Fe-C"));
        int bCN = t.addBondType(Topology.BondType.morse(d0CN, alphaCN, r0CN, "C-N"));
        int bMnN = t.addBondType(Topology.BondType.harmonic(kMnN, r0MnN, "Mn-N"));
        // localised redox: a second Mn–N type for reduced (Mn(II)) sites; type 2 is Mn(III)–N (r0_x0)
        if (localised) t.addBondType(Topology.BondType.harmonic(kMnN, r0MnN2, "Mn(II)-N"));
        int aCFeC = t.addAngleType(new Topology.AngleType(kCFeC, t0CFeC, "C-Fe-C"));
        int aNMnN = t.addAngleType(new Topology.AngleType(kNMnN, t0NMnN, "N-Mn-N"));
        int aFeCN = t.addAngleType(new Topology.AngleType(kFeCN, t0FeCN, "Fe-C-N"));
        int aCNMn = t.addAngleType(new Topology.AngleType(kCNMn, t0CNMn, "C-N-Mn"));
        int n = s.size();
        Structure c = s.copy();
        double det = Math.max(detFeC, Math.max(detCN, detMnN));
        NeighborList nl = new NeighborList(det, 0, true);
        nl.build(c);
        int[] z = c.atomicNumbers();
        int[] off = nl.offsets(), nb = nl.neighbors(), si = nl.shiftIndex();
        double[] sv = nl.shiftVectors(), p = c.positions();
        List<List<Integer>> lig = new ArrayList<>();
        for (int i = 0; i < n; i++) lig.add(new ArrayList<>());
        int[] cFe = new int[n], cN = new int[n], nC = new int[n], nMn = new int[n];
        java.util.Arrays.fill(cFe, -1); java.util.Arrays.fill(cN, -1); java.util.Arrays.fill(nC, -1); java.util.Arrays.fill(nMn, -1);
        for (int i = 0; i < n; i++) {
            for (int k = off[i]; k < off[i + 1]; k++) {
                int j = nb[k];
                double dx = p[3 * j] + sv[3 * si[k]] - p[3 * i], dy = p[3 * j + 1] + sv[3 * si[k] + 1] - p[3 * i + 1];
                double dz = p[3 * j + 2] + sv[3 * si[k] + 2] - p[3 * i + 2];
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                int a = Math.min(z[i], z[j]) == z[i] ? i : j, bb = a == i ? j : i;  // a has the smaller Z
                int za = z[a], zb = z[bb];
                if (za == 6 && zb == 26 && r < detFeC) { link(cFe, a, bb, "C", "Fe"); lig.get(bb).add(a); t.addBond(bFeC, bb, a); }
                else if (za == 6 && zb == 7 && r < detCN) { link(cN, a, bb, "C", "N"); link(nC, bb, a, "N", "C"); t.addBond(bCN, a, bb); }
                else if (za == 7 && zb == 25 && r < detMnN) { link(nMn, a, bb, "N", "Mn"); lig.get(bb).add(a); t.addBond(bMnN, a, bb); }
            }
        }
        for (int i = 0; i < n; i++) {
            if (z[i] == 6 && (cFe[i] < 0 || cN[i] < 0)) {
                throw InputException.field(null, "structure", "C atom " + i + " lacks its " + (cFe[i] < 0 ? "Fe (within " + detFeC : "N (within " + detCN) + " Å)");
            }
            if (z[i] == 7 && (nC[i] < 0 || nMn[i] < 0)) {
                throw InputException.field(null, "structure", "N atom " + i + " lacks its " + (nC[i] < 0 ? "C (within " + detCN : "Mn (within " + detMnN) + " Å)");
            }
            if ((z[i] == 26 || z[i] == 25) && lig.get(i).size() > 6) {
                throw InputException.field(null, "structure", Elements.symbol(z[i]) + " atom " + i + " has " + lig.get(i).size() + " ligands (expected ≤ 6)");
            }
        }
        // octahedra: cis ligand pairs (angle < 135°); trans pairs get no term
        for (int m = 0; m < n; m++) {
            if (z[m] != 26 && z[m] != 25) continue;
            List<Integer> l = lig.get(m);
            for (int u = 0; u < l.size(); u++) {
                for (int v = u + 1; v < l.size(); v++) {
                    if (s.angle(l.get(u), m, l.get(v)) < 135) t.addAngle(z[m] == 26 ? aCFeC : aNMnN, l.get(u), m, l.get(v));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (z[i] == 6) t.addAngle(aFeCN, cFe[i], i, cN[i]);
            if (z[i] == 7) t.addAngle(aCNMn, nC[i], i, nMn[i]);
        }
        return t;
    }

    private static void link(int[] partner, int i, int j, String ei, String ej) {
        if (partner[i] >= 0 && partner[i] != j) {
            throw InputException.field(null, "structure", ei + " atom " + i + " has two " + ej + " neighbours within the bond criterion");
        }
        if (partner[i] == j) throw InputException.field(null, "structure", "cell too small: " + ei + " atom " + i + " bonds to two images of " + ej + " atom " + j);
        partner[i] = j;
    }

    /** The surrogate built for one structure: potential, topology, x. */
    public static final class Model {
        private final MnFePbaSurrogate ff;
        private final double x;
        private final Topology topology;
        private final Potential potential;
        private final LocalisedRedoxPotential redox;
        private final Buckingham pairs;
        private final DsfCoulomb coulomb;

        Model(MnFePbaSurrogate ff, double x, Topology topo, int[] z) {
            this.ff = ff;
            this.x = x;
            this.topology = topo;
            PairTable t = Buckingham.table(ff.pairCut)
                    .pair("Na", "Fe", ff.bornMayerA(ff.betaCC, ff.sNa, ff.sFe), ff.rho, 0)
                    .pair("Na", "Mn", ff.bornMayerA(ff.betaCC, ff.sNa, ff.sMn), ff.rho, 0)
                    .pair("Na", "C", ff.bornMayerA(ff.betaCA, ff.sNa, ff.sC), ff.rho, 0)
                    .pair("Na", "N", ff.bornMayerA(ff.betaCA, ff.sNa, ff.sN), ff.rho, 0)
                    .pair("Na", "Na", ff.bornMayerA(ff.betaCC, ff.sNa, ff.sNa), ff.rho, ff.cNaNa);
            pairs = new Buckingham(t, true);
            TypeMap types = pairs.types();
            int nt = types.size(), na = types.type("Na");
            double[] pc = new double[nt * nt];
            for (int k = 0; k < nt; k++) { pc[na * nt + k] = ff.dsfCut; pc[k * nt + na] = ff.dsfCut; }
            coulomb = new DsfCoulomb(types, ff.dsfAlpha, ff.dsfCut, ff.erfcMode, DsfCoulomb.ExclusionStyle.OMIT, pc);
            int nFramework = topo.atomsReferenced();
            int[] zf = java.util.Arrays.copyOf(z, nFramework);
            SumPotential sum = new SumPotential(pairs, coulomb, new BondedPotential(topo).expectAtomicNumbers(zf));
            redox = ff.localised ? new LocalisedRedoxPotential(ff, ff.erfcMode, sum, topo, 2, 3, z) : null;
            potential = redox != null ? redox : sum;
        }

        public Potential potential() { return potential; }
        /** The localised-redox potential (same object as {@link #potential()}), or null in the mean-field mode. */
        public LocalisedRedoxPotential redox() { return redox; }
        public Topology topology() { return topology; }
        /** Na per formula unit of the structure the model was built for. */
        public double x() { return x; }

        /**
         * Writes {@code data.lmp} and {@code in.lmp} (LAMMPS: atom_style full, bond_style hybrid harmonic morse,
         * angle_style harmonic, pair_style hybrid/overlay buck + coul/dsf, run 0 with forces dumped) for s, whose
         * cell must be in LAMMPS' restricted-triclinic frame (a along x, b in the xy plane). Localised redox: the
         * per-atom charges of s and the Mn–N bond types (4 bond types) of the state of the last evaluation of s
         * ({@code compute} or {@link LocalisedRedoxPotential#computeAt}); evaluate s just before writing.
         */
        public void writeLammps(Path dir, Structure s) throws IOException {
            double[] h = s.cell().matrix();
            if (h[1] != 0 || h[2] != 0 || h[5] != 0) {
                throw InputException.field(null, "cell", "LAMMPS needs a along x and b in the xy plane; rotate the structure first");
            }
            Structure w = s.copy();
            w.wrap();
            StringBuilder d = new StringBuilder();
            d.append("LAMMPS data file: MnFePBA surrogate (ScaleBridge Studio), x = ").append(fmt(x)).append("\n\n");
            d.append(w.size()).append(" atoms\n").append(topology.bondCount()).append(" bonds\n").append(topology.angleCount()).append(" angles\n");
            int nbt = topology.bondTypes().size();
            d.append("5 atom types\n").append(nbt).append(" bond types\n4 angle types\n\n");
            d.append("0 ").append(fmt(h[0])).append(" xlo xhi\n0 ").append(fmt(h[4])).append(" ylo yhi\n0 ").append(fmt(h[8])).append(" zlo zhi\n");
            d.append(fmt(h[3])).append(' ').append(fmt(h[6])).append(' ').append(fmt(h[7])).append(" xy xz yz\n\nMasses\n\n");
            for (int t = 0; t < 5; t++) d.append(t + 1).append(' ').append(fmt(Elements.mass(Elements.bySymbol(LAMMPS_ORDER[t]).z()))).append(" # ").append(LAMMPS_ORDER[t]).append('\n');
            d.append("\nAtoms # full\n\n");
            double[] q = w.charges();
            for (int i = 0; i < w.size(); i++) {
                d.append(i + 1).append(" 1 ").append(lammpsType(w.symbol(i))).append(' ').append(fmt(q[i])).append(' ')
                        .append(fmt(w.x(i))).append(' ').append(fmt(w.y(i))).append(' ').append(fmt(w.z(i))).append('\n');
            }
            d.append("\nBonds\n\n");
            for (int k = 0; k < topology.bondCount(); k++) {
                int[] bnd = topology.bond(k);
                d.append(k + 1).append(' ').append(bnd[0] + 1).append(' ').append(bnd[1] + 1).append(' ').append(bnd[2] + 1).append('\n');
            }
            d.append("\nAngles\n\n");
            for (int k = 0; k < topology.angleCount(); k++) {
                int[] a = topology.angle(k);
                d.append(k + 1).append(' ').append(a[0] + 1).append(' ').append(a[1] + 1).append(' ').append(a[2] + 1).append(' ').append(a[3] + 1).append('\n');
            }
            AtomicFiles.writeString(dir.resolve("data.lmp"), d.toString());

            StringBuilder in = new StringBuilder();
            in.append("# MnFePBA SURROGATE force field (not DFT-accurate), written by ScaleBridge Studio\n");
            in.append("units metal\natom_style full\natom_modify map array sort 0 0.0\nboundary p p p\nread_data data.lmp\n");
            in.append("pair_style hybrid/overlay buck ").append(fmt(ff.pairCut)).append(" coul/dsf ").append(fmt(ff.dsfAlpha)).append(' ').append(fmt(ff.dsfCut)).append('\n');
            for (int i = 1; i <= 4; i++) for (int j = i; j <= 4; j++) in.append("pair_coeff ").append(i).append(' ').append(j).append(" none\n");
            String[] fw = {"Fe", "Mn", "C", "N", "Na"};
            for (int i = 0; i < 5; i++) {
                double a = fw[i].equals("Na") ? ff.bornMayerA(ff.betaCC, ff.sNa, ff.sNa)
                        : fw[i].equals("Fe") ? ff.bornMayerA(ff.betaCC, ff.sNa, ff.sFe)
                        : fw[i].equals("Mn") ? ff.bornMayerA(ff.betaCC, ff.sNa, ff.sMn)
                        : fw[i].equals("C") ? ff.bornMayerA(ff.betaCA, ff.sNa, ff.sC) : ff.bornMayerA(ff.betaCA, ff.sNa, ff.sN);
                double c6 = fw[i].equals("Na") ? ff.cNaNa : 0;
                in.append("pair_coeff ").append(i + 1).append(" 5 buck ").append(fmt(a)).append(' ').append(fmt(ff.rho)).append(' ').append(fmt(c6)).append("   # Na-").append(fw[i]).append('\n');
                in.append("pair_coeff ").append(i + 1).append(" 5 coul/dsf\n");
            }
            in.append("pair_modify shift yes\n");
            in.append("bond_style hybrid harmonic morse\n");
            for (int k = 0; k < nbt; k++) {
                Topology.BondType bt = topology.bondTypes().get(k);
                in.append("bond_coeff ").append(k + 1).append(bt.style() == Topology.BondStyle.MORSE
                        ? " morse " + fmt(bt.k()) + " " + fmt(bt.alpha()) + " " + fmt(bt.r0())
                        : " harmonic " + fmt(bt.k()) + " " + fmt(bt.r0())).append("   # ").append(bt.label()).append('\n');
            }
            in.append("angle_style harmonic\n");
            for (int k = 0; k < 4; k++) {
                Topology.AngleType at = topology.angleTypes().get(k);
                in.append("angle_coeff ").append(k + 1).append(' ').append(fmt(at.k())).append(' ').append(fmt(at.theta0Deg())).append("   # ").append(at.label()).append('\n');
            }
            in.append("special_bonds lj/coul 0.0 0.0 0.0\n");
            in.append("neighbor 2.0 bin\nneigh_modify every 1 delay 0 check no\n");
            in.append("thermo_style custom step pe evdwl ecoul ebond eangle press pxx pyy pzz pxy pxz pyz vol\n");
            in.append("thermo_modify format float %.16e\n");
            in.append("dump d all custom 1 dump.forces id fx fy fz\ndump_modify d sort id format float %.16e\nrun 0\n");
            AtomicFiles.writeString(dir.resolve("in.lmp"), in.toString());
        }

        static int lammpsType(String symbol) {
            for (int t = 0; t < 5; t++) if (LAMMPS_ORDER[t].equals(symbol)) return t + 1;
            throw new IllegalArgumentException(symbol);
        }

        private static String fmt(double v) { return String.format(Locale.ROOT, "%.17g", v); }
    }
}
