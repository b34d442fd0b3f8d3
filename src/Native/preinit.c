// What must happen before the .NET runtime starts (it starts in main and creates its threads
// there); everything else is C#. Read by src/Native/StartupState.cs.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct init_startup {
    uint64_t ignored;     // bit n-1: signal n was SIG_IGN when the init started
    uint64_t mask;        // bit n-1: signal n was blocked when the init started
    int32_t parent;       // getppid() at start
    int32_t sigrtmin_fd;  // read end: one byte per SIGRTMIN another process sent, -1 if none
    int32_t main_started; // set by the managed Main
    int32_t argc;         // argc as given
    char** arguments;     // argv as given: the command's argv is a tail of it, passed on without a copy
    char** environment;   // the environment as given, DOTNET_* and COMPlus_* included
};

// StartupState.cs reads this record with these offsets (its FieldOffset attributes): change both together.
_Static_assert(offsetof(struct init_startup, ignored) == 0 && offsetof(struct init_startup, mask) == 8 &&
               offsetof(struct init_startup, parent) == 16 && offsetof(struct init_startup, sigrtmin_fd) == 20 &&
               offsetof(struct init_startup, main_started) == 24 && offsetof(struct init_startup, argc) == 28 &&
               offsetof(struct init_startup, arguments) == 32 && offsetof(struct init_startup, environment) == 40 &&
               sizeof(struct init_startup) == 48, "struct init_startup no longer matches StartupState.Recorded");

static struct init_startup state = { .sigrtmin_fd = -1 };
static int sigrtmin_write_fd = -1;

struct init_startup* init_startup_state(void) { return &state; }

// The runtime's own SIGRTMIN handler (ActivationHandler, for the GC) passes on every SIGRTMIN
// that is not one of its thread activations (si_pid == getpid()) to the handler it replaced: this one.
static void relay_sigrtmin(int sig, siginfo_t* info, void* context) {
    (void)sig; (void)context;
    if (info->si_pid == getpid()) return;
    int saved = errno;
    // A full pipe (65536 unread) drops the signal, as a full real-time signal queue would.
    (void)!write(sigrtmin_write_fd, "", 1);
    errno = saved;
}

// A descriptor above 2, so that a closed stdin, stdout or stderr stays closed for the command.
static int above_std_fds(int fd) {
    if (fd < 0 || fd > 2) return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    close(fd);
    return moved;
}

// The runtime takes DOTNET_* and COMPlus_* settings from the environment. They are meant for a .NET
// app in the container, not for the init, and some stop it from starting at all (DbgEnableMiniDump
// in a static build). The runtime is not shown them; the command gets the environment as given,
// saved here first (unsetting drops only pointers: the strings, and /proc/self/environ, stay).
static void hide_runtime_settings(void) {
    extern char** environ;
    size_t count = 0;
    while (environ[count]) count++;
    char** saved = malloc((count + 1) * sizeof *saved);
    state.environment = environ; // without a copy, nothing is hidden: environ stays as given
    if (saved == NULL) return;
    memcpy(saved, environ, (count + 1) * sizeof *saved);
    state.environment = saved;
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (strncmp(environ[i], "DOTNET_", 7) != 0 && strncmp(environ[i], "COMPlus_", 8) != 0) environ[kept++] = environ[i];
    environ[kept] = NULL;
}

// One thread, like tini: a thread id is a number of the PID namespace (kill(tid, 0) succeeds,
// /proc/TID exists), and the runtime's finalizer thread would take the first free one after the
// init's, the number a pidfile from a run under tini names (6 under runc): PostgreSQL then refuses
// to start, "Is another postmaster (PID 6) running". The link (Init.csproj, --wrap) routes the
// runtime's call in RhInitializeFinalization (FinalizerHelpers.cpp) here: no thread, reported
// started. No finalizer ever runs; why the init never needs one is in README.md, "One thread".
bool __wrap__Z23PalStartFinalizerThreadPFjPvES_(uint32_t (*start)(void*), void* context) {
    (void)start; (void)context;
    return true;
}
// The runtime's own function, referenced so that the link fails if a runtime version renames it.
extern bool __real__Z23PalStartFinalizerThreadPFjPvES_(uint32_t (*)(void*), void*);
__attribute__((used)) static bool (*const runtime_finalizer_start)(uint32_t (*)(void*), void*) =
    __real__Z23PalStartFinalizerThreadPFjPvES_;

// The runtime turns every argument into a .NET string before Main (UTF-8 to UTF-16): with 100,000
// arguments, or megabytes of them, that was most of the init's start-up, for nothing. Main parses
// options only, and the command gets its argv from state.arguments, as the kernel gave it; so the
// runtime is shown argv up to the word after the first "--" (`docker run --init` runs `init --
// CMD...`) and no further. The link (Init.csproj, --wrap) routes the C start-up's call of main here.
int __real_main(int argc, char** argv);
int __wrap_main(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--") == 0) return __real_main(i + 2, argv);
    return __real_main(argc, argv);
}

static void check_runtime_started(void) {
    static const char message[] =
        "init: the .NET runtime could not start (out of memory? see RLIMIT_AS)\n";
    if (state.main_started) return;
    (void)!write(2, message, sizeof message - 1);
    _exit(1);
}

// glibc calls constructors with main's arguments (static builds too).
__attribute__((constructor(101))) static void init_before_runtime(int argc, char** argv) {
    state.argc = argc;
    state.arguments = argv;
    // Every signal the init reads from its signalfd is blocked before the runtime creates a thread,
    // so every thread inherits the mask. The twin of this list is SignalRoles.NotBlocked (C#);
    // SignalRolesTests fails when the two differ. KILL and STOP cannot be blocked; the runtime
    // needs the faults and SIGRTMIN; glibc keeps 32 and 33 for itself.
    const int not_blocked[] = { SIGKILL, SIGSTOP, SIGSEGV, SIGFPE, SIGBUS, SIGILL, SIGABRT,
                                SIGTRAP, SIGSYS, 32, 33, SIGRTMIN };
    sigset_t all, old;
    sigfillset(&all);
    for (unsigned i = 0; i < sizeof not_blocked / sizeof *not_blocked; i++) sigdelset(&all, not_blocked[i]);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    state.mask = *(uint64_t*)&old; // the kernel's layout: signal n is bit n-1 of the first word

    for (int sig = 1; sig <= 64; sig++) {
        struct sigaction action;
        if (sigaction(sig, NULL, &action) == 0 && action.sa_handler == SIG_IGN) state.ignored |= 1ULL << (sig - 1);
    }
    state.parent = getppid();

    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
        state.sigrtmin_fd = above_std_fds(fds[0]);
        sigrtmin_write_fd = above_std_fds(fds[1]);
        struct sigaction relay = { .sa_sigaction = relay_sigrtmin, .sa_flags = SA_SIGINFO | SA_RESTART };
        if (state.sigrtmin_fd >= 0 && sigrtmin_write_fd >= 0) sigaction(SIGRTMIN, &relay, NULL);
    }
    hide_runtime_settings();
    atexit(check_runtime_started);
}
