package dev.vigil.driver.nbiot;

import java.util.concurrent.atomic.AtomicLong;

/** What the AT engine counted since start; read by health, written by the engine. */
final class AtCounters {
    final AtomicLong commands = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong resyncs = new AtomicLong();
    final AtomicLong garbledLines = new AtomicLong();
    final AtomicLong strayLines = new AtomicLong();
    final AtomicLong urcs = new AtomicLong();
}
