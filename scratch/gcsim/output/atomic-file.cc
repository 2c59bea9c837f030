#include "atomic-file.h"

#include "interrupt.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <unistd.h>
#include <vector>

namespace gcsim
{

namespace fs = std::filesystem;

namespace
{

/// write(2) of all of \p size bytes; false (errno set) on failure.
bool
WriteAll(int fd, const char* data, std::size_t size)
{
    while (size > 0)
    {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n < 0)
        {
            return false;
        }
        if (n == 0)
        {
            errno = EIO;
            return false;
        }
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

std::string
TempTag()
{
    return ".tmp-" + HostName() + "-" + std::to_string(::getpid()) + "-";
}

} // namespace

std::string
HostName()
{
    char host[256] = {0};
    ::gethostname(host, sizeof host - 1);
    return host;
}

bool
ProcessGone(pid_t pid)
{
    if (pid <= 0)
    {
        return false;
    }
    if (::kill(pid, 0) != 0 && errno == ESRCH)
    {
        return true;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

void
WriteFileAtomically(const std::string& path, const std::string& text, const std::string& shown,
                    mode_t mode)
{
    static std::atomic<unsigned> counter{0};
    const std::string& name = shown.empty() ? path : shown;
    fs::path target(path);
    std::string stem = target.filename().string().substr(0, 120);
    std::string tmp;
    int fd = -1;
    RemoveOnInterrupt removal;
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt)
    {
        tmp =
            (target.parent_path() / ("." + stem + TempTag() + std::to_string(counter++))).string();
        // Registered before it exists: an interrupt in between removes nothing, or it.
        removal = RemoveOnInterrupt(tmp, RemoveOnInterrupt::FILE);
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
        {
            break;
        }
    }
    if (fd < 0)
    {
        throw WriteError("cannot write " + name + ": " + std::strerror(errno));
    }
    bool written = WriteAll(fd, text.data(), text.size());
    int error = errno;
    if (::close(fd) != 0 && written)
    {
        written = false;
        error = errno;
    }
    if (written && ::rename(tmp.c_str(), path.c_str()) != 0)
    {
        written = false;
        error = errno;
    }
    if (!written)
    {
        ::unlink(tmp.c_str());
        throw WriteError("cannot write " + name + ": " + std::strerror(error));
    }
}

/// The descriptor's buffer; remembers the first error.
class OutputFile::Buffer : public std::streambuf
{
public:
    explicit Buffer(int fd)
      : m_fd(fd)
      , m_data(1 << 16)
    {
        setp(m_data.data(), m_data.data() + m_data.size());
    }

    /// Writes what is buffered; false once any write failed.
    bool Drain()
    {
        if (m_error == 0 && !WriteAll(m_fd, pbase(), std::size_t(pptr() - pbase())))
        {
            m_error = errno;
        }
        setp(m_data.data(), m_data.data() + m_data.size());
        return m_error == 0;
    }

    int Error() const
    {
        return m_error;
    }

    int Release()
    {
        int fd = m_fd;
        m_fd = -1;
        return fd;
    }

    int Fd() const
    {
        return m_fd;
    }

protected:
    int_type overflow(int_type c) override
    {
        if (!Drain())
        {
            return traits_type::eof();
        }
        if (!traits_type::eq_int_type(c, traits_type::eof()))
        {
            sputc(traits_type::to_char_type(c));
        }
        return traits_type::not_eof(c);
    }

    int sync() override
    {
        return Drain() ? 0 : -1;
    }

private:
    int m_fd;
    std::vector<char> m_data;
    int m_error{0};
};

OutputFile::OutputFile(const std::string& path, const std::string& shown)
  : std::ostream(nullptr)
  , m_shown(shown)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
    {
        throw WriteError("cannot write " + shown + ": " + std::strerror(errno));
    }
    m_buffer = std::make_unique<Buffer>(fd);
    rdbuf(m_buffer.get());
}

OutputFile::~OutputFile()
{
    if (m_buffer && m_buffer->Fd() >= 0)
    {
        ::close(m_buffer->Release());
    }
}

void
OutputFile::Close()
{
    if (!m_buffer || m_buffer->Fd() < 0)
    {
        return;
    }
    m_buffer->Drain();
    int error = m_buffer->Error();
    if (::close(m_buffer->Release()) != 0 && error == 0)
    {
        error = errno;
    }
    if (error != 0)
    {
        setstate(std::ios::badbit);
        throw WriteError("cannot write " + m_shown + ": " + std::strerror(error));
    }
}

void
RemoveDeadTempFiles(const std::string& folder)
{
    std::string tag = ".tmp-" + HostName() + "-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
    {
        std::string name = entry.path().filename().string();
        auto at = name.rfind(tag);
        if (name.empty() || name[0] != '.' || at == std::string::npos)
        {
            continue;
        }
        char* end = nullptr;
        long pid = std::strtol(name.c_str() + at + tag.size(), &end, 10);
        if (end && *end == '-' && pid > 0 && ProcessGone(pid_t(pid)) && entry.is_regular_file(ec) &&
            !entry.is_symlink(ec))
        {
            fs::remove(entry.path(), ec);
        }
    }
}

} // namespace gcsim
