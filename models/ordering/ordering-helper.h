#ifndef GCSIM_ORDERING_HELPER_H
#define GCSIM_ORDERING_HELPER_H

#include "ordering-agent.h"

#include <ns3/application-container.h>
#include <ns3/ipv4-address.h>
#include <ns3/node.h>
#include <ns3/nstime.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// How the ordering layer of one run is set up: everything OrderingHelper installs.
struct OrderingSetup
{
    DeliveryOrder order{ORDER_NONE};
    Ipv4Address group{"239.255.0.1"};
    uint16_t port{20001};
    uint16_t sequencerPort{20002};
    Ipv4Address server;            //!< P1's address
    uint32_t size{1024};           //!< UDP payload bytes
    std::vector<uint32_t> members; //!< client numbers, ascending
    std::vector<uint32_t> senders; //!< client numbers
    /// Per sender (same index as senders): when each of its messages leaves.
    std::vector<std::vector<Time>> sendTimes;
    uint32_t tagBase{0x80000000u}; //!< GroupMessageTags of senders' messages start here
};

/**
 * \brief Installs an OrderingAgent on every client (connected to its GroupClient's Rx
 * trace) and, for total order, a Sequencer on P1.
 */
class OrderingHelper
{
public:
    explicit OrderingHelper(OrderingSetup setup);
    /// The agents, client n's at index n - 1.
    ApplicationContainer InstallAgents(const ApplicationContainer& clients) const;
    /// The sequencer on \p server, or nothing unless the order is total.
    ApplicationContainer InstallSequencer(Ptr<Node> server) const;
    /// The GroupMessageTag id of sender \p origin's message \p message.
    uint32_t TagOf(uint32_t origin, uint32_t message) const;

private:
    OrderingSetup m_setup;
};

} // namespace gcsim
} // namespace ns3

#endif
