package dev.vigil.core.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the gateway's threads "vigil-&lt;role&gt;-&lt;n&gt;" so a thread dump (and the leak test) can tell them apart. */
final class NamedThreads implements ThreadFactory {

    static final String PREFIX = "vigil-";

    private final String role;
    private final AtomicInteger count = new AtomicInteger();

    NamedThreads(String role) {
        this.role = role;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, PREFIX + role + "-" + count.incrementAndGet());
        t.setDaemon(false);
        return t;
    }
}
