#ifndef GCSIM_CHAT_SOCKET_H
#define GCSIM_CHAT_SOCKET_H

// The classroom chat's UDP sockets: POSIX sockets over IPv4, closed by their owner.

#include <cstddef>
#include <cstdint>
#include <netinet/in.h>
#include <optional>
#include <string>

namespace gcsim
{
namespace chat
{

/// The most one UDP datagram over IPv4 carries: 65,535 - 20 (IPv4 header) - 8 (UDP header).
constexpr std::size_t kMaxDatagram = 65507;

/// An IPv4 address and a UDP port.
struct Endpoint
{
    in_addr address{}; //!< network byte order
    uint16_t port{0};  //!< host byte order

    /// "127.0.0.1:20001".
    std::string ToString() const;
};

/// \p text as a dotted-quad IPv4 address ("127.0.0.1"); nullopt when it is not one.
std::optional<in_addr> ParseIpv4(const std::string& text);
/// "127.0.0.1".
std::string AddressText(in_addr address);
/// Whether \p address is an IPv4 multicast address (224.0.0.0/4).
bool IsMulticast(in_addr address);

/// One datagram as received: its bytes and who sent it.
struct Datagram
{
    std::string bytes;
    Endpoint from;
};

/**
 * \brief A UDP socket over IPv4, closed with the object.
 *
 * A failed call throws std::system_error whose what() says what was tried and why it failed
 * ("cannot bind 0.0.0.0:20001: Address already in use").
 */
class UdpSocket
{
public:
    UdpSocket();
    ~UdpSocket();
    UdpSocket(UdpSocket&& other) noexcept;
    UdpSocket& operator=(UdpSocket&& other) noexcept;
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;

    int Fd() const;
    /// SO_REUSEADDR: several sockets of one host may listen on one group port.
    void ReuseAddress();
    void Bind(const Endpoint& local);
    /// SO_BROADCAST: allowed to send to a broadcast address.
    void AllowBroadcast();
    /// IP_MULTICAST_TTL.
    void SetMulticastTtl(int ttl);
    /// IP_MULTICAST_IF: multicast leaves through the interface holding \p address.
    void SetMulticastInterface(in_addr address);
    /// IP_ADD_MEMBERSHIP on the interface holding \p interface (INADDR_ANY: the kernel's choice).
    void JoinGroup(in_addr group, in_addr interface);
    void SendTo(const std::string& bytes, const Endpoint& to);
    /// One datagram, whole (any UDP datagram fits); nullopt when none is waiting after all.
    std::optional<Datagram> Receive();

private:
    void SetOption(int level, int name, const void* value, unsigned length, const char* what);

    int m_fd{-1};
};

} // namespace chat
} // namespace gcsim

#endif
