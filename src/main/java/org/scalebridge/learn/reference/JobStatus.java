package org.scalebridge.learn.reference;

/** State of a reference job, as written to its status file. */
public enum JobStatus {
    /** Folder created, inputs written, waiting for a worker. */
    QUEUED,
    /** Being computed (a folder left in this state after a crash is stale and can be resubmitted). */
    RUNNING,
    /** Finished; the result file holds the numbers. */
    DONE,
    /** Failed; the status message and the log say why. Never used for training. */
    FAILED,
    /** Cancelled by the user. */
    CANCELLED
}
