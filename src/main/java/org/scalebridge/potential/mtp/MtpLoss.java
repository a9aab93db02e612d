package org.scalebridge.potential.mtp;

import java.util.Arrays;

/**
 * The training loss of an MTP over frozen configurations and its exact parameter gradient, on flat primitive arrays.
 *
 * <p>Positions never change during training, so every pair within the cutoff is frozen once: distance, unit vector
 * and the radial basis values Q_β(r) = scaling·T_β(ξ)(R_cut − r)² and dQ_β/dr (Shapeev 2016, eq. 3). Only the
 * radial coefficients θ change, and f_μ = Σ_β θ_μβ Q_β is linear in them.
 *
 * <p>Gradient: the energy part uses ∂E/∂θ by the adjoint pass. The force and stress parts use the identity
 * Σ_a δ_a ∂F_a/∂θ + Σ_ab S_ab ∂W_ab/∂θ = −∂/∂θ D_ṙE, the θ-gradient of the directional derivative of E along the
 * pair tangents ṙ_ij = δ_j − δ_i + Sᵀ r_ij built from the residuals (δ = ∂L/∂F, S = ∂L/∂W). D_ṙE is one forward
 * tangent pass through the moments and contractions; its θ-gradient one reverse pass over that tangent
 * ("forward-over-reverse"), so a loss+gradient costs two passes per site instead of a Jacobian.
 */
final class MtpLoss {
    final int c, k, r, nBasic, nMom, nTimes, nScalar, nRadial, nParam;
    final double rc, rmin, scaling;
    private final int[] bMu, bP, bU, tI, tJ, tK, map;
    private final double[] tMult;
    /** Compact monomial table: exponents of every monomial needed (used ones and their lowered ones). */
    private final int nP;
    private final int[] pA, pB, pC;
    /** Used monomials (referenced by a basic moment): compact index, lowered compact indices (nP = zero slot). */
    private final int nU;
    private final int[] uP, uLx, uLy, uLz;
    private final double[] uA, uB, uC, uDeg;
    private final int maxDeg;

    /** Current parameters: radial θ (unscaled, MLIP order), species, moment. */
    final double[] theta;

    /** One frozen configuration: pairs with r &lt; R_cut as flat arrays. */
    static final class Frozen {
        int n, np;
        int[] type, off, nbr;
        double[] dist, ux, uy, uz, q, dq;
        Double energy;
        double[] forces, virial;
    }

    MtpLoss(MtpModel m) {
        c = m.speciesCount; k = m.radialFuncsCount; r = m.radialBasisSize;
        nBasic = m.alphaIndexBasic.length; nMom = m.alphaMomentsCount; nTimes = m.alphaIndexTimes.length;
        nScalar = m.alphaMomentMapping.length;
        nRadial = m.radialParameterCount();
        nParam = m.parameterCount();
        rc = m.maxDist; rmin = m.minDist; scaling = m.scalingOrOne();
        bMu = new int[nBasic];
        int md = 0;
        for (int b = 0; b < nBasic; b++) {
            int[] a = m.alphaIndexBasic[b];
            bMu[b] = a[0];
            md = Math.max(md, a[1] + a[2] + a[3]);
        }
        maxDeg = md;
        // compact monomial table: used monomials plus their lowered ones
        java.util.LinkedHashMap<Integer, Integer> ids = new java.util.LinkedHashMap<>();
        java.util.List<int[]> mono = new java.util.ArrayList<>();
        java.util.function.Function<int[], Integer> idOf = e -> ids.computeIfAbsent(e[0] * 10000 + e[1] * 100 + e[2], key -> {
            mono.add(e.clone());
            return mono.size() - 1;
        });
        java.util.LinkedHashMap<Integer, Integer> used = new java.util.LinkedHashMap<>();
        bP = new int[nBasic];
        bU = new int[nBasic];
        for (int b = 0; b < nBasic; b++) {
            int[] a = m.alphaIndexBasic[b];
            bP[b] = idOf.apply(new int[] {a[1], a[2], a[3]});
            final int pb = bP[b];
            bU[b] = used.computeIfAbsent(pb, key -> used.size());
        }
        nU = used.size();
        uP = new int[nU]; uLx = new int[nU]; uLy = new int[nU]; uLz = new int[nU];
        uA = new double[nU]; uB = new double[nU]; uC = new double[nU]; uDeg = new double[nU];
        int[] usedP = new int[nU];
        for (var e : used.entrySet()) usedP[e.getValue()] = e.getKey();
        int[] lx = new int[nU], ly = new int[nU], lz = new int[nU];
        for (int u = 0; u < nU; u++) {
            int[] e = mono.get(usedP[u]);
            uP[u] = usedP[u];
            uA[u] = e[0]; uB[u] = e[1]; uC[u] = e[2]; uDeg[u] = e[0] + e[1] + e[2];
            lx[u] = e[0] > 0 ? idOf.apply(new int[] {e[0] - 1, e[1], e[2]}) : -1;
            ly[u] = e[1] > 0 ? idOf.apply(new int[] {e[0], e[1] - 1, e[2]}) : -1;
            lz[u] = e[2] > 0 ? idOf.apply(new int[] {e[0], e[1], e[2] - 1}) : -1;
        }
        nP = mono.size();
        for (int u = 0; u < nU; u++) {
            uLx[u] = lx[u] < 0 ? nP : lx[u];
            uLy[u] = ly[u] < 0 ? nP : ly[u];
            uLz[u] = lz[u] < 0 ? nP : lz[u];
        }
        pA = new int[nP]; pB = new int[nP]; pC = new int[nP];
        for (int p = 0; p < nP; p++) { pA[p] = mono.get(p)[0]; pB[p] = mono.get(p)[1]; pC[p] = mono.get(p)[2]; }
        tI = new int[nTimes]; tJ = new int[nTimes]; tK = new int[nTimes]; tMult = new double[nTimes];
        for (int t = 0; t < nTimes; t++) {
            int[] a = m.alphaIndexTimes[t];
            tI[t] = a[0]; tJ[t] = a[1]; tMult[t] = a[2]; tK[t] = a[3];
        }
        map = m.alphaMomentMapping.clone();
        theta = new double[nParam];
        // basic moments each scalar basis function depends on (backward reachability through the contractions)
        depOff = new int[nScalar + 1];
        java.util.List<Integer> dl = new java.util.ArrayList<>();
        boolean[] reach = new boolean[nMom];
        for (int q = 0; q < nScalar; q++) {
            Arrays.fill(reach, false);
            reach[map[q]] = true;
            for (int t = nTimes - 1; t >= 0; t--) if (reach[tK[t]]) { reach[tI[t]] = true; reach[tJ[t]] = true; }
            depOff[q] = dl.size();
            for (int b = 0; b < nBasic; b++) if (reach[b]) dl.add(b);
        }
        depOff[nScalar] = dl.size();
        dep = dl.stream().mapToInt(Integer::intValue).toArray();
    }

    /** dep[depOff[q]..depOff[q+1]): the basic moments B_q depends on. */
    private final int[] depOff, dep;

    void setParameters(double[] p) { System.arraycopy(p, 0, theta, 0, nParam); }

    /** Freezes the pairs with r &lt; R_cut of atom list (positions p, neighbours from a list built with a larger range). */
    Frozen freeze(int n, int[] type, int[] off, int[] nbr, double[] rij) {
        Frozen f = new Frozen();
        f.n = n;
        f.type = type;
        f.off = new int[n + 1];
        int cnt = 0;
        for (int q = 0; q < off[n]; q++) {
            double x = rij[3 * q], y = rij[3 * q + 1], z = rij[3 * q + 2];
            if (x * x + y * y + z * z < rc * rc) cnt++;
        }
        f.np = cnt;
        f.nbr = new int[cnt];
        f.dist = new double[cnt]; f.ux = new double[cnt]; f.uy = new double[cnt]; f.uz = new double[cnt];
        f.q = new double[cnt * r]; f.dq = new double[cnt * r];
        double[] T = new double[r], dT = new double[r];
        double inv = 1.0 / (rc - rmin), dxi = 2 * inv;
        int p = 0;
        for (int i = 0; i < n; i++) {
            f.off[i] = p;
            for (int q = off[i]; q < off[i + 1]; q++) {
                double x = rij[3 * q], y = rij[3 * q + 1], z = rij[3 * q + 2];
                double d2 = x * x + y * y + z * z;
                if (!(d2 < rc * rc)) continue;
                double d = Math.sqrt(d2);
                f.nbr[p] = nbr[q];
                f.dist[p] = d;
                f.ux[p] = x / d; f.uy[p] = y / d; f.uz[p] = z / d;
                // Chebyshev T_β(ξ), ξ = (2r − rmin − rc)/(rc − rmin), times (rc − r)² (MLIP RBChebyshev)
                double xi = (2 * d - rmin - rc) * inv, s = rc - d, s2 = s * s;
                T[0] = 1; dT[0] = 0;
                if (r > 1) { T[1] = xi; dT[1] = 1; }
                for (int b = 2; b < r; b++) {
                    T[b] = 2 * xi * T[b - 1] - T[b - 2];
                    dT[b] = 2 * T[b - 1] + 2 * xi * dT[b - 1] - dT[b - 2];
                }
                for (int b = 0; b < r; b++) {
                    f.q[p * r + b] = scaling * T[b] * s2;
                    f.dq[p * r + b] = scaling * (dT[b] * dxi * s2 - 2 * T[b] * s);
                }
                p++;
            }
        }
        f.off[n] = p;
        return f;
    }

    /** Per-thread scratch; grows with the largest neighbourhood. */
    final class Scratch {
        final double[] m = new double[nMom], md = new double[nMom], g = new double[nMom], bq = new double[nMom];
        final double[] gf = new double[k], af = new double[k], gm = new double[nU];
        final double[] px = new double[maxDeg + 1], py = new double[maxDeg + 1], pz = new double[maxDeg + 1];
        final double[] sig = new double[9], vir = new double[9];
        /** Per pair of the current configuration: f_μ, f'_μ, monomials; per site: all moments (pass 1 → pass 2). */
        double[] f = new double[0], fp = new double[0], mono = new double[0], msite = new double[0];
        double[] forces = new double[0], delta = new double[0];
        double[] rdot = new double[0], udx = new double[0], udy = new double[0], udz = new double[0];
        double[] gdx = new double[0], gdy = new double[0], gdz = new double[0];

        void ensureConfig(Frozen cf) {
            if (f.length < cf.np * k) {
                int cap = Math.max(cf.np, 64);
                f = new double[cap * k]; fp = new double[cap * k]; mono = new double[cap * (nP + 1)];
            }
            if (msite.length < cf.n * nMom) msite = new double[cf.n * nMom];
            int nn = 0;
            for (int i = 0; i < cf.n; i++) nn = Math.max(nn, cf.off[i + 1] - cf.off[i]);
            if (rdot.length >= nn) return;
            int cap = Math.max(nn, 64);
            rdot = new double[cap]; udx = new double[cap]; udy = new double[cap]; udz = new double[cap];
            gdx = new double[cap]; gdy = new double[cap]; gdz = new double[cap];
        }

        void ensureAtoms(int n) {
            if (forces.length >= 3 * n) return;
            forces = new double[3 * n];
            delta = new double[3 * n];
        }
    }

    Scratch scratch() { return new Scratch(); }

    /** Radial functions, their r-derivatives, monomials and basic moments of site i; then the contractions. */
    private void forward(Scratch s, Frozen cf, int i) {
        int ti = cf.type[i], p0 = cf.off[i], nn = cf.off[i + 1] - p0;
        double[] m = s.m, f = s.f, fp = s.fp, mo = s.mono, th = theta;
        Arrays.fill(m, 0.0);
        int stride = nP + 1;
        for (int n = 0; n < nn; n++) {
            int p = p0 + n;
            int base = (ti * c + cf.type[cf.nbr[p]]) * k * r, qo = p * r, fo = p * k;
            for (int mu = 0; mu < k; mu++) {
                double v = 0, dv = 0;
                int o = base + mu * r;
                for (int b = 0; b < r; b++) { v += th[o + b] * cf.q[qo + b]; dv += th[o + b] * cf.dq[qo + b]; }
                f[fo + mu] = v;
                fp[fo + mu] = dv;
            }
            double ux = cf.ux[p], uy = cf.uy[p], uz = cf.uz[p];
            double[] px = s.px, py = s.py, pz = s.pz;
            px[0] = 1; py[0] = 1; pz[0] = 1;
            for (int e = 1; e <= maxDeg; e++) { px[e] = px[e - 1] * ux; py[e] = py[e - 1] * uy; pz[e] = pz[e - 1] * uz; }
            int mb = p * stride;
            for (int q = 0; q < nP; q++) mo[mb + q] = px[pA[q]] * py[pB[q]] * pz[pC[q]];
            mo[mb + nP] = 0;
            for (int b = 0; b < nBasic; b++) m[b] += f[fo + bMu[b]] * mo[mb + bP[b]];
        }
        // contractions (Shapeev 2016, eq. 6)
        for (int t = 0; t < nTimes; t++) m[tK[t]] += tMult[t] * m[tI[t]] * m[tJ[t]];
    }

    /** Reverse pass g = ∂V/∂m from the seed already in g. */
    private void adjoint(double[] m, double[] g) {
        for (int t = nTimes - 1; t >= 0; t--) {
            double gk = g[tK[t]];
            if (gk == 0) continue;
            gk *= tMult[t];
            g[tI[t]] += gk * m[tJ[t]];
            g[tJ[t]] += gk * m[tI[t]];
        }
    }

    /** ∂V/∂r_ij of every pair of site i (after forward and adjoint) into s.gdx/gdy/gdz. */
    private void pairGradients(Scratch s, Frozen cf, int i, double[] g) {
        int p0 = cf.off[i], nn = cf.off[i + 1] - p0, stride = nP + 1;
        double[] gf = s.gf, gm = s.gm, mo = s.mono, f = s.f, fp = s.fp;
        for (int n = 0; n < nn; n++) {
            int p = p0 + n, fo = p * k, mb = p * stride;
            Arrays.fill(gf, 0.0);
            Arrays.fill(gm, 0.0);
            for (int b = 0; b < nBasic; b++) {
                double gb = g[b];
                gf[bMu[b]] += gb * mo[mb + bP[b]];
                gm[bU[b]] += gb * f[fo + bMu[b]];
            }
            double a = 0, ddx = 0, ddy = 0, ddz = 0;
            for (int u = 0; u < nU; u++) {
                double G = gm[u];
                a += G * uDeg[u] * mo[mb + uP[u]];
                ddx += G * uA[u] * mo[mb + uLx[u]];
                ddy += G * uB[u] * mo[mb + uLy[u]];
                ddz += G * uC[u] * mo[mb + uLz[u]];
            }
            double radial = 0;
            for (int mu = 0; mu < k; mu++) radial += fp[fo + mu] * gf[mu];
            double id = 1.0 / cf.dist[p];
            // ∇_r [f(r) P(û)] = f' P û + f (∇_û P − ν P û)/r
            double along = radial - a * id;
            s.gdx[n] = cf.ux[p] * along + ddx * id;
            s.gdy[n] = cf.uy[p] * along + ddy * id;
            s.gdz[n] = cf.uz[p] * along + ddz * id;
        }
    }

    /** Loss weights of one configuration. */
    static final class Weights {
        double energy, force, stress, weightScaling;
    }

    /**
     * Loss of one configuration with weight cw; adds its gradient to grad (length nParam) when non-null.
     * stats (length 4, may be null) receives {(ΔE/N)², Σ|ΔF_i|², number of force atoms, ΣΔW²}.
     */
    double configLoss(Scratch s, Frozen cf, double cw, Weights wt, double[] grad, double[] stats) {
        int n = cf.n;
        s.ensureAtoms(n);
        s.ensureConfig(cf);
        double[] F = s.forces, W = s.vir;
        Arrays.fill(F, 0, 3 * n, 0.0);
        Arrays.fill(W, 0.0);
        double e = 0;
        int off = nRadial;
        double[] sp = theta, g = s.g;
        // pass 1: energy, forces, virial W_ab = −Σ r_a ∂V/∂r_b
        for (int i = 0; i < n; i++) {
            forward(s, cf, i);
            System.arraycopy(s.m, 0, s.msite, i * nMom, nMom);
            int ti = cf.type[i];
            double v = sp[off + ti];
            Arrays.fill(g, 0.0);
            for (int q = 0; q < nScalar; q++) {
                v += sp[off + c + q] * s.m[map[q]];
                g[map[q]] += sp[off + c + q];
            }
            e += v;
            adjoint(s.m, g);
            pairGradients(s, cf, i, g);
            int p0 = cf.off[i], nn = cf.off[i + 1] - p0;
            for (int nb = 0; nb < nn; nb++) {
                int p = p0 + nb, j = cf.nbr[p];
                double gx = s.gdx[nb], gy = s.gdy[nb], gz = s.gdz[nb];
                F[3 * i] += gx; F[3 * i + 1] += gy; F[3 * i + 2] += gz;
                F[3 * j] -= gx; F[3 * j + 1] -= gy; F[3 * j + 2] -= gz;
                double d = cf.dist[p], rx = d * cf.ux[p], ry = d * cf.uy[p], rz = d * cf.uz[p];
                W[0] -= rx * gx; W[1] -= rx * gy; W[2] -= rx * gz;
                W[3] -= ry * gx; W[4] -= ry * gy; W[5] -= ry * gz;
                W[6] -= rz * gx; W[7] -= rz * gy; W[8] -= rz * gz;
            }
        }
        double scale = Math.pow(n, wt.weightScaling);
        double loss = 0, cE = 0;
        if (cf.energy != null && wt.energy > 0) {
            double res = e - cf.energy;
            loss += cw * wt.energy / scale * res * res;
            cE = 2 * cw * wt.energy / scale * res;
        }
        if (stats != null && cf.energy != null) stats[0] += (e - cf.energy) * (e - cf.energy) / ((double) n * n);
        double[] del = s.delta, sig = s.sig;
        boolean haveF = cf.forces != null && wt.force > 0, haveS = cf.virial != null && wt.stress > 0;
        Arrays.fill(del, 0, 3 * n, 0.0);
        Arrays.fill(sig, 0.0);
        if (cf.forces != null) {
            for (int a = 0; a < 3 * n; a++) {
                double res = F[a] - cf.forces[a];
                if (haveF) {
                    loss += cw * wt.force * res * res;
                    del[a] = 2 * cw * wt.force * res;
                }
                if (stats != null) stats[1] += res * res;
            }
            if (stats != null) stats[2] += n;
        }
        if (cf.virial != null) {
            for (int a = 0; a < 9; a++) {
                double res = W[a] - cf.virial[a];
                if (haveS) {
                    loss += cw * wt.stress / scale * res * res;
                    sig[a] = 2 * cw * wt.stress / scale * res;
                }
                if (stats != null) stats[3] += res * res;
            }
        }
        if (grad == null) return loss;
        boolean tangent = haveF || haveS;
        // pass 2: ∂L/∂θ = cE ∂E/∂θ − ∂(D_ṙE)/∂θ, ṙ_ij = δ_j − δ_i + Sᵀ r_ij
        double[] m = s.m, md = s.md, bq = s.bq, gf = s.gf, af = s.af, mo = s.mono, f = s.f, fp = s.fp;
        int stride = nP + 1;
        for (int i = 0; i < n; i++) {
            System.arraycopy(s.msite, i * nMom, m, 0, nMom); // pairs and moments kept from pass 1
            int ti = cf.type[i], p0 = cf.off[i], nn = cf.off[i + 1] - p0;
            Arrays.fill(g, 0.0);
            for (int q = 0; q < nScalar; q++) g[map[q]] += sp[off + c + q];
            Arrays.fill(md, 0.0);
            Arrays.fill(bq, 0.0);
            if (tangent) {
                for (int nb = 0; nb < nn; nb++) {
                    int p = p0 + nb, j = cf.nbr[p];
                    double d = cf.dist[p], ux = cf.ux[p], uy = cf.uy[p], uz = cf.uz[p];
                    double rx = d * ux, ry = d * uy, rz = d * uz;
                    double vx = del[3 * j] - del[3 * i] + sig[0] * rx + sig[3] * ry + sig[6] * rz;
                    double vy = del[3 * j + 1] - del[3 * i + 1] + sig[1] * rx + sig[4] * ry + sig[7] * rz;
                    double vz = del[3 * j + 2] - del[3 * i + 2] + sig[2] * rx + sig[5] * ry + sig[8] * rz;
                    double rd = ux * vx + uy * vy + uz * vz, id = 1.0 / d;
                    s.rdot[nb] = rd;
                    double wx = (vx - ux * rd) * id, wy = (vy - uy * rd) * id, wz = (vz - uz * rd) * id;
                    s.udx[nb] = wx; s.udy[nb] = wy; s.udz[nb] = wz;
                    int fo = p * k, mb = p * stride;
                    // tangent of the used monomials, ∇_û P · u̇, stored in gm temporarily
                    for (int u = 0; u < nU; u++) {
                        s.gm[u] = uA[u] * mo[mb + uLx[u]] * wx + uB[u] * mo[mb + uLy[u]] * wy + uC[u] * mo[mb + uLz[u]] * wz;
                    }
                    for (int b = 0; b < nBasic; b++) {
                        int mu = bMu[b];
                        md[b] += fp[fo + mu] * rd * mo[mb + bP[b]] + f[fo + mu] * s.gm[bU[b]];
                    }
                }
                for (int t = 0; t < nTimes; t++) md[tK[t]] += tMult[t] * (md[tI[t]] * m[tJ[t]] + m[tI[t]] * md[tJ[t]]);
                // reverse over (m, ṁ): g = ∂Ė/∂ṁ = ∂V/∂m, bq = ∂Ė/∂m
                for (int t = nTimes - 1; t >= 0; t--) {
                    double gk = g[tK[t]], bk = bq[tK[t]];
                    if (gk == 0 && bk == 0) continue;
                    double mu = tMult[t];
                    int a = tI[t], b = tJ[t];
                    g[a] += mu * gk * m[b];
                    g[b] += mu * gk * m[a];
                    bq[a] += mu * (bk * m[b] + gk * md[b]);
                    bq[b] += mu * (bk * m[a] + gk * md[a]);
                }
            } else {
                adjoint(m, g);
            }
            // radial coefficients: (cE H_μ − A_μ) Q_β − H_μ ṙ dQ_β
            for (int nb = 0; nb < nn; nb++) {
                int p = p0 + nb, mb = p * stride;
                Arrays.fill(gf, 0.0);
                Arrays.fill(af, 0.0);
                if (tangent) {
                    double wx = s.udx[nb], wy = s.udy[nb], wz = s.udz[nb];
                    for (int u = 0; u < nU; u++) {
                        s.gm[u] = uA[u] * mo[mb + uLx[u]] * wx + uB[u] * mo[mb + uLy[u]] * wy + uC[u] * mo[mb + uLz[u]] * wz;
                    }
                    for (int b = 0; b < nBasic; b++) {
                        double P = mo[mb + bP[b]];
                        gf[bMu[b]] += g[b] * P;
                        af[bMu[b]] += bq[b] * P + g[b] * s.gm[bU[b]];
                    }
                } else {
                    for (int b = 0; b < nBasic; b++) gf[bMu[b]] += g[b] * mo[mb + bP[b]];
                }
                double rd = tangent ? s.rdot[nb] : 0;
                int base = (ti * c + cf.type[cf.nbr[p]]) * k * r, qo = p * r;
                for (int mu = 0; mu < k; mu++) {
                    double cq = cE * gf[mu] - af[mu], cd = -gf[mu] * rd;
                    int o = base + mu * r;
                    for (int b = 0; b < r; b++) grad[o + b] += cq * cf.q[qo + b] + cd * cf.dq[qo + b];
                }
            }
            grad[off + ti] += cE;
            for (int q = 0; q < nScalar; q++) grad[off + c + q] += cE * m[map[q]] - md[map[q]];
        }
        return loss;
    }

    /**
     * Adds the weighted normal equations AᵀWA, AᵀWb of the linear parameters (species, moment; nl = C + nScalar) of
     * one configuration: energy row = species counts and Σ_i B_q, force and virial rows from ∂B_q/∂r_ij, which come
     * from the adjoints G_qb = ∂B_q/∂m_b (one reverse pass per basis function) times the per-pair ∂m_b/∂r_ij.
     */
    void linearNormal(Scratch s, Frozen cf, double cw, Weights wt, double[] A, double[] B) {
        int n = cf.n, nl = c + nScalar;
        s.ensureConfig(cf);
        boolean haveF = cf.forces != null && wt.force > 0, haveS = cf.virial != null && wt.stress > 0;
        double[] eRow = new double[nl];
        double[] fr = haveF ? new double[nScalar * 3 * n] : null; // [q][3n]
        double[] wr = haveS ? new double[nScalar * 9] : null;
        double[] G = new double[dep.length], jb = new double[3 * nBasic];
        double[] dq = new double[3 * nScalar];
        int stride = nP + 1;
        for (int i = 0; i < n; i++) {
            forward(s, cf, i);
            eRow[cf.type[i]] += 1;
            for (int q = 0; q < nScalar; q++) eRow[c + q] += s.m[map[q]];
            if (!haveF && !haveS) continue;
            for (int q = 0; q < nScalar; q++) {
                Arrays.fill(s.g, 0.0);
                s.g[map[q]] = 1;
                adjoint(s.m, s.g);
                for (int e = depOff[q]; e < depOff[q + 1]; e++) G[e] = s.g[dep[e]];
            }
            int p0 = cf.off[i], nn = cf.off[i + 1] - p0;
            for (int nb = 0; nb < nn; nb++) {
                int p = p0 + nb, j = cf.nbr[p], fo = p * k, mb = p * stride;
                double d = cf.dist[p], id = 1.0 / d, ux = cf.ux[p], uy = cf.uy[p], uz = cf.uz[p];
                for (int b = 0; b < nBasic; b++) {
                    int mu = bMu[b], u = bU[b];
                    double fv = s.f[fo + mu], P = s.mono[mb + bP[b]];
                    // ∂(f P)/∂r = f' P û + f (∇_û P − ν P û)/r
                    double along = s.fp[fo + mu] * P - fv * uDeg[u] * P * id;
                    jb[3 * b] = ux * along + fv * uA[u] * s.mono[mb + uLx[u]] * id;
                    jb[3 * b + 1] = uy * along + fv * uB[u] * s.mono[mb + uLy[u]] * id;
                    jb[3 * b + 2] = uz * along + fv * uC[u] * s.mono[mb + uLz[u]] * id;
                }
                for (int q = 0; q < nScalar; q++) {
                    double ax = 0, ay = 0, az = 0;
                    for (int e = depOff[q]; e < depOff[q + 1]; e++) {
                        double gq = G[e];
                        int b3 = 3 * dep[e];
                        ax += gq * jb[b3]; ay += gq * jb[b3 + 1]; az += gq * jb[b3 + 2];
                    }
                    dq[3 * q] = ax; dq[3 * q + 1] = ay; dq[3 * q + 2] = az;
                }
                double rx = d * ux, ry = d * uy, rz = d * uz;
                for (int q = 0; q < nScalar; q++) {
                    double gx = dq[3 * q], gy = dq[3 * q + 1], gz = dq[3 * q + 2];
                    if (haveF) {
                        int o = q * 3 * n;
                        fr[o + 3 * i] += gx; fr[o + 3 * i + 1] += gy; fr[o + 3 * i + 2] += gz;
                        fr[o + 3 * j] -= gx; fr[o + 3 * j + 1] -= gy; fr[o + 3 * j + 2] -= gz;
                    }
                    if (haveS) {
                        int o = q * 9;
                        wr[o] -= rx * gx; wr[o + 1] -= rx * gy; wr[o + 2] -= rx * gz;
                        wr[o + 3] -= ry * gx; wr[o + 4] -= ry * gy; wr[o + 5] -= ry * gz;
                        wr[o + 6] -= rz * gx; wr[o + 7] -= rz * gy; wr[o + 8] -= rz * gz;
                    }
                }
            }
        }
        double scale = Math.pow(n, wt.weightScaling);
        if (cf.energy != null && wt.energy > 0) addRow(A, B, eRow, cf.energy, cw * wt.energy / scale, nl);
        double[] row = new double[nl];
        if (haveF) {
            for (int a = 0; a < 3 * n; a++) {
                for (int q = 0; q < nScalar; q++) row[c + q] = fr[q * 3 * n + a];
                addRow(A, B, row, cf.forces[a], cw * wt.force, nl);
            }
        }
        if (haveS) {
            for (int a = 0; a < 9; a++) {
                for (int q = 0; q < nScalar; q++) row[c + q] = wr[q * 9 + a];
                addRow(A, B, row, cf.virial[a], cw * wt.stress / scale, nl);
            }
        }
    }

    private static void addRow(double[] A, double[] B, double[] row, double target, double w, int nl) {
        for (int a = 0; a < nl; a++) {
            double ra = row[a] * w;
            if (ra == 0) continue;
            B[a] += ra * target;
            for (int b = 0; b < nl; b++) A[a * nl + b] += ra * row[b];
        }
    }
}
