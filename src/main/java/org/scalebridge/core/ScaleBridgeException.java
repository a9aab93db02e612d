package org.scalebridge.core;

/** The project's base unchecked exception: a message a user can act on. */
public class ScaleBridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScaleBridgeException(String message) { super(message); }

    public ScaleBridgeException(String message, Throwable cause) { super(message, cause); }
}
