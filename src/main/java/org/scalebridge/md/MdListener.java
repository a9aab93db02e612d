package org.scalebridge.md;

/** Receives thermo samples of a running MD (e.g. the studio's live plots, throttled on their side). */
@FunctionalInterface
public interface MdListener {
    /** Called on the MD thread at every thermo stride; must be cheap. */
    void thermo(Thermo t);
}
