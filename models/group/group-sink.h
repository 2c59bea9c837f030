#ifndef GCSIM_GROUP_SINK_H
#define GCSIM_GROUP_SINK_H

#include "group-header.h"

#include <ns3/application.h>
#include <ns3/ipv4-address.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief A receiver of GroupSource streams: joins its groups at start (GroupMembership, so
 * its NIC takes their frames in) and reports each datagram with the group it was sent to.
 */
class GroupSink : public Application
{
public:
    static TypeId GetTypeId();
    GroupSink();
    ~GroupSink() override;

    /// The groups the host joins when the sink starts.
    void SetGroups(const std::vector<Ipv4Address>& groups);

    /// Signature of the Rx trace: the group the datagram was sent to, its header, the
    /// receiving client's number.
    typedef void (*RxCallback)(Ipv4Address group, const GroupHeader& header, uint32_t client);

private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void HandleRead(Ptr<Socket> socket);

    uint16_t m_port{20002};            //!< the groups' port
    uint32_t m_client{1};              //!< this client's number
    std::vector<Ipv4Address> m_groups; //!< joined at start
    Ptr<Socket> m_socket;
    TracedCallback<Ipv4Address, const GroupHeader&, uint32_t> m_rxTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
