// Row "groups": the scenario's other groups and senders (group.count, senders_per_group) and
// the routers' forwarding state (output.forwarding_state), in multicast runs. Groups 2..G get
// the run's routing variant (their own trees, or a DenseMode each); P1 sends each message to
// every group, each extra sender to its own; members count what reaches them. The first
// group's own messages stay the GroupServer's.
#include "models/group/group-helper.h"
#include "models/stats/dense-mode-tracker.h"
#include "run-feature.h"

#include <map>
#include <ns3/ipv4-static-routing-helper.h>
#include <ns3/ipv4.h>
#include <ns3/uinteger.h>
#include <set>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

class GroupsFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return run.spec.mode == "multicast" &&
               (run.s.groups.Many() || run.s.output.forwardingState);
    }

    void Senders(RunContext& run) override
    {
        if (!run.s.groups.Many())
        {
            return;
        }
        // P1 is one sender among the group's, not a receiver of the others.
        run.group.senders = HostIds(run, run.s.groups.all.front().senders);
        run.group.sendersReachSource = false;
        std::set<uint32_t> senders;
        for (const auto& group : run.s.groups.all)
        {
            senders.insert(group.senders.begin(), group.senders.end());
        }
        for (uint32_t c : senders)
        {
            // A client's datagrams to a group leave on its one device, as P1's do.
            Ptr<Node> host = run.network.hosts.Get(c);
            Ipv4StaticRoutingHelper().SetDefaultMulticastRoute(
                host, host->GetObject<Ipv4>()->GetNetDevice(1));
        }
    }

    void Routes(RunContext& run) override
    {
        if (!run.network.IsRouted())
        {
            return;
        }
        for (std::size_t k = 1; k < run.s.groups.all.size(); ++k)
        {
            MulticastGroup group = GroupOf(run, k);
            if (run.spec.routing != MulticastRouting::DENSE)
            {
                InstallMulticastRoutes(run.spec.routing, run.network, *run.graph, group);
                continue;
            }
            Ptr<DenseMode> dense = CreateObject<DenseMode>();
            dense->SetAttribute("PruneLifetime", TimeValue(run.s.delivery.pruneLifetime));
            std::vector<uint32_t> sources{group.source};
            sources.insert(sources.end(), group.senders.begin(), group.senders.end());
            dense->Install(run.network, *run.graph, group.address, sources);
            m_denseTrackers.push_back(std::make_unique<DenseModeTracker>(dense));
            m_dense.push_back(dense);
        }
    }

    void Applications(RunContext& run) override
    {
        const Scenario& s = run.s;
        if (!s.groups.Many())
        {
            return;
        }
        GroupFeedHelper feed(s.groups.port);
        feed.SetSourceAttribute("Messages", UintegerValue(s.traffic.messages));
        feed.SetSourceAttribute("Interval", TimeValue(s.traffic.interval));
        feed.SetSourceAttribute("FirstSend", TimeValue(s.traffic.start));
        feed.SetSourceAttribute("MessageSize", UintegerValue(s.traffic.size));
        std::vector<Ipv4Address> others; // P1 sends every message to every group
        std::map<uint32_t, std::vector<Ipv4Address>> sends, joins; // by client
        for (std::size_t k = 0; k < s.groups.all.size(); ++k)
        {
            const auto& group = s.groups.all[k];
            if (k > 0)
            {
                others.push_back(group.address);
            }
            for (uint32_t c : group.senders)
            {
                sends[c].push_back(group.address);
            }
            for (uint32_t c : group.members)
            {
                joins[c].push_back(group.address);
            }
        }
        if (!others.empty())
        {
            m_sources.Add(feed.InstallSource(run.network.Server(), 0, others));
        }
        for (const auto& [client, groups] : sends)
        {
            m_sources.Add(feed.InstallSource(run.network.hosts.Get(client), client, groups));
        }
        for (const auto& [client, groups] : joins)
        {
            m_sinks.Add(feed.InstallSink(run.network.hosts.Get(client), client, groups));
        }
        m_sources.Start(Seconds(0));
        m_sinks.Start(Seconds(0));
    }

    void Collectors(RunContext& run) override
    {
        std::vector<Ipv4Address> addresses;
        std::vector<std::vector<uint32_t>> members;
        for (const auto& group : run.s.groups.all)
        {
            addresses.push_back(group.address);
            members.push_back(group.members);
        }
        m_tracker = std::make_unique<GroupsTracker>(addresses, members);
        m_tracker->Attach(m_sources, m_sinks);
    }

    void Collect(RunContext& run, ModeResult& result) override
    {
        result.groups = m_tracker->Finish();
        // The first group's messages from P1 are the mode's own deliveries.
        auto& first = result.groups.groups.front();
        first.messages += result.delivery.messages;
        first.expected += result.delivery.expected;
        first.deliveries += result.delivery.deliveries;
        first.duplicates += result.delivery.duplicates;
        CollectDense(run, result);
        result.forwarding = State(run);
    }

    void Teardown(RunContext&) override
    {
        for (auto& dense : m_dense)
        {
            dense->Dispose(); // the routers' sockets call back into them: break the cycle
        }
    }

private:
    /// The node ids of clients \p clients.
    static std::vector<uint32_t> HostIds(const RunContext& run,
                                         const std::vector<uint32_t>& clients)
    {
        std::vector<uint32_t> ids;
        for (uint32_t c : clients)
        {
            ids.push_back(run.network.hosts.Get(c)->GetId());
        }
        return ids;
    }

    /// Group \p k (from 0) as multicast routing sees it.
    static MulticastGroup GroupOf(const RunContext& run, std::size_t k)
    {
        const auto& spec = run.s.groups.all[k];
        MulticastGroup group;
        group.address = spec.address;
        group.source = run.network.Server()->GetId();
        group.members = HostIds(run, spec.members);
        group.rendezvous = run.s.delivery.rendezvous;
        group.senders = HostIds(run, spec.senders);
        group.sendersReachSource = false;
        return group;
    }

    /// Each group's dense-mode control traffic; the run's `dense` counts sums every group's.
    void CollectDense(const RunContext& run, ModeResult& result) const
    {
        if (!run.dense)
        {
            return;
        }
        auto& groups = result.groups.groups;
        groups.front().controlPackets = result.dense.controlPackets;
        groups.front().controlBytes = result.dense.controlBytes;
        for (std::size_t k = 0; k < m_denseTrackers.size(); ++k)
        {
            DenseModeCounts c = m_denseTrackers[k]->Finish();
            groups[k + 1].controlPackets = c.controlPackets;
            groups[k + 1].controlBytes = c.controlBytes;
            result.dense.prunes += c.prunes;
            result.dense.grafts += c.grafts;
            result.dense.graftAcks += c.graftAcks;
            result.dense.controlPackets += c.controlPackets;
            result.dense.controlBytes += c.controlBytes;
            result.dense.rpfDrops += c.rpfDrops;
        }
    }

    /// Every group's forwarding state on the routers, as the variant's protocol holds it.
    ForwardingState State(const RunContext& run) const
    {
        if (run.dense)
        {
            std::vector<Ptr<DenseMode>> all{run.dense};
            all.insert(all.end(), m_dense.begin(), m_dense.end());
            return CountForwardingState(run.network, all);
        }
        std::vector<Ipv4Address> addresses;
        for (const auto& group : run.s.groups.all)
        {
            addresses.push_back(group.address);
        }
        return CountForwardingState(run.spec.routing == MulticastRouting::DENSE
                                        ? MulticastRouting::FLOOD // no routers: nothing held
                                        : run.spec.routing,
                                    run.network, addresses);
    }

    ApplicationContainer m_sources;      //!< GroupSources: P1's, then the clients'
    ApplicationContainer m_sinks;        //!< GroupSinks on members
    std::vector<Ptr<DenseMode>> m_dense; //!< groups 2..G under dense mode
    std::vector<std::unique_ptr<DenseModeTracker>> m_denseTrackers; //!< as m_dense
    std::unique_ptr<GroupsTracker> m_tracker;
};

} // namespace

std::unique_ptr<RunFeature>
MakeGroupsFeature()
{
    return std::make_unique<GroupsFeature>();
}

} // namespace gcsim
