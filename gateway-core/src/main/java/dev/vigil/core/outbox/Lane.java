package dev.vigil.core.outbox;

/**
 * The outbox's two lanes. Alarms are never evicted and always sent first; telemetry is bounded
 * by bytes and loses its oldest batches first.
 */
public enum Lane { ALARM, TELEMETRY }
