// Row "groups": the multicast runs' forwarding state on a routed network, and the other
// groups (group.count) and sources (group.sources) that make it grow. Groups 2 to G get the
// variant's routes, from P1 and their own drawn sources, to members drawn from the run's seed
// (or group 1's); only group 1 carries messages. At the end the routers' multicast entries
// are counted as the variant's protocol holds them (CountForwardingState).
#include "models/network/run-seed.h"
#include "run-feature.h"

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

/// Seed purposes (PurposeSeed) of group k's members and of its sources.
constexpr uint32_t kMembersPurpose = 1000;
constexpr uint32_t kSourcesPurpose = 20000;

class GroupsFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.spec.mode == "multicast" && run.spec.routing != MulticastRouting::DENSE;
    }

    void Senders(RunContext& run) override
    {
        for (uint32_t host : Sources(run, 1))
        {
            run.group.senders.push_back(host);
        }
    }

    void Routes(RunContext& run) override
    {
        const Network& network = run.network;
        if (!network.IsRouted())
        {
            return;
        }
        const auto& g = run.s.group;
        m_groups.push_back(g.address);
        for (uint32_t k = 2; k <= g.count; ++k)
        {
            MulticastGroup group;
            group.address = Ipv4Address(g.address.Get() + k - 1);
            group.source = network.Server()->GetId();
            group.rendezvous = run.s.delivery.rendezvous;
            std::vector<uint32_t> members =
                g.placement == "same" ? g.members
                                      : ChooseDistinct(network.ClientCount(), g.members.size(),
                                                       PurposeSeed(Seed(run), kMembersPurpose + k));
            for (uint32_t m : members)
            {
                group.members.push_back(network.hosts.Get(m)->GetId());
            }
            group.senders = Sources(run, k);
            InstallMulticastRoutes(run.spec.routing, network, *run.graph, group);
            m_groups.push_back(group.address);
        }
    }

    void Collect(RunContext& run, ModeResult& result) override
    {
        if (!m_groups.empty())
        {
            result.forwarding = CountForwardingState(run.network, run.spec.routing, m_groups);
        }
    }

private:
    static uint32_t Seed(const RunContext& run)
    {
        return RunSeed(run.s.seed, run.s.run);
    }

    /// Group \p k's sources besides P1, node ids of clients drawn from the run's seed (group
    /// 1's too under placement "same").
    static std::vector<uint32_t> Sources(const RunContext& run, uint32_t k)
    {
        const auto& g = run.s.group;
        std::vector<uint32_t> hosts;
        if (g.sources < 2)
        {
            return hosts;
        }
        uint32_t draw = g.placement == "same" ? 1 : k;
        for (uint32_t c : ChooseDistinct(run.network.ClientCount(), g.sources - 1,
                                         PurposeSeed(Seed(run), kSourcesPurpose + draw)))
        {
            hosts.push_back(run.network.hosts.Get(c)->GetId());
        }
        return hosts;
    }

    std::vector<Ipv4Address> m_groups; //!< the groups counted: group 1 first
};

} // namespace

std::unique_ptr<RunFeature>
MakeGroupsFeature()
{
    return std::make_unique<GroupsFeature>();
}

} // namespace gcsim
