#ifndef GCSIM_UNICAST_ARQ_H
#define GCSIM_UNICAST_ARQ_H

#include "../group/group-client.h"
#include "../group/group-server.h"
#include "reliability-header.h"

#include <map>
#include <ns3/application.h>
#include <ns3/event-id.h>
#include <ns3/ipv4-address.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <utility>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief Per-receiver ARQ for replicated unicast: acknowledgements and retransmission.
 *
 * One agent on P1 and one on each member, on the reliability port. A member acknowledges
 * every copy of a message it receives (first transmission, retransmission, duplicate) with
 * a unicast ACK to P1. P1 retransmits a message to a member by unicast every `Timeout`
 * until it is acknowledged or it has been sent `MaxTries` times in all. A member hands each
 * message to its application once; further copies are dropped below it and counted.
 */
class UnicastArq : public Application
{
public:
    static TypeId GetTypeId();
    UnicastArq();
    ~UnicastArq() override;

    /// P1's agent: it retransmits what P1 sends until each destination acknowledges it.
    void AttachServer(Ptr<GroupServer> server, const std::vector<Ipv4Address>& clients);
    /// A member's agent: it acknowledges and filters what reaches \p client's application.
    void AttachClient(Ptr<GroupClient> client, Ipv4Address server);

    /// Signature of the Ack, Retransmission and GiveUp traces: client, message, bytes.
    typedef void (*ArqCallback)(uint32_t client, uint32_t message, uint32_t bytes);
    /// Signature of the Repaired and Duplicate traces: client, message, send to now.
    typedef void (*ReceiverCallback)(uint32_t client, uint32_t message, Time sinceSend);

private:
    /// A (message, member) P1 waits for an ACK of.
    struct Pending
    {
        EventId timer;
        uint32_t tries{1}; //!< transmissions so far
        Time sendTime;     //!< the first transmission's
    };

    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    void HandleRead(Ptr<Socket> socket);
    bool OnGroupMessage(Ptr<const Packet> datagram, const GroupHeader& header);
    void OnGroupSend(uint32_t message, const std::vector<uint32_t>& destinations);
    void Timeout(uint32_t message, uint32_t client);
    void SendAck(uint32_t message);
    /// Receiver side: true if \p message is new here (and now held).
    bool Take(uint32_t message);

    uint16_t m_port{20002};  //!< the reliability port
    uint32_t m_origin{0};    //!< 0 on P1, n on client n
    uint32_t m_size{1024};   //!< UDP payload bytes of a group message
    Time m_timeout;          //!< retransmission timeout
    uint32_t m_maxTries{10}; //!< transmissions per (message, member), the first included

    Ptr<Socket> m_socket;
    Ptr<GroupClient> m_client;          //!< null on P1
    Ipv4Address m_server;               //!< where ACKs go
    std::vector<Ipv4Address> m_clients; //!< P1: client n's address at n - 1
    std::vector<bool> m_held;           //!< receiver: per message, delivered
    std::map<std::pair<uint32_t, uint32_t>, Pending> m_pending; //!< (message, client)

    TracedCallback<uint32_t, uint32_t, uint32_t> m_ackTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t> m_retransmissionTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t> m_giveUpTrace;
    TracedCallback<uint32_t, uint32_t, Time> m_repairedTrace;
    TracedCallback<uint32_t, uint32_t, Time> m_duplicateTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
