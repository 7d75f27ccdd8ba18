/*
 * Independent Modbus RTU master for the simulator's interoperability test, built on Debian's
 * libmodbus. Usage: libmodbus_master PORT BAUD PARITY(N|E|O)
 * Prints one line per step; the Java test compares them with the simulated device state.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <modbus.h>

static void print_regs(const char *what, const uint16_t *regs, int n) {
    printf("%s", what);
    for (int i = 0; i < n; i++) {
        printf(" %u", regs[i]);
    }
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT BAUD PARITY\n", argv[0]);
        return 2;
    }
    modbus_t *ctx = modbus_new_rtu(argv[1], atoi(argv[2]), argv[3][0], 8, 1);
    if (ctx == NULL || modbus_connect(ctx) == -1) {
        fprintf(stderr, "connect %s: %s\n", argv[1], modbus_strerror(errno));
        return 1;
    }
    modbus_set_response_timeout(ctx, 1, 0);
    uint16_t regs[16];

    modbus_set_slave(ctx, 1);
    if (modbus_read_registers(ctx, 0x004A, 10, regs) != 10) {
        printf("fc03 failed %s\n", modbus_strerror(errno));
    } else {
        print_regs("fc03 slave=1 start=0x004a", regs, 10);
    }
    if (modbus_write_register(ctx, 0x0056, 450) != 1) {
        printf("fc06 failed %s\n", modbus_strerror(errno));
    } else {
        printf("fc06 slave=1 0x0056=450 ok\n");
    }
    uint16_t alarms[2] = {600, 900};
    if (modbus_write_registers(ctx, 0x0057, 2, alarms) != 2) {
        printf("fc16 failed %s\n", modbus_strerror(errno));
    } else {
        printf("fc16 slave=1 0x0057=600,900 ok\n");
    }
    if (modbus_read_registers(ctx, 0x0100, 1, regs) == -1) {
        printf("fc03 slave=1 0x0100 exception %s\n", errno == EMBXILADD ? "EMBXILADD" : modbus_strerror(errno));
    }

    modbus_set_slave(ctx, 2);
    if (modbus_read_input_registers(ctx, 0x0002, 3, regs) != 3) {
        printf("fc04 failed %s\n", modbus_strerror(errno));
    } else {
        print_regs("fc04 slave=2 start=0x0002", regs, 3);
    }

    modbus_set_slave(ctx, 42);
    modbus_set_response_timeout(ctx, 0, 200000);
    if (modbus_read_registers(ctx, 0, 1, regs) == -1) {
        printf("fc03 slave=42 %s\n", errno == ETIMEDOUT ? "ETIMEDOUT" : modbus_strerror(errno));
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
