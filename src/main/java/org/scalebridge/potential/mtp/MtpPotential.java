package org.scalebridge.potential.mtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scalebridge.core.InputException;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * A Moment Tensor Potential as a {@link Potential}: energy, forces (−∂E/∂r) and virial W = −Σ_i Σ_j r_ij ⊗ ∂V_i/∂r_ij
 * (eV, positive = compressive, equal to MLIP's PlusStress) from a reverse pass over each site's moment
 * contractions. Species: MTP type t is the atomic number {@code typeToZ[t]}.
 *
 * <p>Threads work on fixed contiguous atom ranges with private force buffers reduced in order, so results are
 * identical run to run for a fixed thread count.
 */
public final class MtpPotential implements Potential, AutoCloseable {
    private final MtpModel model;
    private final MtpKernel kernel;
    private final int[] typeToZ;
    private final int[] zToType = new int[256];
    private final NeighborList nl;
    private int threads = 1;
    private ExecutorService pool;
    private final List<Chunk> chunks = new ArrayList<>();

    /** @param typeToZ atomic number of each MTP type (length = species_count) */
    public MtpPotential(MtpModel model, int... typeToZ) {
        model.validate();
        if (typeToZ.length != model.speciesCount) {
            throw InputException.field(null, "mtp.species", "the potential has " + model.speciesCount
                    + " species but " + typeToZ.length + " atomic numbers were given");
        }
        this.model = model;
        this.kernel = new MtpKernel(model);
        this.typeToZ = typeToZ.clone();
        Arrays.fill(zToType, -1);
        for (int t = 0; t < typeToZ.length; t++) {
            if (typeToZ[t] < 0 || typeToZ[t] >= zToType.length) throw InputException.field(null, "mtp.species", "bad atomic number " + typeToZ[t]);
            if (zToType[typeToZ[t]] >= 0) throw InputException.field(null, "mtp.species", "atomic number " + typeToZ[t] + " given twice");
            zToType[typeToZ[t]] = t;
        }
        this.nl = new NeighborList(model.maxDist, 0.6, false);
    }

    public MtpModel model() { return model; }
    MtpKernel kernel() { return kernel; }
    public int[] typeToZ() { return typeToZ.clone(); }

    /** MTP type of an atomic number, or -1. */
    public int typeOf(int z) { return z >= 0 && z < zToType.length ? zToType[z] : -1; }

    @Override
    public String name() { return "mtp level " + model.level() + " (" + model.speciesCount + " species)"; }

    @Override
    public double cutoff() { return model.maxDist; }

    @Override
    public boolean isLocal() { return true; }

    @Override
    public synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1");
        if (threads != this.threads && pool != null) { pool.shutdownNow(); pool = null; }
        this.threads = threads;
    }

    @Override
    public synchronized void close() {
        if (pool != null) { pool.shutdownNow(); pool = null; }
    }

    /** Neighbour list in use (full list, cutoff max_dist, skin 0.6 Å). */
    NeighborList neighborList() { return nl; }

    int[] types(Structure s) {
        int n = s.size();
        int[] z = s.atomicNumbers();
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            int ty = typeOf(z[i]);
            if (ty < 0) {
                throw InputException.field(null, "structure", "atom " + i + " has atomic number " + z[i]
                        + ", which this MTP does not know (species " + Arrays.toString(typeToZ) + ")");
            }
            t[i] = ty;
        }
        return t;
    }

    /** Fills w with the neighbours of atom i within the cutoff (list must be current). */
    void gather(MtpKernel.Workspace w, Structure s, int i, int[] type) {
        double[] p = s.positions();
        int[] off = nl.offsets(), nb = nl.neighbors(), sh = nl.shiftIndex();
        double[] sv = nl.shiftVectors();
        double rc2 = model.maxDist * model.maxDist;
        double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
        w.nn = 0;
        w.ensure(off[i + 1] - off[i]);
        for (int q = off[i], e = off[i + 1]; q < e; q++) {
            int j = nb[q], si = sh[q];
            double dx = p[3 * j] + sv[3 * si] - xi, dy = p[3 * j + 1] + sv[3 * si + 1] - yi, dz = p[3 * j + 2] + sv[3 * si + 2] - zi;
            if (dx * dx + dy * dy + dz * dz < rc2) w.add(dx, dy, dz, type[j], j, si);
        }
    }

    private final class Chunk implements Callable<Void> {
        final MtpKernel.Workspace w = kernel.workspace();
        double[] force = new double[0];
        final double[] vir = new double[9];
        double energy;
        int from, to;
        Structure s;
        int[] type;
        ForceResult out;
        boolean ownForces;

        @Override
        public Void call() {
            run();
            return null;
        }

        void run() {
            boolean wantF = out.wantsForces(), wantV = out.wantsVirial(), wantP = out.wantsPerAtom();
            boolean grad = wantF || wantV;
            double[] f = ownForces ? force : out.forces();
            if (ownForces && wantF) {
                if (force.length < 3 * s.size()) { force = new double[3 * s.size()]; f = force; }
                else Arrays.fill(force, 0, 3 * s.size(), 0.0);
            }
            Arrays.fill(vir, 0.0);
            double e = 0;
            double[] pe = out.perAtomEnergy();
            for (int i = from; i < to; i++) {
                gather(w, s, i, type);
                double v;
                if (grad) {
                    v = kernel.energyAndGradient(w, type[i], false);
                    for (int n = 0; n < w.nn; n++) {
                        double gx = w.dx[n], gy = w.dy[n], gz = w.dz[n];
                        if (wantF) {
                            int j = w.idx[n];
                            f[3 * i] += gx; f[3 * i + 1] += gy; f[3 * i + 2] += gz;
                            f[3 * j] -= gx; f[3 * j + 1] -= gy; f[3 * j + 2] -= gz;
                        }
                        if (wantV) {
                            double rx = w.rx[n], ry = w.ry[n], rz = w.rz[n];
                            vir[0] -= rx * gx; vir[1] -= rx * gy; vir[2] -= rx * gz;
                            vir[3] -= ry * gx; vir[4] -= ry * gy; vir[5] -= ry * gz;
                            vir[6] -= rz * gx; vir[7] -= rz * gy; vir[8] -= rz * gz;
                        }
                    }
                } else {
                    v = kernel.energy(w, type[i]);
                }
                if (wantP) pe[i] = v;
                e += v;
            }
            energy = e;
        }
    }

    private int[] typeBuf = new int[0];

    @Override
    public synchronized void compute(Structure s, ForceResult out) {
        int n = s.size();
        out.reset(n);
        if (n == 0) return;
        nl.update(s);
        if (typeBuf.length < n) typeBuf = new int[n];
        int[] z = s.atomicNumbers();
        for (int i = 0; i < n; i++) {
            int ty = typeOf(z[i]);
            if (ty < 0) {
                throw InputException.field(null, "structure", "atom " + i + " has atomic number " + z[i]
                        + ", which this MTP does not know (species " + Arrays.toString(typeToZ) + ")");
            }
            typeBuf[i] = ty;
        }
        int nt = Math.max(1, Math.min(threads, n / 64 + 1));
        while (chunks.size() < nt) chunks.add(new Chunk());
        for (int t = 0; t < nt; t++) {
            Chunk ch = chunks.get(t);
            ch.from = (int) ((long) n * t / nt);
            ch.to = (int) ((long) n * (t + 1) / nt);
            ch.s = s; ch.type = typeBuf; ch.out = out; ch.ownForces = nt > 1;
        }
        if (nt == 1) {
            chunks.get(0).run();
        } else {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(threads, rr -> {
                    Thread th = new Thread(rr, "mtp-worker");
                    th.setDaemon(true);
                    return th;
                });
            }
            List<Future<Void>> fs = new ArrayList<>(nt);
            for (int t = 0; t < nt; t++) fs.add(pool.submit((Callable<Void>) chunks.get(t)));
            try {
                for (Future<Void> fu : fs) fu.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException) throw (RuntimeException) c;
                throw new IllegalStateException(c);
            }
        }
        double e = 0;
        double[] f = out.forces(), w = out.virial();
        for (int t = 0; t < nt; t++) {
            Chunk ch = chunks.get(t);
            e += ch.energy;
            if (nt > 1 && out.wantsForces()) for (int q = 0; q < 3 * n; q++) f[q] += ch.force[q];
            if (out.wantsVirial()) for (int q = 0; q < 9; q++) w[q] += ch.vir[q];
            ch.s = null; ch.out = null;
        }
        out.setEnergy(e);
    }

    @Override
    public LocalChange localChange() {
        return new MtpLocalChange(this);
    }
}
