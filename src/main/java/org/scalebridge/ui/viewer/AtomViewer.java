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
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
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
 * per-atom property colouring needs no extra nodes), bonds and the cell box as two more meshes; the mesh arrays are
 * computed on a background render thread ({@link MeshParts}) and the FX thread only installs them. Without 3D
 * (software pipeline, headless tests) the same view is painted into a pixel raster with depth-sorted shaded sprites
 * ({@link SoftwareRaster}) on that render thread, and the FX thread only copies the finished pixels into an image.
 * Both paths coalesce requests (newest wins) and share one orthographic view transform, so picking (nearest atom
 * under the cursor, front-most) is exact in both.
 */
public final class AtomViewer extends StackPane {
    private final boolean use3d;
    private final Pane host = new Pane();
    /** Software path: the finished frame (painted off the FX thread by {@link SoftwareRaster}). */
    private ImageView image;
    /** Work of the background render thread for this viewer: at most one job waits, newer requests replace it. */
    private final LatestJob renderJob = new LatestJob();
    /** Ids of the newest requested and the newest installed frame or mesh set (FX thread). */
    private long requested, installed;
    private volatile long lastInstallNs;
    private long installedFrames;
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
    private volatile long lastRenderNs;
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
            image = new ImageView();
            image.setId("software-view");
            host.getChildren().add(image);
            widthProperty().addListener(o -> render());
            heightProperty().addListener(o -> render());
        }
        sceneProperty().addListener((o, a, b) -> {
            if (a != null) a.removePostLayoutPulseListener(repaintIfShown);
            if (b != null) b.addPostLayoutPulseListener(repaintIfShown);
        });
        colourBar.setPadding(new Insets(6));
        colourBar.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        colourBar.setVisible(false);
        colourBar.setId("colour-bar");
        status.setId("viewer-status");
        status.setStyle("-fx-text-fill: #d8dde6;");   // the view's background is dark in both themes (inline: beats theme CSS)
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
        if (use3d) requestMeshes();
        updateColourBar();
        picks.removeIf(i -> i >= m.structure.size());
        if (picked >= m.structure.size()) picked = -1;
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

    /** Milliseconds the render thread spent on the last software frame or 3D mesh arrays (off the FX thread). */
    public double lastRenderMs() { return lastRenderNs * 1e-6; }

    /** Number of software frames or 3D mesh sets put on screen so far (FX thread). */
    public long installedFrames() { return installedFrames; }

    /** Milliseconds the FX thread spent installing the last finished frame (pixel copy) or mesh set (node creation). */
    public double lastInstallMs() { return lastInstallNs * 1e-6; }

    /**
     * True when the newest requested frame (software) or mesh set (3D) is on screen: nothing is being painted or built
     * in the background and nothing waits to be installed (tests wait for this before a screenshot).
     */
    public boolean renderIdle() { return installed >= requested && renderJob.idle() && meshesPending == 0; }

    /**
     * Requests a repaint of the software view (FX thread). The frame is painted into a raster on the viewers' render
     * thread and the FX thread only copies the finished pixels into the image, so a 32k-atom frame never blocks a
     * pulse; requests made while a frame is being painted are coalesced into one (the newest view wins). A viewer
     * that is not showing (a background tab following a live run) only marks itself dirty and paints on the first
     * pulse in which it is visible again.
     */
    public void render() {
        if (image == null) return;
        if (!showing()) { dirty = true; return; }
        dirty = false;
        int w = (int) Math.ceil(getWidth()), h = (int) Math.ceil(getHeight());
        if (w <= 0 || h <= 0) return;
        SoftwareRaster.View v = view(w, h, 1);
        ViewerModel m = model;
        long id = ++requested;
        renderJob.submit(() -> {
            long t0 = System.nanoTime();
            int[] px;
            try {
                px = raster().paint(m, v);
            } catch (RuntimeException ex) {
                Platform.runLater(() -> installed = Math.max(installed, id));
                throw ex;
            }
            lastRenderNs = System.nanoTime() - t0;
            Platform.runLater(() -> installFrame(id, px, w, h));
        });
    }

    /**
     * FX thread: shows a finished frame (newer frames only). The raster is wrapped, not copied: a fresh image over a
     * {@link PixelBuffer} of the painted pixels (opaque, so ARGB and premultiplied ARGB coincide), whose texture upload
     * happens on the render thread; the FX thread's cost does not grow with the number of atoms or pixels.
     */
    private void installFrame(long id, int[] px, int w, int h) {
        if (id <= installed) return;
        long t0 = System.nanoTime();
        installed = id;
        installedFrames++;
        image.setImage(new WritableImage(new PixelBuffer<>(w, h, java.nio.IntBuffer.wrap(px), PixelFormat.getIntArgbPreInstance())));
        lastInstallNs = System.nanoTime() - t0;
    }

    /** The view of the current camera for a w × h raster (zoomFactor scales the picture for export). */
    private SoftwareRaster.View view(int w, int h, double zoomFactor) {
        Transform t = viewTransform(w, h, zoomFactor);
        double[] m = {t.getMxx(), t.getMxy(), t.getMxz(), t.getTx(), t.getMyx(), t.getMyy(), t.getMyz(), t.getTy(),
                t.getMzx(), t.getMzy(), t.getMzz(), t.getTz()};
        return new SoftwareRaster.View(m, zoom * zoomFactor, zoomFactor, w, h, picks(), HIGHLIGHT);
    }

    /** One raster per render thread (its sprite cache is reused between frames). */
    private static final ThreadLocal<SoftwareRaster> RASTERS = ThreadLocal.withInitial(SoftwareRaster::new);

    private static SoftwareRaster raster() { return RASTERS.get(); }

    private boolean dirty;
    private final Runnable repaintIfShown = () -> {
        if (dirty && showing()) { if (is3d()) requestMeshes(); else render(); }
    };

    /** Visible in a window: every ancestor visible (TabPane hides unselected tabs' content). */
    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) return false;
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
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
            int[] px = new SoftwareRaster().paint(model, view(w, h, zf));
            WritableImage img = new WritableImage(w, h);
            img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
            return img;
        }
        SnapshotParameters sp = new SnapshotParameters();
        sp.setTransform(new Scale(zf, zf));
        return sub.snapshot(sp, new WritableImage(w, h));
    }

    // ---------------------------------------------------------------- 3D meshes

    /** Above this many displayed atoms the 3D path draws octahedral instead of icosahedral atoms. */
    public static final int LOD_ATOMS = MeshParts.LOD_ATOMS;
    private static final float[] ICO_V = MeshParts.ICO_V;
    private static final int[] ICO_F = MeshParts.ICO_F;

    /**
     * 3D path: the mesh arrays of the current model are computed on the viewers' render thread ({@link MeshParts});
     * the FX thread then only wraps the finished arrays in TriangleMesh/MeshView nodes. Coalesced like the software
     * frames: a live run that delivers models faster than they are built skips the intermediate ones.
     */
    private void requestMeshes() {
        if (model == null) return;
        if (!showing()) { dirty = true; return; }   // a background tab builds its meshes when it is shown again
        dirty = false;
        ViewerModel m = model;
        long id = ++requested;
        renderJob.submit(() -> {
            long t0 = System.nanoTime();
            List<MeshParts.Part> parts;
            try {
                parts = MeshParts.build(m, HIGHLIGHT);
            } catch (RuntimeException ex) {
                Platform.runLater(() -> installed = Math.max(installed, id));
                throw ex;
            }
            lastRenderNs = System.nanoTime() - t0;
            Platform.runLater(() -> {
                if (id <= installed) return;
                installed = id;
                if (model == m) installInSteps(parts);   // else a newer model's meshes are on their way
            });
        });
    }

    /**
     * Installs finished mesh parts one per pulse (a 32k-atom view has ~0.7 M triangles; wrapping and syncing all of
     * them in one pulse took 60–100 ms of FX time): the new parts go into a hidden group, then replace the old ones at
     * once, so the picture never shows a half-built frame.
     */
    private void installInSteps(List<MeshParts.Part> parts) {
        if (installer != null) {   // one install at a time; the newest waiting set replaces an older waiting one
            if (waitingParts == null) meshesPending++;
            waitingParts = parts;
            return;
        }
        Group incoming = new Group();
        incoming.setVisible(false);
        world.getChildren().add(incoming);
        java.util.Iterator<MeshParts.Part> it = parts.iterator();
        installer = new javafx.animation.AnimationTimer() {
            @Override public void handle(long now) {
                long t0 = System.nanoTime();
                if (it.hasNext()) {
                    incoming.getChildren().add(meshView(it.next()));
                    lastInstallNs = Math.max(lastInstallNs, System.nanoTime() - t0);
                    return;
                }
                stop();
                installer = null;
                List<javafx.scene.Node> nodes = new java.util.ArrayList<>(incoming.getChildren());
                nodes.add(pickGroup);
                nodes.add(new AmbientLight(Color.gray(0.45)));
                nodes.add(new PointLight(Color.gray(0.8)));
                incoming.getChildren().clear();
                world.getChildren().setAll(nodes);
                rebuildPickMarks();
                installedFrames++;
                meshesPending--;
                List<MeshParts.Part> next = waitingParts;
                if (next != null) { waitingParts = null; meshesPending--; installInSteps(next); }
            }
        };
        meshesPending++;
        lastInstallNs = 0;
        installer.start();
    }

    private javafx.animation.AnimationTimer installer;
    private List<MeshParts.Part> waitingParts;
    private int meshesPending;

    /** Builds the meshes of the current model synchronously (FX thread; benchmarks); returns the triangle count. */
    public int rebuildMeshes() {
        return installMeshes(MeshParts.build(model, HIGHLIGHT));
    }

    /** FX thread: wraps finished mesh arrays in nodes and replaces the scene's content; returns the triangle count. */
    private int installMeshes(List<MeshParts.Part> parts) {
        long t0 = System.nanoTime();
        int faces = 0;
        List<javafx.scene.Node> nodes = new java.util.ArrayList<>();
        for (MeshParts.Part p : parts) {
            nodes.add(meshView(p));
            faces += p.triangles();
        }
        nodes.add(pickGroup);
        nodes.add(new AmbientLight(Color.gray(0.45)));
        nodes.add(new PointLight(Color.gray(0.8)));
        world.getChildren().setAll(nodes);
        rebuildPickMarks();
        lastInstallNs = System.nanoTime() - t0;
        return faces;
    }

    /** FX thread: one finished part as a MeshView. */
    private static MeshView meshView(MeshParts.Part p) {
        {
            TriangleMesh m = new TriangleMesh();
            m.getPoints().setAll(p.points());
            m.getTexCoords().setAll(p.tex());
            m.getFaces().setAll(p.faces());
            PhongMaterial mat;
            if (p.palette() != null) {
                mat = new PhongMaterial();
                WritableImage pal = new WritableImage(256, 1);
                pal.getPixelWriter().setPixels(0, 0, 256, 1, PixelFormat.getIntArgbInstance(), p.palette(), 0, 256);
                mat.setDiffuseMap(pal);
                mat.setSpecularColor(Color.gray(0.3));
            } else {
                mat = new PhongMaterial(p.colour());
            }
            MeshView mv = new MeshView(m);
            mv.setMaterial(mat);
            if (p.twoSided()) mv.setCullFace(javafx.scene.shape.CullFace.NONE);
            mv.setId(p.id());
            return mv;
        }
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
}
