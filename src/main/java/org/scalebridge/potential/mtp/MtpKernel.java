package org.scalebridge.potential.mtp;

import java.util.Arrays;

/**
 * The per-site mathematics of an MTP, on primitive arrays: given the displacement vectors r_ij (r_ij = r_j − r_i,
 * |r_ij| &lt; max_dist) and species of one atom's neighbours, the site energy V_i, its gradient ∂V_i/∂r_ij by a reverse
 * (adjoint) pass, and ∂V_i/∂θ. One {@link Workspace} per thread; no allocation once the workspace is big enough.
 */
final class MtpKernel {
    final int c, k, r, nBasic, nMom, nTimes, nScalar, maxDeg;
    final double rc, rmin, scaling;
    final int[] bMu, bA, bB, bC, bN;
    /** Monomials x̂^a ŷ^b ẑ^c (a+b+c ≤ maxDeg): basic b uses monomial bMono[b]; used monomials uMono with their
     *  degree, exponents and the monomials lowered in x, y, z (index nMono = a zero slot). */
    final int nMono;
    final int[] bMono, monoA, monoB, monoC, uMono, lowX, lowY, lowZ;
    /** Per used monomial: degree and exponents as doubles (hot loop). */
    final double[] uDeg, uA, uB, uC;
    final int[] tI, tJ, tK;
    final double[] tMult;
    final int[] map;
    /** scaling × radial coefficients [((zi·C + zj)·K + μ)·R + β]. */
    final double[] coef;
    final double[] species, moment;

    MtpKernel(MtpModel m) {
        if (!m.isTrained()) throw new IllegalArgumentException("the MTP is untrained (no coefficients)");
        c = m.speciesCount; k = m.radialFuncsCount; r = m.radialBasisSize;
        nBasic = m.alphaIndexBasic.length; nMom = m.alphaMomentsCount; nTimes = m.alphaIndexTimes.length;
        nScalar = m.alphaMomentMapping.length;
        rc = m.maxDist; rmin = m.minDist; scaling = m.scalingOrOne();
        bMu = new int[nBasic]; bA = new int[nBasic]; bB = new int[nBasic]; bC = new int[nBasic]; bN = new int[nBasic];
        int md = 0;
        for (int b = 0; b < nBasic; b++) {
            int[] a = m.alphaIndexBasic[b];
            bMu[b] = a[0]; bA[b] = a[1]; bB[b] = a[2]; bC[b] = a[3]; bN[b] = a[1] + a[2] + a[3];
            md = Math.max(md, bN[b]);
        }
        maxDeg = md;
        int nm = 0;
        int[][][] id = new int[md + 1][md + 1][md + 1];
        for (int deg = 0; deg <= md; deg++) {
            for (int a = deg; a >= 0; a--) for (int b = deg - a; b >= 0; b--) { id[a][b][deg - a - b] = nm++; }
        }
        nMono = nm;
        monoA = new int[nm]; monoB = new int[nm]; monoC = new int[nm];
        for (int a = 0; a <= md; a++) for (int b = 0; a + b <= md; b++) for (int cc = 0; a + b + cc <= md; cc++) {
            int q = id[a][b][cc];
            monoA[q] = a; monoB[q] = b; monoC[q] = cc;
        }
        bMono = new int[nBasic];
        boolean[] used = new boolean[nm];
        for (int b = 0; b < nBasic; b++) { bMono[b] = id[bA[b]][bB[b]][bC[b]]; used[bMono[b]] = true; }
        int nu = 0;
        for (boolean u : used) if (u) nu++;
        uMono = new int[nu]; lowX = new int[nu]; lowY = new int[nu]; lowZ = new int[nu];
        uDeg = new double[nu]; uA = new double[nu]; uB = new double[nu]; uC = new double[nu];
        nu = 0;
        for (int q = 0; q < nm; q++) {
            if (!used[q]) continue;
            uMono[nu] = q;
            uA[nu] = monoA[q]; uB[nu] = monoB[q]; uC[nu] = monoC[q]; uDeg[nu] = monoA[q] + monoB[q] + monoC[q];
            lowX[nu] = monoA[q] > 0 ? id[monoA[q] - 1][monoB[q]][monoC[q]] : nm;
            lowY[nu] = monoB[q] > 0 ? id[monoA[q]][monoB[q] - 1][monoC[q]] : nm;
            lowZ[nu] = monoC[q] > 0 ? id[monoA[q]][monoB[q]][monoC[q] - 1] : nm;
            nu++;
        }
        tI = new int[nTimes]; tJ = new int[nTimes]; tK = new int[nTimes]; tMult = new double[nTimes];
        for (int t = 0; t < nTimes; t++) {
            int[] a = m.alphaIndexTimes[t];
            tI[t] = a[0]; tJ[t] = a[1]; tMult[t] = a[2]; tK[t] = a[3];
        }
        map = m.alphaMomentMapping.clone();
        coef = m.radialCoeffs.clone();
        for (int q = 0; q < coef.length; q++) coef[q] *= scaling;
        species = m.speciesCoeffs.clone();
        moment = m.momentCoeffs.clone();
    }

    /** Per-thread scratch space. Callers fill nn, rx/ry/rz and tj (via {@link #ensure}) before calling the kernel. */
    final class Workspace {
        final double[] m = new double[nMom], g = new double[nMom];
        final double[] cheb = new double[r], dcheb = new double[r];
        final double[] px = new double[maxDeg + 1], py = new double[maxDeg + 1], pz = new double[maxDeg + 1];
        final double[] gf = new double[k];
        final double[] gm = new double[nMono + 1];
        double[] mono = new double[64 * (nMono + 1)];
        int nn;
        double[] rx = new double[64], ry = new double[64], rz = new double[64], dist = new double[64];
        int[] tj = new int[64], idx = new int[64], shift = new int[64];
        double[] f = new double[64 * k], df = new double[64 * k];
        /** Outputs: ∂V_i/∂r_ij per neighbour. */
        double[] dx = new double[64], dy = new double[64], dz = new double[64];
        /** Chebyshev values × (rc − r)² per neighbour (for parameter derivatives), R per neighbour. */
        double[] q = new double[64 * r];
        /** ∂V/∂f_μ per neighbour, K per neighbour. */
        double[] gfn = new double[64 * k];

        void ensure(int cap) {
            if (rx.length >= cap) return;
            int nc = Math.max(cap, rx.length * 2);
            rx = Arrays.copyOf(rx, nc); ry = Arrays.copyOf(ry, nc); rz = Arrays.copyOf(rz, nc);
            dist = Arrays.copyOf(dist, nc);
            tj = Arrays.copyOf(tj, nc); idx = Arrays.copyOf(idx, nc); shift = Arrays.copyOf(shift, nc);
            f = Arrays.copyOf(f, nc * k); df = Arrays.copyOf(df, nc * k);
            dx = Arrays.copyOf(dx, nc); dy = Arrays.copyOf(dy, nc); dz = Arrays.copyOf(dz, nc);
            q = Arrays.copyOf(q, nc * r); gfn = Arrays.copyOf(gfn, nc * k);
            mono = Arrays.copyOf(mono, nc * (nMono + 1));
        }

        /** Appends a neighbour. */
        void add(double x, double y, double z, int type, int index, int shiftIndex) {
            if (nn == rx.length) ensure(nn + 1);
            rx[nn] = x; ry[nn] = y; rz[nn] = z; tj[nn] = type; idx[nn] = index; shift[nn] = shiftIndex;
            nn++;
        }
    }

    Workspace workspace() { return new Workspace(); }

    /**
     * Radial functions f_μ(r) = scaling Σ_β c_{zi zj μ β} T_β(ξ) (rc − r)², ξ = (2r − rmin − rc)/(rc − rmin)
     * (Shapeev 2016, eq. 3; MLIP RBChebyshev) and their r-derivatives, for every neighbour; also the basic moments.
     */
    private void forward(Workspace w, int ti, boolean keepQ) {
        double[] m = w.m;
        Arrays.fill(m, 0.0);
        double[] T = w.cheb, dT = w.dcheb;
        double inv = 1.0 / (rc - rmin), dxi = 2 * inv;
        for (int n = 0; n < w.nn; n++) {
            double x = w.rx[n], y = w.ry[n], z = w.rz[n];
            double d = Math.sqrt(x * x + y * y + z * z);
            w.dist[n] = d;
            double xi = (2 * d - rmin - rc) * inv;
            double s = rc - d, s2 = s * s;
            T[0] = 1; dT[0] = 0;
            if (r > 1) { T[1] = xi; dT[1] = 1; }
            for (int b = 2; b < r; b++) {
                T[b] = 2 * xi * T[b - 1] - T[b - 2];
                dT[b] = 2 * T[b - 1] + 2 * xi * dT[b - 1] - dT[b - 2];
            }
            int base = (ti * c + w.tj[n]) * k * r;
            int fo = n * k;
            for (int mu = 0; mu < k; mu++) {
                double v = 0, dv = 0;
                int o = base + mu * r;
                for (int b = 0; b < r; b++) { v += coef[o + b] * T[b]; dv += coef[o + b] * dT[b]; }
                w.f[fo + mu] = v * s2;
                w.df[fo + mu] = dv * dxi * s2 - 2 * v * s;
            }
            if (keepQ) {
                int qo = n * r;
                for (int b = 0; b < r; b++) w.q[qo + b] = scaling * T[b] * s2;
            }
            double id = 1.0 / d, ux = x * id, uy = y * id, uz = z * id;
            double[] px = w.px, py = w.py, pz = w.pz;
            px[0] = 1; py[0] = 1; pz[0] = 1;
            for (int p = 1; p <= maxDeg; p++) { px[p] = px[p - 1] * ux; py[p] = py[p - 1] * uy; pz[p] = pz[p - 1] * uz; }
            double[] mo = w.mono;
            int mb = n * (nMono + 1);
            for (int q = 0; q < nMono; q++) mo[mb + q] = px[monoA[q]] * py[monoB[q]] * pz[monoC[q]];
            mo[mb + nMono] = 0;
            double[] f = w.f;
            for (int b = 0; b < nBasic; b++) m[b] += f[fo + bMu[b]] * mo[mb + bMono[b]];
        }
        // contractions (Shapeev 2016, eq. 6: products of moment tensors)
        for (int t = 0; t < nTimes; t++) m[tK[t]] += tMult[t] * m[tI[t]] * m[tJ[t]];
    }

    /** Replaces the parameters θ (radial, species, moment; MLIP order) in place. */
    void setParameters(double[] theta) {
        for (int q = 0; q < coef.length; q++) coef[q] = scaling * theta[q];
        System.arraycopy(theta, coef.length, species, 0, c);
        System.arraycopy(theta, coef.length + c, moment, 0, nScalar);
    }

    /** After {@link #basis}: ∂B_q/∂r_ij of one scalar basis function into w.dx/dy/dz. */
    void basisGradient(Workspace w, int q) {
        Arrays.fill(w.g, 0.0);
        w.g[map[q]] = 1;
        adjoint(w);
        neighbourGradients(w, false);
    }

    /** The scalar basis functions B_q of the site (neighbours in w) into out[0..nScalar). */
    void basis(Workspace w, int ti, double[] out) {
        forward(w, ti, false);
        for (int q = 0; q < nScalar; q++) out[q] = w.m[map[q]];
    }

    /** Site energy V_i = s_{zi} + Σ_q ξ_q B_q (Shapeev 2016, eq. 2). */
    double energy(Workspace w, int ti) {
        forward(w, ti, false);
        double v = species[ti];
        for (int q = 0; q < nScalar; q++) v += moment[q] * w.m[map[q]];
        return v;
    }

    /**
     * Site energy and ∂V_i/∂r_ij (into w.dx/dy/dz) by the adjoint pass over the contractions; with
     * {@code keepParam} also fills w.q and w.gfn for {@link #paramGradient}.
     */
    double energyAndGradient(Workspace w, int ti, boolean keepParam) {
        forward(w, ti, keepParam);
        double[] m = w.m, g = w.g;
        double v = species[ti];
        Arrays.fill(g, 0.0);
        for (int q = 0; q < nScalar; q++) {
            v += moment[q] * m[map[q]];
            g[map[q]] += moment[q];
        }
        adjoint(w);
        neighbourGradients(w, keepParam);
        return v;
    }

    /** Reverse pass through the contractions: g = ∂V/∂m for the basic moments. */
    private void adjoint(Workspace w) {
        double[] m = w.m, g = w.g;
        for (int t = nTimes - 1; t >= 0; t--) {
            double gk = g[tK[t]];
            if (gk == 0) continue;
            gk *= tMult[t];
            int i = tI[t], j = tJ[t];
            g[i] += gk * m[j];
            g[j] += gk * m[i];
        }
    }

    private void neighbourGradients(Workspace w, boolean keepParam) {
        double[] g = w.g, gf = w.gf, gm = w.gm, mo = w.mono, f = w.f;
        for (int n = 0; n < w.nn; n++) {
            double d = w.dist[n], id = 1.0 / d;
            double ux = w.rx[n] * id, uy = w.ry[n] * id, uz = w.rz[n] * id;
            Arrays.fill(gf, 0.0);
            int fo = n * k, mb = n * (nMono + 1);
            for (int u = 0; u < uMono.length; u++) gm[uMono[u]] = 0;
            for (int b = 0; b < nBasic; b++) {
                double gb = g[b];
                gf[bMu[b]] += gb * mo[mb + bMono[b]];
                gm[bMono[b]] += gb * f[fo + bMu[b]];
            }
            double a = 0, ddx = 0, ddy = 0, ddz = 0;
            for (int u = 0; u < uMono.length; u++) {
                int q = uMono[u];
                double G = gm[q];
                a += G * uDeg[u] * mo[mb + q];
                ddx += G * uA[u] * mo[mb + lowX[u]];
                ddy += G * uB[u] * mo[mb + lowY[u]];
                ddz += G * uC[u] * mo[mb + lowZ[u]];
            }
            double radial = 0;
            for (int mu = 0; mu < k; mu++) radial += w.df[fo + mu] * gf[mu];
            // ∇_r [f(r) P(r̂)] = f' P r̂ + f (∇_û P − ν P û)/r
            double along = radial - a * id;
            w.dx[n] = ux * along + ddx * id;
            w.dy[n] = uy * along + ddy * id;
            w.dz[n] = uz * along + ddz * id;
            if (keepParam) System.arraycopy(gf, 0, w.gfn, fo, k);
        }
    }

    /**
     * Adds ∂V_i/∂θ (θ = radial, species, moment, MLIP order) times {@code weight} to {@code out}; call after
     * {@link #energyAndGradient} with keepParam = true.
     */
    void paramGradient(Workspace w, int ti, double weight, double[] out) {
        for (int n = 0; n < w.nn; n++) {
            int base = (ti * c + w.tj[n]) * k * r;
            int fo = n * k, qo = n * r;
            for (int mu = 0; mu < k; mu++) {
                double gm = weight * w.gfn[fo + mu];
                if (gm == 0) continue;
                int o = base + mu * r;
                for (int b = 0; b < r; b++) out[o + b] += gm * w.q[qo + b];
            }
        }
        int off = c * c * k * r;
        out[off + ti] += weight;
        off += c;
        for (int q = 0; q < nScalar; q++) out[off + q] += weight * w.m[map[q]];
    }
}
