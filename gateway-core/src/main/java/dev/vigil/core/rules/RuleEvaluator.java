package dev.vigil.core.rules;

import dev.vigil.core.model.Reading;
import java.time.Instant;
import java.util.List;

/** Evaluates one rule of one sensor; reports condition changes into {@code out}. */
interface RuleEvaluator {

    void onReading(Reading reading, Instant now, List<ConditionChange> out);

    /** Called periodically, so delays and timeouts elapse without new readings. */
    void onTick(Instant now, List<ConditionChange> out);

    /** Whether this evaluator owns {@code key}. */
    boolean owns(AlarmKey key);

    /** Marks the condition of {@code key} as holding (an alarm restored after a restart). */
    void assumeActive(AlarmKey key, Instant now);
}
