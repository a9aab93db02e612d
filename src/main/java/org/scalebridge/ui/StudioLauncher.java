package org.scalebridge.ui;

import javafx.application.Application;

/** Entry point of the desktop studio, called by {@code scalebridge studio} (by reflection, so the CLI needs no JavaFX). */
public final class StudioLauncher {
    private StudioLauncher() {}

    /** Starts the JavaFX application; returns when the last window closes. */
    public static void launch(String[] args) {
        Application.launch(StudioApp.class, args);
    }
}
