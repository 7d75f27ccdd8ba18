package dev.vigil.driver.nbiot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AT engine against a hand-written fake line: matching, URC routing, timeouts, resync. */
class AtEngineTest {

    private static final Duration T = Duration.ofMillis(300);
    private final FakeLine line = new FakeLine();
    private final List<Urc> urcs = new CopyOnWriteArrayList<>();
    private final AtEngine at = new AtEngine(line, urcs::add, Duration.ofMillis(100));

    @AfterEach
    void close() {
        at.close();
    }

    private void answer(String command, String raw) {
        var before = line.modem;
        line.modem = c -> c.equals(command) ? raw : before.apply(c);
    }

    @Test
    void information_lines_and_the_final_ok_belong_to_the_command() throws Exception {
        answer("AT+CSQ", "\r\n+CSQ:17,99\r\n\r\nOK\r\n");
        AtResponse r = at.execute("AT+CSQ", T);
        assertEquals(List.of("+CSQ:17,99"), r.lines());
        assertEquals(1, at.counters().commands.get());
    }

    @Test
    void cme_error_fails_the_command_with_its_code_port_and_command() {
        answer("AT+NSOCR=DGRAM,17,0,1", "\r\n+CME ERROR: 50\r\n");
        AtException.Error e = assertThrows(AtException.Error.class, () -> at.execute("AT+NSOCR=DGRAM,17,0,1", T));
        assertEquals(50, e.code());
        assertTrue(e.getMessage().contains("/dev/fake0") && e.getMessage().contains("AT+NSOCR"), e.getMessage());
        assertEquals(1, at.counters().errors.get());
    }

    @Test
    void a_urc_arriving_inside_a_response_goes_to_the_listener_not_the_command() throws Exception {
        answer("AT+CSQ", "\r\n+NSONMI:0,5\r\n\r\n+CSQ:17,99\r\n\r\n+NSOCLI:1\r\n\r\nOK\r\n");
        AtResponse r = at.execute("AT+CSQ", T);
        assertEquals(List.of("+CSQ:17,99"), r.lines());
        assertEquals(List.of(new Urc.DatagramArrived(0, 5), new Urc.SocketClosed(1)), urcs);
    }

    @Test
    void cereg_urc_is_told_apart_from_the_answer_to_cereg_query() throws Exception {
        answer("AT+CEREG?", "\r\n+CEREG:2\r\n\r\n+CEREG:1,1\r\n\r\nOK\r\n");
        AtResponse r = at.execute("AT+CEREG?", T);
        assertEquals(List.of("+CEREG:1,1"), r.lines());
        assertEquals(List.of(new Urc.Registration(2)), urcs);
    }

    @Test
    void urcs_between_commands_are_routed_to_every_listener() throws Exception {
        List<Urc> second = new CopyOnWriteArrayList<>();
        at.addUrcListener(u -> {
            throw new IllegalStateException("a buggy listener must not keep the others from their URCs");
        });
        at.addUrcListener(second::add);
        line.modemSends("\r\n+CEREG:1\r\n");
        line.modemSends("\r\n+CSCON:0\r\n");
        Await.until("two URCs routed", () -> second.size() == 2, urcs::toString);
        assertEquals(List.of(new Urc.Registration(1), new Urc.Connection(false)), urcs);
        assertEquals(urcs, second);
        assertEquals(0, at.counters().strayLines.get());
    }

    @Test
    void echo_of_the_command_is_not_an_information_line() throws Exception {
        answer("AT+CGSN=1", "AT+CGSN=1\r\r\n+CGSN:863703036312345\r\n\r\nOK\r\n");
        assertEquals(List.of("+CGSN:863703036312345"), at.execute("AT+CGSN=1", T).lines());
    }

    @Test
    void a_command_without_answer_times_out_and_the_next_one_resynchronises_first() throws Exception {
        long start = System.nanoTime();
        AtException.Timeout e = assertThrows(AtException.Timeout.class, () -> at.execute("AT+CGATT?", T));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 250 && tookMs < 2000, "timed out after " + tookMs + " ms");
        assertTrue(e.getMessage().contains("AT+CGATT?") && e.getMessage().contains("300 ms"), e.getMessage());
        assertEquals(1, at.counters().timeouts.get());

        answer("AT", "\r\nOK\r\n");
        answer("AT+CGATT?", "\r\n+CGATT:1\r\n\r\nOK\r\n");
        assertEquals(List.of("+CGATT:1"), at.execute("AT+CGATT?", T).lines());
        assertEquals(List.of("AT+CGATT?", "AT", "AT+CGATT?"), List.copyOf(line.written));
        assertEquals(1, at.counters().resyncs.get());
    }

    @Test
    void a_late_answer_of_a_timed_out_command_is_not_taken_for_the_next_commands_answer() throws Exception {
        assertThrows(AtException.Timeout.class, () -> at.execute("AT+CSQ", T));
        line.modemSends("\r\n+CSQ:5,99\r\n\r\nOK\r\n"); // too late
        answer("AT", "\r\nOK\r\n");
        answer("AT+CGPADDR", "\r\n+CGPADDR:0,10.45.12.7\r\n\r\nOK\r\n");
        assertEquals(List.of("+CGPADDR:0,10.45.12.7"), at.execute("AT+CGPADDR", T).lines());
    }

    @Test
    void garbage_on_the_line_is_counted_and_triggers_a_resync_before_the_next_command() throws Exception {
        line.modemSends("\u0000\u00ff\u00fe@@\r\n");
        Await.until("garbage counted", () -> at.counters().garbledLines.get() > 0, () -> "none");
        assertTrue(at.needsResync());
        answer("AT", "\r\nOK\r\n");
        answer("AT+CSQ", "\r\n+CSQ:17,99\r\n\r\nOK\r\n");
        assertEquals(List.of("+CSQ:17,99"), at.execute("AT+CSQ", T).lines());
        assertEquals(List.of("AT", "AT+CSQ"), List.copyOf(line.written));
        assertTrue(line.discards >= 1, "input discarded before the resync's AT");
    }

    @Test
    void garbage_inside_a_response_does_not_lose_the_response() throws Exception {
        answer("AT+CSQ", "\r\n\u0013\u0091\r\n+CSQ:17,99\r\n\r\nOK\r\n");
        assertEquals(List.of("+CSQ:17,99"), at.execute("AT+CSQ", T).lines());
        assertEquals(1, at.counters().garbledLines.get());
    }

    @Test
    void resync_gives_up_after_a_bounded_number_of_attempts_naming_the_port() {
        AtException e = assertThrows(AtException.class, at::resync);
        assertTrue(e.getMessage().contains("/dev/fake0") && e.getMessage().contains("5 attempts"), e.getMessage());
        assertEquals(AtEngine.RESYNC_ATTEMPTS, line.written.size());
    }
}
