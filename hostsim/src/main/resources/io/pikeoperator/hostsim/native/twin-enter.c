/*
 * twin-enter: runs one command of a simulated host inside its own root, with no network.
 *
 *   twin-enter HOSTDIR HOSTNAME SOCKET PROGRAM [ARGS...]
 *
 * HOSTDIR holds the host: root/ (its file system), usr/upper and usr/work (its changes to /usr), twin/ (the shim
 * binary and the modelled /proc files). New mount, network (loopback only, down), PID, UTS and IPC namespaces;
 * /usr is an overlay of the machine's /usr (never written) and the host's own usr/upper, so packages can lay
 * down files there; the machine's /etc/alternatives bound read-only (so awk and friends resolve); a /dev of its
 * own with a new devpts instance (so `script` can give a command a terminal); a fresh /proc
 * with the host's modelled cpuinfo and meminfo bound over it; twin/ bound at /.twin and the model's unix SOCKET
 * (kept at a short path outside, for the 108-byte limit) at /.twin/sock; hostname set; chroot into root/;
 * capabilities that could undo the sandbox dropped. The environment is passed through unchanged: the twin
 * builds it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>

static void die(const char *what, const char *arg) {
    fprintf(stderr, "twin-enter: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
    _exit(125);
}

static void path(char *buf, size_t n, const char *a, const char *b) {
    if ((size_t) snprintf(buf, n, "%s%s", a, b) >= n) {
        errno = ENAMETOOLONG;
        die("path", b);
    }
}

static void bind(const char *src, const char *dst, int readonly) {
    if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) != 0) die("bind", dst);
    if (readonly && mount(NULL, dst, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, NULL) != 0) die("remount ro", dst);
}

static void touch(const char *p) {
    int fd = open(p, O_CREAT | O_WRONLY, 0644);
    if (fd < 0) die("create", p);
    close(fd);
}

static void drop_capabilities(void) {
    /* Keep root's file powers (chown, modes) but nothing that could undo the sandbox. */
    int drop[] = {CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_CHROOT, CAP_SYS_PTRACE, CAP_SYS_MODULE,
                  CAP_SYS_RAWIO, CAP_SYS_BOOT, CAP_SYS_TIME, CAP_MKNOD, CAP_SETPCAP, CAP_MAC_ADMIN, CAP_BPF,
                  CAP_PERFMON, CAP_SYSLOG, CAP_SYS_RESOURCE};
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &hdr, data) != 0) die("capget", NULL);
    for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
        prctl(PR_CAPBSET_DROP, drop[i], 0, 0, 0);
        data[drop[i] / 32].effective &= ~(1u << (drop[i] % 32));
        data[drop[i] / 32].permitted &= ~(1u << (drop[i] % 32));
        data[drop[i] / 32].inheritable &= ~(1u << (drop[i] % 32));
    }
    if (syscall(SYS_capset, &hdr, data) != 0) die("capset", NULL);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static int wait_for(pid_t child) {
    int status;
    for (;;) {
        pid_t p = waitpid(-1, &status, 0);
        if (p < 0 && errno == EINTR) continue;
        if (p < 0) return 125;
        if (p == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: twin-enter HOSTDIR HOSTNAME SOCKET PROGRAM [ARGS...]\n");
        return 125;
    }
    const char *hostdir = argv[1], *hostname = argv[2], *sock = argv[3];
    char root[2048], twin[2048], p[4096], q[4096];
    path(root, sizeof root, hostdir, "/root");
    path(twin, sizeof twin, hostdir, "/twin");

    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC) != 0) die("unshare", NULL);
    pid_t init = fork();
    if (init < 0) die("fork", NULL);
    if (init > 0) return wait_for(init);

    /* PID 1 of the host's namespace: set up the root, then run the command as its child and reap. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("make private", "/");
    char options[8192];
    if ((size_t) snprintf(options, sizeof options, "lowerdir=/usr,upperdir=%s/usr/upper,workdir=%s/usr/work",
                          hostdir, hostdir) >= sizeof options) die("path", hostdir);
    path(p, sizeof p, root, "/usr");
    if (mount("overlay", p, "overlay", 0, options) != 0) die("mount overlay", p);
    path(p, sizeof p, root, "/.twin");
    bind(twin, p, 0);
    path(p, sizeof p, root, "/.twin/sock");
    touch(p);
    bind(sock, p, 0);
    struct stat st;
    path(p, sizeof p, root, "/etc/alternatives");
    if (stat("/etc/alternatives", &st) == 0) {
        if (mkdir(p, 0755) != 0 && errno != EEXIST) die("mkdir", p);
        bind("/etc/alternatives", p, 1);
    }
    path(p, sizeof p, root, "/dev");
    if (mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=1m") != 0) die("mount tmpfs", p);
    const char *devices[] = {"null", "zero", "full", "random", "urandom", "tty"};
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
        snprintf(q, sizeof q, "/dev/%s", devices[i]);
        snprintf(p, sizeof p, "%s/dev/%s", root, devices[i]);
        touch(p);
        bind(q, p, 0);
    }
    /* A private devpts instance: the host can open terminals of its own (script, expect), never the machine's. */
    snprintf(p, sizeof p, "%s/dev/pts", root);
    if (mkdir(p, 0755) != 0) die("mkdir", p);
    if (mount("devpts", p, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620") != 0)
        die("mount devpts", p);
    snprintf(p, sizeof p, "%s/dev/ptmx", root);
    if (symlink("pts/ptmx", p) != 0) die("symlink", p);
    snprintf(p, sizeof p, "%s/dev/fd", root);
    if (symlink("/proc/self/fd", p) != 0) die("symlink", p);
    const char *std[] = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/dev/%s", root, std[i]);
        snprintf(q, sizeof q, "/proc/self/fd/%d", i);
        if (symlink(q, p) != 0) die("symlink", p);
    }
    path(p, sizeof p, root, "/proc");
    if (mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) die("mount proc", p);
    const char *modelled[] = {"cpuinfo", "meminfo"};
    for (int i = 0; i < 2; i++) {
        snprintf(q, sizeof q, "%s/proc/%s", twin, modelled[i]);
        snprintf(p, sizeof p, "%s/proc/%s", root, modelled[i]);
        bind(q, p, 1);
    }
    if (sethostname(hostname, strlen(hostname)) != 0) die("sethostname", hostname);
    if (chroot(root) != 0) die("chroot", root);
    if (chdir("/root") != 0 && chdir("/") != 0) die("chdir", "/");
    drop_capabilities();

    pid_t cmd = fork();
    if (cmd < 0) die("fork", NULL);
    if (cmd == 0) {
        execv(argv[4], argv + 4);
        die("exec", argv[4]);
    }
    return wait_for(cmd);
}
