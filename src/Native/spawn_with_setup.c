// Starts a command that needs a setup posix_spawn has no attribute for: resource limits (--rlimit)
// and another user (--user). No managed code may run in a child forked from a multithreaded
// runtime (locks held by other threads, the GC). So, as glibc's posix_spawn does, the child is a
// clone(CLONE_VM|CLONE_VFORK) on a stack of its own, which shares the init's memory until execve and
// makes only raw system calls: glibc's setgroups/setresuid wrappers would signal every thread of the
// init (SIGSETXID) to change them all. The limits are set here, in the child, because the init keeps
// its own: a hard limit the init lowered on itself to spawn could never be raised again.
// Read by src/Native/SetupSpawn.cs; everything else (PATH search, the /bin/sh fallback, checking
// that each limit can be set) is C#. Runs that need no setup use posix_spawn.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

// One limit: the kernel's struct rlimit64 after the resource number (RLIMIT_*).
struct init_resource_limit {
    int32_t resource;
    uint64_t soft;
    uint64_t hard;
};

struct init_spawn_setup {
    const char* file;       // a path: the caller has searched PATH already
    char* const* argv;
    char* const* envp;
    const uint32_t* groups;
    const struct init_resource_limit* limits;
    uint64_t mask;          // bit n-1: signal n blocked when the command starts
    uint64_t ignored;       // bit n-1: signal n ignored; every other signal at its default
    uint32_t group_count;
    uint32_t limit_count;
    uint32_t uid;
    uint32_t gid;
    int32_t switch_user;    // 0: the ids stay the init's (groups, uid and gid are not read)
    int32_t tty;            // the terminal whose foreground the command's new group takes, or -1
    int32_t failed_step;    // out: which step failed (enum step), -1 for the parent's own
    int32_t error;          // out: that step's errno; 0 when execve succeeded
    int32_t failed_limit;   // out: with STEP_PRLIMIT, the index of the limit refused
};

// The offsets src/Native/SetupSpawn.cs declares (LayoutKind.Sequential on a 64-bit target).
_Static_assert(sizeof(struct init_resource_limit) == 24, "init_resource_limit: see SetupSpawn.cs");
_Static_assert(offsetof(struct init_spawn_setup, mask) == 40, "init_spawn_setup: see SetupSpawn.cs");
_Static_assert(offsetof(struct init_spawn_setup, failed_limit) == 88, "init_spawn_setup: see SetupSpawn.cs");
_Static_assert(sizeof(struct init_spawn_setup) == 96, "init_spawn_setup: see SetupSpawn.cs");

struct child_arguments {
    const struct init_spawn_setup* spawn;
    int report_fd;          // close-on-exec: end of file tells the parent that execve succeeded
};

// In the order the child takes them.
enum step { STEP_EXECVE, STEP_SETPGID, STEP_TCSETPGRP, STEP_PRLIMIT, STEP_SETGROUPS, STEP_SETRESGID, STEP_SETRESUID, STEP_CAPSET };

// The kernel's struct sigaction (x86-64 and arm64 alike), for the raw rt_sigaction.
struct kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

static _Noreturn void fail(const struct child_arguments* child, int step, int item) {
    int32_t report[3] = { step, errno, item };
    syscall(SYS_write, child->report_fd, report, sizeof report);
    _exit(127);
}

// Only raw system calls from here to execve (async-signal-safe, and no glibc state touched).
// Every signal is blocked on entry, so none can run a handler of the init's in this child.
static int child(void* argument) {
    const struct child_arguments* child = argument;
    const struct init_spawn_setup* spawn = child->spawn;
    for (int sig = 1; sig <= 64; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        struct kernel_sigaction action = { .handler = (spawn->ignored >> (sig - 1)) & 1 ? SIG_IGN : SIG_DFL };
        syscall(SYS_rt_sigaction, sig, &action, NULL, sizeof action.mask);
    }
    if (syscall(SYS_setpgid, 0, 0) != 0) fail(child, STEP_SETPGID, -1);
    // Still in the background here, but with SIGTTOU blocked the kernel lets tcsetpgrp through.
    if (spawn->tty >= 0) {
        pid_t group = (pid_t)syscall(SYS_getpid);
        if (syscall(SYS_ioctl, spawn->tty, TIOCSPGRP, &group) != 0) fail(child, STEP_TCSETPGRP, -1);
    }
    // Limits before the user switch, as runc sets them: raising a hard limit needs CAP_SYS_RESOURCE,
    // which leaving uid 0 drops, and RLIMIT_NPROC is then checked against the new user's processes.
    for (uint32_t i = 0; i < spawn->limit_count; i++) {
        const uint64_t limit[2] = { spawn->limits[i].soft, spawn->limits[i].hard };
        if (syscall(SYS_prlimit64, 0, spawn->limits[i].resource, limit, NULL) != 0) fail(child, STEP_PRLIMIT, (int)i);
    }
    if (spawn->switch_user) {
        // Groups first, then gid, then uid: after setresuid the right to change the others is gone.
        if (syscall(SYS_setgroups, spawn->group_count, spawn->groups) != 0) fail(child, STEP_SETGROUPS, -1);
        if (syscall(SYS_setresgid, spawn->gid, spawn->gid, spawn->gid) != 0) fail(child, STEP_SETRESGID, -1);
        if (syscall(SYS_setresuid, spawn->uid, spawn->uid, spawn->uid) != 0) fail(child, STEP_SETRESUID, -1);
        // Leaving uid 0 cleared the permitted, effective and ambient sets; `docker run --user` leaves a
        // non-root command the inheritable set empty too, so exec cannot regain capabilities from a file.
        if (spawn->uid != 0) {
            struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3 };
            struct __user_cap_data_struct sets[2];
            if (syscall(SYS_capget, &header, sets) != 0) fail(child, STEP_CAPSET, -1);
            if (sets[0].inheritable | sets[1].inheritable | sets[0].permitted | sets[1].permitted) {
                struct __user_cap_data_struct none[2] = { 0 };
                if (syscall(SYS_capset, &header, none) != 0) fail(child, STEP_CAPSET, -1);
            }
        }
    }
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &spawn->mask, NULL, sizeof spawn->mask);
    syscall(SYS_execve, spawn->file, spawn->argv, spawn->envp);
    fail(child, STEP_EXECVE, -1);
}

// Returns 0 with *pid set, or an errno: the parent's own (failed_step -1), or the child's failed step's.
// The child reports through a pipe rather than the memory it shares with the parent: a user-mode
// emulator (qemu-user, which runs the arm64 build in the tests) turns CLONE_VFORK into a plain fork.
int init_spawn_with_setup(struct init_spawn_setup* spawn, int32_t* pid) {
    spawn->failed_step = -1;
    spawn->error = 0;
    spawn->failed_limit = -1;
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return spawn->error = errno;
    const size_t stack_size = 64 * 1024;
    void* stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        spawn->error = errno;
        close(report[0]);
        close(report[1]);
        return spawn->error;
    }
    struct child_arguments arguments = { spawn, report[1] };
    // All signals blocked around the clone, glibc's internal ones included: a handler of the init
    // must not run on the child's stack, in memory the two share.
    uint64_t all = ~0ULL, old;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, sizeof all);
    int child_pid = clone(child, (char*)stack + stack_size, CLONE_VM | CLONE_VFORK | SIGCHLD, &arguments);
    int clone_error = errno;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, sizeof old);
    close(report[1]);
    if (child_pid < 0) {
        close(report[0]);
        munmap(stack, stack_size);
        return spawn->error = clone_error;
    }
    int32_t failure[3];
    ssize_t length;
    while ((length = read(report[0], failure, sizeof failure)) < 0 && errno == EINTR) {}
    close(report[0]);
    munmap(stack, stack_size);
    if (length == sizeof failure) {
        spawn->failed_step = failure[0];
        spawn->error = failure[1];
        spawn->failed_limit = failure[2];
        while (waitpid(child_pid, NULL, 0) < 0 && errno == EINTR) {}
        return spawn->error;
    }
    *pid = child_pid;
    return 0;
}
