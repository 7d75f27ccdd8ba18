package dev.vigil.core.alarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the active alarms back from the outbox's persisted alarm state after a restart. */
public final class AlarmStateRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStateRestorer.class);

    private AlarmStateRestorer() {
    }

    /** The active alarms in the order they were raised; entries that cannot be read are named in a WARN. */
    public static List<ActiveAlarm> restore(Map<String, byte[]> state) {
        List<ActiveAlarm> alarms = new ArrayList<>(state.size());
        state.forEach((key, bytes) -> {
            try {
                alarms.add(ActiveAlarmCodec.decode(bytes));
            } catch (RuntimeException e) {
                LOG.warn("Cannot read persisted alarm state '{}': {}; that alarm is not restored", key, e.toString());
            }
        });
        alarms.sort(Comparator.comparingLong(ActiveAlarm::raisedSequence));
        return alarms;
    }
}
