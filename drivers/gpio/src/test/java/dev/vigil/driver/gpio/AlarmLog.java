package dev.vigil.driver.gpio;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/** The engine's "ALARM accepted ..." INFO lines (the contract tests parse), captured from logback. */
final class AlarmLog implements AutoCloseable {

    record Accepted(String alarmId, String transition, String sensor, String level) {
    }

    private static final Pattern LINE = Pattern.compile(
            "ALARM accepted seq=\\d+ id=(\\S+) transition=(\\S+) sensor=(\\S+) level=(\\S+)");
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.vigil.core.alarm.AlarmRecorder");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level before;

    AlarmLog() {
        before = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    List<Accepted> accepted() {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).map(LINE::matcher)
                    .filter(Matcher::matches).map(m -> new Accepted(m.group(1), m.group(2), m.group(3), m.group(4))).toList();
        }
    }

    long count(String transition, String level) {
        return accepted().stream().filter(a -> a.transition().equals(transition) && a.level().equals(level)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }
}
