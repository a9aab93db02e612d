package org.scalebridge.ui.viewer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.AmbientLight;
import javafx.scene.ParallelCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SnapshotParameters;
import javafx.scene.SubScene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.paint.RadialGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Transform;
import javafx.scene.transform.Translate;

/**
 * The atomistic viewer. With hardware 3D (ConditionalFeature.SCENE3D) atoms are drawn as one {@link TriangleMesh} per
 * species (an icosahedral sphere per atom batched into the species' mesh, colours from a 256-entry palette texture so
 * per-atom property colouring needs no extra nodes), bonds and the cell box as two more meshes. Without 3D (software
 * pipeline, headless tests) the same view is painted on a {@link Canvas} with depth-sorted shaded sprites. Both paths
 * share one orthographic view transform, so picking (nearest atom under the cursor, front-most) is exact in both.
 */
public final class AtomViewer extends StackPane {
    private final boolean use3d;
    private final Pane host = new Pane();
    private Canvas canvas;
    private SubScene sub;
    private final Group world = new Group();
    private ViewerModel model;
    private double yaw = 30, pitch = -20, zoom = 20, panX, panY;
    private double pressX, pressY, pressYaw, pressPitch, pressPanX, pressPanY;
    private boolean dragged;
    private Consumer<String> pickListener = s -> {};
    private int picked = -1;
    /** Picked atoms for measurements (structure indices, in pick order, at most 4). */
    private final java.util.List<Integer> picks = new java.util.ArrayList<>();
    private final Group pickGroup = new Group();
    private static final Color HIGHLIGHT = Color.web("#ffd21f");
    private final VBox colourBar = new VBox(2);
    private final Label status = new Label();
    private long lastRenderNs;
    private boolean needsFit;

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (needsFit && getWidth() > 0 && getHeight() > 0) { needsFit = false; fit(); updateView(); }
    }

    public AtomViewer() { this(Platform.isSupported(ConditionalFeature.SCENE3D) && !Boolean.getBoolean("scalebridge.viewer.canvas")); }

    public AtomViewer(boolean use3d) {
        this.use3d = use3d;
        setId("atom-viewer");
        getStyleClass().add("atom-viewer");
        setMinSize(100, 100);
        if (use3d) {
            sub = new SubScene(world, 400, 300, true, SceneAntialiasing.BALANCED);
            sub.setCamera(new ParallelCamera());
            sub.setFill(Color.web("#1e2228"));
            sub.widthProperty().bind(widthProperty());
            sub.heightProperty().bind(heightProperty());
            host.getChildren().add(sub);
        } else {
            canvas = new Canvas(400, 300);
            canvas.widthProperty().bind(widthProperty());
            canvas.heightProperty().bind(heightProperty());
            host.getChildren().add(canvas);
            canvas.widthProperty().addListener(o -> render());
            canvas.heightProperty().addListener(o -> render());
            sceneProperty().addListener((o, a, b) -> {
                if (a != null) a.removePostLayoutPulseListener(repaintIfShown);
                if (b != null) b.addPostLayoutPulseListener(repaintIfShown);
            });
        }
        colourBar.setPadding(new Insets(6));
        colourBar.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        colourBar.setVisible(false);
        colourBar.setId("colour-bar");
        status.setId("viewer-status");
        status.setTextFill(Color.web("#d8dde6"));
        status.setPadding(new Insets(6));
        StackPane.setAlignment(colourBar, Pos.TOP_RIGHT);
        StackPane.setAlignment(status, Pos.BOTTOM_LEFT);
        getChildren().addAll(host, colourBar, status);
        setStyle("-fx-background-color: #1e2228;");
        setOnMousePressed(e -> {
            pressX = e.getX(); pressY = e.getY(); pressYaw = yaw; pressPitch = pitch; pressPanX = panX; pressPanY = panY;
            dragged = false;
        });
        setOnMouseDragged(e -> {
            double dx = e.getX() - pressX, dy = e.getY() - pressY;
            if (Math.abs(dx) + Math.abs(dy) > 3) dragged = true;
            if (e.isSecondaryButtonDown() || e.isShiftDown()) { panX = pressPanX + dx; panY = pressPanY + dy; }
            else { yaw = pressYaw + dx * 0.5; pitch = Math.max(-89, Math.min(89, pressPitch - dy * 0.5)); }
            updateView();
        });
        setOnMouseClicked(e -> { if (!dragged) pick(e.getX(), e.getY(), e.isShiftDown() || e.isControlDown() || e.isShortcutDown()); });
        setOnScroll(e -> { zoom *= Math.exp(e.getDeltaY() * 0.002); updateView(); });
    }

    /** Ids of the mesh nodes of the 3D scene (one per species, bonds, cell, polyhedra, pick marks); empty in 2D. */
    public java.util.List<String> meshIds() {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(world.getChildren());
        while (!todo.isEmpty()) {
            javafx.scene.Node n = todo.poll();
            if (n instanceof MeshView) out.add(n.getId());
            if (n instanceof javafx.scene.Parent p) todo.addAll(p.getChildrenUnmodifiable());
        }
        return out;
    }

    /** True when the GPU 3D path is used (false: software canvas path). */
    public boolean is3d() { return use3d; }

    /** Called with a one-line description of the picked atom. */
    public void setOnPick(Consumer<String> l) { pickListener = l; }

    public ViewerModel model() { return model; }

    public int pickedIndex() { return picked; }

    /** Shows a prepared model (FX thread); the view is fitted to the cell on the first model. */
    public void setModel(ViewerModel m) {
        // fit on the first model and when the replica counts change (the displayed box grows or shrinks)
        boolean first = model == null || !Arrays.equals(model.settings.replicas, m.settings.replicas);
        model = m;
        if (first) { fit(); needsFit = getWidth() <= 0; }
        if (use3d) rebuildMeshes();
        updateColourBar();
        picks.removeIf(i -> i >= m.structure.size());
        if (picked >= m.structure.size()) picked = -1;
        if (use3d) rebuildPickMarks();
        StringBuilder st = new StringBuilder(String.format(Locale.ROOT, "%d atoms shown of %d · %d half-bonds", m.visible.length,
                m.structure.size(), m.bondAtom.length));
        if (m.polyhedra > 0) st.append(String.format(Locale.ROOT, " · %d polyhedra", m.polyhedra));
        if (m.selectedCount >= 0) st.append(String.format(Locale.ROOT, " · %d selected", m.selectedCount));
        st.append(use3d ? " · 3D" : " · software view");
        status.setText(st.toString());
        updateView();
    }

    /** Scales the view so the cell fills the pane. */
    public void fit() {
        if (model == null) return;
        double[] c = model.centre;   // centre of the displayed (replicated) box = half its body diagonal
        double diag = 2 * Math.sqrt(sq(c[0]) + sq(c[1]) + sq(c[2]));
        double w = getWidth() > 0 ? getWidth() : 800, ht = getHeight() > 0 ? getHeight() : 600;
        zoom = 0.85 * Math.min(w, ht) / Math.max(1, diag);
        panX = panY = 0;
    }

    /** Sets the camera angles (degrees). */
    public void setView(double yawDeg, double pitchDeg) { yaw = yawDeg; pitch = pitchDeg; updateView(); }

    private static double sq(double x) { return x * x; }

    /** The model→screen transform (orthographic). */
    public Transform viewTransform(double w, double h, double zoomFactor) {
        double[] c = model == null ? new double[3] : model.centre;
        return new Translate(w / 2 + panX * zoomFactor, h / 2 + panY * zoomFactor)
                .createConcatenation(new Scale(zoom * zoomFactor, zoom * zoomFactor, zoom * zoomFactor))
                .createConcatenation(new Rotate(pitch, Rotate.X_AXIS))
                .createConcatenation(new Rotate(yaw, Rotate.Y_AXIS))
                .createConcatenation(new Translate(-c[0], -c[1], -c[2]));
    }

    private void updateView() {
        if (use3d) {
            world.getTransforms().setAll(new Affine(viewTransform(getWidth(), getHeight(), 1)));
        } else {
            render();
        }
    }

    /** Milliseconds of the last software frame's draw calls (canvas path). */
    public double lastRenderMs() { return lastRenderNs * 1e-6; }

    /**
     * Repaints the software view (FX thread). A viewer that is not showing (a background tab following a live run)
     * only marks itself dirty and paints on the first pulse in which it is visible again.
     */
    public void render() {
        if (canvas == null) return;
        if (!showing()) { dirty = true; return; }
        dirty = false;
        long t0 = System.nanoTime();
        paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), 1);
        lastRenderNs = System.nanoTime() - t0;
    }

    private boolean dirty;
    private final Runnable repaintIfShown = () -> { if (dirty && showing()) render(); };

    /** Visible in a window: every ancestor visible (TabPane hides unselected tabs' content). */
    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) return false;
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    private final Map<Long, Image> sprites = new HashMap<>();

    private Image sprite(Color c, int px) {
        long key = ((long) px << 32) | (c.hashCode() & 0xffffffffL);
        return sprites.computeIfAbsent(key, k -> {
            int size = Math.max(2, px * 2);
            Canvas cv = new Canvas(size, size);
            GraphicsContext g = cv.getGraphicsContext2D();
            g.setFill(new RadialGradient(0, 0, 0.35, 0.35, 0.65, true, CycleMethod.NO_CYCLE,
                    new Stop(0, c.interpolate(Color.WHITE, 0.55)), new Stop(0.55, c), new Stop(1, c.darker().darker())));
            g.fillOval(0, 0, size, size);
            SnapshotParameters sp = new SnapshotParameters();
            sp.setFill(Color.TRANSPARENT);
            return cv.snapshot(sp, null);
        });
    }

    private void paint(GraphicsContext g, double w, double h, double zf) {
        g.setFill(Color.web("#1e2228"));
        g.fillRect(0, 0, w, h);
        if (model == null) return;
        Transform t = viewTransform(w, h, zf);
        double mxx = t.getMxx(), mxy = t.getMxy(), mxz = t.getMxz(), tx = t.getTx();
        double myx = t.getMyx(), myy = t.getMyy(), myz = t.getMyz(), ty = t.getTy();
        double mzx = t.getMzx(), mzy = t.getMzy(), mzz = t.getMzz(), tz = t.getTz();
        double scale = zoom * zf;
        // cell box first (thin lines, behind everything is good enough for orientation)
        g.setStroke(Color.web("#8a94a6"));
        g.setLineWidth(Math.max(1, zf));
        double[] e = model.cellEdges;
        for (int k = 0; k < 12; k++) {
            int o = 6 * k;
            g.strokeLine(mxx * e[o] + mxy * e[o + 1] + mxz * e[o + 2] + tx, myx * e[o] + myy * e[o + 1] + myz * e[o + 2] + ty,
                    mxx * e[o + 3] + mxy * e[o + 4] + mxz * e[o + 5] + tx, myx * e[o + 3] + myy * e[o + 4] + myz * e[o + 5] + ty);
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
            order[k] = (sortable(-d) << 32) | k;   // far (large z) first
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
            for (int v = 0; v < 3; v++) {
                int o = 9 * q + 3 * v;
                txs[3 * q + v] = mxx * tri[o] + mxy * tri[o + 1] + mxz * tri[o + 2] + tx;
                tys[3 * q + v] = myx * tri[o] + myy * tri[o + 1] + myz * tri[o + 2] + ty;
                d += (mzx * tri[o] + mzy * tri[o + 1] + mzz * tri[o + 2] + tz) / 3;
            }
            order[na + nb + q] = (sortable(-d) << 32) | (na + nb + q);
        }
        Arrays.sort(order);
        double[] xs3 = new double[3], ys3 = new double[3];
        Map<Integer, Color> polyFill = new HashMap<>();
        for (int zc : model.polyCentreZ) polyFill.computeIfAbsent(zc, q -> {
            Color c = model.speciesColor.get(q);
            return Color.color(c.getRed(), c.getGreen(), c.getBlue(), model.settings.polyhedraOpacity);
        });
        g.setLineWidth(Math.max(1.0, 0.18 * scale));
        Color[] byAtom = new Color[na];
        for (int k = 0; k < na; k++) byAtom[k] = model.selected[k] ? HIGHLIGHT : model.color(k);
        for (long o : order) {
            int k = (int) (o & 0xffffffffL);
            if (k >= na + nb) {
                int q = k - na - nb;
                for (int v = 0; v < 3; v++) { xs3[v] = txs[3 * q + v]; ys3[v] = tys[3 * q + v]; }
                g.setFill(polyFill.get(model.polyCentreZ[q]));
                g.fillPolygon(xs3, ys3, 3);
            } else if (k < na) {
                int i = model.visible[k];
                int px = (int) Math.max(1, Math.round(model.radius.get(z[i]) * scale));
                if (sx[k] < -px || sy[k] < -px || sx[k] > w + px || sy[k] > h + px) continue;
                g.drawImage(sprite(byAtom[k], px), sx[k] - px, sy[k] - px);
                if (picks.contains(i)) {
                    g.setStroke(Color.YELLOW);
                    g.strokeOval(sx[k] - px - 2, sy[k] - px - 2, 2 * px + 4, 2 * px + 4);
                }
            } else {
                int q = k - na;
                g.setStroke(byAtom[model.bondAtom[q]].deriveColor(0, 0.8, 0.85, 1));
                g.strokeLine(sx[k], sy[k], sx2[q], sy2[q]);
            }
        }
    }

    /** Maps a double to an int whose signed order matches the double's order (for packing into a sort key). */
    private static long sortable(double d) {
        int bits = Float.floatToIntBits((float) d);
        bits ^= (bits >> 31) & 0x7fffffff;
        return (bits ^ 0x80000000) & 0xffffffffL;
    }

    /** Picks the front-most visible atom whose disc contains the screen point; returns its index or -1. */
    public int pick(double x, double y) { return pick(x, y, false); }

    /**
     * Picks the front-most atom under the screen point; with {@code add} it is appended to the picked atoms (up to
     * 4: distance, angle, dihedral, all minimum-image), otherwise it replaces them. Returns the atom index or -1.
     */
    public int pick(double x, double y, boolean add) {
        if (model == null) return -1;
        Transform t = viewTransform(getWidth(), getHeight(), 1);
        double[] p = model.pos;
        int[] z = model.structure.atomicNumbers();
        int best = -1;
        double bestDepth = Double.POSITIVE_INFINITY;
        for (int k = 0; k < model.visible.length; k++) {
            int i = model.visible[k];
            var s = t.transform(p[3 * k], p[3 * k + 1], p[3 * k + 2]);
            double r = model.radius.get(z[i]) * zoom;
            double dx = s.getX() - x, dy = s.getY() - y;
            if (dx * dx + dy * dy <= r * r && s.getZ() < bestDepth) { bestDepth = s.getZ(); best = i; }
        }
        picked = best;
        if (!add) picks.clear();
        if (best >= 0) {
            if (!picks.contains(best)) picks.add(best);
            while (picks.size() > 4) picks.remove(0);
            String m = measurement();
            pickListener.accept(describe(best) + (m.isEmpty() ? "" : "   |   " + m));
        } else if (!add) pickListener.accept("");
        if (use3d) rebuildPickMarks(); else render();
        return best;
    }

    /** Picks atoms by index (as a user's clicks would), e.g. from the inspector or a test. */
    public void setPicks(int... atoms) {
        picks.clear();
        for (int a : atoms) picks.add(a);
        picked = atoms.length == 0 ? -1 : atoms[atoms.length - 1];
        if (picked >= 0) {
            String m = measurement();
            pickListener.accept(describe(picked) + (m.isEmpty() ? "" : "   |   " + m));
        }
        if (use3d) rebuildPickMarks(); else render();
    }

    /** The picked atoms (structure indices, in pick order). */
    public int[] picks() { return picks.stream().mapToInt(Integer::intValue).toArray(); }

    /** Distance / angle / dihedral of the picked atoms (minimum image), or "" for fewer than two. */
    public String measurement() { return model == null ? "" : Measure.describe(model.structure, picks()); }

    /** Index, species, position and (in property mode) the value of atom i. */
    public String describe(int i) {
        double[] p = model.structure.positions();
        String s = String.format(Locale.ROOT, "atom %d  %s  at (%.3f, %.3f, %.3f) Å  ·  %s", i, model.structure.symbol(i),
                p[3 * i], p[3 * i + 1], p[3 * i + 2], neighbours(i));
        if (model.settings.property != null)
            s += String.format(Locale.ROOT, "  %s = %.4g", model.settings.property, ViewerModel.property(model.structure, model.settings.property, i));
        return s;
    }

    /** Bonded neighbours of atom i (per the model's pair cutoffs, minimum image), e.g. "6 nb: C 1.92, C 1.93 …". */
    public String neighbours(int i) {
        double[] p = model.structure.positions(), d = new double[3];
        int[] z = model.structure.atomicNumbers();
        java.util.List<double[]> found = new java.util.ArrayList<>();
        for (int j = 0; j < model.structure.size(); j++) {
            if (j == i) continue;
            double rc = model.cutoff(z[i], z[j]);
            if (rc <= 0) rc = 3.5;   // ions without bonds (Na): list the first shell
            for (int c = 0; c < 3; c++) d[c] = p[3 * j + c] - p[3 * i + c];
            double r2 = model.structure.cell().minimumImage(d);
            if (r2 <= rc * rc && r2 > 1e-6) found.add(new double[] {Math.sqrt(r2), j});
        }
        found.sort((a, b) -> Double.compare(a[0], b[0]));
        StringBuilder sb = new StringBuilder(found.size() + " neighbours");
        for (int q = 0; q < Math.min(8, found.size()); q++)
            sb.append(q == 0 ? ": " : ", ").append(model.structure.symbol((int) found.get(q)[1]))
                    .append((int) found.get(q)[1]).append(String.format(Locale.ROOT, " %.2f", found.get(q)[0]));
        if (found.size() > 8) sb.append(", …");
        return sb.toString();
    }

    private void updateColourBar() {
        colourBar.getChildren().clear();
        if (model == null || model.settings.property == null || !(model.propMax >= model.propMin)) { colourBar.setVisible(false); return; }
        Canvas bar = new Canvas(18, 160);
        GraphicsContext g = bar.getGraphicsContext2D();
        for (int y = 0; y < 160; y++) {
            g.setFill(model.settings.colorMap.at(1 - y / 159.0));
            g.fillRect(0, y, 18, 1);
        }
        Label top = new Label(String.format(Locale.ROOT, "%.4g", model.propMax)), bot = new Label(String.format(Locale.ROOT, "%.4g", model.propMin));
        Label name = new Label(model.settings.property);
        for (Label l : new Label[] {top, bot, name}) l.setTextFill(Color.web("#d8dde6"));
        colourBar.getChildren().addAll(name, top, bar, bot);
        colourBar.setVisible(true);
    }

    /** Renders the current view into an image of w × h pixels (for PNG export at print resolution). */
    public WritableImage exportImage(int w, int h) {
        double zf = Math.min(w / Math.max(1, getWidth()), h / Math.max(1, getHeight()));
        if (!use3d) {
            Canvas c = new Canvas(w, h);
            paint(c.getGraphicsContext2D(), w, h, zf);
            return c.snapshot(null, null);
        }
        SnapshotParameters sp = new SnapshotParameters();
        sp.setTransform(new Scale(zf, zf));
        return sub.snapshot(sp, new WritableImage(w, h));
    }

    // ---------------------------------------------------------------- 3D meshes

    /** Above this many displayed atoms the 3D path draws octahedral instead of icosahedral atoms. */
    public static final int LOD_ATOMS = 20_000;
    private static final float[] OCT_V = {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1};
    private static final int[] OCT_F = {0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5};
    private static final float[] ICO_V;
    private static final int[] ICO_F;
    static {
        double t = (1 + Math.sqrt(5)) / 2;
        double[][] v = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t}, {0, -1, -t}, {0, 1, -t},
                {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
        ICO_V = new float[36];
        for (int i = 0; i < 12; i++) {
            double n = Math.sqrt(v[i][0] * v[i][0] + v[i][1] * v[i][1] + v[i][2] * v[i][2]);
            for (int d = 0; d < 3; d++) ICO_V[3 * i + d] = (float) (v[i][d] / n);
        }
        ICO_F = new int[] {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
                3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
    }

    /** Builds one TriangleMesh per species (icosahedral atoms), one for bonds and one for the cell; returns face count. */
    public int rebuildMeshes() {
        world.getChildren().clear();
        int faces = 0;
        double[] p = model.pos;
        int[] z = model.structure.atomicNumbers();
        Map<Integer, int[]> bySpecies = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k < model.visible.length; k++) counts.merge(z[model.visible[k]], 1, Integer::sum);
        for (var e : counts.entrySet()) bySpecies.put(e.getKey(), new int[e.getValue()]);
        Map<Integer, Integer> fill = new HashMap<>();
        for (int k = 0; k < model.visible.length; k++) {
            int zi = z[model.visible[k]];
            int f = fill.merge(zi, 1, Integer::sum) - 1;
            bySpecies.get(zi)[f] = k;
        }
        for (var e : bySpecies.entrySet()) {
            int[] ks = e.getValue();
            float r = (float) (double) model.radius.get(e.getKey());
            TriangleMesh m = new TriangleMesh();
            // level of detail: above LOD_ATOMS displayed atoms (a few pixels each) octahedra (8 faces) replace the
            // icosahedra (20 faces); measured: 32k atoms = 1.09 M → 0.70 M triangles with the bonds
            boolean coarse = model.visible.length > LOD_ATOMS;
            float[] sv = coarse ? OCT_V : ICO_V;
            int[] sf = coarse ? OCT_F : ICO_F;
            int nv = sv.length / 3, nf = sf.length / 3;
            float[] pts = new float[ks.length * 3 * nv];
            int[] fc = new int[ks.length * 6 * nf];
            float[] tex = new float[512];
            for (int q = 0; q < 256; q++) { tex[2 * q] = (q + 0.5f) / 256f; tex[2 * q + 1] = 0.5f; }
            for (int a = 0; a < ks.length; a++) {
                int kk = ks[a];
                for (int v = 0; v < nv; v++) for (int d = 0; d < 3; d++) pts[3 * nv * a + 3 * v + d] = (float) p[3 * kk + d] + r * sv[3 * v + d];
                int ti = model.selected[kk] ? 255 : model.settings.property == null ? 0 : (int) Math.min(254, Math.max(0, model.t[kk] * 254));
                for (int f = 0; f < nf; f++) for (int c = 0; c < 3; c++) {
                    fc[6 * nf * a + 6 * f + 2 * c] = nv * a + sf[3 * f + c];
                    fc[6 * nf * a + 6 * f + 2 * c + 1] = ti;
                }
            }
            m.getPoints().setAll(pts);
            m.getTexCoords().setAll(tex);
            m.getFaces().setAll(fc);
            faces += ks.length * nf;
            PhongMaterial mat = new PhongMaterial();
            WritableImage pal = new WritableImage(256, 1);
            PixelWriter pw = pal.getPixelWriter();
            for (int q = 0; q < 256; q++) pw.setColor(q, 0, q == 255 ? HIGHLIGHT
                    : model.settings.property == null ? model.speciesColor.get(e.getKey()) : model.settings.colorMap.at(q / 254.0));
            mat.setDiffuseMap(pal);
            mat.setSpecularColor(Color.gray(0.3));
            MeshView mv = new MeshView(m);
            mv.setMaterial(mat);
            mv.setId("mesh-" + org.scalebridge.structure.Elements.symbol(e.getKey()));
            world.getChildren().add(mv);
        }
        world.getChildren().add(prisms(model.bondSegs, 0.12f, Color.web("#9aa3b0"), "bonds"));
        world.getChildren().add(prisms(model.cellEdges, 0.05f, Color.web("#c0c8d6"), "cell"));
        faces += (model.bondSegs.length / 6 + model.cellEdges.length / 6) * 6;
        // translucent polyhedra last, so they blend over the opaque atoms and bonds
        Map<Integer, Integer> triCount = new HashMap<>();
        for (int zc : model.polyCentreZ) triCount.merge(zc, 1, Integer::sum);
        for (var e : triCount.entrySet()) {
            int nt = e.getValue(), w = 0;
            float[] pts = new float[9 * nt];
            int[] fc = new int[6 * nt];
            for (int q = 0; q < model.polyCentreZ.length; q++) {
                if (model.polyCentreZ[q] != e.getKey()) continue;
                for (int c = 0; c < 9; c++) pts[9 * w + c] = (float) model.polyTris[9 * q + c];
                for (int v = 0; v < 3; v++) { fc[6 * w + 2 * v] = 3 * w + v; fc[6 * w + 2 * v + 1] = 0; }
                w++;
            }
            TriangleMesh m = new TriangleMesh();
            m.getPoints().setAll(pts);
            m.getTexCoords().setAll(0.5f, 0.5f);
            m.getFaces().setAll(fc);
            Color c = model.speciesColor.get(e.getKey());
            PhongMaterial mat = new PhongMaterial(Color.color(c.getRed(), c.getGreen(), c.getBlue(), model.settings.polyhedraOpacity));
            MeshView mv = new MeshView(m);
            mv.setMaterial(mat);
            mv.setCullFace(javafx.scene.shape.CullFace.NONE);
            mv.setId("poly-" + org.scalebridge.structure.Elements.symbol(e.getKey()));
            world.getChildren().add(mv);
            faces += nt;
        }
        world.getChildren().add(pickGroup);
        rebuildPickMarks();
        world.getChildren().addAll(new AmbientLight(Color.gray(0.45)), new PointLight(Color.gray(0.8)));
        return faces;
    }

    /** Wire-frame shells around every displayed copy of the picked atoms (3D path). */
    private void rebuildPickMarks() {
        pickGroup.getChildren().clear();
        if (model == null || picks.isEmpty()) return;
        int[] z = model.structure.atomicNumbers();
        java.util.List<Integer> ks = new java.util.ArrayList<>();
        for (int k = 0; k < model.visible.length; k++) if (picks.contains(model.visible[k])) ks.add(k);
        float[] pts = new float[36 * ks.size()];
        int[] fc = new int[120 * ks.size()];
        for (int a = 0; a < ks.size(); a++) {
            int k = ks.get(a);
            float r = (float) (1.3 * model.radius.get(z[model.visible[k]]));
            for (int v = 0; v < 12; v++) for (int d = 0; d < 3; d++) pts[36 * a + 3 * v + d] = (float) model.pos[3 * k + d] + r * ICO_V[3 * v + d];
            for (int f = 0; f < 20; f++) for (int c = 0; c < 3; c++) { fc[120 * a + 6 * f + 2 * c] = 12 * a + ICO_F[3 * f + c]; fc[120 * a + 6 * f + 2 * c + 1] = 0; }
        }
        TriangleMesh m = new TriangleMesh();
        m.getPoints().setAll(pts);
        m.getTexCoords().setAll(0.5f, 0.5f);
        m.getFaces().setAll(fc);
        MeshView mv = new MeshView(m);
        mv.setDrawMode(javafx.scene.shape.DrawMode.LINE);
        mv.setMaterial(new PhongMaterial(HIGHLIGHT));
        mv.setId("picks");
        pickGroup.getChildren().add(mv);
    }

    /** Segments (x0..z1 per 6 doubles) as thin triangular prisms in one mesh. */
    private static MeshView prisms(double[] seg, float radius, Color colour, String id) {
        int n = seg.length / 6;
        float[] pts = new float[n * 18];
        int[] fc = new int[n * 36];
        for (int k = 0; k < n; k++) {
            double dx = seg[6 * k + 3] - seg[6 * k], dy = seg[6 * k + 4] - seg[6 * k + 1], dz = seg[6 * k + 5] - seg[6 * k + 2];
            double len = Math.sqrt(dx * dx + dy * dy + dz * dz) + 1e-12;
            dx /= len; dy /= len; dz /= len;
            double ux = Math.abs(dx) < 0.9 ? 1 : 0, uy = Math.abs(dx) < 0.9 ? 0 : 1, uz = 0;
            double ax = dy * uz - dz * uy, ay = dz * ux - dx * uz, az = dx * uy - dy * ux;
            double an = Math.sqrt(ax * ax + ay * ay + az * az);
            ax /= an; ay /= an; az /= an;
            double bx = dy * az - dz * ay, by = dz * ax - dx * az, bz = dx * ay - dy * ax;
            for (int end = 0; end < 2; end++) for (int c = 0; c < 3; c++) {
                double ang = 2 * Math.PI * c / 3, ca = Math.cos(ang) * radius, sa = Math.sin(ang) * radius;
                int o = 18 * k + 9 * end + 3 * c;
                pts[o] = (float) (seg[6 * k + 3 * end] + ca * ax + sa * bx);
                pts[o + 1] = (float) (seg[6 * k + 3 * end + 1] + ca * ay + sa * by);
                pts[o + 2] = (float) (seg[6 * k + 3 * end + 2] + ca * az + sa * bz);
            }
            int v = 6 * k;
            int[] tri = {0, 1, 4, 0, 4, 3, 1, 2, 5, 1, 5, 4, 2, 0, 3, 2, 3, 5};
            for (int q = 0; q < 18; q++) { fc[36 * k + 2 * q] = v + tri[q]; fc[36 * k + 2 * q + 1] = 0; }
        }
        TriangleMesh m = new TriangleMesh();
        m.getPoints().setAll(pts);
        m.getTexCoords().setAll(0.5f, 0.5f);
        m.getFaces().setAll(fc);
        MeshView mv = new MeshView(m);
        mv.setMaterial(new PhongMaterial(colour));
        mv.setCullFace(javafx.scene.shape.CullFace.NONE);
        mv.setId(id);
        return mv;
    }
}
