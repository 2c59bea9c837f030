#include "text-file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <ns3/log.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimTextFile");

namespace
{

/// Closes a descriptor when it goes out of scope.
class Descriptor
{
public:
    explicit Descriptor(int fd)
      : m_fd(fd)
    {
    }
    ~Descriptor()
    {
        if (m_fd >= 0)
        {
            ::close(m_fd);
        }
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int Get() const
    {
        return m_fd;
    }

private:
    int m_fd;
};

const char*
KindOf(mode_t mode)
{
    return S_ISDIR(mode)    ? "a folder"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISFIFO(mode) ? "a FIFO (named pipe)"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

[[noreturn]] void
Refuse(const std::string& path, const std::string& what)
{
    throw std::invalid_argument(path + ": " + what);
}

} // namespace

std::string
ByteCount(uint64_t bytes)
{
    char text[48];
    if (bytes >= (1ULL << 30))
    {
        std::snprintf(text, sizeof text, "%.1f GiB", double(bytes) / double(1ULL << 30));
    }
    else if (bytes >= (1ULL << 20))
    {
        std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(1ULL << 20));
    }
    else
    {
        std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
    }
    return text;
}

std::string
ReadTextFile(const std::string& path, uint64_t maxBytes)
{
    NS_LOG_FUNCTION(path << maxBytes);
    if (path.find('\0') != std::string::npos)
    {
        Refuse(path, "a file name cannot hold a NUL byte");
    }
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.Get() < 0)
    {
        Refuse(path, std::string("cannot open the file: ") + std::strerror(errno));
    }
    struct stat st
    {
    };
    if (::fstat(fd.Get(), &st) != 0)
    {
        Refuse(path, std::string("cannot read the file: ") + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
    {
        Refuse(path, std::string("is ") + KindOf(st.st_mode) + ", not a regular file");
    }
    auto tooBig = [&](const std::string& size)
    {
        Refuse(path,
               "is " + size + "; gcsim reads at most " + ByteCount(maxBytes) + " from such a file");
    };
    if (static_cast<uint64_t>(st.st_size) > maxBytes)
    {
        tooBig(ByteCount(static_cast<uint64_t>(st.st_size)));
    }
    std::string text;
    text.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[1 << 16];
    for (;;)
    {
        ssize_t got = ::read(fd.Get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
        {
            continue;
        }
        if (got < 0)
        {
            Refuse(path, std::string("cannot read the file: ") + std::strerror(errno));
        }
        if (got == 0)
        {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
        if (text.size() > maxBytes)
        {
            tooBig("more than " + ByteCount(maxBytes));
        }
    }
    return text;
}

} // namespace gcsim
} // namespace ns3
