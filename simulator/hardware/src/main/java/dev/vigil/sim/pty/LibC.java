package dev.vigil.sim.pty;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls a pseudo-terminal needs. termios is passed as an opaque buffer: Vigil only
 * ever calls tcgetattr / cfmakeraw / tcsetattr on it, so the struct layout (which differs between
 * x86-64, armhf and aarch64 glibc) never has to be spelled out in Java.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    /** Linux open(2) flags, identical on x86, x86-64, arm and aarch64. */
    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;

    int TCSANOW = 0;
    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    int EAGAIN = 11;
    int EINTR = 4;
    int EIO = 5;

    /** Larger than struct termios on every Linux ABI (60 bytes on glibc x86-64). */
    int TERMIOS_BUFFER_SIZE = 256;

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    int ptsname_r(int fd, byte[] buf, NativeLong buflen);

    int open(String path, int flags);

    int close(int fd);

    NativeLong read(int fd, byte[] buf, NativeLong count);

    NativeLong write(int fd, byte[] buf, NativeLong count);

    int poll(Pointer fds, NativeLong nfds, int timeoutMillis);

    int tcgetattr(int fd, Pointer termios);

    int tcsetattr(int fd, int optionalActions, Pointer termios);

    void cfmakeraw(Pointer termios);

    int cfsetispeed(Pointer termios, int speed);

    int cfsetospeed(Pointer termios, int speed);

    int cfgetospeed(Pointer termios);

    /** struct termios starts with tcflag_t (unsigned int) c_iflag, c_oflag, c_cflag on every Linux ABI. */
    int C_CFLAG_OFFSET = 8;
    /** c_cflag bits (asm-generic termbits, same on x86, arm, aarch64). */
    int CSIZE = 0x30;
    int CS7 = 0x20;
    int CS8 = 0x30;
    int CSTOPB = 0x40;
    int CREAD = 0x80;
    int PARENB = 0x100;
    int PARODD = 0x200;
    int CLOCAL = 0x800;

    int tcflush(int fd, int queueSelector);

    String strerror(int errnum);
}
