#include "chat-socket.h"

#include <arpa/inet.h>
#include <cerrno>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>
#include <utility>
#include <vector>

namespace gcsim
{
namespace chat
{

namespace
{

[[noreturn]] void
Fail(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

sockaddr_in
SocketAddress(const Endpoint& e)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr = e.address;
    a.sin_port = htons(e.port);
    return a;
}

} // namespace

std::string
Endpoint::ToString() const
{
    return AddressText(address) + ":" + std::to_string(port);
}

std::optional<in_addr>
ParseIpv4(const std::string& text)
{
    in_addr address{};
    if (::inet_pton(AF_INET, text.c_str(), &address) != 1)
    {
        return std::nullopt;
    }
    return address;
}

std::string
AddressText(in_addr address)
{
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &address, text, sizeof text);
    return text;
}

bool
IsMulticast(in_addr address)
{
    return IN_MULTICAST(ntohl(address.s_addr));
}

UdpSocket::UdpSocket()
  : m_fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
{
    if (m_fd < 0)
    {
        Fail("cannot open a UDP socket");
    }
}

UdpSocket::~UdpSocket()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
    }
}

UdpSocket::UdpSocket(UdpSocket&& other) noexcept
  : m_fd(std::exchange(other.m_fd, -1))
{
}

UdpSocket&
UdpSocket::operator=(UdpSocket&& other) noexcept
{
    std::swap(m_fd, other.m_fd);
    return *this;
}

int
UdpSocket::Fd() const
{
    return m_fd;
}

void
UdpSocket::SetOption(int level, int name, const void* value, unsigned length, const char* what)
{
    if (::setsockopt(m_fd, level, name, value, length) != 0)
    {
        Fail(std::string("cannot set ") + what);
    }
}

void
UdpSocket::ReuseAddress()
{
    int on = 1;
    SetOption(SOL_SOCKET, SO_REUSEADDR, &on, sizeof on, "SO_REUSEADDR");
}

void
UdpSocket::Bind(const Endpoint& local)
{
    sockaddr_in a = SocketAddress(local);
    if (::bind(m_fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
    {
        Fail("cannot bind " + local.ToString());
    }
}

void
UdpSocket::AllowBroadcast()
{
    int on = 1;
    SetOption(SOL_SOCKET, SO_BROADCAST, &on, sizeof on, "SO_BROADCAST");
}

void
UdpSocket::SetMulticastTtl(int ttl)
{
    SetOption(IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl, "IP_MULTICAST_TTL");
}

void
UdpSocket::SetMulticastInterface(in_addr address)
{
    SetOption(IPPROTO_IP, IP_MULTICAST_IF, &address, sizeof address, "IP_MULTICAST_IF");
}

void
UdpSocket::JoinGroup(in_addr group, in_addr interface)
{
    ip_mreq request{};
    request.imr_multiaddr = group;
    request.imr_interface = interface;
    if (::setsockopt(m_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) != 0)
    {
        Fail("cannot join group " + AddressText(group) + " on " +
             (interface.s_addr == htonl(INADDR_ANY)
                  ? std::string("the default interface")
                  : "the interface of " + AddressText(interface)));
    }
}

void
UdpSocket::SendTo(const std::string& bytes, const Endpoint& to)
{
    sockaddr_in a = SocketAddress(to);
    ssize_t sent;
    do
    {
        sent = ::sendto(m_fd, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&a),
                        sizeof a);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0)
    {
        Fail("cannot send " + std::to_string(bytes.size()) + " bytes to " + to.ToString());
    }
}

std::optional<Datagram>
UdpSocket::Receive()
{
    // One byte more than any IPv4 UDP datagram: nothing is ever cut short.
    std::vector<char> buffer(kMaxDatagram + 1);
    sockaddr_in from{};
    socklen_t fromLength = sizeof from;
    ssize_t n;
    do
    {
        // MSG_DONTWAIT: poll() may call a datagram readable that the kernel then drops
        // (a bad checksum); a blocking call would then hang.
        n = ::recvfrom(m_fd, buffer.data(), buffer.size(), MSG_DONTWAIT,
                       reinterpret_cast<sockaddr*>(&from), &fromLength);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    {
        return std::nullopt;
    }
    if (n < 0)
    {
        Fail("cannot receive");
    }
    Endpoint sender{from.sin_addr, ntohs(from.sin_port)};
    return Datagram{std::string(buffer.data(), std::size_t(n)), sender};
}

} // namespace chat
} // namespace gcsim
