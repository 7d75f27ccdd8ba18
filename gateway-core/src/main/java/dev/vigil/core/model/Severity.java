package dev.vigil.core.model;

/** How urgent an alarm is. Fire alarms (ALARM, CRITICAL) go before everything else. */
public enum Severity { INFO, WARNING, ALARM, CRITICAL }
