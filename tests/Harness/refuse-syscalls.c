/* refuse-syscalls NAME=ERRNO[,NAME=ERRNO...] PROGRAM [ARG...]
 *
 * Runs PROGRAM under a seccomp filter that answers the named system calls with ERRNO (EPERM or
 * ENOSYS), as restrictive container profiles and sandboxes do. The filter is inherited by every
 * process PROGRAM starts. Raw BPF, so no libseccomp is needed. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "x86-64 and arm64 only"
#endif

static const struct { const char *name; long nr; } calls[] = {
    {"pidfd_open", __NR_pidfd_open},
    {"pidfd_send_signal", __NR_pidfd_send_signal},
    {"signalfd4", __NR_signalfd4},
    {"close_range", __NR_close_range},
    {"ppoll", __NR_ppoll},
    {"rt_sigtimedwait", __NR_rt_sigtimedwait},
    {"setgroups", __NR_setgroups},
    {"setresgid", __NR_setresgid},
    {"setresuid", __NR_setresuid},
    {"inotify_init1", __NR_inotify_init1},
    {"inotify_add_watch", __NR_inotify_add_watch},
    {"socket", __NR_socket},
#ifdef __NR_poll
    {"poll", __NR_poll},
#endif
};

static long lookup(const char *name) {
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        if (strcmp(calls[i].name, name) == 0) return calls[i].nr;
    return -1;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s NAME=EPERM|ENOSYS[,...] PROGRAM [ARG...]\n", argv[0]);
        return 2;
    }
    struct sock_filter filter[64];
    int n = 0;
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0);
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    for (char *rule = strtok(argv[1], ","); rule != NULL; rule = strtok(NULL, ",")) {
        char *eq = strchr(rule, '=');
        if (eq == NULL) { fprintf(stderr, "refuse-syscalls: '%s' is not NAME=ERRNO\n", rule); return 2; }
        *eq = '\0';
        long nr = lookup(rule);
        int err = strcmp(eq + 1, "EPERM") == 0 ? EPERM : strcmp(eq + 1, "ENOSYS") == 0 ? ENOSYS : 0;
        if (nr < 0 || err == 0 || n > 60) { fprintf(stderr, "refuse-syscalls: cannot refuse %s with %s\n", rule, eq + 1); return 2; }
        filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1);
        filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA));
    }
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog program = {.len = (unsigned short)n, .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) {
        perror("refuse-syscalls: seccomp");
        return 2;
    }
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    return 127;
}
