package org.scalebridge.ui.viewer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The software view of the atomistic viewer painted into a plain ARGB {@code int[]} raster, so that it can run on a
 * background thread (the FX thread only copies the finished pixels into its image). Same picture as a Canvas would
 * give: cell edges, then depth-sorted (painter's algorithm, far first) translucent polyhedron triangles, shaded atom
 * discs (radial-gradient sprites with an anti-aliased rim, cached per colour and pixel radius) and half-bonds in the
 * colour of their atom; yellow rings around picked atoms.
 *
 * <p>Not thread-safe: one instance per render thread (the sprite cache is reused between frames).
 */
final class SoftwareRaster {
    static final int BACKGROUND = 0xff1e2228, CELL = 0xff8a94a6, PICK_RING = 0xffffff00;

    private final Map<Long, int[]> sprites = new HashMap<>();
    private final Map<Color, Integer> bondColours = new HashMap<>();
    private int[] px;
    private int w, h;

    /** The view of one frame: the 3×4 model→screen matrix (rows x, y, depth), pixel scale and picked atoms. */
    record View(double[] m, double scale, double zoomFactor, int width, int height, int[] picks, Color highlight) {}

    /** Paints {@code model} as seen through {@code v}; returns a new w·h ARGB raster (opaque). */
    int[] paint(ViewerModel model, View v) {
        w = v.width();
        h = v.height();
        px = new int[w * h];
        Arrays.fill(px, BACKGROUND);
        if (model == null) return px;
        double[] t = v.m();
        double mxx = t[0], mxy = t[1], mxz = t[2], tx = t[3];
        double myx = t[4], myy = t[5], myz = t[6], ty = t[7];
        double mzx = t[8], mzy = t[9], mzz = t[10], tz = t[11];
        double scale = v.scale(), zf = v.zoomFactor();
        double cellWidth = Math.max(1, zf);
        double[] e = model.cellEdges;
        for (int k = 0; k < e.length / 6; k++) {
            int o = 6 * k;
            line(mxx * e[o] + mxy * e[o + 1] + mxz * e[o + 2] + tx, myx * e[o] + myy * e[o + 1] + myz * e[o + 2] + ty,
                    mxx * e[o + 3] + mxy * e[o + 4] + mxz * e[o + 5] + tx, myx * e[o + 3] + myy * e[o + 4] + myz * e[o + 5] + ty,
                    cellWidth, CELL);
        }
        int na = model.visible.length, nb = model.bondAtom.length, nt = model.polyCentreZ.length;
        double[] p = model.pos;
        int[] z = model.structure.atomicNumbers();
        double[] sx = new double[na + nb], sy = new double[na + nb], sx2 = new double[nb], sy2 = new double[nb];
        long[] order = new long[na + nb + nt];
        for (int k = 0; k < na; k++) {
            double x = p[3 * k], y = p[3 * k + 1], zz = p[3 * k + 2];
            sx[k] = mxx * x + mxy * y + mxz * zz + tx;
            sy[k] = myx * x + myy * y + myz * zz + ty;
            double d = mzx * x + mzy * y + mzz * zz + tz;
            order[k] = (sortable(-d) << 32) | k;   // far (large depth) first
        }
        double[] b = model.bondSegs;
        for (int k = 0; k < nb; k++) {
            int o = 6 * k;
            sx[na + k] = mxx * b[o] + mxy * b[o + 1] + mxz * b[o + 2] + tx;
            sy[na + k] = myx * b[o] + myy * b[o + 1] + myz * b[o + 2] + ty;
            sx2[k] = mxx * b[o + 3] + mxy * b[o + 4] + mxz * b[o + 5] + tx;
            sy2[k] = myx * b[o + 3] + myy * b[o + 4] + myz * b[o + 5] + ty;
            double d = mzx * (b[o] + b[o + 3]) / 2 + mzy * (b[o + 1] + b[o + 4]) / 2 + mzz * (b[o + 2] + b[o + 5]) / 2 + tz;
            order[na + k] = (sortable(-d + 1e-3) << 32) | (na + k);
        }
        double[] tri = model.polyTris;
        double[] txs = new double[3 * nt], tys = new double[3 * nt];
        for (int q = 0; q < nt; q++) {
            double d = 0;
            for (int c = 0; c < 3; c++) {
                int o = 9 * q + 3 * c;
                txs[3 * q + c] = mxx * tri[o] + mxy * tri[o + 1] + mxz * tri[o + 2] + tx;
                tys[3 * q + c] = myx * tri[o] + myy * tri[o + 1] + myz * tri[o + 2] + ty;
                d += (mzx * tri[o] + mzy * tri[o + 1] + mzz * tri[o + 2] + tz) / 3;
            }
            order[na + nb + q] = (sortable(-d) << 32) | (na + nb + q);
        }
        Arrays.sort(order);
        Map<Integer, Integer> polyFill = new HashMap<>();
        for (int zc : model.polyCentreZ) polyFill.computeIfAbsent(zc, q -> {
            Color c = model.speciesColor.get(q);
            return argb(Color.color(c.getRed(), c.getGreen(), c.getBlue(), model.settings.polyhedraOpacity));
        });
        double bondWidth = Math.max(1.0, 0.18 * scale);
        Color[] byAtom = new Color[na];
        for (int k = 0; k < na; k++) byAtom[k] = model.selected[k] ? v.highlight() : model.color(k);
        int[] picks = v.picks();
        for (long o : order) {
            int k = (int) (o & 0xffffffffL);
            if (k >= na + nb) {
                int q = k - na - nb;
                triangle(txs[3 * q], tys[3 * q], txs[3 * q + 1], tys[3 * q + 1], txs[3 * q + 2], tys[3 * q + 2],
                        polyFill.get(model.polyCentreZ[q]));
            } else if (k < na) {
                int i = model.visible[k];
                int r = (int) Math.max(1, Math.round(model.radius.get(z[i]) * scale));
                if (sx[k] < -r || sy[k] < -r || sx[k] > w + r || sy[k] > h + r) continue;
                blit(sprite(byAtom[k], r), 2 * r, (int) Math.round(sx[k] - r), (int) Math.round(sy[k] - r));
                for (int pk : picks) if (pk == i) ring(sx[k], sy[k], r + 2.5, PICK_RING);
            } else {
                int q = k - na;
                line(sx[k], sy[k], sx2[q], sy2[q], bondWidth, bondColour(byAtom[model.bondAtom[q]]));
            }
        }
        return px;
    }

    private int bondColour(Color c) {
        return bondColours.computeIfAbsent(c, q -> argb(q.deriveColor(0, 0.8, 0.85, 1)));
    }

    static int argb(Color c) {
        return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }

    /**
     * A shaded disc of diameter 2r: radial gradient centred at (0.35, 0.35) of the box with radius 0.65 (stops:
     * 55% towards white, the colour at 0.55, twice darker at the rim), alpha = pixel coverage of the disc.
     */
    private int[] sprite(Color c, int r) {
        long key = ((long) r << 32) | (c.hashCode() & 0xffffffffL);
        int[] s = sprites.get(key);
        if (s != null) return s;
        int size = 2 * r;
        s = new int[size * size];
        Color hi = c.interpolate(Color.WHITE, 0.55), lo = c.darker().darker();
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
            double u = (x + 0.5) / size, vv = (y + 0.5) / size;
            double dc = Math.hypot(x + 0.5 - r, y + 0.5 - r);
            double cover = Math.min(1, Math.max(0, r - dc + 0.5));
            if (cover <= 0) continue;
            double g = Math.min(1, Math.hypot(u - 0.35, vv - 0.35) / 0.65);
            Color col = g < 0.55 ? hi.interpolate(c, g / 0.55) : c.interpolate(lo, (g - 0.55) / 0.45);
            s[y * size + x] = ((int) Math.round(cover * 255) << 24) | (argb(col) & 0xffffff);
        }
        sprites.put(key, s);
        return s;
    }

    private void blit(int[] s, int size, int x0, int y0) {
        int xa = Math.max(0, x0), xb = Math.min(w, x0 + size), ya = Math.max(0, y0), yb = Math.min(h, y0 + size);
        for (int y = ya; y < yb; y++) {
            int so = (y - y0) * size - x0, po = y * w;
            for (int x = xa; x < xb; x++) {
                int c = s[so + x];
                int a = c >>> 24;
                if (a == 255) px[po + x] = c;
                else if (a != 0) px[po + x] = blend(px[po + x], c, a);
            }
        }
    }

    /** Source-over of colour c (its rgb) with alpha a (0..255) on an opaque destination pixel. */
    private static int blend(int dst, int c, int a) {
        int ia = 255 - a;
        int r = (((c >> 16) & 0xff) * a + ((dst >> 16) & 0xff) * ia + 127) / 255;
        int g = (((c >> 8) & 0xff) * a + ((dst >> 8) & 0xff) * ia + 127) / 255;
        int bl = ((c & 0xff) * a + (dst & 0xff) * ia + 127) / 255;
        return 0xff000000 | (r << 16) | (g << 8) | bl;
    }

    private void put(int x, int y, int c, int a) {
        if (x < 0 || y < 0 || x >= w || y >= h) return;
        int i = y * w + x;
        px[i] = a >= 255 ? c | 0xff000000 : blend(px[i], c, a);
    }

    /** A straight line of the given width: a span across the minor axis at every step along the major axis. */
    private void line(double x0, double y0, double x1, double y1, double width, int c) {
        if (!(Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1))) return;
        double lo = -width, hiX = w + width, hiY = h + width;
        if (Math.max(x0, x1) < lo || Math.min(x0, x1) > hiX || Math.max(y0, y1) < lo || Math.min(y0, y1) > hiY) return;
        int a = c >>> 24;
        double dx = x1 - x0, dy = y1 - y0;
        int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
        if (steps > 4 * (w + h)) return;   // degenerate projection far outside the view
        boolean alongX = Math.abs(dx) >= Math.abs(dy);
        int half0 = (int) Math.floor((width - 1) / 2), half1 = (int) Math.ceil((width - 1) / 2);
        for (int s = 0; s <= steps; s++) {
            double f = steps == 0 ? 0 : (double) s / steps;
            int x = (int) Math.floor(x0 + f * dx), y = (int) Math.floor(y0 + f * dy);
            if (alongX) for (int q = -half0; q <= half1; q++) put(x, y + q, c, a);
            else for (int q = -half0; q <= half1; q++) put(x + q, y, c, a);
        }
    }

    /** A one-pixel circle outline. */
    private void ring(double cx, double cy, double r, int c) {
        int n = Math.max(16, (int) Math.ceil(2 * Math.PI * r * 1.5));
        for (int q = 0; q < n; q++) {
            double ang = 2 * Math.PI * q / n;
            put((int) Math.floor(cx + r * Math.cos(ang)), (int) Math.floor(cy + r * Math.sin(ang)), c, 255);
        }
    }

    /** Fills a triangle (pixel centres inside, scanline) with a translucent colour. */
    private void triangle(double ax, double ay, double bx, double by, double cx, double cy, int c) {
        int a = c >>> 24;
        // sort by y
        if (ay > by) { double t = ax; ax = bx; bx = t; t = ay; ay = by; by = t; }
        if (by > cy) { double t = bx; bx = cx; cx = t; t = by; by = cy; cy = t; }
        if (ay > by) { double t = ax; ax = bx; bx = t; t = ay; ay = by; by = t; }
        int y0 = Math.max(0, (int) Math.ceil(ay - 0.5)), y1 = Math.min(h - 1, (int) Math.floor(cy - 0.5));
        for (int y = y0; y <= y1; y++) {
            double yc = y + 0.5;
            double xl = cy > ay ? ax + (cx - ax) * (yc - ay) / (cy - ay) : ax;   // long edge a→c
            double xr;
            if (yc < by) xr = by > ay ? ax + (bx - ax) * (yc - ay) / (by - ay) : bx;
            else xr = cy > by ? bx + (cx - bx) * (yc - by) / (cy - by) : bx;
            if (xl > xr) { double t = xl; xl = xr; xr = t; }
            int xa = Math.max(0, (int) Math.ceil(xl - 0.5)), xb = Math.min(w - 1, (int) Math.floor(xr - 0.5));
            int po = y * w;
            for (int x = xa; x <= xb; x++) px[po + x] = blend(px[po + x], c, a);
        }
    }

    /** Maps a double to an int whose signed order matches the double's order (for packing into a sort key). */
    static long sortable(double d) {
        int bits = Float.floatToIntBits((float) d);
        bits ^= (bits >> 31) & 0x7fffffff;
        return (bits ^ 0x80000000) & 0xffffffffL;
    }
}
