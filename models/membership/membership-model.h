#ifndef GCSIM_MEMBERSHIP_MODEL_H
#define GCSIM_MEMBERSHIP_MODEL_H

#include "../group/delivery-mode.h"
#include "../group/group-server.h"
#include "../multicast/multicast-routing.h"
#include "../network/network.h"
#include "../network/routing-graph.h"
#include "../network/snooping-switch.h"

#include <map>
#include <ns3/application-container.h>
#include <ns3/object.h>
#include <ns3/packet.h>
#include <ns3/traced-callback.h>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief How joins and leaves reach the network: the base of the membership models
 * (`instant`, `igmp`), which collectors and the experiment attach to.
 *
 * Join() and Leave() are the hosts' own decisions, applied at once to the host's
 * GroupMembership (its NICs' multicast filters) and reported by the Change trace; GetMembers()
 * lists the hosts that are in the group by their own state. What the network knows follows
 * as the model has it: at once (instant) or through its protocol (igmp).
 *
 * **For multicast routing protocols** (dense mode): HasMembers(router, interface) says whether
 * router node \p router currently counts members of the group on its IPv4 interface
 * \p interface (the IGMP querier's state, or, for instant, a member host on that link), and
 * the InterfaceMembers trace fires (router node id, interface, members now) whenever that
 * answer changes, after the model has updated its own state and before it recomputes routes.
 * A routing protocol that computes its own trees subscribes to it; routers' interfaces towards
 * other routers never have members. Setup() aggregates the model to P1's node, where such a
 * protocol finds it: `network.Server()->GetObject<MembershipModel>()`.
 */
class MembershipModel : public Object
{
public:
    static TypeId GetTypeId();
    MembershipModel();
    ~MembershipModel() override;

    /**
     * Hands the model what it updates. \p network and \p graph must outlive it;
     * \p group holds the group's address, source and (for a shared tree) the rendezvous
     * router's index; \p directory is the directory P1 started with (its members are the
     * group at the start).
     */
    virtual void Setup(const Network& network, const RoutingGraph& graph, MulticastRouting variant,
                       const MulticastGroup& group, Ptr<GroupServer> server,
                       const ApplicationContainer& clients, Ptr<DeliveryMode> mode,
                       const GroupDirectory& directory);

    /// Client \p client (1-based) joins the group; harmless for a member.
    virtual void Join(uint32_t client) = 0;
    /// Client \p client leaves the group; harmless for a non-member.
    virtual void Leave(uint32_t client) = 0;
    /// The members now by their own state, ascending client numbers.
    const std::vector<uint32_t>& GetMembers() const;

    /// Whether router node \p router counts members of the group on its interface \p interface.
    bool HasMembers(uint32_t router, uint32_t interface) const;

    /// Signature of the Change trace: the client, true for a join, false for a leave.
    typedef void (*ChangeCallback)(uint32_t client, bool joined);
    /// Signature of the InterfaceMembers trace: router node id, interface, members now.
    typedef void (*InterfaceMembersCallback)(uint32_t router, uint32_t interface, bool members);

protected:
    void DoDispose() override;

    /// Adds (true) or removes \p client from the members by their own state; false if no change.
    bool SetMember(uint32_t client, bool member);
    /// Sets the host's GroupMembership and its GroupClient's Member attribute.
    void ApplyToHost(uint32_t client, bool joined);
    /// Records whether (router, interface) has members; fires InterfaceMembers on a change.
    void SetInterfaceMembers(uint32_t router, uint32_t interface, bool members);
    /**
     * On routed networks, removes the group's routes and installs the variant's routes for
     * \p memberNodes (host node ids); a shared tree keeps its rendezvous.
     */
    void Reroute(const std::vector<uint32_t>& memberNodes);
    /// Gives P1 and the delivery mode a directory whose members are \p known.
    void Redirect(const std::vector<uint32_t>& known);

    /// Per client: where its segment meets routers, (router node id, interface).
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> RouterPorts() const;

    const Network* m_network{nullptr};
    const RoutingGraph* m_graph{nullptr};
    MulticastRouting m_variant{MulticastRouting::SOURCE_TREE}; //!< multicast routing variant
    MulticastGroup m_group;          //!< address, source, rendezvous; members set per change
    Ptr<GroupServer> m_server;       //!< P1
    ApplicationContainer m_clients;  //!< client n at index n - 1
    Ptr<DeliveryMode> m_mode;        //!< reconfigured per change
    GroupDirectory m_directory;      //!< P1's directory
    std::vector<uint32_t> m_members; //!< by the hosts' own state, ascending
    /// Per client: the snooping switches it hangs off and the port towards it.
    /// A switch port a client is behind, and the client's own address there.
    struct SwitchPort
    {
        Ptr<SnoopingSwitch> sw; //!< the switch
        Ptr<NetDevice> port;    //!< its port towards the client
        Mac48Address host;      //!< the client's device address
    };
    std::map<uint32_t, std::vector<SwitchPort>> m_ports;
    std::set<std::pair<uint32_t, uint32_t>> m_memberInterfaces; //!< (router, interface)

    TracedCallback<uint32_t, bool> m_changeTrace;              //!< per join or leave
    TracedCallback<Ptr<const Packet>> m_controlTxTrace;        //!< per membership control packet
    TracedCallback<uint32_t, uint32_t, bool> m_interfaceTrace; //!< per interface change
};

} // namespace gcsim
} // namespace ns3

#endif
