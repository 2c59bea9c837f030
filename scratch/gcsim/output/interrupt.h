#ifndef GCSIM_INTERRUPT_H
#define GCSIM_INTERRUPT_H

#include <csignal>
#include <string>
#include <sys/types.h>

namespace gcsim
{

/**
 * \brief While one lives, SIGINT, SIGTERM and SIGHUP end the process the clean way: every
 * path registered with RemoveOnInterrupt is removed, every child registered by ForkChild is
 * sent SIGTERM and waited for, one line goes to standard error, and the process exits with
 * 128 + the signal (130 for SIGINT, 143 for SIGTERM). SIGABRT (ns-3's fatal errors) removes
 * the paths too, then aborts as before.
 *
 * The handler uses only system calls (it may interrupt anything); the registrations it reads
 * change with those signals blocked. Guards nest; the latest \p note is shown:
 * "gcsim: stopped by SIGINT; NOTE".
 */
class InterruptCleanup
{
public:
    explicit InterruptCleanup(const std::string& note);
    ~InterruptCleanup();
    InterruptCleanup(const InterruptCleanup&) = delete;
    InterruptCleanup& operator=(const InterruptCleanup&) = delete;

    /// Replaces the note shown (e.g. once the results are in place).
    static void SetNote(const std::string& note);
};

/// A path removed if the process is interrupted, until Forget() or destruction.
class RemoveOnInterrupt
{
public:
    enum Kind
    {
        FILE,         //!< unlink
        TREE,         //!< a folder and everything below it
        EMPTY_FOLDER, //!< rmdir: only if nothing else is in it
        MOUNT_POINT   //!< a bind mount (a named network namespace): detached, then unlinked
    };
    RemoveOnInterrupt() = default;
    RemoveOnInterrupt(const std::string& path, Kind kind);
    ~RemoveOnInterrupt();
    RemoveOnInterrupt(RemoveOnInterrupt&& other) noexcept;
    RemoveOnInterrupt& operator=(RemoveOnInterrupt&& other) noexcept;
    RemoveOnInterrupt(const RemoveOnInterrupt&) = delete;
    RemoveOnInterrupt& operator=(const RemoveOnInterrupt&) = delete;

    void Forget();

private:
    int m_slot{-1};
};

/// Blocks SIGINT, SIGTERM and SIGHUP while it lives (a commit is not cut in two).
class DeferInterrupts
{
public:
    DeferInterrupts();
    ~DeferInterrupts();
    DeferInterrupts(const DeferInterrupts&) = delete;
    DeferInterrupts& operator=(const DeferInterrupts&) = delete;

private:
    sigset_t m_saved; //!< the signal mask before
};

/**
 * fork() for a child of this process: in the child, the parent's registrations are
 * forgotten, the handlers reset to the default and the signals unblocked; in the parent,
 * the child is registered, so that an interrupt stops it and waits for it. Returns fork()'s
 * value.
 */
pid_t ForkChild();

/**
 * waitpid(\p which, \p status, 0) for a child ForkChild started (\p which -1: any), retried
 * when a signal interrupts it; the child is reaped and forgotten as one step, so that an
 * interrupt never signals a process id that is no longer this process's child. Returns the
 * child's id, or -1 (errno set) if there is none.
 */
pid_t WaitForChild(pid_t which, int* status);

} // namespace gcsim

#endif
