/*
 * twin-shim: a command of a simulated host that the twin's model answers (yum, systemctl, mysql, openstack, ...).
 * Installed as /.twin/bin/<name> (a symlink to this binary); talks to the model over /.twin/sock.
 *
 * Frames are: 1 type byte, 4-byte big-endian length, payload.
 *   to the model:   A arg (argv[0] first), E env entry, C cwd, T stdin is a terminal (payload "1" when isatty(0),
 *                   "0" otherwise; sent once, before G), G go, I stdin chunk, Z stdin closed
 *   from the model: O stdout chunk, R stderr chunk, S send your stdin, X exit status (4 bytes)
 * Stdin is read only when the model asks for it, so a command that ignores stdin never blocks on it. T lets the
 * model behave as programs that test isatty(0) do (osc-lib's password prompts refuse to read a pipe).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what) {
    fprintf(stderr, "twin-shim: %s: %s\n", what, strerror(errno));
    exit(126);
}

static void write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) die("write");
        p += w;
        n -= (size_t) w;
    }
}

static int read_all(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t) r;
    }
    return 0;
}

static void frame(int fd, char type, const void *payload, uint32_t n) {
    unsigned char head[5] = {(unsigned char) type, n >> 24, n >> 16, n >> 8, n};
    write_all(fd, head, 5);
    if (n > 0) write_all(fd, payload, n);
}

static void text(int fd, char type, const char *s) {
    frame(fd, type, s, (uint32_t) strlen(s));
}

int main(int argc, char **argv) {
    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    if (sock < 0) die("socket");
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strncpy(addr.sun_path, "/.twin/sock", sizeof addr.sun_path - 1);
    if (connect(sock, (struct sockaddr *) &addr, sizeof addr) != 0) die("connect /.twin/sock");

    for (int i = 0; i < argc; i++) text(sock, 'A', argv[i]);
    for (char **e = environ; *e; e++) text(sock, 'E', *e);
    char cwd[4096];
    text(sock, 'C', getcwd(cwd, sizeof cwd) ? cwd : "/");
    text(sock, 'T', isatty(0) ? "1" : "0");
    frame(sock, 'G', NULL, 0);

    static char buf[65536];
    for (;;) {
        unsigned char head[5];
        if (read_all(sock, head, 5) != 0) {
            fprintf(stderr, "twin-shim: the model closed the connection\n");
            return 126;
        }
        uint32_t n = (uint32_t) head[1] << 24 | (uint32_t) head[2] << 16 | (uint32_t) head[3] << 8 | head[4];
        char *payload = n <= sizeof buf ? buf : malloc(n);
        if (payload == NULL || (n > 0 && read_all(sock, payload, n) != 0)) die("read");
        switch (head[0]) {
            case 'O': write_all(1, payload, n); break;
            case 'R': write_all(2, payload, n); break;
            case 'S': {
                ssize_t r;
                while ((r = read(0, buf, sizeof buf)) != 0) {
                    if (r < 0 && errno == EINTR) continue;
                    if (r < 0) break;
                    frame(sock, 'I', buf, (uint32_t) r);
                }
                frame(sock, 'Z', NULL, 0);
                break;
            }
            case 'X':
                return n == 4 ? (int) ((unsigned char) payload[0] << 24 | (unsigned char) payload[1] << 16
                                       | (unsigned char) payload[2] << 8 | (unsigned char) payload[3]) : 126;
            default:
                fprintf(stderr, "twin-shim: unknown frame %c\n", head[0]);
                return 126;
        }
        if (payload != buf) free(payload);
    }
}
