package org.scalebridge.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.Node;

/**
 * Where further studio panes plug in (MSD/Arrhenius in ui.analysis, μ(x)/free energy in ui.thermo, P2D in ui.p2d):
 * register a factory under a menu title and the main window lists it in its "Panes" menu and opens it as a tab.
 * <pre>  PaneRegistry.register("Analysis ▸ MSD / Arrhenius", ctx -&gt; new MsdPane(ctx.project(), ctx.tasks()));</pre>
 */
public final class PaneRegistry {
    private static final Map<String, Function<StudioContext, Node>> PANES = new LinkedHashMap<>();

    private PaneRegistry() {}

    public static synchronized void register(String title, Function<StudioContext, Node> factory) { PANES.put(title, factory); }

    public static synchronized Map<String, Function<StudioContext, Node>> panes() { return new LinkedHashMap<>(PANES); }
}
