#include "interrupt.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gcsim
{

namespace
{

// What the handler reads. Changed only with the handled signals blocked, so the handler
// (which runs on this thread: gcsim has no other) never sees a half-made change.
constexpr int kSlots = 256;
constexpr int kChildren = 2048;
constexpr int kHandled[] = {SIGINT, SIGTERM, SIGHUP, SIGABRT};
constexpr int kHandledCount = sizeof kHandled / sizeof kHandled[0];

struct Slot
{
    bool used;
    RemoveOnInterrupt::Kind kind;
    char path[PATH_MAX];
};

Slot g_slots[kSlots];
pid_t g_children[kChildren];
char g_note[2048];
int g_depth = 0;
struct sigaction g_saved[kHandledCount];

/// The signals that stop a run (SIGABRT is left alone: abort() must not be deferred).
sigset_t
Stopping()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

/// Runs \p change with the stopping signals (and SIGABRT) blocked.
template<typename F>
void
Guarded(F change)
{
    sigset_t set = Stopping();
    sigaddset(&set, SIGABRT);
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &set, &old);
    change();
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

// ---- In the handler: system calls only ------------------------------------------------

struct LinuxDirent64
{
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[1];
};

void
Write(const char* text)
{
    std::size_t n = 0;
    while (text[n])
    {
        ++n;
    }
    while (n > 0)
    {
        ssize_t w = ::write(STDERR_FILENO, text, n);
        if (w < 0 && errno == EINTR)
        {
            continue;
        }
        if (w <= 0)
        {
            return;
        }
        text += w;
        n -= std::size_t(w);
    }
}

/// Removes \p name in folder \p parent, a folder with everything below it.
void
RemoveTreeAt(int parent, const char* name, int depth)
{
    if (::unlinkat(parent, name, 0) == 0 || errno == ENOENT)
    {
        return;
    }
    int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
    {
        return;
    }
    // Entries removed while reading may shift the rest: read again until a pass finds none.
    for (int pass = 0; pass < 8 && depth < 32; ++pass)
    {
        bool found = false;
        ::lseek(fd, 0, SEEK_SET);
        alignas(8) char buf[4096];
        long n;
        while ((n = ::syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
        {
            for (long at = 0; at < n;)
            {
                auto* d = reinterpret_cast<LinuxDirent64*>(buf + at);
                at += d->reclen;
                if (std::strcmp(d->name, ".") != 0 && std::strcmp(d->name, "..") != 0)
                {
                    found = true;
                    RemoveTreeAt(fd, d->name, depth + 1);
                }
            }
        }
        if (!found)
        {
            break;
        }
    }
    ::close(fd);
    ::unlinkat(parent, name, AT_REMOVEDIR);
}

void
RemoveRegistered()
{
    for (int i = kSlots - 1; i >= 0; --i)
    {
        if (!g_slots[i].used)
        {
            continue;
        }
        switch (g_slots[i].kind)
        {
            case RemoveOnInterrupt::FILE:
                ::unlink(g_slots[i].path);
                break;
            case RemoveOnInterrupt::TREE:
                RemoveTreeAt(AT_FDCWD, g_slots[i].path, 0);
                break;
            case RemoveOnInterrupt::EMPTY_FOLDER:
                ::rmdir(g_slots[i].path);
                break;
            case RemoveOnInterrupt::MOUNT_POINT:
                ::umount2(g_slots[i].path, MNT_DETACH);
                ::unlink(g_slots[i].path);
                break;
        }
        g_slots[i].used = false;
    }
}

void
OnSignal(int signal)
{
    if (signal == SIGABRT)
    {
        // A fatal error: no half-written results left; then the abort goes on as it was.
        RemoveRegistered();
        struct sigaction dfl = {};
        dfl.sa_handler = SIG_DFL;
        ::sigaction(SIGABRT, &dfl, nullptr);
        sigset_t abrt;
        sigemptyset(&abrt);
        sigaddset(&abrt, SIGABRT);
        ::pthread_sigmask(SIG_UNBLOCK, &abrt, nullptr);
        ::kill(::getpid(), SIGABRT);
        return;
    }
    for (pid_t child : g_children)
    {
        if (child > 0)
        {
            ::kill(child, SIGTERM);
            ::kill(child, SIGCONT); // a stopped child acts on SIGTERM only once continued
        }
    }
    RemoveRegistered();
    for (pid_t child : g_children)
    {
        int status;
        while (child > 0 && ::waitpid(child, &status, 0) < 0 && errno == EINTR)
        {
        }
    }
    const char* name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "SIGHUP";
    Write("gcsim: stopped by ");
    Write(name);
    Write(g_note[0] ? "; " : "");
    Write(g_note);
    Write("\n");
    ::_exit(128 + signal);
}

void
CopyNote(const std::string& note)
{
    std::size_t n = std::min(note.size(), sizeof g_note - 1);
    std::memcpy(g_note, note.data(), n);
    g_note[n] = '\0';
}

} // namespace

InterruptCleanup::InterruptCleanup(const std::string& note)
{
    Guarded(
        [&]
        {
            CopyNote(note);
            if (g_depth++ > 0)
            {
                return;
            }
            for (int i = 0; i < kHandledCount; ++i)
            {
                ::sigaction(kHandled[i], nullptr, &g_saved[i]);
                if (g_saved[i].sa_handler == SIG_IGN)
                {
                    continue; // started ignoring it (nohup, a background job): keep ignoring
                }
                struct sigaction action = {};
                action.sa_handler = OnSignal;
                action.sa_mask = Stopping();
                ::sigaction(kHandled[i], &action, nullptr);
            }
        });
}

InterruptCleanup::~InterruptCleanup()
{
    Guarded(
        [&]
        {
            if (--g_depth > 0)
            {
                return;
            }
            for (int i = 0; i < kHandledCount; ++i)
            {
                ::sigaction(kHandled[i], &g_saved[i], nullptr);
            }
            g_note[0] = '\0';
        });
}

void
InterruptCleanup::SetNote(const std::string& note)
{
    Guarded([&] { CopyNote(note); });
}

RemoveOnInterrupt::RemoveOnInterrupt(const std::string& path, Kind kind)
{
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(path, ec).string();
    if (ec || absolute.size() >= PATH_MAX)
    {
        return;
    }
    Guarded(
        [&]
        {
            for (int i = 0; i < kSlots; ++i)
            {
                if (!g_slots[i].used)
                {
                    std::memcpy(g_slots[i].path, absolute.c_str(), absolute.size() + 1);
                    g_slots[i].kind = kind;
                    g_slots[i].used = true;
                    m_slot = i;
                    return;
                }
            }
        });
}

RemoveOnInterrupt::~RemoveOnInterrupt()
{
    Forget();
}

RemoveOnInterrupt::RemoveOnInterrupt(RemoveOnInterrupt&& other) noexcept
  : m_slot(other.m_slot)
{
    other.m_slot = -1;
}

RemoveOnInterrupt&
RemoveOnInterrupt::operator=(RemoveOnInterrupt&& other) noexcept
{
    if (this != &other)
    {
        Forget();
        m_slot = other.m_slot;
        other.m_slot = -1;
    }
    return *this;
}

void
RemoveOnInterrupt::Forget()
{
    if (m_slot < 0)
    {
        return;
    }
    int slot = m_slot;
    Guarded([&] { g_slots[slot].used = false; });
    m_slot = -1;
}

DeferInterrupts::DeferInterrupts()
{
    sigset_t set = Stopping();
    pthread_sigmask(SIG_BLOCK, &set, &m_saved);
}

DeferInterrupts::~DeferInterrupts()
{
    pthread_sigmask(SIG_SETMASK, &m_saved, nullptr);
}

pid_t
ForkChild()
{
    sigset_t set = Stopping();
    sigaddset(&set, SIGABRT);
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &set, &old);
    pid_t pid = ::fork();
    if (pid == 0)
    {
        // The parent's staging and children are not this process's to remove or stop.
        for (auto& slot : g_slots)
        {
            slot.used = false;
        }
        for (auto& child : g_children)
        {
            child = 0;
        }
        if (g_depth > 0)
        {
            for (int i = 0; i < kHandledCount; ++i)
            {
                ::sigaction(kHandled[i], &g_saved[i], nullptr);
            }
        }
        g_depth = 0;
        g_note[0] = '\0';
    }
    else if (pid > 0)
    {
        for (auto& child : g_children)
        {
            if (child == 0)
            {
                child = pid;
                break;
            }
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return pid;
}

pid_t
WaitForChild(pid_t which, int* status)
{
    siginfo_t info;
    while (true)
    {
        // Seen, not reaped: the handler may still wait for it until it is forgotten below.
        info.si_pid = 0;
        idtype_t type = which < 0 ? P_ALL : P_PID;
        if (::waitid(type, which < 0 ? 0 : id_t(which), &info, WEXITED | WNOWAIT) == 0)
        {
            break;
        }
        if (errno != EINTR)
        {
            return -1;
        }
    }
    pid_t pid = info.si_pid;
    pid_t reaped = -1;
    Guarded(
        [&]
        {
            reaped = ::waitpid(pid, status, 0);
            for (auto& child : g_children)
            {
                if (child == pid)
                {
                    child = 0;
                }
            }
        });
    return reaped;
}

} // namespace gcsim
