package dev.vigil.core.model;

/** The durable events an alarm goes through: RAISED, then optionally ACKED, then CLEARED. */
public enum AlarmTransition { RAISED, ACKED, CLEARED }
