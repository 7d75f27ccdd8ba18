package dev.vigil.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.SourceRef;
import dev.vigil.core.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data types, word orders, scaling and fault codes as a profile describes them. */
class PointDecodeTest {

    private static PointSpec point(DataType type, DataType.WordOrder order, double scale, Integer decimals, Integer decimalsRegister) {
        return new PointSpec("p", 10, 3, type, order, scale, decimals, decimalsRegister, null, null, "", Quantity.PHASE_CURRENT,
                true, null, null, Map.of(0xE5E5L, "sensor short"), new SourceRef("p.yaml", 3));
    }

    private static double value(PointSpec p, int... registers) {
        PointSpec.Decoded d = p.decode(registers, 10, Map.of());
        assertTrue(d.ok(), d.problem());
        return d.value();
    }

    @Test
    void sixteen_bit_types() {
        assertEquals(65535, value(point(DataType.U16, DataType.WordOrder.HIGH_FIRST, 1, null, null), 0xFFFF));
        assertEquals(-550, value(point(DataType.S16, DataType.WordOrder.HIGH_FIRST, 1, null, null), 0xFDDA));
        assertEquals(-5.5, value(point(DataType.S16, DataType.WordOrder.HIGH_FIRST, 0.1, null, null), -55 & 0xFFFF), 1e-9);
        assertEquals(12.34, value(point(DataType.U16, DataType.WordOrder.HIGH_FIRST, 1, 2, null), 1234), 1e-9);
    }

    @Test
    void thirty_two_bit_types_in_both_word_orders() {
        assertEquals(0x12345678L, (long) value(point(DataType.U32, DataType.WordOrder.HIGH_FIRST, 1, null, null), 0x1234, 0x5678));
        assertEquals(0x12345678L, (long) value(point(DataType.U32, DataType.WordOrder.LOW_FIRST, 1, null, null), 0x5678, 0x1234));
        assertEquals(-2, value(point(DataType.S32, DataType.WordOrder.HIGH_FIRST, 1, null, null), 0xFFFF, 0xFFFE));
        int bits = Float.floatToIntBits(230.5f);
        assertEquals(230.5, value(point(DataType.FLOAT32, DataType.WordOrder.HIGH_FIRST, 1, null, null), bits >>> 16, bits & 0xFFFF));
        assertEquals(230.5, value(point(DataType.FLOAT32, DataType.WordOrder.LOW_FIRST, 1, null, null), bits & 0xFFFF, bits >>> 16));
    }

    @Test
    void encoding_is_the_inverse_of_decoding() {
        assertArrayEquals(new int[] {0x5678, 0x1234}, DataType.U32.encode(0x12345678, DataType.WordOrder.LOW_FIRST).orElseThrow());
        assertArrayEquals(new int[] {0xFFFF, 0xFFFE}, DataType.S32.encode(-2, DataType.WordOrder.HIGH_FIRST).orElseThrow());
        assertFalse(DataType.S16.encode(40000, DataType.WordOrder.HIGH_FIRST).isPresent());
        assertFalse(DataType.U16.encode(-1, DataType.WordOrder.HIGH_FIRST).isPresent());
    }

    @Test
    void decimals_read_from_another_register() {
        // the pressure transmitter: value at 10, decimals at 9; raw 876 with 3 decimals = 0.876 m = 87.6 cm
        PointSpec p = new PointSpec("level", 10, 3, DataType.S16, DataType.WordOrder.HIGH_FIRST, 100, null, 9, null, null, "cm",
                Quantity.WATER_DEPTH, false, null, null, Map.of(), new SourceRef("p.yaml", 3));
        assertEquals(9, p.spanStart());
        assertEquals(10, p.spanEnd());
        assertEquals(87.6, p.decode(new int[] {3, 876}, 9, Map.of()).value(), 1e-9);
        assertEquals(876.0, p.decode(new int[] {2, 876}, 9, Map.of()).value(), 1e-9);
        assertFalse(p.decode(new int[] {12, 876}, 9, Map.of()).ok());
    }

    @Test
    void a_fault_code_is_reported_not_scaled() {
        PointSpec.Decoded d = point(DataType.U16, DataType.WordOrder.HIGH_FIRST, 1, null, null).decode(new int[] {0xE5E5}, 10, Map.of());
        assertEquals(0xE5E5, d.faultCode().orElseThrow());
        assertEquals("sensor short", d.problem());
        assertTrue(Double.isNaN(d.value()));
    }
}
