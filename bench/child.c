// The command every init runs in the benchmark. The benchmark talks to it only through the init, so
// every signal it counts and every orphan it reaps has passed through the init under test.
//
//   stdout  byte 0 once the signals below are blocked ("ready"), then one byte per signal received:
//           its number.
//   stdin   a line "N" starts a storm of N orphans. When the last of them has exited, stderr gets
//           "storm START_NS LAST_EXIT_NS" (CLOCK_MONOTONIC, which the benchmark reads too).
//   EOF on stdin: exit 0, which ends the init.
//
// Built by the benchmark at start: gcc -O2 -o bench/out/child bench/child.c
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) {
    perror(what);
    exit(1);
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// The standard signals the soak sends one at a time (they coalesce), and every real-time signal an
// init can forward (glibc keeps 32 and 33, and .NET's runtime keeps SIGRTMIN = 34).
static sigset_t echoed_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGHUP);
    for (int s = SIGRTMIN + 1; s <= SIGRTMAX; s++) sigaddset(&set, s);
    return set;
}

static void echo_signals(int sfd) {
    struct signalfd_siginfo info[64];
    ssize_t n = read(sfd, info, sizeof info);
    if (n < 0) die("read signalfd");
    for (size_t i = 0; i < (size_t)n / sizeof info[0]; i++) {
        unsigned char signo = (unsigned char)info[i].ssi_signo;
        if (write(STDOUT_FILENO, &signo, 1) != 1) die("write stdout");
    }
}

struct storm {
    int fd;            // read end of a pipe every orphan holds open until it exits; -1 when idle
    pid_t spawner;
    long long start_ns;
};

// The spawner forks N children that exit at once, then exits without waiting for them: they (zombies
// by then, most of them) are reparented to the init, which has to reap them all.
static void start_storm(struct storm *s, int orphans) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) die("pipe2");
    s->start_ns = now_ns();
    s->spawner = fork();
    if (s->spawner < 0) die("fork");
    if (s->spawner == 0) {
        close(pipe_fds[0]);
        for (int i = 0; i < orphans; i++) {
            pid_t pid = fork();
            if (pid == 0) _exit(0);
            if (pid < 0) {
                perror("fork orphan");
                break;
            }
        }
        _exit(0);
    }
    close(pipe_fds[1]);
    s->fd = pipe_fds[0];
}

// The pipe reaches EOF when the last orphan has exited (a process closes its descriptors on exit).
static void finish_storm(struct storm *s) {
    long long last_exit_ns = now_ns();
    waitpid(s->spawner, NULL, 0); // the spawner is our own child, not one of the orphans
    close(s->fd);
    s->fd = -1;
    fprintf(stderr, "storm %lld %lld\n", s->start_ns, last_exit_ns);
}

int main(void) {
    sigset_t set = echoed_signals();
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) die("sigprocmask");
    int sfd = signalfd(-1, &set, SFD_CLOEXEC);
    if (sfd < 0) die("signalfd");
    if (write(STDOUT_FILENO, "", 1) != 1) die("write ready");

    struct storm storm = {.fd = -1};
    char line[64];
    size_t used = 0;
    for (;;) {
        struct pollfd fds[3] = {
            {.fd = sfd, .events = POLLIN},
            {.fd = storm.fd, .events = POLLIN}, // poll skips it while it is -1
            {.fd = STDIN_FILENO, .events = POLLIN},
        };
        if (poll(fds, 3, -1) < 0) {
            if (errno == EINTR) continue;
            die("poll");
        }
        if (fds[0].revents) echo_signals(sfd);
        if (fds[1].revents) {
            char c;
            if (read(storm.fd, &c, 1) == 0) finish_storm(&storm);
        }
        if (fds[2].revents) {
            ssize_t n = read(STDIN_FILENO, line + used, sizeof line - 1 - used);
            if (n <= 0) return 0;
            used += (size_t)n;
            char *newline;
            while ((newline = memchr(line, '\n', used)) != NULL) {
                *newline = '\0';
                start_storm(&storm, atoi(line));
                used -= (size_t)(newline + 1 - line);
                memmove(line, newline + 1, used);
            }
        }
    }
}
