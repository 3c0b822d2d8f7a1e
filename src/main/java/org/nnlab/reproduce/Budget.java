package org.nnlab.reproduce;

/**
 * How much of a report to rerun: {@link #DEFAULT}, a documented shorter budget (fewer epochs, fewer
 * rows) that finishes in minutes on a laptop, or {@link #FULL}, the report's own, which can take hours.
 */
public enum Budget {
    DEFAULT, FULL
}
