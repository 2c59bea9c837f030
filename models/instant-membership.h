#ifndef GCSIM_INSTANT_MEMBERSHIP_H
#define GCSIM_INSTANT_MEMBERSHIP_H

#include "delivery-mode.h"
#include "group-server.h"
#include "multicast-routing.h"
#include "network.h"
#include "routing-graph.h"
#include "snooping-switch.h"

#include <functional>
#include <map>
#include <ns3/application-container.h>
#include <ns3/object.h>
#include <ns3/packet.h>
#include <ns3/traced-callback.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `instant` membership model: a central controller that applies each join and
 * leave everywhere in the same simulated instant, as ns-2's centralised multicast did.
 *
 * At a change: the host's GroupMembership (and so its NICs' multicast filters), the
 * snooping table of a switch the host hangs off, the group's multicast routes on every
 * router (removed and recomputed by the routing variant for the members now in the group;
 * a shared tree keeps the rendezvous router it started with, as a configured RP stays),
 * and P1's directory with the delivery mode's configuration, so that replicated unicast
 * and the overlay address the members of the moment. No control packet crosses a link:
 * the ControlTx trace never fires for this model.
 */
class InstantMembership : public Object
{
public:
    static TypeId GetTypeId();

    /**
     * Hands the controller what it updates. \p network and \p graph must outlive it;
     * \p group holds the group's address, source and (for a shared tree) the rendezvous
     * router's index; \p directory is the directory P1 started with.
     */
    void Setup(const Network& network, const RoutingGraph& graph, const std::string& variant,
               const MulticastGroup& group, Ptr<GroupServer> server,
               const ApplicationContainer& clients, Ptr<DeliveryMode> mode,
               const GroupDirectory& directory);

    /// Client \p client (1-based) joins the group; harmless for a member.
    void Join(uint32_t client);
    /// Client \p client leaves the group; harmless for a non-member.
    void Leave(uint32_t client);
    /// The members now, ascending client numbers.
    const std::vector<uint32_t>& GetMembers() const;
    /**
     * Routing that follows membership itself (dense mode): at each change \p hook gets the
     * host's node id instead of the group's routes being removed and installed again.
     */
    void SetRoutingHook(std::function<void(uint32_t host)> hook);

    /// Signature of the Change trace: the client, true for a join, false for a leave.
    typedef void (*ChangeCallback)(uint32_t client, bool joined);

private:
    void DoDispose() override;
    /// Applies the change of \p client to hosts, switches, routers and P1.
    void Apply(uint32_t client, bool joined);

    const Network* m_network{nullptr};
    const RoutingGraph* m_graph{nullptr};
    std::string m_variant;          //!< multicast routing variant
    MulticastGroup m_group;         //!< address, source, rendezvous; members set per change
    Ptr<GroupServer> m_server;      //!< P1
    ApplicationContainer m_clients; //!< client n at index n - 1
    Ptr<DeliveryMode> m_mode;       //!< reconfigured per change
    GroupDirectory m_directory;     //!< P1's directory, members kept current
    /// Per client: the snooping switches it hangs off and the port towards it.
    std::map<uint32_t, std::vector<std::pair<Ptr<SnoopingSwitch>, Ptr<NetDevice>>>> m_ports;
    std::function<void(uint32_t)> m_routingHook; //!< set: routing follows membership itself

    TracedCallback<uint32_t, bool> m_changeTrace;       //!< per join or leave
    TracedCallback<Ptr<const Packet>> m_controlTxTrace; //!< per membership control packet
};

} // namespace gcsim
} // namespace ns3

#endif
