package org.scalebridge.learn.reference;

import org.scalebridge.core.ScaleBridgeException;

import java.nio.file.Path;

/** A reference calculation failed; carries the job folder and the tail of its log. */
public class ReferenceException extends ScaleBridgeException {
    private final Path jobDir;
    private final String logTail;

    public ReferenceException(String message) { this(message, null, null, null); }

    public ReferenceException(String message, Path jobDir, String logTail, Throwable cause) {
        super(message + (jobDir == null ? "" : " (job " + jobDir + ")")
                + (logTail == null || logTail.isBlank() ? "" : "\n--- log tail ---\n" + logTail), cause);
        this.jobDir = jobDir;
        this.logTail = logTail;
    }

    /** The job folder, or null. */
    public Path jobDir() { return jobDir; }
    /** Last lines of the job log, or null. */
    public String logTail() { return logTail; }
}
