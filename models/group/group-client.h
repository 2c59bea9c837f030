#ifndef GCSIM_GROUP_CLIENT_H
#define GCSIM_GROUP_CLIENT_H

#include "group-header.h"

#include <ns3/application.h>
#include <ns3/ipv4-address.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
class Ipv4EndPoint;
class UdpL4Protocol;

namespace gcsim
{

/**
 * \brief Client n of the classroom experiment, and a receiver of group messages.
 *
 * It sends its messages to P1 tagged with its number ("Kya re?" from client 1 travels as
 * "Kya re?1"), prints P1's answers ("Message from Server :Soja dost") and receives group
 * messages on the same port. A member joins the group at start; a non-member's NIC then
 * filters the group's multicast frames (GroupMembership, MulticastNicFilter).
 */
class GroupClient : public Application
{
public:
    static TypeId GetTypeId();
    GroupClient();
    ~GroupClient() override;

    /// Overlay: the clients this one passes each group message on to.
    void SetRelays(const std::vector<Ipv4Address>& relays);

    /// Queues \p text to be sent to P1 at \p at after the application starts.
    void AddMessage(Time at, const std::string& text);

    /// A filter every arriving group message passes before the application: true lets it in.
    typedef Callback<bool, Ptr<const Packet>, const GroupHeader&> DeliveryFilter;
    /// Sets the delivery filter (a reliability protocol drops duplicates there and learns of
    /// gaps); a null callback removes it.
    void SetDeliveryFilter(DeliveryFilter filter);
    /// Hands \p datagram, a group message that came another way (a repair), to the
    /// application as if it had arrived on the socket after \p hops hops.
    void Deliver(Ptr<Packet> datagram, const GroupHeader& header, uint32_t hops);

    /// Signature of the Rx trace: the datagram, its header, this client's number, hops.
    typedef void (*RxCallback)(Ptr<const Packet> datagram, const GroupHeader& header,
                               uint32_t client, uint32_t hops);

private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    /// A client that neither sends nor relays listens on a UDP endpoint, without a socket
    /// (a socket and its receive queue are most of a listening host's memory); the results
    /// are those of a socket that receives TTLs.
    void Listen();
    /// Opens the socket bound to m_port, taking the port over from the endpoint, if any.
    void OpenSocket();
    void CloseEndPoint();
    void HandleRead(Ptr<Socket> socket);
    /// A datagram for the application, \p hops after P1 (0: unknown).
    void Receive(Ptr<Packet> packet, uint32_t hops);
    void Send(const std::string& text);

    uint32_t m_client{1};                                 //!< this client's number
    uint16_t m_port{20001};                               //!< port to bind, and P1's port
    Ipv4Address m_server;                                 //!< P1's address
    Ipv4Address m_group;                                  //!< the group's address
    bool m_member{false};                                 //!< joins m_group at start
    uint32_t m_size{0};                                   //!< UDP payload bytes of a client message
    std::vector<std::pair<Time, std::string>> m_messages; //!< what to send, when

    std::vector<Ipv4Address> m_relays; //!< overlay: the clients this one passes messages on to
    Ptr<Socket> m_socket;              //!< bound to m_port, or null while listening
    Ptr<UdpL4Protocol> m_udp;          //!< the node's UDP, while listening
    Ipv4EndPoint* m_endPoint{nullptr}; //!< bound to m_port, while listening
    uint32_t m_sent{0};                //!< client messages sent
    DeliveryFilter m_deliveryFilter;   //!< group messages pass it before the application

    TracedCallback<const std::string&> m_consoleTrace; //!< what the client prints
    TracedCallback<Ptr<const Packet>, const GroupHeader&, uint32_t, uint32_t> m_rxTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
