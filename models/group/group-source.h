#ifndef GCSIM_GROUP_SOURCE_H
#define GCSIM_GROUP_SOURCE_H

#include "group-header.h"

#include <ns3/application.h>
#include <ns3/event-id.h>
#include <ns3/ipv4-address.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief A sender of a stream of messages to several groups at once (a head-end sending
 * every channel, or a client sending to the groups it talks in).
 *
 * `Messages` times, one every `Interval` from `FirstSend`, it sends one datagram to each of
 * its groups, in the order set, back to back: a GroupHeader (origin `Origin`, the message
 * number) padded to `MessageSize` bytes. Its datagrams carry no GroupMessageTag: the
 * scenario's group, whose messages the GroupServer sends, keeps its per-message figures to
 * itself, while these load the same links and queues.
 */
class GroupSource : public Application
{
public:
    static TypeId GetTypeId();
    GroupSource();
    ~GroupSource() override;

    /// The groups each message goes to, in order.
    void SetGroups(const std::vector<Ipv4Address>& groups);

    /// Signature of the Tx trace: the group, the sender's origin number, the message number.
    typedef void (*TxCallback)(Ipv4Address group, uint32_t origin, uint32_t message);

private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void SendAll();

    uint16_t m_port{20002};            //!< the groups' port
    uint32_t m_origin{0};              //!< 0 for P1, n for client n
    uint32_t m_messages{0};            //!< messages to send to each group
    Time m_interval;                   //!< between two messages
    Time m_firstSend;                  //!< the first, from application start
    uint32_t m_size{0};                //!< UDP payload bytes
    std::vector<Ipv4Address> m_groups; //!< where each message goes
    uint32_t m_sent{0};                //!< messages sent (to every group)
    Ptr<Socket> m_socket;
    EventId m_sendEvent;
    TracedCallback<Ipv4Address, uint32_t, uint32_t> m_txTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
