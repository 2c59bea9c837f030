#include "chat-console.h"

#include <algorithm>
#include <cerrno>
#include <ostream>
#include <poll.h>
#include <system_error>
#include <unistd.h>

namespace gcsim
{
namespace chat
{

namespace
{

constexpr int kStopSignals[kStopSignalCount] = {SIGINT, SIGTERM, SIGHUP};
volatile sig_atomic_t g_caught = 0;

void
OnStopSignal(int signal)
{
    g_caught = signal;
}

/// A UTF-8 sequence at a place: its length, or the length of its maximal ill-formed subpart.
struct Sequence
{
    std::size_t length;
    bool wellFormed;
};

/// The sequence at \p i, by the table of well-formed UTF-8 (Unicode 15, table 3-7).
Sequence
SequenceAt(const std::string& text, std::size_t i)
{
    auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80)
    {
        return {1, true};
    }
    std::size_t trailing = lead >= 0xC2 && lead <= 0xDF   ? 1
                           : lead >= 0xE0 && lead <= 0xEF ? 2
                           : lead >= 0xF0 && lead <= 0xF4 ? 3
                                                          : 0;
    // The second byte's range is narrower after some leads: no overlong forms, no UTF-16
    // surrogates, nothing above U+10FFFF.
    unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    std::size_t n = 1;
    while (n <= trailing && i + n < text.size())
    {
        auto byte = static_cast<unsigned char>(text[i + n]);
        if (byte < low || byte > high)
        {
            break;
        }
        low = 0x80;
        high = 0xBF;
        ++n;
    }
    return {n, trailing > 0 && n == trailing + 1};
}

timespec
TimeLeft(const Deadline& deadline)
{
    auto left = std::max(deadline - std::chrono::steady_clock::now(),
                         std::chrono::steady_clock::duration::zero());
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(left);
    auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(left - seconds);
    return {static_cast<time_t>(seconds.count()), static_cast<long>(nanoseconds.count())};
}

} // namespace

std::string
ReplaceInvalidUtf8(const std::string& bytes)
{
    std::string text;
    text.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();)
    {
        Sequence s = SequenceAt(bytes, i);
        text += s.wellFormed ? bytes.substr(i, s.length) : "\xEF\xBF\xBD";
        i += s.length;
    }
    return text;
}

std::string
SignalName(int signal)
{
    return signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "SIGHUP";
}

StopSignals::StopSignals()
{
    g_caught = 0;
    sigset_t stop;
    sigemptyset(&stop);
    for (int signal : kStopSignals)
    {
        sigaddset(&stop, signal);
    }
    pthread_sigmask(SIG_BLOCK, &stop, &m_savedMask);
    struct sigaction action = {};
    action.sa_handler = OnStopSignal; // no SA_RESTART: ppoll() returns EINTR
    action.sa_mask = stop;
    for (int k = 0; k < kStopSignalCount; ++k)
    {
        ::sigaction(kStopSignals[k], nullptr, &m_saved[k]);
        if (m_saved[k].sa_handler != SIG_IGN) // started ignoring it (nohup): keep ignoring
        {
            ::sigaction(kStopSignals[k], &action, nullptr);
        }
    }
}

StopSignals::~StopSignals()
{
    for (int k = 0; k < kStopSignalCount; ++k)
    {
        ::sigaction(kStopSignals[k], &m_saved[k], nullptr);
    }
    pthread_sigmask(SIG_SETMASK, &m_savedMask, nullptr);
}

int
WaitReadable(const std::vector<int>& fds, const std::optional<Deadline>& deadline)
{
    std::vector<pollfd> polled;
    for (int fd : fds)
    {
        polled.push_back({fd, POLLIN, 0});
    }
    // The stop signals are delivered only here, atomically with the wait: none is missed.
    sigset_t open;
    pthread_sigmask(SIG_BLOCK, nullptr, &open);
    for (int signal : kStopSignals)
    {
        sigdelset(&open, signal);
    }
    while (true)
    {
        timespec left{};
        if (deadline)
        {
            left = TimeLeft(*deadline);
        }
        int n = ::ppoll(polled.data(), polled.size(), deadline ? &left : nullptr, &open);
        if (g_caught != 0)
        {
            throw StopRequested{g_caught};
        }
        if (n < 0 && errno != EINTR)
        {
            throw std::system_error(errno, std::generic_category(), "cannot wait for input");
        }
        for (std::size_t k = 0; n > 0 && k < polled.size(); ++k)
        {
            if (polled[k].revents != 0)
            {
                return static_cast<int>(k);
            }
        }
        if (n == 0)
        {
            return -1;
        }
    }
}

LineReader::LineReader(int fd)
  : m_fd(fd)
  , m_terminal(::isatty(fd) == 1)
{
}

int
LineReader::Fd() const
{
    return m_fd;
}

bool
LineReader::IsTerminal() const
{
    return m_terminal;
}

std::optional<std::string>
LineReader::Next()
{
    auto end = m_pending.find('\n');
    if (end == std::string::npos && !(m_ended && !m_pending.empty()))
    {
        return std::nullopt;
    }
    std::string line = m_pending.substr(0, end);
    m_pending.erase(0, end == std::string::npos ? end : end + 1);
    if (!line.empty() && line.back() == '\r')
    {
        line.pop_back();
    }
    return line;
}

bool
LineReader::AtEnd() const
{
    return m_ended && m_pending.empty();
}

void
LineReader::Fill()
{
    char buffer[4096];
    ssize_t n;
    do
    {
        n = ::read(m_fd, buffer, sizeof buffer);
    } while (n < 0 && errno == EINTR);
    if (n > 0)
    {
        m_pending.append(buffer, std::size_t(n));
    }
    else if (n == 0 || errno != EAGAIN)
    {
        m_ended = true; // end of input, or input that cannot be read (a closed descriptor)
    }
}

Console::Console(std::ostream& out, int inputFd)
  : m_out(out)
  , m_input(inputFd)
{
}

void
Console::Prompt(const std::string& prompt)
{
    m_prompt = prompt;
    m_promptOpen = true;
    m_out << prompt << std::flush;
}

void
Console::Line(const std::string& text)
{
    EndPromptLine();
    m_out << text << std::endl;
}

void
Console::Interject(const std::string& text)
{
    bool reopen = m_promptOpen;
    Line(text);
    if (reopen)
    {
        Prompt(m_prompt);
    }
}

void
Console::EndPromptLine()
{
    if (m_promptOpen)
    {
        m_promptOpen = false;
        m_out << std::endl;
    }
}

std::optional<std::string>
Console::TakeTyped()
{
    auto line = m_input.Next();
    if (line)
    {
        if (!m_input.IsTerminal())
        {
            m_out << *line << std::endl;
        }
        m_promptOpen = false;
    }
    return line;
}

bool
Console::InputEnded() const
{
    return m_input.AtEnd();
}

int
Console::InputFd() const
{
    return m_input.Fd();
}

void
Console::ReadInput()
{
    m_input.Fill();
}

} // namespace chat
} // namespace gcsim
