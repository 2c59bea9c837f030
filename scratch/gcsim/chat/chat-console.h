#ifndef GCSIM_CHAT_CONSOLE_H
#define GCSIM_CHAT_CONSOLE_H

// The classroom chat's console: lines typed on standard input, the stop signals, and text
// from the wire made fit to print.

#include <chrono>
#include <csignal>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace gcsim
{
namespace chat
{

/// \p bytes with each ill-formed UTF-8 sequence replaced by U+FFFD, the way Python's
/// bytes.decode(errors="replace") does it (one U+FFFD per maximal ill-formed subpart).
std::string ReplaceInvalidUtf8(const std::string& bytes);

/// SIGINT, SIGTERM and SIGHUP.
constexpr int kStopSignalCount = 3;

/// Thrown by WaitReadable when SIGINT, SIGTERM or SIGHUP arrived.
struct StopRequested
{
    int signal;
};

/// "SIGINT", "SIGTERM" or "SIGHUP".
std::string SignalName(int signal);

/**
 * \brief While it lives, SIGINT, SIGTERM and SIGHUP are blocked everywhere but inside
 * WaitReadable, which they end by throwing StopRequested: the program leaves its loop through
 * its destructors, and no output is cut in two. The handlers before are restored after; a
 * signal ignored from the start (nohup, a background job) stays ignored.
 */
class StopSignals
{
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    sigset_t m_savedMask;
    struct sigaction m_saved[kStopSignalCount];
};

using Deadline = std::chrono::steady_clock::time_point;

/// The index in \p fds of one that is readable; -1 once \p deadline (if any) has passed.
/// Throws StopRequested when a stop signal arrives (only while a StopSignals lives).
int WaitReadable(const std::vector<int>& fds, const std::optional<Deadline>& deadline);

/// \brief Lines of a descriptor (standard input), read only when WaitReadable says so.
class LineReader
{
public:
    explicit LineReader(int fd);

    int Fd() const;
    /// Whether it is a terminal, which has echoed what was typed.
    bool IsTerminal() const;
    /// The next whole line (without "\n" or "\r\n"); at the end of input, the unterminated
    /// last one. nullopt when no line is complete yet, or none is left.
    std::optional<std::string> Next();
    /// Whether the input has ended and every line was taken.
    bool AtEnd() const;
    /// Reads what is waiting on the descriptor.
    void Fill();

private:
    int m_fd;
    bool m_terminal;
    bool m_ended{false};
    std::string m_pending;
};

/**
 * \brief The program's side of the console: prompts that wait on their line for what is
 * typed, the lines typed, and lines shown, each flushed at once (a pipe reads as a terminal).
 */
class Console
{
public:
    Console(std::ostream& out, int inputFd);

    /// Shows \p prompt and leaves its line open for what is typed.
    void Prompt(const std::string& prompt);
    /// Shows \p text as a line (an open prompt's line ended first).
    void Line(const std::string& text);
    /// Shows \p text on a line of its own while a prompt may be open: the prompt again after it.
    void Interject(const std::string& text);
    /// Ends an open prompt's line (at the end of input, or when stopped).
    void EndPromptLine();

    /// A whole line typed, if one is there. Shown after the prompt when the input is not a
    /// terminal, as a terminal would have echoed it ("Enter your message :Kya re?").
    std::optional<std::string> TakeTyped();
    /// Whether the input has ended and every line was taken.
    bool InputEnded() const;
    int InputFd() const;
    /// Reads what is waiting on the input (after WaitReadable said so).
    void ReadInput();

private:
    std::ostream& m_out;
    LineReader m_input;
    std::string m_prompt;     //!< the last prompt shown
    bool m_promptOpen{false}; //!< its line waits for what is typed
};

} // namespace chat
} // namespace gcsim

#endif
